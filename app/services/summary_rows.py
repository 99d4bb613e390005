"""The rows of the figures overview and the stories list as they are stored between link runs:
what the pages show of a topic or a story, in JSON, and back.

A stored topic keeps its first `VALUES_KEPT` values (a wire text reprinted a hundred times
would make one row a page long) with the number left out, and every number the row shows
worked out over all of its values, so a page never needs the rest.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from dataclasses import dataclass, field
from typing import Any

from app.services.topic_chart import Chart, ChartMark, ChartTick
from app.services.topics import TopicRow, TopicValue

VALUES_KEPT = 12


@dataclass
class ShownTopic:
    """A topic row of one story as the figures overview and the stories list show it."""

    topic: str
    measure: str
    group: str
    place: str
    kind: str
    story_id: int | None = None
    story_title: str | None = None
    disagreement: float = 0.0
    series: str = ""
    articles: int = 0
    reports: int = 0
    distinct: int = 0
    range_text: str = ""
    sources_text: str = ""
    shown: list[str] = field(default_factory=list)  # the counted values in words, once each
    values: list[TopicValue] = field(default_factory=list)  # the first VALUES_KEPT
    more: int = 0  # values beyond those kept
    chart: Chart | None = None
    first_figure: int = 0  # the first counted figure: its panel lists every report


def shown_topic(row: TopicRow, *, with_values: bool = True) -> ShownTopic:
    """The row as the overview shows it; without its values, chart and story as a story's
    entry in the list of stories shows it."""
    counted = row.counted
    return ShownTopic(
        topic=row.topic,
        measure=row.measure,
        group=row.group,
        place=row.place,
        kind=row.kind,
        story_id=row.story_id,
        story_title=row.story_title if with_values else None,
        disagreement=row.disagreement,
        series=row.series,
        articles=row.articles,
        reports=row.reports,
        distinct=row.distinct,
        range_text=row.range_text,
        sources_text=row.sources_text,
        shown=list(dict.fromkeys(v.shown for v in counted)),
        values=row.values[:VALUES_KEPT] if with_values else [],
        more=max(0, len(row.values) - VALUES_KEPT) if with_values else 0,
        chart=row.chart if with_values else None,
        first_figure=counted[0].figure_id if counted else 0,
    )


def _plain(value: Any) -> Any:
    if isinstance(value, dt.date):
        return value.isoformat()
    raise TypeError(f"{type(value).__name__} is not stored")


def to_json(item: Any) -> str:
    return json.dumps(dataclasses.asdict(item), default=_plain, ensure_ascii=False)


def _day(text: str | None) -> dt.date | None:
    return dt.date.fromisoformat(text) if text else None


def _value(d: dict[str, Any]) -> TopicValue:
    return TopicValue(**{**d, "article_date": _day(d["article_date"]), "day": _day(d["day"])})


def _chart(d: dict[str, Any] | None) -> Chart | None:
    if d is None:
        return None
    return Chart(
        **{
            **d,
            "marks": [ChartMark(**m) for m in d["marks"]],
            "ticks": [ChartTick(**t) for t in d["ticks"]],
        }
    )


def topic_from(d: dict[str, Any]) -> ShownTopic:
    return ShownTopic(
        **{**d, "values": [_value(v) for v in d["values"]], "chart": _chart(d["chart"])}
    )


def topic_from_json(text: str) -> ShownTopic:
    return topic_from(json.loads(text))


@dataclass(frozen=True)
class StoryArticle:
    id: int
    label: str


@dataclass
class ShownStory:
    """A story as the list of stories shows it: its first articles, its disputed figures, its
    series and the other events its reports mention (the first few of each, with how many)."""

    id: int | None  # None: the articles that belong to no story
    label: str
    count: int = 0  # its articles
    span: str = ""
    topics: int = 0
    articles: list[StoryArticle] = field(default_factory=list)  # the first ARTICLES_KEPT
    disputed: list[ShownTopic] = field(default_factory=list)
    series: list[ShownTopic] = field(default_factory=list)
    others: list[ShownTopic] = field(default_factory=list)
    more_others: int = 0

    @property
    def more_articles(self) -> int:
        return self.count - len(self.articles)

    @property
    def compare_ids(self) -> str:
        return ",".join(str(a.id) for a in self.articles[:4])


def story_from_json(text: str) -> ShownStory:
    d = json.loads(text)
    return ShownStory(
        **{
            **d,
            "articles": [StoryArticle(**a) for a in d["articles"]],
            **{k: [topic_from(t) for t in d[k]] for k in ("disputed", "series", "others")},
        }
    )
