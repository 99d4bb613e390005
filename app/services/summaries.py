"""The figures overview and the list of stories, worked out over the whole database once each
time the links change and stored, so that their pages read a page of rows by an index.

Every path that changes figures, articles or stories ends in a relink (ingest, reprocess, a
correction, an undo), and every one of those then lays the corrections on again: that is
where `refresh_if_stale` runs (app/services/corrections/apply.py). A database made by an
earlier version has no summaries: `parallax serve` makes them before it serves a page.
"""

from __future__ import annotations

import time
from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from sqlalchemy import delete, insert
from sqlalchemy import select as sa_select
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from app.generation import current_generation
from app.models import (
    ActorSummary,
    Article,
    FacetSummary,
    Story,
    StorySummary,
    SummaryState,
    TopicSummary,
)
from app.services.actors import actor_counts
from app.services.facet_rows import stored_rows
from app.services.facets import facets_to_json, whole_facets
from app.services.labels import label_of
from app.services.list_summaries import refresh_list_summaries
from app.services.stories import story_label
from app.services.summary_rows import (
    ShownStory,
    StoryArticle,
    shown_topic,
    to_json,
)
from app.services.topics import (
    TopicFilters,
    TopicRow,
    group_topics,
    place_key,
    topic_context,
    topic_values,
)

# Raised whenever what is stored changes shape: a database summarised by an earlier version
# is summarised again by `serve` or `reprocess`.
VERSION = 3
ARTICLES_KEPT = 10  # a story's first articles in the list; its page lists them all
TOPICS_KEPT = 4  # a story's disputed figures, and apart its series, in the list
OTHERS_KEPT = 10  # the other events a story's reports mention


def _state(session: Session) -> SummaryState:
    return session.get(SummaryState, 1) or SummaryState(id=1)


def is_stale(session: Session) -> bool:
    state = session.get(SummaryState, 1)
    return state is None or state.summarised != state.linked or state.version != VERSION


def refresh_if_stale(session: Session) -> bool:
    """Work the summaries out again if the links changed since they were made."""
    if not is_stale(session):
        return False
    refresh_summaries(session)
    return True


def ensure_summaries(engine: Engine) -> float | None:
    """Make the summaries of a database that has none or stale ones (one made by an earlier
    version); returns the seconds it took, None when they were up to date."""
    start = time.perf_counter()
    with Session(engine) as session:
        if not refresh_if_stale(session):
            return None
        session.commit()
    return time.perf_counter() - start


def refresh_summaries(session: Session) -> None:
    """Every topic row and every story, the actors, the index's order, the places and the
    days, computed as the pages showed them per request."""
    titles = {sid: title for sid, title in session.exec(select(Story.id, Story.title)) if sid}
    pairs = topic_values(session, filters=TopicFilters())
    rows = group_topics(pairs, story_titles=titles, context=topic_context(session))
    session.execute(delete(TopicSummary))
    session.execute(delete(StorySummary))
    topic_rows = [
        {
            "rank": rank,
            "story_id": row.story_id,
            "measure": row.measure,
            "kind": row.kind,
            "place_key": place_key(row.place),
            "data": to_json(shown_topic(row)),
        }
        for rank, row in enumerate(rows)
    ]
    if topic_rows:
        session.execute(insert(TopicSummary), topic_rows)
    refresh_actors(session)
    refresh_list_summaries(session)
    session.execute(delete(FacetSummary))
    generation = current_generation(session.connection())
    if generation is not None:  # only where changes are counted: SQLite
        session.execute(
            insert(FacetSummary),
            [
                {"page": k, "data": facets_to_json(v), "generation": generation}
                for k, v in whole_facets(session).items()
            ]
            + stored_rows(session, generation),
        )
    stories = _stories(session, rows)
    if stories:
        session.execute(
            insert(StorySummary),
            [
                {"rank": rank, "story_id": story.id, "data": to_json(story)}
                for rank, story in enumerate(stories)
            ],
        )
    state = _state(session)
    state.summarised = state.linked
    state.version = VERSION
    session.add(state)
    session.flush()


def refresh_actors(session: Session) -> None:
    """The list of actors in its order, with each actor's place among those of its kind."""
    session.execute(delete(ActorSummary))
    per_kind: dict[str, int] = defaultdict(int)
    rows = []
    for rank, row in enumerate(actor_counts(session)):
        kind = row.actor.kind
        rows.append(
            {
                "rank": rank,
                "kind": kind,
                "kind_rank": per_kind[kind],
                "actor_id": row.actor.id,
                "spellings": row.spellings,
                "articles": row.articles,
                "mentions": row.mentions,
            }
        )
        per_kind[kind] += 1
    if rows:
        session.execute(insert(ActorSummary), rows)
    session.flush()


def _stories(session: Session, rows: Iterable[TopicRow]) -> list[ShownStory]:
    """Stories with their articles (oldest first), biggest first, the articles of no story
    last; each with its disputed topics, its series and the other events it mentions."""
    views: dict[int | None, ShownStory] = {
        s.id: ShownStory(s.id, story_label(s)) for s in session.exec(select(Story))
    }
    # Not the bodies: the list names its articles, it does not show them.
    a = Article.__table__.c  # type: ignore[attr-defined]
    query = sa_select(a.id, a.story_id, a.date, a.title, a.outlet, a.source_file).order_by(
        a.date.asc().nulls_last(), a.id
    )
    dates: dict[int | None, list[Any]] = defaultdict(list)
    for article in session.execute(query):
        view = views.get(article.story_id)
        if view is None:
            view = views.setdefault(article.story_id, ShownStory(article.story_id, "No story"))
        view.count += 1
        if len(view.articles) < ARTICLES_KEPT:
            view.articles.append(StoryArticle(article.id, label_of(article)))
        if article.date:
            dates[article.story_id].append(article.date)
    by_story: dict[int | None, list[TopicRow]] = defaultdict(list)
    for row in rows:
        by_story[row.story_id].append(row)
    for story_id, view in views.items():
        days = dates.get(story_id)
        if days:
            first, last = min(days), max(days)
            view.span = str(first) if first == last else f"{first} – {last}"
        story_rows = by_story.get(story_id, [])
        own = [r for r in story_rows if not r.other_event]
        others = [r for r in story_rows if r.other_event]
        view.topics = len(own)
        view.disputed = [shown_topic(r, with_values=False) for r in own if r.disputed][:TOPICS_KEPT]
        view.series = [shown_topic(r, with_values=False) for r in own if r.kind == "series"][
            :TOPICS_KEPT
        ]
        view.others = [shown_topic(r, with_values=False) for r in others[:OTHERS_KEPT]]
        view.more_others = max(0, len(others) - OTHERS_KEPT)
    out = [v for v in views.values() if v.count]
    out.sort(key=lambda v: (v.id is None, -v.count, v.id or 0))
    return out
