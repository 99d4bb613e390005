"""The reads behind the JSON API: filtered, paged rows with database ids.

Rows carry the fields of the export of the same kind (SPEC.md) plus the ids a client
needs to follow links (`article_id`, `slug`, …).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func
from sqlmodel import Session, col, select

from app.models import Actor, ActorAlias, ActorMention, Article, Figure, Story
from app.services.articles import ArticleFilters, filtered_articles
from app.services.exports import figure_fields, whole
from app.services.figures import figure_matches, figure_parts
from app.services.story_page import Report, story_page

Row = dict[str, Any]


@dataclass(frozen=True)
class FigureFilters:
    topic: str | None = None
    measure: str | None = None
    story: int | None = None
    article: int | None = None


def _article_row(a: Article) -> Row:
    return {
        "id": a.id,
        "source_file": a.source_file,
        "title": a.title,
        "title_basis": a.title_basis,
        "outlet": a.outlet,
        "outlet_basis": a.outlet_basis,
        "date": a.date,
        "date_basis": a.date_basis,
        "url": a.url,
        "words": a.words,
        "story": a.story_id,
    }


def api_articles(
    session: Session, *, filters: ArticleFilters, limit: int, offset: int
) -> tuple[int, list[Row]]:
    """The index's filters (date range, city by any spelling, outlet, story), paged."""
    query = filtered_articles(session, filters=filters)
    total = session.exec(select(func.count()).select_from(query.subquery())).one()
    rows = session.exec(
        query.order_by(col(Article.date).desc().nulls_last(), col(Article.id))
        .offset(offset)
        .limit(limit)
    ).all()
    return int(total), [_article_row(a) for a in rows]


def _figure_row(f: Figure, article: Article, parts: list[int]) -> Row:
    return {
        **figure_fields(f, article, parts),
        "article_id": f.article_id,
        "date": article.date,
        "ref_date": f.ref_date,
    }


def api_figures(
    session: Session, *, filters: FigureFilters, limit: int, offset: int
) -> tuple[int, list[Row]]:
    """Figures that are not rejected, each with its matches and their relations."""
    query = (
        select(Figure, Article)
        .join(Article, col(Article.id) == Figure.article_id)
        .where(col(Figure.rejected).is_(False))
    )
    if filters.topic:
        query = query.where(Figure.topic == filters.topic)
    if filters.measure:
        query = query.where(Figure.measure == filters.measure)
    if filters.story:
        query = query.where(Article.story_id == filters.story)
    if filters.article:
        query = query.where(Figure.article_id == filters.article)
    total = session.exec(select(func.count()).select_from(query.subquery())).one()
    pairs = session.exec(query.order_by(col(Figure.id)).offset(offset).limit(limit)).all()
    ids = [f.id for f, _ in pairs if f.id is not None]
    matches = figure_matches(session, figure_ids=ids)
    parts = figure_parts(session, figure_ids=ids)
    rows = []
    for f, article in pairs:
        own = sorted(matches.get(f.id or 0, []), key=lambda m: m.other_id)
        row = _figure_row(f, article, parts.get(f.id or 0, []))
        row["matches"] = [m.other_id for m in own]
        row["relations"] = [{"id": m.other_id, "relation": m.relation} for m in own]
        rows.append(row)
    return int(total), rows


def api_figure(session: Session, *, figure_id: int) -> Row | None:
    """One figure, its matches with relation and reason, and its topic's agreement."""
    pair = session.exec(
        select(Figure, Article)
        .join(Article, col(Article.id) == Figure.article_id)
        .where(Figure.id == figure_id)
    ).first()
    if pair is None:
        return None
    figure, article = pair
    row = _figure_row(
        figure, article, figure_parts(session, figure_ids=[figure_id]).get(figure_id, [])
    )
    row["rejected"] = figure.rejected
    own = sorted(
        figure_matches(session, figure_ids=[figure_id]).get(figure_id, []), key=lambda m: m.other_id
    )
    others = {
        f.id: (f, a)
        for f, a in session.exec(
            select(Figure, Article)
            .join(Article, col(Article.id) == Figure.article_id)
            .where(col(Figure.id).in_([m.other_id for m in own]))
        )
    }
    row["matches"] = [
        {
            "id": m.other_id,
            "relation": m.relation,
            "reason": m.reason,
            "article_id": others[m.other_id][1].id,
            "article": others[m.other_id][1].source_file,
            "outlet": others[m.other_id][1].outlet,
            "date": others[m.other_id][1].date,
            "text": others[m.other_id][0].text,
            "value": whole(others[m.other_id][0].value),
            "qualifier": others[m.other_id][0].qualifier,
            "source": others[m.other_id][0].source,
        }
        for m in own
        if m.other_id in others
    ]
    row["agreement"] = topic_agreement(session, topic=figure.topic, story_id=article.story_id)
    return row


def topic_agreement(session: Session, *, topic: str, story_id: int | None) -> Row:
    """What the articles of one story say about one topic: the values, range and sources."""
    query = (
        select(Figure, Article)
        .join(Article, col(Article.id) == Figure.article_id)
        .where(Figure.topic == topic, col(Figure.rejected).is_(False))
    )
    if story_id is not None:
        query = query.where(Article.story_id == story_id)
    figures = session.exec(query).all()
    values = sorted({v for f, _ in figures for v in (f.value, f.value_high) if v is not None})
    return {
        "topic": topic,
        "story": story_id,
        "figures": len(figures),
        "articles": len({a.id for _, a in figures}),
        "values": values,
        "min": values[0] if values else None,
        "max": values[-1] if values else None,
        "sources": sorted({f.source for f, _ in figures}),
        "agree": len(values) <= 1,
    }


def api_actors(session: Session, *, limit: int, offset: int) -> tuple[int, list[Row]]:
    total = session.exec(select(func.count()).select_from(Actor)).one()
    actors = session.exec(select(Actor).order_by(col(Actor.name)).offset(offset).limit(limit)).all()
    ids = [a.id for a in actors if a.id is not None]
    aliases: dict[int, list[str]] = defaultdict(list)
    for al in session.exec(
        select(ActorAlias).where(col(ActorAlias.actor_id).in_(ids)).order_by(col(ActorAlias.alias))
    ):
        aliases[al.actor_id].append(al.alias)
    articles: dict[int, set[int]] = defaultdict(set)
    for actor_id, article_id in session.exec(
        select(ActorMention.actor_id, ActorMention.article_id).where(
            col(ActorMention.actor_id).in_(ids)
        )
    ):
        articles[actor_id].add(article_id)
    rows = [
        {
            "id": a.id,
            "slug": a.slug,
            "name": a.name,
            "kind": a.kind,
            "aliases": aliases.get(a.id or 0, []),
            "articles": sorted(articles.get(a.id or 0, ())),
        }
        for a in actors
    ]
    return int(total), rows


def api_stories(session: Session) -> list[Row]:
    members: dict[int, list[tuple[dt.date | None, int]]] = defaultdict(list)
    for a_id, story_id, date in session.exec(
        select(col(Article.id), col(Article.story_id), col(Article.date)).where(
            col(Article.story_id).is_not(None)
        )
    ):
        if a_id is not None and story_id is not None:
            members[story_id].append((date, a_id))
    rows = []
    for s in session.exec(select(Story).order_by(col(Story.id))):
        days = [d for d, _ in members.get(s.id or 0, []) if d is not None]
        rows.append(
            {
                "id": s.id,
                "title": s.title,
                "articles": sorted(i for _, i in members.get(s.id or 0, [])),
                "first_date": min(days) if days else None,
                "last_date": max(days) if days else None,
            }
        )
    return rows


def _report(r: Report | None) -> Row | None:
    return None if r is None else {"id": r.id, "outlet": r.outlet, "date": r.date, "title": r.title}


def api_story(session: Session, *, story_id: int, page: int) -> Row | None:
    """One story's page as data: its outlets with their first and last reports, a page of
    its headlines by date, and how its most reported counts agree (SPEC.md)."""
    found = story_page(session, story_id=story_id, page=page)
    if found is None:
        return None
    return {
        "id": found.id,
        "title": found.label,
        "articles": found.articles,
        "undated": found.undated,
        "first_date": found.first_day,
        "last_date": found.last_day,
        "outlets_total": found.outlets_total,
        "unnamed": found.unnamed,
        "outlets": [
            {
                "outlet": o.outlet,
                "articles": o.articles,
                "undated": o.undated,
                "first": _report(o.first),
                "last": _report(o.last),
            }
            for o in found.outlets
        ],
        "page": found.page,
        "pages": found.pages,
        "headlines": [_report(h) for h in found.headlines],
        "main_figures": [
            {
                "topic": m.row.topic,
                "kind": m.row.kind,
                "agreeing_outlets": m.agreeing,
                "outlets": m.outlets,
                "values": [
                    {
                        "value": g.shown,
                        "figure_id": g.figure_id,
                        "relation": g.relation,
                        "reason": g.reason,
                        "outlets": list(g.outlets),
                        "reports": g.reports,
                        "first_date": g.first_day,
                    }
                    for g in m.groups
                ],
            }
            for m in found.main
        ],
        "series": [{"topic": r.topic, "text": r.series} for r in found.series],
        "disputed": [{"topic": r.topic, "range": r.range_text} for r in found.disputed],
    }
