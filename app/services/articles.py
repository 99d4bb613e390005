"""Articles: the index with its filters, and one article with its parts."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from typing import Any

from sqlalchemy import func
from sqlmodel import Session, col, select

from app.models import Article, Caption, Paragraph, Place, PlaceAlias, PlaceMention


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


def filtered_articles(session: Session, *, filters: ArticleFilters) -> Any:
    """The select of articles that pass the index's filters, unordered."""
    query = select(Article)
    if filters.date_from:
        query = query.where(col(Article.date) >= filters.date_from)
    if filters.date_to:
        query = query.where(col(Article.date) <= filters.date_to)
    if filters.outlet:
        query = query.where(func.lower(Article.outlet) == filters.outlet.lower())
    if filters.story:
        query = query.where(Article.story_id == filters.story)
    if filters.city:
        place_ids = place_ids_for(session, spelling=filters.city)
        query = query.where(
            col(Article.id).in_(
                select(PlaceMention.article_id).where(col(PlaceMention.place_id).in_(place_ids))
            )
        )
    return query


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


def place_ids_for(session: Session, *, spelling: str) -> list[int]:
    """Places known by this spelling, as name or alias, in any letter case."""
    wanted = spelling.strip().lower()
    named = select(Place.id).where(func.lower(Place.name) == wanted)
    aliased = select(PlaceAlias.place_id).where(func.lower(PlaceAlias.alias) == wanted)
    ids = set(session.exec(named)) | set(session.exec(aliased))
    return sorted(i for i in ids if i is not None)


def list_outlets(session: Session) -> list[str]:
    rows = session.exec(
        select(Article.outlet).where(col(Article.outlet).is_not(None)).distinct()
    ).all()
    return sorted(r for r in rows if r)


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
