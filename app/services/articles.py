"""Articles: the index with its filters, and one article with its parts."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from typing import Any

from sqlalchemy import func
from sqlmodel import Session, col, select

from app.backend import equals_any_case
from app.models import Article, Caption, Figure, Paragraph, PlaceMention
from app.services.distinct import distinct_values
from app.services.spellings import place_ids_for


def range_reversed(date_from: dt.date | None, date_to: dt.date | None) -> bool:
    """A date range whose start comes after its end: it holds no day at all."""
    return bool(date_from and date_to and date_from > date_to)


@dataclass(frozen=True)
class ArticleFilters:
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    outlet: str | None = None
    story: int | None = None
    city: str | None = None  # any known spelling of the place
    measure: str | None = None  # articles with a figure of this measure
    source: str | None = None  # articles with a figure stated by this source

    @property
    def dated(self) -> bool:
        return bool(self.date_from or self.date_to)

    @property
    def reversed(self) -> bool:
        return range_reversed(self.date_from, self.date_to)


@dataclass
class Page:
    items: list[Any]
    total: int
    page: int
    size: int

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.size))


def article_conditions(session: Session, *, filters: ArticleFilters) -> list[Any]:
    """The WHERE terms on `article` of the index's filters (none without filters)."""
    terms: list[Any] = []
    if filters.date_from:
        terms.append(col(Article.date) >= filters.date_from)
    if filters.date_to:
        terms.append(col(Article.date) <= filters.date_to)
    if filters.outlet:
        terms.append(equals_any_case(col(Article.outlet), filters.outlet))
    if filters.story:
        terms.append(Article.story_id == filters.story)
    if filters.city:
        place_ids = place_ids_for(session, spelling=filters.city)
        terms.append(
            col(Article.id).in_(
                select(PlaceMention.article_id).where(col(PlaceMention.place_id).in_(place_ids))
            )
        )
    # Beside a filter that keeps few articles, each one is looked up in the figures' article
    # index; alone, the figures of that measure or source are listed once instead.
    few = bool(terms)
    for column, wanted in ((Figure.measure, filters.measure), (Figure.source, filters.source)):
        if wanted:
            of_figure = (column == wanted, col(Figure.rejected).is_(False))
            if few:
                terms.append(
                    select(Figure.id).where(Figure.article_id == Article.id, *of_figure).exists()
                )
            else:
                terms.append(col(Article.id).in_(select(Figure.article_id).where(*of_figure)))
            few = True
    return terms


def filtered_articles(session: Session, *, filters: ArticleFilters) -> Any:
    """The select of articles that pass the index's filters, unordered."""
    return select(Article).where(*article_conditions(session, filters=filters))


def list_articles(
    session: Session, *, filters: ArticleFilters, page: int = 1, size: int = 50
) -> Page:
    if filters.reversed:
        return Page(items=[], total=0, page=page, size=size)
    query = filtered_articles(session, filters=filters)
    total = session.exec(select(func.count()).select_from(query.subquery())).one()
    rows = session.exec(
        query.order_by(col(Article.date).desc().nulls_last(), col(Article.id))
        .offset((page - 1) * size)
        .limit(size)
    ).all()
    return Page(items=list(rows), total=total, page=page, size=size)


def list_undated(session: Session, *, filters: ArticleFilters, size: int = 50) -> Page:
    """The articles a date filter cannot place: those without a date that pass the other
    filters. Empty without a date filter (then they are in the list itself)."""
    if not filters.dated or filters.reversed:
        return Page(items=[], total=0, page=1, size=size)
    others = replace(filters, date_from=None, date_to=None)
    query = filtered_articles(session, filters=others).where(col(Article.date).is_(None))
    total = session.exec(select(func.count()).select_from(query.subquery())).one()
    rows = session.exec(query.order_by(col(Article.id)).limit(size)).all()
    return Page(items=list(rows), total=total, page=1, size=size)


def list_outlets(session: Session) -> list[str]:
    return [o for o in distinct_values(session, "article", "outlet") if o]


@dataclass
class ArticleView:
    article: Article
    paragraphs: list[Paragraph]
    captions: list[Caption]


def get_article(session: Session, *, article_id: int) -> ArticleView | None:
    article = session.get(Article, article_id)
    if article is None:
        return None
    paragraphs = session.exec(
        select(Paragraph).where(Paragraph.article_id == article_id).order_by(col(Paragraph.idx))
    ).all()
    captions = session.exec(
        select(Caption).where(Caption.article_id == article_id).order_by(col(Caption.idx))
    ).all()
    return ArticleView(article=article, paragraphs=list(paragraphs), captions=list(captions))
