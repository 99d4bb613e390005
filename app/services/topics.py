"""Figure topics: each counted thing with its values across the articles, most disputed first.

A topic is `measure|group|place` (see app/link/figures.py). A row gathers every active figure of
a topic with the article that reports it, how far the values spread, and the numbers of a
small chart of how the value moved over the days; the template draws the chart.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import func
from sqlmodel import Session, col, select

from app.models import Article, Figure, Place, Story
from app.services.articles import range_reversed
from app.services.labels import label_of
from app.services.spellings import place_ids_for

QUALIFIER_WORDS = {
    "at_least": "at least",
    "more_than": "more than",
    "about": "about",
    "nearly": "nearly",
    "up_to": "up to",
    "range": "between",
    "exact": "",
}


def number_text(value: float) -> str:
    """1,300; 2.5: thousands grouped, at most two decimals."""
    return f"{value:,.0f}" if value == int(value) else f"{value:,.2f}".rstrip("0")


def show_value(
    value: float | None, value_high: float | None, qualifier: str, *, missing: str = "no number"
) -> str:
    """A figure's value as a reader says it: "at least 164", "5,800–6,000", "no number"."""
    if value is None:
        return missing
    if qualifier == "range" and value_high is not None:
        return f"{number_text(value)}–{number_text(value_high)}"
    words = QUALIFIER_WORDS.get(qualifier, "")
    return f"{words} {number_text(value)}".strip()


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


@dataclass(frozen=True)
class TopicValue:
    figure_id: int
    article_id: int
    text: str
    value: float | None
    value_high: float | None
    qualifier: str
    source: str
    label: str  # outlet, date and title (app/services/labels.py)
    article_title: str
    article_date: dt.date | None
    day: dt.date | None  # the day the figure refers to, else the article's date
    day_basis: str  # "refers to" | "article date" | "none"

    @property
    def shown(self) -> str:
        return show_value(self.value, self.value_high, self.qualifier)

    @property
    def top(self) -> float | None:
        return self.value_high if self.value_high is not None else self.value


@dataclass(frozen=True)
class ChartMark:
    figure_id: int
    x: float
    y: float
    shape: str  # circle | up | down | diamond | range | vague
    points: str  # polygon points for the triangle and diamond shapes
    y2: float  # the top of a range
    title: str


@dataclass(frozen=True)
class ChartTick:
    x: float
    label: str


@dataclass(frozen=True)
class Chart:
    width: int
    height: int
    marks: list[ChartMark]
    line: str  # polyline points through the highest value reported each day
    ticks: list[ChartTick]
    y_max_label: str
    y_high: float
    baseline: float
    top_band: float
    plot_left: float
    plot_right: float
    summary: str


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

    @property
    def articles(self) -> int:
        return len({v.article_id for v in self.values})

    @property
    def numbers(self) -> list[float]:
        return [v.value for v in self.values if v.value is not None]

    @property
    def low(self) -> float | None:
        return min(self.numbers, default=None)

    @property
    def high(self) -> float | None:
        tops = [v.top for v in self.values if v.top is not None]
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
        return len({(v.value, v.value_high, v.qualifier) for v in self.values})

    @property
    def disputed(self) -> bool:
        return self.articles > 1 and self.distinct > 1

    @property
    def range_text(self) -> str:
        low, high = self.low, self.high
        if low is None or high is None:
            return "no number"
        if low == high:
            return f"{low:,.0f}"
        return f"{low:,.0f}–{high:,.0f}"


def _place_names(session: Session, spelling: str) -> set[str]:
    ids = place_ids_for(session, spelling=spelling)
    names = set(session.exec(select(Place.name).where(col(Place.id).in_(ids)))) if ids else set()
    return {n.lower() for n in names} | {spelling.strip().lower()}


# The day a figure counts: the day it refers to, else its article's date.
_DAY = func.coalesce(Figure.ref_date, Article.date)


def figure_conditions(
    session: Session, *, filters: TopicFilters, with_dates: bool = True
) -> list[Any]:
    """The WHERE terms of the page's filters on `figure` joined to its `article` (all but
    the dates where `with_dates` is false)."""
    terms: list[Any] = [col(Figure.rejected).is_(False), Figure.topic != ""]
    if with_dates and filters.date_from:
        terms.append(filters.date_from <= _DAY)
    if with_dates and filters.date_to:
        terms.append(filters.date_to >= _DAY)
    if filters.story:
        terms.append(Article.story_id == filters.story)
    if filters.outlet:
        terms.append(col(Article.outlet).collate("NOCASE") == filters.outlet)
    if filters.measure:
        terms.append(Figure.measure == filters.measure)
    if filters.source:
        terms.append(Figure.source == filters.source)
    if filters.city:
        terms.append(func.lower(Figure.place).in_(_place_names(session, filters.city)))
    return terms


def filtered_figures(session: Session, *, filters: TopicFilters) -> Any:
    """The select of active figures with their articles that pass the page's filters."""
    return (
        select(Figure, Article)
        .join(Article, col(Article.id) == Figure.article_id)
        .where(*figure_conditions(session, filters=filters))
    )


def topic_values(session: Session, *, filters: TopicFilters) -> list[tuple[Figure, Article]]:
    """Active figures with their articles, filtered; one query (two with a city)."""
    if filters.reversed:
        return []
    query = filtered_figures(session, filters=filters)
    return [(f, a) for f, a in session.exec(query.order_by(col(Figure.id)))]


def count_undated(session: Session, *, filters: TopicFilters) -> int:
    """Figures a date filter cannot place (no day of their own, an undated article) that
    pass the other filters: said on the page rather than dropped without a word."""
    if not (filters.date_from or filters.date_to) or filters.reversed:
        return 0
    query = (
        select(func.count())
        .select_from(Figure)
        .join(Article, col(Article.id) == Figure.article_id)
        .where(*figure_conditions(session, filters=filters, with_dates=False), _DAY.is_(None))
    )
    return int(session.exec(query).one())


def group_topics(
    pairs: list[tuple[Figure, Article]], *, story_titles: Mapping[int, str] | None = None
) -> list[TopicRow]:
    rows: dict[tuple[int | None, str], TopicRow] = {}
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
        row.values.append(
            TopicValue(
                figure_id=figure.id or 0,
                article_id=article.id or 0,
                text=figure.text,
                value=figure.value,
                value_high=figure.value_high,
                qualifier=figure.qualifier,
                source=figure.source,
                label=label_of(article),
                article_title=article.title,
                article_date=article.date,
                day=day,
                day_basis=basis,
            )
        )
    out = list(rows.values())
    for row in out:
        row.values.sort(key=lambda v: (v.day or dt.date.max, v.label.lower(), v.figure_id))
        row.chart = build_chart(row)
    # Most disputed first: the relative spread of the values, then how many articles.
    out.sort(key=lambda r: (-r.spread, -int(r.disputed), -r.articles, r.topic))
    return out


def list_topics(session: Session, *, filters: TopicFilters) -> list[TopicRow]:
    titles = {sid: title for sid, title in session.exec(select(Story.id, Story.title)) if sid}
    return group_topics(topic_values(session, filters=filters), story_titles=titles)


def measure_choices(session: Session) -> list[str]:
    rows = session.exec(
        select(Figure.measure).where(col(Figure.rejected).is_(False)).distinct()
    ).all()
    return sorted(rows)


# -- the chart ---------------------------------------------------------------------------

_W, _H = 240, 84
_LEFT, _RIGHT, _TOP, _BOTTOM = 34.0, 8.0, 14.0, 16.0  # room for the labels
_S = 3.6  # half-size of a mark


def _polygon(shape: str, x: float, y: float) -> str:
    s = _S
    corners = {
        "up": [(x, y - s * 1.2), (x + s, y + s * 0.8), (x - s, y + s * 0.8)],
        "down": [(x, y + s * 1.2), (x + s, y - s * 0.8), (x - s, y - s * 0.8)],
        "diamond": [(x, y - s * 1.2), (x + s, y), (x, y + s * 1.2), (x - s, y)],
    }.get(shape, [])
    return " ".join(f"{a:.1f},{b:.1f}" for a, b in corners)


def _shape(v: TopicValue) -> str:
    if v.value is None:
        return "vague"
    if v.qualifier == "range" and v.value_high is not None:
        return "range"
    return {
        "at_least": "up",
        "more_than": "up",
        "nearly": "down",
        "up_to": "down",
        "about": "diamond",
    }.get(v.qualifier, "circle")


def build_chart(row: TopicRow) -> Chart:
    """Positions of every value: x the day (an even step per day that has values, undated
    last), y the value from zero; a vague value sits in a band at the top."""
    days = sorted({v.day for v in row.values if v.day is not None})
    slots: list[dt.date | None] = [*days]
    if any(v.day is None for v in row.values):
        slots.append(None)
    left, right = _LEFT + 6, _W - _RIGHT - 6
    step = (right - left) / (len(slots) - 1) if len(slots) > 1 else 0.0

    def slot_x(day: dt.date | None) -> float:
        return left + step * slots.index(day) if len(slots) > 1 else (left + right) / 2

    base, top = _H - _BOTTOM, _TOP + 6
    high = row.high or 0.0
    y_max = high * 1.1 if high > 0 else 1.0

    def y_of(value: float) -> float:
        return base - (base - top) * min(value, y_max) / y_max

    marks: list[ChartMark] = []
    per_slot: dict[dt.date | None, int] = defaultdict(int)
    best: dict[dt.date, float] = {}
    for v in row.values:
        nth = per_slot[v.day]
        per_slot[v.day] += 1
        # Values of one day fan out a little, so equal values stay countable.
        x = slot_x(v.day) + ((nth + 1) // 2) * 5.0 * (1 if nth % 2 else -1)
        shape = _shape(v)
        y = _TOP - 4 if shape == "vague" else y_of(v.value or 0.0)
        y2 = y_of(v.value_high) if shape == "range" and v.value_high is not None else y
        title = f"{v.shown} — {v.label}, {v.day or 'no date'}"
        marks.append(ChartMark(v.figure_id, x, y, shape, _polygon(shape, x, y), y2, title))
        if v.day is not None and v.top is not None:
            best[v.day] = max(best.get(v.day, 0.0), v.top)
    line = " ".join(f"{slot_x(d):.1f},{y_of(val):.1f}" for d, val in sorted(best.items()))
    if len(best) < 2:
        line = ""
    labels = [d.strftime("%-d %b") if d else "no date" for d in slots]
    shown_ticks = list(range(len(slots))) if len(slots) <= 4 else [0, len(slots) - 1]
    ticks = [ChartTick(slot_x(slots[i]), labels[i]) for i in shown_ticks]
    summary = f"{row.measure} {row.group} in {row.place}: " + "; ".join(
        f"{v.shown} ({v.label}, {v.day or 'no date'})" for v in row.values
    )
    return Chart(
        width=_W,
        height=_H,
        marks=marks,
        line=line,
        ticks=ticks,
        y_max_label=f"{high:,.0f}" if high else "",
        y_high=y_of(high),
        baseline=base,
        top_band=_TOP - 4,
        plot_left=_LEFT,
        plot_right=_W - _RIGHT,
        summary=summary,
    )
