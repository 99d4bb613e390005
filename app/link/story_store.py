"""Stories in the database: articles grouped anew from their text, places and actors."""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict

from sqlalchemy import delete, insert, update
from sqlalchemy import select as sa_select
from sqlmodel import Session, col, select

from app.backend import defer_foreign_keys
from app.extract.figure_lexicon import HARM_MEASURES
from app.extract.voices import introduced_by_office
from app.link.stories import StoryDoc, group_stories
from app.models import (
    Actor,
    ActorMention,
    Article,
    DateMention,
    Figure,
    Place,
    PlaceMention,
    Story,
)


def regroup_stories(session: Session) -> int:
    """Replace the stories with a fresh grouping; numbered by their earliest article."""
    places: dict[int, set[str]] = defaultdict(set)
    for article_id, name in session.exec(
        select(PlaceMention.article_id, Place.name).join(
            Place, col(Place.id) == PlaceMention.place_id
        )
    ):
        places[article_id].add(name)
    # Plain rows, not ORM objects: the bodies are read once here and kept only in the
    # documents below, which at 100,000 articles is most of this step's memory.
    articles = {
        a.id: a
        for a in session.execute(
            sa_select(col(Article.id), col(Article.title), col(Article.body), col(Article.date))
        )
    }
    actors: dict[int, set[str]] = defaultdict(set)
    persons: dict[int, Counter[str]] = defaultdict(Counter)
    voices: set[str] = set()
    for article_id, name, kind, start, end in session.execute(
        sa_select(
            col(ActorMention.article_id),
            col(Actor.name),
            col(Actor.kind),
            col(ActorMention.start),
            col(ActorMention.end),
        ).join(Actor, col(Actor.id) == ActorMention.actor_id)
    ):
        actors[article_id].add(name)
        if kind == "person":
            persons[article_id][name] += 1
            if introduced_by_office(articles[article_id].body, start, end):
                voices.add(name)
    # A voice quoted for its office, anywhere, says nothing of which event a report is about.
    for counts in persons.values():
        for name in voices & counts.keys():
            del counts[name]
    stated: dict[int, set[dt.date]] = defaultdict(set)
    for article_id, day in session.exec(
        select(DateMention.article_id, col(DateMention.value)).where(
            DateMention.basis == "stated", col(DateMention.value).is_not(None)
        )
    ):
        if day is not None:
            stated[article_id].add(day)
    tolls: dict[int, set[str]] = defaultdict(set)
    for article_id, measure, value in session.exec(
        select(Figure.article_id, Figure.measure, Figure.value).where(
            col(Figure.measure).in_(HARM_MEASURES),
            col(Figure.value).is_not(None),
            Figure.event == "this",
            Figure.group == "total",
            col(Figure.rejected).is_(False),
        )
    ):
        tolls[article_id].add(f"{measure}:{value:g}")
    docs = [
        StoryDoc(
            key=aid,
            text=f"{a.title}\n{a.body}",
            date=a.date,
            places=frozenset(places[aid]),
            actors=frozenset(actors[aid]),
            persons=frozenset(persons[aid]),
            principals=frozenset(n for n, k in persons[aid].items() if k > 1),
            stated_dates=frozenset(stated[aid]),
            tolls=frozenset(tolls[aid]),
        )
        for aid, a in articles.items()
    ]
    named = {aid: (a.title, a.date) for aid, a in articles.items()}
    del articles
    clusters = sorted((sorted(c) for c in group_stories(docs)), key=lambda c: c[0])
    # Every article gets its new story below: the references are checked at commit rather
    # than cleared first, which would rewrite every article twice.
    defer_foreign_keys(session)
    session.execute(delete(Story))
    stories: list[dict[str, object]] = []
    members_of: list[dict[str, object]] = []
    # Ids are given here, so that stories and memberships go in as two bulk statements.
    for story_id, cluster in enumerate(clusters, start=1):
        # The earliest report names the story; undated ones come last.
        first = min(cluster, key=lambda k: (named[k][1] is None, named[k][1], k))
        stories.append({"id": story_id, "title": named[first][0]})
        members_of.extend({"id": k, "story_id": story_id} for k in cluster)
    if stories:
        session.execute(insert(Story), stories)
        session.execute(update(Article), members_of)
    return len(clusters)
