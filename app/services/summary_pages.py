"""Pages of the stored summaries (app/services/summaries.py): the figures overview and the
list of stories, each a page of rows read by an index with a LIMIT.

Ranks run from 0 without gaps in the order the pages list, so a page of the whole list is a
range of ranks, and without a filter each kind of topic is a range of ranks too.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import func
from sqlmodel import Session, col, select

from app.models import StorySummary, TopicSummary
from app.services.articles import Page
from app.services.summary_rows import (
    ShownTopic,
    shown_topic,
    story_from_json,
    topic_from_json,
)
from app.services.topics import TopicFilters, list_topics

FIGURES_PAGE = 20
STORIES_PAGE = 20
KINDS = ("disputed", "series", "agreed", "single", "other")


@dataclass
class TopicPage:
    rows: list[ShownTopic]
    counts: dict[str, int] = field(default_factory=dict)  # rows of each kind in all pages
    page: int = 1
    size: int = FIGURES_PAGE
    many_stories: bool = False  # the rows come from more than one story

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


def _kind_counts(session: Session, story: int | None, measure: str | None) -> dict[str, int]:
    if story is None and measure is None:
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
    query = select(TopicSummary.kind, func.count())
    if story is not None:
        query = query.where(TopicSummary.story_id == story)
    if measure is not None:
        query = query.where(TopicSummary.measure == measure)
    return {k: int(n) for k, n in session.exec(query.group_by(col(TopicSummary.kind)))}


def _many_stories(session: Session, story: int | None, measure: str | None) -> bool:
    """Whether the rows come from two stories or more (the rows of no story being one):
    the least and the greatest story, each read from the end of an index."""
    if story is not None:
        return False
    story_id = col(TopicSummary.story_id)
    terms = [] if measure is None else [TopicSummary.measure == measure]
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
    page: int = 1,
    size: int = FIGURES_PAGE,
) -> TopicPage:
    """One page of the figures overview, whole or of one story or measure."""
    query = select(TopicSummary.data).order_by(col(TopicSummary.rank))
    start = (page - 1) * size
    if story is None and measure is None:
        query = query.where(col(TopicSummary.rank) >= start).limit(size)
    else:
        if story is not None:
            query = query.where(TopicSummary.story_id == story)
        if measure is not None:
            query = query.where(TopicSummary.measure == measure)
        query = query.offset(start).limit(size)
    rows = [topic_from_json(data) for data in session.exec(query)]
    return TopicPage(
        rows=rows,
        counts=_kind_counts(session, story, measure),
        page=page,
        size=size,
        many_stories=_many_stories(session, story, measure),
    )


def overview_page(
    session: Session, *, filters: TopicFilters, page: int = 1, size: int = FIGURES_PAGE
) -> TopicPage:
    """The figures overview under the page's filters: from the summaries when the filters
    keep whole rows (a story, a measure); worked out from the figures they keep otherwise (a
    date range, a place, an outlet or a source changes which values a row holds)."""
    whole_rows = TopicFilters(story=filters.story, measure=filters.measure)
    if filters == whole_rows:
        return topic_page(
            session, story=filters.story, measure=filters.measure, page=page, size=size
        )
    rows = list_topics(session, filters=filters)
    counts: dict[str, int] = {}
    for row in rows:
        counts[row.kind] = counts.get(row.kind, 0) + 1
    shown = [shown_topic(r) for r in rows[(page - 1) * size : page * size]]
    many = len({r.story_id for r in rows}) > 1
    return TopicPage(rows=shown, counts=counts, page=page, size=size, many_stories=many)


def story_list(session: Session, *, page: int = 1, size: int = STORIES_PAGE) -> Page:
    """One page of the stories, biggest first (the articles of no story last)."""
    start = (page - 1) * size
    rank = col(StorySummary.rank)
    last = session.exec(select(func.max(rank))).one()
    query = select(StorySummary.data).where(rank >= start).order_by(rank).limit(size)
    items = [story_from_json(data) for data in session.exec(query)]
    return Page(items=items, total=0 if last is None else last + 1, page=page, size=size)
