"""What the reports of one count agree on, for the figure panel: the range of the values that
are reports of the count (a named part or a retracted figure is none), the earliest and latest
report (never a retracted or disputed figure), how many independent reports stand behind it
(copies of one wire story count once), and whether the values are a real dispute or a series.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from app.link.figures import invert
from app.services import topics
from app.services.reader_copies import CopyRef
from app.services.reader_data import FigureRecord
from app.services.reader_figures import show_value
from app.services.reader_segments import Segment
from app.services.reader_sources import distinct_sources
from app.services.topic_dispute import disagreement, series_text
from app.services.topic_values import TopicValue

# A report the text itself takes back or calls into doubt is never the latest word on a count.
_NOT_LATEST = frozenset({"retracted", "disputed"})

# A figure of the same topic and story that the linker left unlinked to this one: beyond the
# reports nearest in time that it weighs, or set apart as another event or another part of the
# count. Nothing is known of how the two compare, so it never joins this count's agreement.
UNLINKED = "unlinked"
UNLINKED_REASON = (
    "not compared with this figure: the linker weighs each figure against the reports nearest"
    " in time, and sets apart those it reads as another event or another part of the count"
)


@dataclass(slots=True)
class FigureRow:
    figure: FigureRecord
    article_id: int
    title: str
    outlet: str | None
    date: dt.date | None
    sentence: list[Segment]
    relation: str
    reason: str
    same_topic: bool
    copy: CopyRef | None = None  # the article this row's article copies, if it is a copy

    @property
    def value_text(self) -> str:
        f = self.figure
        return show_value(f.value, f.value_high, f.qualifier)

    @property
    def counts(self) -> bool:
        """A report of the count itself, compared with this figure: not a part beside it, nor
        a retracted figure."""
        return (
            self.same_topic
            and self.relation not in ("scope", UNLINKED)
            and self.figure.status != "retracted"
        )

    @property
    def day(self) -> dt.date | None:
        return self.figure.ref_date or self.date

    @property
    def family(self) -> int:
        return self.copy.family_id if self.copy else self.article_id


@dataclass(slots=True)
class Agreement:
    articles: int
    outlets: int  # distinct named outlets
    low: float | None
    high: float | None
    earliest: FigureRow | None
    latest: FigureRow | None
    sources: list[str]  # one spelling for each distinct source
    unsourced: int  # figures that cite no source
    reports: int = 0  # independent reports: copies of one text count once
    disputed: bool = False  # independent reports give values that cannot hold for one day
    movement: str = ""  # how the count moved over the days
    retracted: int = 0  # retracted reports of the count: not in the range
    parts: int = 0  # parts of the count its reports name: not in the range
    unlinked: int = 0  # reports of the topic the linker did not compare with this figure

    @property
    def set_apart_text(self) -> str:
        """ "1 retracted figure; 2 parts of the count" or nothing."""
        said = []
        if self.retracted:
            said.append(f"{self.retracted} retracted figure{'s' if self.retracted != 1 else ''}")
        if self.parts:
            said.append(
                f"{self.parts} part{'s' if self.parts != 1 else ''} of the count a report names"
            )
        if self.unlinked:
            n = self.unlinked
            said.append(f"{n} report{'s' if n != 1 else ''} of the topic not compared with it")
        return "; ".join(said)

    @property
    def spread(self) -> float | None:
        if self.low is None or self.high is None:
            return None
        return self.high - self.low

    @property
    def range_text(self) -> str:
        if self.low is None or self.high is None:
            return "no number given"
        if self.low == self.high:
            return topics.number_text(self.low)
        return f"{topics.number_text(self.low)} to {topics.number_text(self.high)}"

    @property
    def sources_text(self) -> str:
        who = f"{self.articles} article{'s' if self.articles != 1 else ''}"
        if self.outlets:
            who += f" ({self.outlets} named outlet{'s' if self.outlets != 1 else ''})"
        if self.reports and self.reports != self.articles:
            who += f", {self.reports} independent report{'s' if self.reports != 1 else ''}"
        n = len(self.sources)
        text = f"{who}, {n} distinct source{'s' if n != 1 else ''}"
        if self.sources:
            text += ": " + "; ".join(self.sources)
        if self.unsourced:
            text += f" — {self.unsourced} cite{'s' if self.unsourced == 1 else ''} none"
        return text


def _inv(rel: str) -> str:
    return invert(rel)


def _value(r: FigureRow) -> TopicValue:
    f = r.figure
    return TopicValue(
        figure_id=f.id, article_id=r.article_id, text="", value=f.value,
        value_high=f.value_high, qualifier=f.qualifier, source=f.source,
        label=r.outlet or r.title, article_title=r.title, article_date=r.date, day=r.day,
        day_basis="", status=f.status, family=r.family,
    )  # fmt: skip


def agree(rows: Sequence[FigureRow]) -> Agreement:
    """What the reports of one topic agree on: values, days, and how many sources stand behind."""
    counted = [r for r in rows if r.counts]
    lows = [r.figure.value for r in counted if r.figure.value is not None]
    highs = [
        r.figure.value_high if r.figure.value_high is not None else r.figure.value
        for r in counted
        if r.figure.value is not None
    ]
    # Reports in the order they were published; the day a count holds for is the series'.
    dated = sorted((r for r in counted if r.date), key=lambda r: (r.date, r.article_id))
    standing = [r for r in dated if r.figure.status not in _NOT_LATEST]
    outlets = {r.outlet.strip().lower() for r in counted if r.outlet and r.outlet.strip()}
    cited = [r.figure.source for r in counted if r.figure.source and r.figure.source != "unknown"]
    values = [_value(r) for r in counted]
    return Agreement(
        articles=len({r.article_id for r in counted}),
        outlets=len(outlets),
        low=min(lows) if lows else None,
        high=max(h for h in highs if h is not None) if highs else None,
        earliest=dated[0] if dated else None,
        latest=standing[-1] if len(dated) > 1 and standing else None,
        sources=distinct_sources(cited),
        unsourced=len(counted) - len(cited),
        reports=len({r.family for r in counted}),
        disputed=disagreement(values) > 0,
        movement=series_text(values),
        retracted=sum(r.same_topic and r.figure.status == "retracted" for r in rows),
        parts=sum(r.same_topic and r.relation == "scope" for r in rows),
        unlinked=sum(r.relation == UNLINKED for r in rows),
    )


def with_copies(rows: Sequence[FigureRow], copies: Mapping[int, CopyRef]) -> None:
    for r in rows:
        r.copy = copies.get(r.article_id)
