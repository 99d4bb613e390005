"""Pages of the stored summaries (app/services/summaries.py): the figures overview, the list
of stories, the index of articles, the places and the timeline, each a page of rows read by
an index with a LIMIT. Under a filter the summaries do not hold (an article's outlet, a
story's places) and before they are made, a page is worked out from what it shows.

Ranks run from 0 without gaps in the order the pages list, so a page of the whole list is a
range of ranks, and without a filter each kind of topic is a range of ranks too.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import func
from sqlalchemy.orm import defer
from sqlmodel import Session, col, select

from app.models import (
    Article,
    ArticleRank,
    DateSummary,
    DaySummary,
    PlaceSummary,
    Story,
    StorySummary,
    TopicSummary,
)
from app.services.articles import ArticleFilters, Page, list_articles
from app.services.dates import timeline, unplaced_dates
from app.services.list_summaries import day_from_json
from app.services.places import PlaceRow, list_places, place_rows
from app.services.summaries import is_stale
from app.services.summary_rows import (
    ShownTopic,
    shown_topic,
    story_from_json,
    topic_from_json,
)
from app.services.topics import (
    TopicFilters,
    add_chart,
    context_of,
    group_topics,
    place_names,
    topic_values,
)

FIGURES_PAGE = 20
STORIES_PAGE = 20
DAYS_PAGE = 31
# A filter that keeps more figures than this (a date range over most of the database) has its
# rows worked out from the latest of them, so that no request groups every figure.
FILTERED_FIGURES = 1000
KINDS = ("disputed", "series", "agreed", "single", "other")


@dataclass
class TopicPage:
    rows: list[ShownTopic]
    counts: dict[str, int] = field(default_factory=dict)  # rows of each kind in all pages
    page: int = 1
    size: int = FIGURES_PAGE
    many_stories: bool = False  # the rows come from more than one story
    # The filters keep more than FILTERED_FIGURES figures: the earlier ones are not in the rows.
    left_out: bool = False

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.size))

    def of_kind(self, *kinds: str) -> list[ShownTopic]:
        return [r for r in self.rows if r.kind in kinds]

    def count(self, *kinds: str) -> int:
        return sum(self.counts.get(k, 0) for k in kinds)


def _where(story: int | None, measure: str | None, places: frozenset[str] | None) -> list[Any]:
    """The terms on the stored rows of a story, a measure and a place (any of its names)."""
    terms: list[Any] = []
    if story is not None:
        terms.append(TopicSummary.story_id == story)
    if measure is not None:
        terms.append(TopicSummary.measure == measure)
    if places is not None:
        terms.append(col(TopicSummary.place_key).in_(sorted(places - {""})))
    return terms


def _kind_counts(session: Session, terms: list[Any]) -> dict[str, int]:
    if not terms:
        rank = col(TopicSummary.rank)
        out = {}
        for kind in KINDS:
            # Apart, so that each is read from one end of the index (together they would
            # read the whole range between).
            of_kind = TopicSummary.kind == kind
            low = session.exec(select(func.min(rank)).where(of_kind)).one()
            high = session.exec(select(func.max(rank)).where(of_kind)).one()
            if low is not None and high is not None:
                out[kind] = high - low + 1
        return out
    query = select(TopicSummary.kind, func.count()).where(*terms)
    return {k: int(n) for k, n in session.exec(query.group_by(col(TopicSummary.kind)))}


def _many_stories(session: Session, story: int | None, terms: list[Any]) -> bool:
    """Whether the rows come from two stories or more (the rows of no story being one):
    the least and the greatest story, each read from the end of an index."""
    if story is not None:
        return False
    story_id = col(TopicSummary.story_id)
    low = session.exec(select(func.min(story_id)).where(*terms)).one()
    high = session.exec(select(func.max(story_id)).where(*terms)).one()
    if low != high:
        return True
    none = select(TopicSummary.id).where(*terms, story_id.is_(None)).limit(1)
    return low is not None and session.exec(none).first() is not None


def topic_page(
    session: Session,
    *,
    story: int | None = None,
    measure: str | None = None,
    places: frozenset[str] | None = None,
    page: int = 1,
    size: int = FIGURES_PAGE,
) -> TopicPage:
    """One page of the figures overview, whole or of one story, measure or place (the names
    it may have, in lower case)."""
    query = select(TopicSummary.data).order_by(col(TopicSummary.rank))
    start = (page - 1) * size
    terms = _where(story, measure, places)
    if not terms:
        query = query.where(col(TopicSummary.rank) >= start).limit(size)
    else:
        query = query.where(*terms).offset(start).limit(size)
    rows = [topic_from_json(data) for data in session.exec(query)]
    return TopicPage(
        rows=rows,
        counts=_kind_counts(session, terms),
        page=page,
        size=size,
        many_stories=_many_stories(session, story, terms),
    )


def overview_page(
    session: Session, *, filters: TopicFilters, page: int = 1, size: int = FIGURES_PAGE
) -> TopicPage:
    """The figures overview under the page's filters: from the summaries when the filters
    keep whole rows (a story, a measure, a place); worked out from the figures they keep
    otherwise (a date range, an outlet or a source changes which values a row holds), from
    the latest FILTERED_FIGURES of them at most."""
    whole_rows = TopicFilters(story=filters.story, measure=filters.measure, city=filters.city)
    if filters == whole_rows:
        places = frozenset(place_names(session, filters.city)) if filters.city else None
        return topic_page(
            session,
            story=filters.story,
            measure=filters.measure,
            places=places,
            page=page,
            size=size,
        )
    pairs = topic_values(session, filters=filters, latest=FILTERED_FIGURES + 1)
    left_out = len(pairs) > FILTERED_FIGURES
    pairs = pairs[-FILTERED_FIGURES:]
    stories = {a.story_id for _, a in pairs if a.story_id is not None}
    named = session.exec(select(Story.id, Story.title).where(col(Story.id).in_(stories)))
    titles = {sid: title for sid, title in named if sid is not None}
    context = context_of(session, [f.id or 0 for f, _ in pairs], {a.id or 0 for _, a in pairs})
    rows = group_topics(pairs, story_titles=titles, context=context, charts=False)
    counts: dict[str, int] = {}
    for row in rows:
        counts[row.kind] = counts.get(row.kind, 0) + 1
    on_page = rows[(page - 1) * size : page * size]
    for row in on_page:
        add_chart(row)
    shown = [shown_topic(r) for r in on_page]
    many = len({r.story_id for r in rows}) > 1
    return TopicPage(
        rows=shown, counts=counts, page=page, size=size, many_stories=many, left_out=left_out
    )


def story_list(session: Session, *, page: int = 1, size: int = STORIES_PAGE) -> Page:
    """One page of the stories, biggest first (the articles of no story last)."""
    start = (page - 1) * size
    rank = col(StorySummary.rank)
    last = _last_rank(session, rank)
    query = select(StorySummary.data).where(rank >= start).order_by(rank).limit(size)
    items = [story_from_json(data) for data in session.exec(query)]
    return Page(items=items, total=0 if last is None else last + 1, page=page, size=size)


def _last_rank(session: Session, rank: Any) -> int | None:
    """The greatest rank, read from the end of its index: the rows number one more."""
    last: int | None = session.exec(select(func.max(rank))).one()
    return last


def article_list(
    session: Session, *, filters: ArticleFilters, page: int = 1, size: int = 50
) -> Page:
    """A page of the index: without filters a range of the stored ranks, as fast deep in the
    list as on its first page; with filters, counted and paged over the articles they keep."""
    if filters != ArticleFilters() or is_stale(session):
        return list_articles(session, filters=filters, page=page, size=size)
    rank = col(ArticleRank.rank)
    start = (page - 1) * size
    body = defer(Article.body)  # type: ignore[arg-type]
    query = (
        select(Article)
        .options(body)
        .join(ArticleRank, col(ArticleRank.article_id) == Article.id)
        .where(rank >= start, rank < start + size)
        .order_by(rank)
    )
    items = list(session.exec(query))
    last = _last_rank(session, rank)
    return Page(items=items, total=0 if last is None else last + 1, page=page, size=size)


def place_list(session: Session, *, story: int | None = None) -> list[PlaceRow]:
    """The places the articles mention, most articles first: counted at link time for the
    whole database, per request for one story."""
    if story is not None or is_stale(session):
        return list_places(session, story=story)
    query = select(PlaceSummary.place_id, PlaceSummary.articles, PlaceSummary.mentions)
    counted = {pid: (arts, ments) for pid, arts, ments in session.exec(query)}
    return place_rows(session, counted)


def day_list(
    session: Session, *, story: int | None = None, page: int = 1, size: int = DAYS_PAGE
) -> tuple[Page, int]:
    """A page of the timeline's days, oldest first, and how many dates in the texts could not
    be put on a day: stored for the whole database, worked out for one story."""
    start = (page - 1) * size
    if story is not None or is_stale(session):
        days = timeline(session, story=story)
        shown = Page(items=days[start : start + size], total=len(days), page=page, size=size)
        return shown, unplaced_dates(session, story=story)
    rank = col(DaySummary.rank)
    query = select(DaySummary.data).where(rank >= start, rank < start + size).order_by(rank)
    items = [day_from_json(data) for data in session.exec(query)]
    last = _last_rank(session, rank)
    unplaced = session.exec(select(DateSummary.unplaced)).first() or 0
    return Page(items=items, total=0 if last is None else last + 1, page=page, size=size), unplaced
