"""Articles: the index with its filters, and one article with its parts."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func
from sqlmodel import Session, col, select

from app.models import Article, Caption, Paragraph, PlaceMention
from app.services.spellings import place_ids_for


@dataclass(frozen=True)
class ArticleFilters:
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    outlet: str | None = None
    story: int | None = None
    city: str | None = None  # any known spelling of the place


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
    query = filtered_articles(session, filters=filters)
    total = session.exec(select(func.count()).select_from(query.subquery())).one()
    rows = session.exec(
        query.order_by(col(Article.date).desc().nulls_last(), col(Article.id))
        .offset((page - 1) * size)
        .limit(size)
    ).all()
    return Page(items=list(rows), total=total, page=page, size=size)


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
