"""Figure topics and matches: the same count in other articles of a story, and how they relate.

A topic is `measure|group|place`: figures of any article with the same three share it and
are linked whatever their values. Beside those, a figure is linked as `scope` to a figure
of the same measure whose topic is wider (a city's toll beside the country's, a subset of
people beside the total). Qualifiers are read as ranges, so "164" and "at least 164"
agree, and "5,800" and "nearly 6,000" do too.
"""

from __future__ import annotations

import bisect
import datetime as dt
import math
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from itertools import combinations

from sqlalchemy import delete, insert, update
from sqlmodel import Session, col, select

from app.extract.figure_context import PAST_GROUP
from app.models import Article, Figure, Link, Place

_GROUP_CLASSES: tuple[tuple[str, frozenset[str]], ...] = (
    (
        "security forces",
        frozenset(
            [
                "police",
                "policemen",
                "policeman",
                "officers",
                "officer",
                "agents",
                "agent",
                "soldiers",
                "soldier",
                "troops",
                "servicemen",
                "serviceman",
                "guards",
                "guard",
                "security",
                "forces",
                "army",
                "military",
                "gendarmes",
                "gendarmerie",
                "personnel",
                "law",
                "enforcement",
            ]
        ),
    ),
    (
        "protesters",
        frozenset(
            [
                "protesters",
                "protester",
                "demonstrators",
                "demonstrator",
                "rioters",
                "rioter",
                "criminals",
                "militants",
                "militant",
                "troublemakers",
                "terrorists",
                "insurgents",
                "bandits",
                "looters",
                "opponents",
                "gunmen",
                "attackers",
                "extremists",
            ]
        ),
    ),
    ("civilians", frozenset(["civilians", "civilian", "residents", "bystanders", "passers-by"])),
    ("children", frozenset(["children", "child", "minors", "kids"])),
)
_TOTAL = frozenset(
    {"", "total", "people", "persons", "person", "individuals", "all", "others", "other people"}
)
# How far a vague qualifier stretches a value, as a share of it.
_ABOUT = 0.1
_NEARLY = 0.1


def normalise_group(group: str) -> str:
    """One name for each kind of counted people; other groups as written, lower case."""
    text = group.strip().lower()
    if text.startswith("additional "):
        # An addition to a count ("three more bodies") is not the count itself.
        return "additional " + normalise_group(text.removeprefix("additional "))
    past = PAST_GROUP.search(text)
    if past:
        # A past event's count ("170,000 in 2004") stays apart from today's.
        return normalise_group(text[: past.start()]) + past.group()
    if text in _TOTAL:
        return "total"
    words = set(re.findall(r"[a-z-]+", text))
    if "foreign" in words or (
        words & {"troops", "paratroopers", "contingent", "peacekeepers"}
        and not words & {"security", "police"}
    ):
        return text  # foreign or named troops are their own group, as written
    for name, vocab in _GROUP_CLASSES:
        if words & vocab:
            return name
    return text


def topic_of(measure: str, group: str, place: str | None) -> str:
    return f"{measure}|{normalise_group(group)}|{place or 'unknown'}"


@dataclass(frozen=True)
class FigureRef:
    id: int
    article_id: int
    story_id: int | None
    measure: str
    group: str
    place: str | None
    value: float | None
    value_high: float | None
    qualifier: str
    day: dt.date | None  # the day the figure refers to, else its article's date
    day_stated: bool = False  # True when the text names the day of the figure

    @property
    def topic(self) -> str:
        return topic_of(self.measure, self.group, self.place)


def interval(value: float, value_high: float | None, qualifier: str) -> tuple[float, float]:
    """What a qualified value admits, as a closed range."""
    if qualifier == "at_least":
        return value, math.inf
    if qualifier == "more_than":
        return value + 1e-9, math.inf
    if qualifier == "about":
        return value * (1 - _ABOUT), value * (1 + _ABOUT)
    if qualifier == "nearly":
        return value * (1 - _NEARLY), value
    if qualifier == "up_to":
        return 0.0, value
    if qualifier == "range" and value_high is not None:
        return value, value_high
    return value, value


def _show(f: FigureRef) -> str:
    words = {
        "at_least": "at least ",
        "more_than": "more than ",
        "about": "about ",
        "nearly": "nearly ",
        "up_to": "up to ",
    }
    if f.value is None:
        return "a vague amount"
    if f.qualifier == "range" and f.value_high is not None:
        return f"{f.value:,.0f}–{f.value_high:,.0f}"
    return f"{words.get(f.qualifier, '')}{f.value:,.0f}"


def relation(a: FigureRef, b: FigureRef) -> tuple[str, str]:
    """How b's value stands to a's, with a one-line reason."""
    if a.value is None or b.value is None:
        return "about", "one of the two gives no number, only an order of size"
    lo_a, hi_a = interval(a.value, a.value_high, a.qualifier)
    lo_b, hi_b = interval(b.value, b.value_high, b.qualifier)
    compatible = lo_a <= hi_b and lo_b <= hi_a
    if compatible and a.value == b.value:
        return "same", "the same value" if a.qualifier == b.qualifier else (
            f"{_show(a)} and {_show(b)} are compatible"
        )
    if a.day and b.day and a.day != b.day:
        # Two days, two values: the count moved, even where the ranges would overlap.
        if b.day > a.day:
            return "later", f"{_show(b)} on {b.day} after {_show(a)} on {a.day}: the count moved"
        return "earlier", f"{_show(b)} on {b.day} before {_show(a)} on {a.day}: the count moved"
    if compatible:
        return "same", f"{_show(a)} and {_show(b)} are compatible"
    when = f"on {a.day}" if a.day else "with no day stated"
    return "differs", f"{_show(a)} against {_show(b)}, both {when}"


INVERSE = {"earlier": "later", "later": "earlier"}


def invert(rel: str) -> str:
    return INVERSE.get(rel, rel)


def _wider(a: FigureRef, b: FigureRef, is_country: Callable[[str], bool]) -> bool:
    """b counts a wider set than a: the country around a city, or a total around a group."""
    ga, gb = normalise_group(a.group), normalise_group(b.group)
    pa, pb = a.place or "", b.place or ""
    place_within = pa == pb or (is_country(pb) and not is_country(pa))
    group_within = ga == gb or (gb == "total" and not PAST_GROUP.search(ga))
    # Both may widen at once: "two workers killed in Philadelphia" beside "two killed" in
    # the United States.
    return place_within and group_within and (pa, ga) != (pb, gb)


@dataclass(frozen=True)
class FigureLink:
    a_id: int
    b_id: int
    relation: str  # how b stands to a
    reason: str


def link_figures(
    refs: Iterable[FigureRef], *, is_country: Callable[[str], bool]
) -> list[FigureLink]:
    """Links between figures of different articles of the same story; never across stories."""
    by_story: dict[int | None, list[FigureRef]] = defaultdict(list)
    for r in refs:
        if r.story_id is not None:
            by_story[r.story_id].append(r)
    out: list[FigureLink] = []
    for figures in by_story.values():
        out.extend(_link_story(figures, is_country))
    return out


# Beyond this many figures of one topic on either side, a figure links to the nearest ones in
# time only: a story of hundreds of copies must not write a quadratic number of links.
MAX_PARTNERS = 40


def _order(f: FigureRef) -> tuple[int, int]:
    return (f.day.toordinal() if f.day else 0, f.article_id)


def _near_pairs(members: Sequence[FigureRef]) -> Iterable[tuple[FigureRef, FigureRef]]:
    ordered = sorted(members, key=_order)
    for i, a in enumerate(ordered):
        for b in ordered[i + 1 : i + 1 + MAX_PARTNERS]:
            yield a, b


def _near_across(
    narrow: Sequence[FigureRef], wide: Sequence[FigureRef]
) -> Iterable[tuple[FigureRef, FigureRef]]:
    ordered = sorted(wide, key=_order)
    keys = [_order(w) for w in ordered]
    for a in narrow:
        at = bisect.bisect_left(keys, _order(a))
        lo = max(0, at - MAX_PARTNERS // 2)
        for b in ordered[lo : lo + MAX_PARTNERS]:
            yield a, b


def _link_story(
    figures: Sequence[FigureRef], is_country: Callable[[str], bool]
) -> list[FigureLink]:
    out: list[FigureLink] = []
    by_topic: dict[str, list[FigureRef]] = defaultdict(list)
    for f in figures:
        by_topic[f.topic].append(f)
    for members in by_topic.values():
        for a, b in _near_pairs(members):
            if a.article_id != b.article_id:
                rel, reason = relation(a, b)
                out.append(FigureLink(a.id, b.id, rel, reason))
    # Scope: only between topics of one measure, so this stays small.
    by_measure: dict[str, list[str]] = defaultdict(list)
    for topic, members in by_topic.items():
        by_measure[members[0].measure].append(topic)
    for topics in by_measure.values():
        for ta, tb in combinations(topics, 2):
            a0, b0 = by_topic[ta][0], by_topic[tb][0]
            if _wider(a0, b0, is_country):
                narrow, wide = ta, tb
            elif _wider(b0, a0, is_country):
                narrow, wide = tb, ta
            else:
                continue
            for a, b in _near_across(by_topic[narrow], by_topic[wide]):
                if a.article_id != b.article_id:
                    out.append(
                        FigureLink(a.id, b.id, "scope", f"{b.topic} is wider than {a.topic}")
                    )
    return out


def own_time(group: str, story_year: int | None) -> str:
    """A group dated to a past year ("total in 2010") is the story's own count when the
    story's reports reach back to that year (a trial two years on); else it stays apart."""
    past = PAST_GROUP.search(group)
    if past is None or story_year is None:
        return group
    if int(past.group()[-4:]) >= story_year:
        return group[: past.start()]
    return group


def relink_figures(session: Session) -> int:
    """Set every figure's topic and rewrite the figure links from scratch."""
    # A country counts as one whether the text names it or only its cities.
    countries = set(session.exec(select(Place.name).where(Place.kind == "country")))
    countries |= {c for c in session.exec(select(Place.country)) if c}
    rows = session.exec(
        select(Figure, col(Article.story_id), col(Article.date))
        .join(Article, col(Article.id) == Figure.article_id)
        .where(col(Figure.rejected).is_(False))
    ).all()
    first_year: dict[int, int] = {}
    for _figure, story_id, article_date in rows:
        if story_id is not None and article_date is not None:
            first_year[story_id] = min(first_year.get(story_id, 9999), article_date.year)
    refs = []
    topics = []
    for figure, story_id, article_date in rows:
        assert figure.id is not None
        ref = FigureRef(
            id=figure.id,
            article_id=figure.article_id,
            story_id=story_id,
            measure=figure.measure,
            group=own_time(figure.group, first_year.get(story_id or 0)),
            place=figure.place,
            value=figure.value,
            value_high=figure.value_high,
            qualifier=figure.qualifier,
            day=figure.ref_date or article_date,
            day_stated=figure.ref_date is not None,
        )
        refs.append(ref)
        if figure.topic != ref.topic:
            topics.append({"id": figure.id, "topic": ref.topic})
    if topics:
        session.execute(update(Figure), topics)
    session.execute(delete(Link).where(col(Link.kind) == "figure"))
    links = link_figures(refs, is_country=countries.__contains__)
    if links:
        session.execute(
            insert(Link),
            [
                {
                    "kind": "figure",
                    "a_id": k.a_id,
                    "b_id": k.b_id,
                    "relation": k.relation,
                    "reason": k.reason,
                    "score": 1.0,
                    "rejected": False,
                }
                for k in links
            ],
        )
    return len(links)
