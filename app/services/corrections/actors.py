"""Splitting a spelling off a merged actor: the reader's correction of an actor merge."""

from __future__ import annotations

from sqlmodel import Session, select

from app.link.actors import slugify
from app.models import Actor, ActorAlias, ActorMention, Figure


def split_alias(session: Session, alias: str) -> Actor | None:
    """Give one spelling of a merged actor its own actor, with the mentions in that spelling.

    Nothing happens when the spelling is the actor's only one (there is nothing to split).
    """
    folded = alias.casefold()
    rows = [
        r
        for r in session.exec(select(ActorAlias).where(ActorAlias.alias == alias))
        if r.alias.casefold() == folded
    ] or [
        r
        for r in session.exec(select(ActorAlias))
        if r.alias.casefold() == folded  # a different letter case than the one recorded
    ]
    for row in rows:
        old = session.get(Actor, row.actor_id)
        siblings = [
            a.alias
            for a in session.exec(select(ActorAlias).where(ActorAlias.actor_id == row.actor_id))
            if a.alias.casefold() != folded
        ]
        if old is None or not siblings:
            continue
        assert old.id is not None
        new = Actor(name=row.alias, slug=_free_slug(session, row.alias), kind=old.kind)
        session.add(new)
        session.flush()
        assert new.id is not None
        row.actor_id = new.id
        session.add(row)
        for mention in session.exec(select(ActorMention).where(ActorMention.actor_id == old.id)):
            if mention.text.casefold() == folded:
                mention.actor_id = new.id
                session.add(mention)
        if old.name.casefold() == folded:
            old.name = max(siblings, key=len)  # the fullest spelling left names it
            session.add(old)
        for figure in session.exec(select(Figure).where(Figure.source_actor_id == old.id)):
            source = figure.source.casefold()
            if folded in source and not any(s.casefold() in source for s in siblings):
                figure.source_actor_id = new.id
                session.add(figure)
        session.flush()
        return new
    return None


def _free_slug(session: Session, name: str) -> str:
    base = slug = slugify(name)
    n = 2
    while session.exec(select(Actor.id).where(Actor.slug == slug)).first() is not None:
        slug, n = f"{base}-{n}", n + 1
    return slug
