"""The rows of `parallax export KIND`, with the fields of SPEC.md, and their text as a file."""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Callable
from typing import Any

from sqlalchemy import select as select_many
from sqlalchemy.orm import aliased
from sqlmodel import Session, col, or_, select

from app.models import (
    Actor,
    ActorAlias,
    ActorMention,
    Article,
    ArticleCopy,
    Figure,
    Link,
    Place,
    PlaceAlias,
    PlaceMention,
    Statement,
    Story,
)
from app.services.corrections.exports import correction_export_rows, note_export_rows
from app.services.figures import Ids, figure_matches, figure_parts, figure_sentence
from app.services.places import where

Rows = list[dict[str, Any]]


def whole(value: float | None) -> int | float | None:
    """18.0 as 18: counts are stored as floats, and a spreadsheet should read "18"."""
    return int(value) if value is not None and value.is_integer() else value


def _sources(session: Session) -> dict[int, str]:
    return {a.id: a.source_file for a in session.exec(select(Article)) if a.id is not None}


def article_rows(session: Session, *, ids: Ids | None = None) -> Rows:
    query = select(Article).order_by(col(Article.id))
    if ids is not None:
        query = query.where(col(Article.id).in_(ids))
    articles = session.exec(query).all()
    copies = dict(session.exec(select(ArticleCopy.article_id, ArticleCopy.original_id)).all())
    originals = set(copies.values()) - {a.id for a in articles}
    files = {a.id: a.source_file for a in articles}
    if originals:
        files |= dict(
            session.exec(
                select(Article.id, Article.source_file).where(col(Article.id).in_(originals))
            ).all()
        )
    return [
        {
            "source_file": a.source_file,
            "title": a.title,
            "outlet": a.outlet,
            "date": a.date.isoformat() if a.date else None,
            "date_basis": a.date_basis,
            "url": a.url,
            "words": a.words,
            "story": a.story_id,
            # The earlier article whose text this one copies (a wire story reprinted).
            "copy_of": files.get(copies[a.id]) if a.id in copies else None,
        }
        for a in articles
    ]


def figure_fields(f: Figure, article: Article, parts: list[int]) -> dict[str, Any]:
    """A figure as SPEC.md exports it, without its links."""
    return {
        "id": f.id,
        "article": article.source_file,
        "outlet": article.outlet,
        "article_title": article.title,
        "article_date": article.date.isoformat() if article.date else None,
        "url": article.url,
        "text": f.text,
        "start": f.start,
        "end": f.end,
        "sentence": figure_sentence(f, article),
        "value": whole(f.value),
        "value_high": whole(f.value_high),
        "qualifier": f.qualifier,
        "measure": f.measure,
        "group": f.group,
        "place": f.place,
        "source": f.source,
        "topic": f.topic,
        "derived": f.derived,
        "parts": parts,
        "event": f.event,
        "event_reason": f.event_reason,
        "status": f.status,
        "in_title": f.in_title,
        "figure_date": f.ref_date.isoformat() if f.ref_date else None,
        "reported_on": day.isoformat() if (day := f.ref_date or article.date) else None,
        "added": f.added,
        "corrected": sorted(json.loads(f.corrected)) if f.corrected else [],
    }


def _active_pairs(session: Session, ids: Ids | None) -> list[tuple[Figure, Article]]:
    query = (
        select(Figure, Article)
        .join(Article, col(Article.id) == Figure.article_id)
        .where(col(Figure.rejected).is_(False))
        .order_by(col(Figure.id))
    )
    if ids is not None:
        query = query.where(col(Figure.id).in_(ids))
    return [(f, a) for f, a in session.exec(query)]


def figure_rows(session: Session, *, ids: Ids | None = None) -> Rows:
    pairs = _active_pairs(session, ids)
    matches = figure_matches(session, figure_ids=ids)
    parts = figure_parts(session, figure_ids=ids)
    rows = []
    for f, article in pairs:
        own = sorted(matches.get(f.id or 0, []), key=lambda m: m.other_id)
        mine = parts.get(f.id or 0, [])
        rows.append(
            {
                **figure_fields(f, article, mine),
                "matches": [m.other_id for m in own],
                "relations": [
                    {"id": m.other_id, "relation": m.relation, "reason": m.reason} for m in own
                ],
            }
        )
    return rows


def _link_side(side: str, f: Figure, article: Article) -> dict[str, Any]:
    day = f.ref_date or article.date
    return {
        f"{side}_id": f.id,
        f"{side}_article": article.source_file,
        f"{side}_outlet": article.outlet,
        f"{side}_reported_on": day.isoformat() if day else None,
        f"{side}_text": f.text,
        f"{side}_value": whole(f.value),
        f"{side}_value_high": whole(f.value_high),
        f"{side}_qualifier": f.qualifier,
        f"{side}_topic": f.topic,
    }


def link_rows(session: Session, *, ids: Ids | None = None) -> Rows:
    """One row a relation between two figures (a spreadsheet has no room for a list of them):
    `relation` says what figure b is beside figure a, as in a figure's `relations`."""
    fa, fb = aliased(Figure), aliased(Figure)
    aa, ab = aliased(Article), aliased(Article)
    # Five entities are more than sqlmodel's select types: SQLAlchemy's own, run as such.
    query = (
        select_many(Link, fa, aa, fb, ab)
        .join(fa, col(fa.id) == Link.a_id)
        .join(aa, col(aa.id) == fa.article_id)
        .join(fb, col(fb.id) == Link.b_id)
        .join(ab, col(ab.id) == fb.article_id)
        .where(
            col(Link.kind) == "figure",
            col(Link.rejected).is_(False),
            col(fa.rejected).is_(False),
            col(fb.rejected).is_(False),
        )
        .order_by(col(Link.id))
    )
    if ids is not None:
        query = query.where(or_(col(Link.a_id).in_(ids), col(Link.b_id).in_(ids)))
    return [
        {
            "id": link.id,
            **_link_side("a", f_a, a_a),
            **_link_side("b", f_b, a_b),
            "relation": link.relation,
            "reason": link.reason,
        }
        for link, f_a, a_a, f_b, a_b in session.execute(query)
    ]


def claim_rows(session: Session) -> Rows:
    sources = _sources(session)
    linked: dict[int, set[int]] = defaultdict(set)
    for link in session.exec(
        select(Link).where(Link.kind == "statement", col(Link.rejected).is_(False))
    ):
        linked[link.a_id].add(link.b_id)
        linked[link.b_id].add(link.a_id)
    return [
        {
            "id": s.id,
            "article": sources[s.article_id],
            "text": s.text,
            "start": s.start,
            "end": s.end,
            "matches": sorted(linked.get(s.id or 0, ())),
        }
        for s in session.exec(select(Statement).order_by(col(Statement.id)))
    ]


def _spellings_and_articles(
    session: Session, pairs: Any, mentions: Any
) -> tuple[dict[int, list[str]], dict[int, list[str]]]:
    """Per owner id: its spellings, and the source files of the articles that mention it."""
    sources = _sources(session)
    aliases: dict[int, list[str]] = defaultdict(list)
    for owner, alias in session.exec(pairs):
        aliases[owner].append(alias)
    articles: dict[int, set[str]] = defaultdict(set)
    for owner, article_id in session.exec(mentions):
        articles[owner].add(sources[article_id])
    return aliases, {k: sorted(v) for k, v in articles.items()}


def actor_rows(session: Session) -> Rows:
    aliases, articles = _spellings_and_articles(
        session,
        select(ActorAlias.actor_id, ActorAlias.alias).order_by(col(ActorAlias.alias)),
        select(ActorMention.actor_id, ActorMention.article_id),
    )
    return [
        {
            "name": a.name,
            "kind": a.kind,
            "aliases": aliases.get(a.id or 0, []),
            "articles": articles.get(a.id or 0, []),
        }
        for a in session.exec(select(Actor).order_by(col(Actor.name)))
    ]


def place_rows(session: Session) -> Rows:
    aliases, articles = _spellings_and_articles(
        session,
        select(PlaceAlias.place_id, PlaceAlias.alias).order_by(col(PlaceAlias.alias)),
        select(PlaceMention.place_id, PlaceMention.article_id),
    )
    return [
        {
            "name": p.name,
            # A country at the centre of its land, as the map draws it.
            "lat": where(p)[0],
            "lon": where(p)[1],
            "aliases": aliases.get(p.id or 0, []),
            "articles": articles.get(p.id or 0, []),
        }
        for p in session.exec(select(Place).order_by(col(Place.name)))
        if articles.get(p.id or 0)
    ]


def story_rows(session: Session) -> Rows:
    members: dict[int, list[str]] = defaultdict(list)
    for a in session.exec(select(Article).order_by(col(Article.id))):
        if a.story_id is not None:
            members[a.story_id].append(a.source_file)
    return [
        {"id": s.id, "title": s.title, "articles": members.get(s.id or 0, [])}
        for s in session.exec(select(Story).order_by(col(Story.id)))
    ]


EXPORTERS: dict[str, Callable[[Session], Rows]] = {
    "articles": article_rows,
    "figures": figure_rows,
    "links": link_rows,
    "claims": claim_rows,
    "actors": actor_rows,
    "places": place_rows,
    "stories": story_rows,
    "notes": note_export_rows,
    "corrections": correction_export_rows,
}
