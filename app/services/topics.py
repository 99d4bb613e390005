"""Figure topics: each counted thing with its values across the articles.

A topic is `measure|group|place` (see app/link/figures.py). A row gathers every active figure of
a topic within one story with the article that reports it. Only the topic's own counts weigh:
a part its article names of a total (two of the five killed) and a retracted figure are listed
but never widen the spread or mark the chart. Rows come in the order a journalist needs them:
real disputes first (values that cannot both hold for one day, from independent reports), then
counts that moved over the days (a series, not a dispute), then the agreed and the single ones;
another event's figures (a roundup, an earlier incident) stand apart.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import func, union
from sqlmodel import Session, col, select

from app.backend import equals_any_case, in_any_case
from app.link.figures import OTHER_EVENT, piece_ids
from app.models import Article, ArticleCopy, Figure, FigurePart, Place, Story
from app.services.articles import range_reversed
from app.services.distinct import distinct_values
from app.services.labels import label_of
from app.services.spellings import place_ids_for
from app.services.topic_chart import Chart, build_chart
from app.services.topic_dispute import disagreement, series_text
from app.services.topic_pairs import FigureLike, Pair, pairs_query, read_pairs
from app.services.topic_values import (
    COUNT,
    PART,
    QUALIFIER_WORDS,
    RETRACTED,
    TopicValue,
    article_label,
    number_text,
    show_value,
)

__all__ = [
    "QUALIFIER_WORDS",
    "TopicFilters",
    "TopicRow",
    "TopicValue",
    "article_label",
    "group_topics",
    "list_topics",
    "number_text",
    "show_value",
]


@dataclass(frozen=True)
class TopicFilters:
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    city: str | None = None  # any spelling of the place the figure counts in
    story: int | None = None
    outlet: str | None = None
    measure: str | None = None
    source: str | None = None  # who is said to have stated the figure

    @property
    def reversed(self) -> bool:
        return range_reversed(self.date_from, self.date_to)

    @property
    def active(self) -> bool:
        return any(v is not None for v in dataclasses.astuple(self))


@dataclass
class TopicRow:
    topic: str
    measure: str
    group: str
    place: str
    values: list[TopicValue] = field(default_factory=list)
    chart: Chart | None = None
    # A row is one topic within one story: the tolls of two events in one country are two
    # counts, not one disputed count.
    story_id: int | None = None
    story_title: str | None = None
    disagreement: float = 0.0  # the widest gap between same-day values of different reports
    series: str = ""  # how the count moved over the days, in words

    @property
    def counted(self) -> list[TopicValue]:
        """The values that are reports of this count: no parts, nothing retracted."""
        return [v for v in self.values if v.role == COUNT]

    @property
    def set_apart(self) -> list[TopicValue]:
        return [v for v in self.values if v.role != COUNT]

    @property
    def other_event(self) -> bool:
        """Another event's count (its topic is marked so: app/link/figures.py topic_of)."""
        return OTHER_EVENT in self.topic

    @property
    def articles(self) -> int:
        return len({v.article_id for v in self.counted})

    @property
    def reports(self) -> int:
        """Independent reports: the copies of one text count once."""
        return len({v.family for v in self.counted})

    @property
    def numbers(self) -> list[float]:
        return [v.value for v in self.counted if v.value is not None]

    @property
    def low(self) -> float | None:
        return min(self.numbers, default=None)

    @property
    def high(self) -> float | None:
        tops = [v.top for v in self.counted if v.top is not None]
        return max(tops, default=None)

    @property
    def spread(self) -> float:
        """How far apart the values are, relative to the highest: 0 when they agree."""
        low, high = self.low, self.high
        if low is None or high is None or high <= 0:
            return 0.0
        return (high - low) / high

    @property
    def distinct(self) -> int:
        return len({(v.value, v.value_high, v.qualifier) for v in self.counted})

    @property
    def disputed(self) -> bool:
        """Independent reports give values that cannot both hold for the same time."""
        return self.disagreement > 0

    @property
    def kind(self) -> str:
        """other | disputed | series | agreed | single: where the row is listed."""
        if self.other_event:
            return "other"
        if self.disputed:
            return "disputed"
        if self.series:
            return "series"
        return "agreed" if self.articles > 1 else "single"

    @property
    def range_text(self) -> str:
        low, high = self.low, self.high
        if low is None or high is None:
            return "no number"
        if low == high:
            return f"{low:,.0f}"
        return f"{low:,.0f}–{high:,.0f}"

    @property
    def sources_text(self) -> str:
        """ "5 articles, 2 independent reports" when some are copies of one text."""
        n = self.articles
        text = f"{n} article{'s' if n != 1 else ''}"
        if self.reports != n:
            text += f", {self.reports} independent report{'s' if self.reports != 1 else ''}"
        return text


_KIND_ORDER = {"disputed": 0, "series": 1, "agreed": 2, "single": 3, "other": 4}


def place_names(session: Session, spelling: str) -> set[str]:
    """The names, in lower case, that a figure's place may have for the city filter."""
    ids = place_ids_for(session, spelling=spelling)
    names = set(session.exec(select(Place.name).where(col(Place.id).in_(ids)))) if ids else set()
    return {n.lower() for n in names} | {spelling.strip().lower()}


def place_key(place: str) -> str:
    """A topic's place as the city filter compares it: lower case, "" for none."""
    return "" if place == "unknown" else place.lower()


def _of_days(start: dt.date | None, end: dt.date | None) -> Any:
    """The ids of the figures whose day (the day a figure refers to, else its article's date)
    is in the range: those that name a day in it, by their own index, and the figures of the
    articles of those days whose day is in it too, by the articles' index (the day as one
    expression has no index: it would read every figure)."""

    def within(column: Any) -> list[Any]:
        return [t for t in (start and column >= start, end and column <= end) if t is not None]

    day = func.coalesce(Figure.ref_date, Article.date)
    named = select(Figure.id).where(*within(col(Figure.ref_date)))
    dated = (
        select(Figure.id)
        .join(Article, col(Article.id) == Figure.article_id)
        .where(*within(col(Article.date)), *within(day))
    )
    return union(named, dated)


def figure_conditions(
    session: Session, *, filters: TopicFilters, with_dates: bool = True
) -> list[Any]:
    """The WHERE terms of the page's filters on `figure` joined to its `article` (all but
    the dates where `with_dates` is false)."""
    terms: list[Any] = [col(Figure.rejected).is_(False), Figure.topic != ""]
    if with_dates and (filters.date_from or filters.date_to):
        terms.append(col(Figure.id).in_(_of_days(filters.date_from, filters.date_to)))
    if filters.story:
        terms.append(Article.story_id == filters.story)
    if filters.outlet:
        terms.append(equals_any_case(col(Article.outlet), filters.outlet))
    if filters.measure:
        terms.append(Figure.measure == filters.measure)
    if filters.source:
        terms.append(Figure.source == filters.source)
    if filters.city:
        terms.append(in_any_case(col(Figure.place), place_names(session, filters.city)))
    return terms


def topic_values(
    session: Session, *, filters: TopicFilters, latest: int | None = None
) -> list[Pair]:
    """Active figures with their articles, filtered (the `latest` last stored of them only);
    one query (two with a city)."""
    if filters.reversed:
        return []
    query = pairs_query(*figure_conditions(session, filters=filters))
    if latest is not None:
        found = read_pairs(session, query.order_by(col(Figure.id).desc()).limit(latest))
        return found[::-1]
    return read_pairs(session, query.order_by(col(Figure.id)))


@dataclass(frozen=True)
class TopicContext:
    """What the rows need beyond the figures: the named parts, and the families of copies."""

    parts: tuple[tuple[int, int], ...] = ()  # (whole, part) figure ids
    families: Mapping[int, int] = field(default_factory=dict)  # copy article → first of family


def topic_context(session: Session) -> TopicContext:
    """Two small tables read whole: the named parts and the copies."""
    parts = tuple(session.exec(select(FigurePart.figure_id, FigurePart.part_id)).all())
    families = dict(session.exec(select(ArticleCopy.article_id, ArticleCopy.family_id)).all())
    return TopicContext(parts, families)


def context_of(
    session: Session, figure_ids: Collection[int], article_ids: Collection[int]
) -> TopicContext:
    """The named parts among these figures and the copies among these articles only: for a
    page that shows a few topics of a large database (the parts a row needs are of the same
    topic and article as their whole, so both are among its figures)."""
    parts = session.exec(
        select(FigurePart.figure_id, FigurePart.part_id)
        .where(col(FigurePart.figure_id).in_(figure_ids))
        .limit(len(figure_ids) * 20)
    ).all()
    families = session.exec(
        select(ArticleCopy.article_id, ArticleCopy.family_id)
        .where(col(ArticleCopy.article_id).in_(article_ids))
        .limit(len(article_ids))
    ).all()
    return TopicContext(tuple(parts), dict(families))


def _role(figure: FigureLike, pieces: set[int]) -> str:
    if figure.status == "retracted":
        return RETRACTED
    return PART if figure.id in pieces else COUNT


def group_topics(
    pairs: Sequence[Pair],
    *,
    story_titles: Mapping[int, str] | None = None,
    context: TopicContext | None = None,
    charts: bool = True,
) -> list[TopicRow]:
    """The rows of these figures, in the overview's order. Without `charts`, a page that
    shows a few of many rows draws theirs alone (`add_chart`)."""
    context = context or TopicContext()
    keys = {f.id: (f.article_id, f.topic, f.value) for f, _ in pairs if f.id is not None}
    pieces = piece_ids(keys, context.parts)
    rows: dict[tuple[int | None, str], TopicRow] = {}
    # An article reports several figures: its label is worked out once.
    labels: dict[int, str] = {}
    for figure, article in pairs:
        key = (article.story_id, figure.topic)
        row = rows.get(key)
        if row is None:
            measure, group, place = ([*figure.topic.split("|"), "", "", ""])[:3]
            row = rows[key] = TopicRow(figure.topic, measure, group, place)
            row.story_id = article.story_id
            if article.story_id is not None and story_titles:
                row.story_title = story_titles.get(article.story_id)
        day, basis = (
            (figure.ref_date, "refers to")
            if figure.ref_date
            else (article.date, "article date")
            if article.date
            else (None, "none")
        )
        article_id = article.id or 0
        row.values.append(
            TopicValue(
                figure_id=figure.id or 0,
                article_id=article_id,
                text=figure.text,
                value=figure.value,
                value_high=figure.value_high,
                qualifier=figure.qualifier,
                source=figure.source,
                label=labels.get(article_id) or labels.setdefault(article_id, label_of(article)),
                article_title=article.title,
                article_date=article.date,
                day=day,
                day_basis=basis,
                status=figure.status,
                role=_role(figure, pieces),
                family=context.families.get(article_id, article_id),
            )
        )
    out = list(rows.values())
    for row in out:
        row.values.sort(key=lambda v: (v.day or dt.date.max, v.label.lower(), v.figure_id))
        counted = row.counted
        if charts:
            add_chart(row)
        row.disagreement = disagreement(counted)
        row.series = series_text(counted)
    out.sort(key=_rank)
    return out


def add_chart(row: TopicRow) -> None:
    row.chart = build_chart(row.counted, f"{row.measure} {row.group} in {row.place}")


def _rank(r: TopicRow) -> tuple[int, float, int, str]:
    """Real disagreement first, widest gap first; then series and agreement, most reports."""
    return (_KIND_ORDER[r.kind], -r.disagreement, -r.reports, r.topic)


def list_topics(session: Session, *, filters: TopicFilters) -> list[TopicRow]:
    titles = {sid: title for sid, title in session.exec(select(Story.id, Story.title)) if sid}
    pairs = topic_values(session, filters=filters)
    return group_topics(pairs, story_titles=titles, context=topic_context(session))


def rows_of_kind(rows: Iterable[TopicRow], kind: str) -> list[TopicRow]:
    return [r for r in rows if r.kind == kind]


def measure_choices(session: Session) -> list[str]:
    return distinct_values(session, "figure", "measure", "rejected = FALSE")
