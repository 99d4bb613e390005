"""Stories in the database: articles grouped anew from their text, places and actors."""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Iterable
from typing import Any, TypeVar

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

T = TypeVar("T")


_NONE: frozenset[Any] = frozenset()


def _frozen(items: Iterable[T] | None) -> frozenset[T]:
    """The items as a frozenset; all empty ones are one object (100,000 articles, six each)."""
    return frozenset(items) if items else _NONE


def regroup_stories(session: Session) -> int:
    """Replace the stories with a fresh grouping; numbered by their earliest article."""
    named: dict[int, tuple[str, dt.date | None]] = {}
    # The documents go straight in, held by nothing here: the grouping lets them go once it
    # has their vectors, which frees the texts before the clustering (at 100,000 articles
    # hundreds of megabytes).
    grouped = group_stories(_story_docs(session, named))
    clusters = sorted((sorted(c) for c in grouped), key=lambda c: c[0])
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


def _story_docs(session: Session, named: dict[int, tuple[str, dt.date | None]]) -> list[StoryDoc]:
    """Each article's text, places, actors, persons, stated days and tolls; `named` gets
    each article's title and date."""
    # One string per name, not one per mention (millions of mentions at 100,000 articles).
    names: dict[str, str] = {}
    places: dict[int, set[str]] = defaultdict(set)
    cities: dict[int, set[str]] = defaultdict(set)
    for article_id, name, kind in session.exec(
        select(PlaceMention.article_id, Place.name, Place.kind).join(
            Place, col(Place.id) == PlaceMention.place_id
        )
    ):
        places[article_id].add(names.setdefault(name, name))
        if kind == "city":
            cities[article_id].add(names[name])
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
        name = names.setdefault(name, name)
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
    # Each article's sets are handed over to its document and dropped here as it is made,
    # and so is its row, so that the bodies and the names are not held twice.
    docs = []
    for aid in list(articles):
        a = articles.pop(aid)
        people = persons.pop(aid, None) or Counter()
        docs.append(
            StoryDoc(
                key=aid,
                text=f"{a.title}\n{a.body}",
                date=a.date,
                places=_frozen(places.pop(aid, None)),
                actors=_frozen(actors.pop(aid, None)),
                persons=_frozen(people),
                principals=_frozen({n for n, k in people.items() if k > 1}),
                stated_dates=_frozen(stated.pop(aid, None)),
                tolls=_frozen(tolls.pop(aid, None)),
                cities=_frozen(cities.pop(aid, None)),
            )
        )
        named[aid] = (a.title, a.date)
    return docs
