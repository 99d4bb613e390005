"""Figures a date filter cannot place (no day of their own, an undated article): said on the
figures overview rather than dropped without a word."""

from __future__ import annotations

import dataclasses

from sqlalchemy import func
from sqlmodel import Session, col, select

from app.generation import current_generation
from app.lru import LRU
from app.models import Article, Figure
from app.services.topics import TopicFilters, figure_conditions

UNDATED_BOUND = 1000  # the figures a date filter cannot place are counted up to this many
_counted: LRU[int] = LRU(256)


def count_undated(session: Session, *, filters: TopicFilters) -> int:
    """Figures a date filter cannot place (no day of their own, an undated article) that
    pass the other filters: said on the page rather than dropped without a word. Counted up
    to UNDATED_BOUND: the page says "or more" beyond."""
    if not (filters.date_from or filters.date_to) or filters.reversed:
        return 0
    # The count is the same for every range under the other filters: a reader who moves
    # through the weeks has it counted once while the data stays the same.
    conn = session.connection()
    generation = current_generation(conn)
    others = dataclasses.replace(filters, date_from=None, date_to=None)
    key = (conn.engine.url.render_as_string(), generation, others)
    if generation is not None and (hit := _counted.get(key)) is not None:
        return hit
    # Found from the undated articles by the index of dates, not by reading every figure.
    undated_articles = select(Article.id).where(col(Article.date).is_(None))
    undated = (
        select(Figure.id)
        .join(Article, col(Article.id) == Figure.article_id)
        .where(
            *figure_conditions(session, filters=filters, with_dates=False),
            col(Figure.article_id).in_(undated_articles),
            col(Figure.ref_date).is_(None),
        )
        .limit(UNDATED_BOUND)
    )
    n = int(session.exec(select(func.count()).select_from(undated.subquery())).one())
    if generation is not None:
        _counted.put(key, n)
    return n
