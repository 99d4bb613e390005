"""Actors across articles: every spelling merged into one actor, rebuilt from the mentions."""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Iterator

from sqlalchemy import delete, insert, update
from sqlalchemy import select as sa_select
from sqlmodel import Session, col, select

from app.extract.actor_merge import ActorCluster, merge_actors
from app.extract.place_spellings import spelling_key
from app.extract.types import FoundMention
from app.link.rows import INSERT_ROWS, chunked
from app.models import Actor, ActorAlias, ActorKey, ActorMention, EntityMention, Figure


def slugify(name: str) -> str:
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-") or "actor"


def rebuild_actors(session: Session) -> int:
    """Replace the actor tables with a fresh merge of every stored mention."""
    by_article: dict[str, list[FoundMention]] = defaultdict(list)
    # A big corpus holds millions of mentions of a few thousand spellings: each spelling is
    # kept once, not once per row the database hands back.
    shared: dict[str, str] = {}
    # Plain rows, not ORM objects.
    found = session.execute(
        sa_select(
            col(EntityMention.article_id),
            col(EntityMention.start),
            col(EntityMention.end),
            col(EntityMention.text),
            col(EntityMention.key),
            col(EntityMention.kind),
        )
    )
    for article_id, start, end, text, key, kind in found:
        by_article[str(article_id)].append(
            FoundMention(
                start=start,
                end=end,
                text=shared.setdefault(text, text),
                key=shared.setdefault(key, key),
                kind=shared.setdefault(kind, kind),
            )
        )
    del shared
    clusters = merge_actors(by_article)
    session.execute(update(Figure).values(source_actor_id=None))
    for model in (ActorMention, ActorKey, ActorAlias, Actor):
        session.execute(delete(model))
    taken: set[str] = set()
    alias_owner: dict[str, int] = {}
    actors: list[dict[str, object]] = []
    aliases: list[dict[str, object]] = []
    keys: list[dict[str, object]] = []
    owners: list[tuple[int, ActorCluster]] = []
    # Ids are given here, so that the rows go in as three bulk inserts.
    for actor_id, cluster in enumerate(sorted(clusters, key=lambda c: c.name), start=1):
        slug = base = slugify(cluster.name)
        n = 2
        while slug in taken:
            slug, n = f"{base}-{n}", n + 1
        taken.add(slug)
        actors.append({"id": actor_id, "name": cluster.name, "slug": slug, "kind": cluster.kind})
        aliases.extend({"actor_id": actor_id, "alias": a} for a in sorted(cluster.aliases))
        keys.extend(
            {"actor_id": actor_id, "key": k}
            for k in sorted(lookup_keys(cluster.aliases | {cluster.name}, cluster.kind))
        )
        for alias in cluster.aliases:
            alias_owner.setdefault(_plain(alias), actor_id)
        owners.append((actor_id, cluster))
    tables = ((Actor, actors), (ActorAlias, aliases), (ActorKey, keys))
    for model, rows in tables:
        if rows:
            session.execute(insert(model), rows)
    # Millions of mention rows: made and written a slice at a time, never all held at once.
    for chunk in chunked(_mention_rows(owners), INSERT_ROWS):
        session.execute(insert(ActorMention), chunk)
    _tie_figure_sources(session, alias_owner)
    return len(clusters)


def _mention_rows(owners: Iterable[tuple[int, ActorCluster]]) -> Iterator[dict[str, object]]:
    for actor_id, cluster in owners:
        for aid, found in cluster.mentions.items():
            for m in found:
                yield {
                    "actor_id": actor_id,
                    "article_id": int(aid),
                    "start": m.start,
                    "end": m.end,
                    "text": m.text,
                }


def lookup_keys(spellings: set[str], kind: str) -> set[str]:
    """The keys search finds an actor by: each spelling folded, and a person's surnames."""
    keys = {spelling_key(s) for s in spellings}
    if kind == "person":
        keys |= {spelling_key(s.split()[-1]) for s in spellings if len(s.split()) > 1}
    return {k for k in keys if len(k) > 2}


def _plain(text: str) -> str:
    return " ".join(re.findall(r"[\w'’-]+", text.lower()))


_MAX_ALIAS_WORDS = 8


def _tie_figure_sources(session: Session, alias_owner: dict[str, int]) -> None:
    """A figure's stated source, when it names an actor, points at that actor.

    "the Nigerian Interior Ministry" names the actor of the longest alias standing in it as
    whole words; the runs of words are looked up, so this is linear in the figures.
    """
    updates = []
    for figure_id, source in session.exec(
        select(Figure.id, Figure.source).where(Figure.source != "unknown")
    ):
        words = _plain(source).split()
        owner = None
        for size in range(min(len(words), _MAX_ALIAS_WORDS), 0, -1):
            hits = [
                alias_owner[key]
                for i in range(len(words) - size + 1)
                if (key := " ".join(words[i : i + size])) in alias_owner
            ]
            if hits:
                owner = hits[0]
                break
        if owner is not None:
            updates.append({"id": figure_id, "source_actor_id": owner})
    if updates:
        session.execute(update(Figure), updates)
