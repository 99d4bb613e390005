"""Facets of the figures pages counted without a grouped query per facet.

A filtered figures page (a week, an outlet) keeps a few thousand figures at most: one read of
their five counted columns, counted in Python, is a tenth of five grouped queries over them.
A filter that keeps most of a large database (a country, a measure, a story told by thousands
of articles) is counted in full when the summaries are made, each of its values' counts
stored (`FacetSummary`, page `figures:PARAM:VALUE`), so that no reader's page counts it; a
city filter adds up the stored counts of its names (a figure has one place, so the sum is
exact) and counts its other, smaller names here.
"""

from __future__ import annotations

import json
from collections import Counter
from typing import Any

from sqlalchemy import func
from sqlalchemy import select as sa_select
from sqlmodel import Session, col, select

from app.backend import any_case, in_any_case
from app.models import Article, FacetSummary, Figure
from app.services.topics import TopicFilters, figure_conditions

# The most figures a page counts by reading them: beyond, grouped queries within the page's
# time budget (or the stored counts of a large filter).
FACET_ROWS = 10_000
# A filter keeping more figures than this has its counts stored with the summaries.
STORED_ABOVE = FACET_ROWS

PARAMS = ("measure", "outlet", "story", "source", "city")
_COLUMNS = (
    col(Figure.measure),
    col(Article.outlet),
    col(Article.story_id),
    col(Figure.source),
    col(Figure.place),
)
Counts = dict[str, Counter[Any]]


def count_figures(session: Session, terms: list[Any], limit: int = FACET_ROWS) -> Counts | None:
    """The counts of each facet's values among the figures the terms keep; None when they
    keep more than `limit` figures."""
    query = (
        sa_select(*_COLUMNS)
        .select_from(Figure)
        .join(Article, col(Article.id) == Figure.article_id)
        .where(*terms)
        .limit(limit + 1)
    )
    rows = session.execute(query).all()
    if len(rows) > limit:
        return None
    counts: Counts = {p: Counter() for p in PARAMS}
    for row in rows:
        for param, value in zip(PARAMS, row, strict=True):
            if value is not None and value != "":
                counts[param][value] += 1
    return counts


def top_pairs(counter: Counter[Any], size: int) -> list[tuple[Any, int]]:
    """The most frequent values first, equal counts in the values' order (as the grouped
    queries order them), at most size + 1 (one more tells there are others)."""
    return sorted(counter.items(), key=lambda vn: (-vn[1], vn[0]))[: size + 1]


def add_counts(into: Counts, more: Counts) -> Counts:
    for param in PARAMS:
        into.setdefault(param, Counter()).update(more.get(param, Counter()))
    return into


def _key(param: str, value: object) -> str:
    return f"figures:{param}:{value}"


def _large_values(session: Session) -> list[tuple[str, object, list[Any]]]:
    """(param, value, WHERE terms) of every single filter that keeps more than STORED_ABOVE
    figures: a place's name (in lower case), a story, a measure."""
    base = figure_conditions(session, filters=TopicFilters())
    n = func.count()
    place = func.lower(col(Figure.place))
    out: list[tuple[str, object, list[Any]]] = []
    for param, column, joined in (
        ("city", place, False),
        ("story", col(Article.story_id), True),
        ("measure", col(Figure.measure), False),
    ):
        query = select(column).select_from(Figure)
        if joined:
            query = query.join(Article, col(Article.id) == Figure.article_id)
        query = query.where(*base, column.is_not(None)).group_by(column).having(n > STORED_ABOVE)
        for value in session.exec(query).all():
            # A place by its index (COLLATE NOCASE matches as SQLite's lower() folds).
            term = any_case(col(Figure.place)) == value if param == "city" else column == value
            out.append((param, value, [*base, term]))
    return out


def stored_rows(session: Session, generation: int) -> list[dict[str, Any]]:
    """The FacetSummary rows of the large filters: every value's count, for the sums."""
    rows = []
    for param, value, terms in _large_values(session):
        counts = count_figures(session, terms, limit=10**12)
        assert counts is not None
        data = {p: list(c.items()) for p, c in counts.items()}
        rows.append(
            {"page": _key(param, value), "data": json.dumps(data), "generation": generation}
        )
    return rows


def _stored(session: Session, keys: list[str], generation: int) -> dict[str, Counts]:
    found = session.exec(
        select(FacetSummary.page, FacetSummary.data).where(
            col(FacetSummary.page).in_(keys), FacetSummary.generation == generation
        )
    ).all()
    return {
        page: {p: Counter({v: n for v, n in pairs}) for p, pairs in json.loads(data).items()}
        for page, data in found
    }


def stored_counts(
    session: Session, filters: TopicFilters, generation: int, names: set[str] | None
) -> Counts | None:
    """The counts of a single-filter page from the stored ones: a story's, a measure's, or
    a city's (its stored names added up, its other names counted here). None when nothing
    of the filter is stored or its other names keep too many figures to count."""
    if filters == TopicFilters(story=filters.story) and filters.story is not None:
        hit = _stored(session, [_key("story", filters.story)], generation)
        return next(iter(hit.values()), None)
    if filters == TopicFilters(measure=filters.measure) and filters.measure:
        hit = _stored(session, [_key("measure", filters.measure)], generation)
        return next(iter(hit.values()), None)
    if filters != TopicFilters(city=filters.city) or not names:
        return None
    hit = _stored(session, [_key("city", n) for n in sorted(names)], generation)
    if not hit:
        return None
    counted: Counts = {}
    for counts in hit.values():
        add_counts(counted, counts)
    rest = names - {page.removeprefix("figures:city:") for page in hit}
    if rest:
        base = figure_conditions(session, filters=TopicFilters())
        others = count_figures(session, [*base, in_any_case(col(Figure.place), sorted(rest))])
        if others is None:
            return None
        add_counts(counted, others)
    return counted
