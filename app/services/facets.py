"""Facets: the most frequent outlets, measures, places, sources and stories among what a page
shows, each with its count, for links that narrow the page to one of them (as datasette's).

Every count is one grouped query with a LIMIT over indexed columns (the composite indexes in
app/models.py): without filters a facet reads one index from end to end and never the rows;
with filters, other tables are narrowed to the filtered articles through their article index.
Only the few values shown reach Python. The counts of a page are kept while the data stays
the same (app/generation.py), and a page's facets share a time budget: a count still running
when it is spent is stopped, and its facet says so, so that a filter matching most of a large
database never holds the page up. A filtered figures page is counted from one read of its
figures, or from the counts stored for a large filter, instead (app/services/facet_rows.py).
"""

from __future__ import annotations

import dataclasses
import json
import time
from dataclasses import dataclass
from typing import Any

from sqlalchemy import String, func, text
from sqlalchemy.exc import OperationalError
from sqlmodel import Session, col, select

from app.backend import is_sqlite
from app.generation import current_generation
from app.lru import LRU
from app.models import Article, FacetSummary, Figure, Place, PlaceMention, Story
from app.services.articles import ArticleFilters, article_conditions
from app.services.facet_rows import count_figures, stored_counts, top_pairs
from app.services.stories import story_label
from app.services.topics import TopicFilters, figure_conditions, place_names

FACET_SIZE = 8
Pairs = list[tuple[Any, int]]


@dataclass(frozen=True)
class FacetValue:
    value: str  # as it goes in the URL
    label: str
    count: int


@dataclass(frozen=True)
class Facet:
    param: str  # the URL parameter a value sets
    title: str
    values: list[FacetValue]  # the most frequent first, without the selected one
    more: bool  # there are values beyond those shown
    selected: str | None = None  # the filter the page has for this parameter
    selected_label: str | None = None
    selected_count: int | None = None
    counted: bool = True  # False: the count did not finish within the page's time


class _Budget:
    """The time the counts of one page may take together (None: no limit)."""

    def __init__(self, session: Session, ms: int | None) -> None:
        self.session = session
        self.deadline = float("inf") if ms is None else time.monotonic() + ms / 1000
        self.spent = False

    def top(self, query: Any, size: int) -> Pairs | None:
        """(value, count) pairs of a grouped query, the most frequent first, at most size + 1;
        None when the time ran out."""
        column = query.selected_columns[0]
        query = query.where(column.is_not(None))
        if isinstance(column.type, String):  # PostgreSQL compares no number with ""
            query = query.where(column != "")
        query = query.order_by(func.count().desc(), column).limit(size + 1)
        if time.monotonic() >= self.deadline:
            self.spent = True
            return None
        if not is_sqlite(self.session):
            return self._top_postgres(query)
        raw: Any = self.session.connection().connection.driver_connection
        raw.set_progress_handler(lambda: time.monotonic() > self.deadline, 20_000)
        try:
            return [(v, int(n)) for v, n in self.session.exec(query)]
        except OperationalError as exc:
            if "interrupted" not in str(exc):
                raise
            self.spent = True
            return None
        finally:
            raw.set_progress_handler(None, 0)

    def _top_postgres(self, query: Any) -> Pairs | None:
        """PostgreSQL stops a statement past its statement_timeout; the count runs in a
        savepoint, so that a stopped one leaves the page's transaction usable."""
        if self.deadline == float("inf"):
            return [(v, int(n)) for v, n in self.session.exec(query)]
        left_ms = max(1, int((self.deadline - time.monotonic()) * 1000))
        savepoint = self.session.begin_nested()
        try:
            self.session.execute(text(f"SET LOCAL statement_timeout = {left_ms}"))
            pairs = [(v, int(n)) for v, n in self.session.exec(query)]
            self.session.execute(text("SET LOCAL statement_timeout = 0"))
        except OperationalError as exc:
            savepoint.rollback()
            if "statement timeout" not in str(exc):
                raise
            self.spent = True
            return None
        savepoint.commit()
        return pairs


def _facet(
    param: str,
    title: str,
    pairs: Pairs | None,
    size: int,
    selected: str | int | None,
    labels: dict[Any, str] | None = None,
) -> Facet:
    def label(v: Any) -> str:
        return (labels or {}).get(v, str(v))

    chosen = None if selected is None else str(selected)
    values, hit = [], None
    for v, n in (pairs or [])[:size]:
        if chosen is not None and str(v).lower() == chosen.lower():
            hit = FacetValue(str(v), label(v), n)
        else:
            values.append(FacetValue(str(v), label(v), n))
    return Facet(
        param=param,
        title=title,
        values=values,
        more=len(pairs or []) > size,
        selected=chosen,
        selected_label=hit.label if hit else (label(selected) if chosen else None),
        selected_count=hit.count if hit else None,
        counted=pairs is not None,
    )


def _story_labels(session: Session, pairs: Pairs | None, selected: int | None) -> dict[Any, str]:
    """The titles of the stories counted, and of the one filtered on, counted or not (a
    story whose figures the other filters leave out is still named, not numbered)."""
    ids = [v for v, _ in pairs or []] + ([selected] if selected is not None else [])
    stories = session.exec(select(Story).where(col(Story.id).in_(ids))).all() if ids else []
    return {s.id: story_label(s) for s in stories}


def _place_names(session: Session, pairs: Pairs | None) -> Pairs | None:
    if pairs is None:
        return None
    ids = [v for v, _ in pairs]
    names = dict(session.exec(select(Place.id, Place.name).where(col(Place.id).in_(ids))).all())
    return [(names[v], n) for v, n in pairs if v in names]


def _five(
    session: Session,
    filters: ArticleFilters | TopicFilters,
    size: int,
    counts: tuple[Pairs | None, Pairs | None, Pairs | None, Pairs | None, Pairs | None],
) -> list[Facet]:
    """The facets of a page, in the order shown, from the counts of outlets, measures,
    places, sources and stories."""
    outlets, measures, places, sources, stories = counts
    return [
        _facet("outlet", "Outlet", outlets, size, filters.outlet),
        _facet("measure", "Measure", measures, size, filters.measure),
        _facet("city", "Place", places, size, filters.city),
        _facet("source", "Source", sources, size, filters.source),
        _facet(
            "story",
            "Story",
            stories,
            size,
            filters.story,
            _story_labels(session, stories, filters.story),
        ),
    ]


def _article_facets(
    session: Session, filters: ArticleFilters, size: int, ms: int | None
) -> list[Facet]:
    budget = _Budget(session, ms)
    terms = article_conditions(session, filters=filters)
    # Other tables are narrowed to the filtered articles; without filters, no subquery.
    ids = select(Article.id).where(*terms) if terms else None

    def on_article(column: Any) -> Pairs | None:
        return budget.top(select(column, func.count()).where(*terms).group_by(column), size)

    def by_article(column: Any, article_id: Any, *where: Any) -> Pairs | None:
        query = select(column, func.count(func.distinct(article_id))).where(*where)
        if ids is not None:
            query = query.where(col(article_id).in_(ids))
        return budget.top(query.group_by(column), size)

    def by_figure(column: Any) -> Pairs | None:
        return by_article(column, Figure.article_id, col(Figure.rejected).is_(False))

    # The cheap counts first: a spent budget leaves out the costly ones.
    outlets, stories = on_article(col(Article.outlet)), on_article(col(Article.story_id))
    measures, sources = by_figure(Figure.measure), by_figure(Figure.source)
    places = _place_names(session, by_article(PlaceMention.place_id, PlaceMention.article_id))
    return _five(session, filters, size, (outlets, measures, places, sources, stories))


def _figure_facets(
    session: Session,
    filters: TopicFilters,
    size: int,
    ms: int | None,
    generation: int | None = None,
) -> list[Facet]:
    counted = None
    if generation is not None and filters != TopicFilters():
        names = place_names(session, filters.city) if filters.city else None
        counted = stored_counts(session, filters, generation, names)
    if counted is None and filters != TopicFilters():
        counted = count_figures(session, figure_conditions(session, filters=filters))
    if counted is not None:
        pairs = {param: top_pairs(counter, size) for param, counter in counted.items()}
        counts = (pairs["outlet"], pairs["measure"], pairs["city"], pairs["source"], pairs["story"])
        return _five(session, filters, size, counts)
    budget = _Budget(session, ms)
    terms = figure_conditions(session, filters=filters)

    def top(column: Any) -> Pairs | None:
        query = (
            select(column, func.count())
            .select_from(Figure)
            .join(Article, col(Article.id) == Figure.article_id)
            .where(*terms)
            .group_by(column)
        )
        return budget.top(query, size)

    measures, outlets = top(col(Figure.measure)), top(col(Article.outlet))
    stories, sources, places = (
        top(col(Article.story_id)),
        top(col(Figure.source)),
        top(col(Figure.place)),
    )
    return _five(session, filters, size, (outlets, measures, places, sources, stories))


# Facets counted in full, by database, data generation and filters.
_kept: LRU[list[Facet]] = LRU(256)


def whole_facets(session: Session) -> dict[str, list[Facet]]:
    """The facets of the articles and of the figures without filters, counted in full: what
    app/services/summaries.py stores when the links change."""
    return {
        "articles": _article_facets(session, ArticleFilters(), FACET_SIZE, None),
        "figures": _figure_facets(session, TopicFilters(), FACET_SIZE, None),
    }


def facets_to_json(facets: list[Facet]) -> str:
    return json.dumps([dataclasses.asdict(f) for f in facets], ensure_ascii=False)


def _stored(
    session: Session, filters: ArticleFilters | TopicFilters, generation: int
) -> list[Facet] | None:
    """The facets stored at link time, while the data is as it was then."""
    page = "articles" if isinstance(filters, ArticleFilters) else "figures"
    data = session.exec(
        select(FacetSummary.data).where(
            FacetSummary.page == page, FacetSummary.generation == generation
        )
    ).first()
    if data is None:
        return None
    return [
        Facet(**{**f, "values": [FacetValue(**v) for v in f["values"]]}) for f in json.loads(data)
    ]


def _cached(
    session: Session, filters: ArticleFilters | TopicFilters, size: int, ms: int | None
) -> list[Facet]:
    conn = session.connection()
    generation = current_generation(conn)
    key = (conn.engine.url.render_as_string(), generation, filters, size)
    if generation is not None and (hit := _kept.get(key)) is not None:
        return hit
    if generation is not None and filters in (ArticleFilters(), TopicFilters()):
        stored = _stored(session, filters, generation) if size == FACET_SIZE else None
        if stored is not None:
            return stored
    # Without filters the counts are the same for every reader until the data changes: they
    # are counted once in full, however long it takes, and kept.
    if generation is not None and filters in (ArticleFilters(), TopicFilters()):
        ms = None
    if isinstance(filters, ArticleFilters):
        facets = _article_facets(session, filters, size, ms)
    else:
        facets = _figure_facets(session, filters, size, ms, generation)
    if generation is not None and all(f.counted for f in facets):
        _kept.put(key, facets)
    return facets


def article_facets(
    session: Session, *, filters: ArticleFilters, size: int = FACET_SIZE, budget_ms: int = 400
) -> list[Facet]:
    """Counts of articles by outlet, measure, place, source and story, under the filters."""
    return _cached(session, filters, size, budget_ms)


def figure_facets(
    session: Session, *, filters: TopicFilters, size: int = FACET_SIZE, budget_ms: int = 400
) -> list[Facet]:
    """Counts of figures by outlet, measure, place, source and story, under the filters."""
    return _cached(session, filters, size, budget_ms)
