"""Stories in the database: articles grouped anew from their text, places and actors."""

from __future__ import annotations

from collections import Counter, defaultdict

from sqlalchemy import delete, insert, update
from sqlmodel import Session, col, select

from app.backend import defer_foreign_keys
from app.link.stories import StoryDoc, group_stories
from app.models import Actor, ActorMention, Article, Place, PlaceMention, Story


def regroup_stories(session: Session) -> int:
    """Replace the stories with a fresh grouping; numbered by their earliest article."""
    places: dict[int, set[str]] = defaultdict(set)
    for article_id, name in session.exec(
        select(PlaceMention.article_id, Place.name).join(
            Place, col(Place.id) == PlaceMention.place_id
        )
    ):
        places[article_id].add(name)
    actors: dict[int, set[str]] = defaultdict(set)
    persons: dict[int, Counter[str]] = defaultdict(Counter)
    for article_id, name, kind in session.exec(
        select(ActorMention.article_id, Actor.name, Actor.kind).join(
            Actor, col(Actor.id) == ActorMention.actor_id
        )
    ):
        actors[article_id].add(name)
        if kind == "person":
            persons[article_id][name] += 1
    articles = {a.id: a for a in session.exec(select(Article)) if a.id is not None}
    docs = [
        StoryDoc(
            key=aid,
            text=f"{a.title}\n{a.body}",
            date=a.date,
            places=frozenset(places[aid]),
            actors=frozenset(actors[aid]),
            persons=frozenset(persons[aid]),
            principals=frozenset(n for n, k in persons[aid].items() if k > 1),
        )
        for aid, a in articles.items()
    ]
    clusters = sorted((sorted(c) for c in group_stories(docs)), key=lambda c: c[0])
    # Every article gets its new story below: the references are checked at commit rather
    # than cleared first, which would rewrite every article twice.
    defer_foreign_keys(session)
    session.execute(delete(Story))
    stories: list[dict[str, object]] = []
    members_of: list[dict[str, object]] = []
    # Ids are given here, so that stories and memberships go in as two bulk statements.
    for story_id, cluster in enumerate(clusters, start=1):
        members = [articles[k] for k in cluster]
        # The earliest report names the story; undated ones come last.
        first = min(members, key=lambda a: (a.date is None, a.date, a.id))
        stories.append({"id": story_id, "title": first.title})
        members_of.extend({"id": a.id, "story_id": story_id} for a in members)
    if stories:
        session.execute(insert(Story), stories)
        session.execute(update(Article), members_of)
    return len(clusters)
