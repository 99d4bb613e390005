"""Actors across articles: every spelling merged into one actor, rebuilt from the mentions."""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict

from sqlalchemy import delete, update
from sqlmodel import Session, select

from app.extract.actors import merge_actors
from app.extract.types import FoundMention
from app.models import Actor, ActorAlias, ActorMention, EntityMention, Figure


def slugify(name: str) -> str:
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-") or "actor"


def rebuild_actors(session: Session) -> int:
    """Replace the actor tables with a fresh merge of every stored mention."""
    by_article: dict[str, list[FoundMention]] = defaultdict(list)
    for row in session.exec(select(EntityMention)):
        by_article[str(row.article_id)].append(
            FoundMention(start=row.start, end=row.end, text=row.text, key=row.key, kind=row.kind)
        )
    clusters = merge_actors(by_article)
    session.execute(update(Figure).values(source_actor_id=None))
    for model in (ActorMention, ActorAlias, Actor):
        session.execute(delete(model))
    taken: set[str] = set()
    alias_owner: dict[str, int] = {}
    for cluster in sorted(clusters, key=lambda c: c.name):
        slug = base = slugify(cluster.name)
        n = 2
        while slug in taken:
            slug, n = f"{base}-{n}", n + 1
        taken.add(slug)
        actor = Actor(name=cluster.name, slug=slug, kind=cluster.kind)
        session.add(actor)
        session.flush()
        assert actor.id is not None
        session.add_all(ActorAlias(actor_id=actor.id, alias=a) for a in sorted(cluster.aliases))
        for alias in cluster.aliases:
            alias_owner.setdefault(alias.lower(), actor.id)
        session.add_all(
            ActorMention(
                actor_id=actor.id, article_id=int(aid), start=m.start, end=m.end, text=m.text
            )
            for aid, mentions in cluster.mentions.items()
            for m in mentions
        )
    _tie_figure_sources(session, alias_owner)
    return len(clusters)


def _tie_figure_sources(session: Session, alias_owner: dict[str, int]) -> None:
    """A figure's stated source, when it names an actor, points at that actor."""
    for figure in session.exec(select(Figure).where(Figure.source != "unknown")):
        text = re.sub(r"^(the|a)\s+", "", figure.source.lower())
        owner = alias_owner.get(text) or alias_owner.get(figure.source.lower())
        if owner is None:
            # "the Kazakh Interior Ministry": the longest alias standing in it as whole words.
            hits = [
                (len(alias), actor_id)
                for alias, actor_id in alias_owner.items()
                if re.search(rf"(?<!\w){re.escape(alias)}(?!\w)", text)
            ]
            owner = max(hits)[1] if hits else None
        if owner is not None:
            figure.source_actor_id = owner
            session.add(figure)
