"""Dates: a timeline of a story, day by day.

Each day holds the articles published that day, the events the texts place on it (dates the
text states, or relative ones such as "yesterday" resolved against the article's date) and
the figures reported for it (the day a figure refers to, else its article's date).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import and_, func, union_all
from sqlalchemy import select as select_many
from sqlmodel import Session, col, select

from app.models import Article, DateMention, Figure, Sentence
from app.services.actors import Segment, mark_spans
from app.services.labels import label_of
from app.services.topics import show_value


@dataclass(frozen=True)
class ArticleRef:
    id: int
    title: str
    label: str
    date: dt.date | None


@dataclass(frozen=True)
class DateEvent:
    mention_id: int
    article: ArticleRef
    text: str  # the words of the date as written
    basis: str  # stated | relative
    segments: list[Segment]  # the sentence, the date marked

    @property
    def relative(self) -> bool:
        return self.basis == "relative"


@dataclass(frozen=True)
class DayFigure:
    figure_id: int
    article: ArticleRef
    measure: str
    group: str
    place: str | None
    shown: str
    text: str
    refers: bool  # the text ties the figure to this day; otherwise it is the article's date


@dataclass
class Day:
    date: dt.date
    articles: list[ArticleRef] = field(default_factory=list)
    events: list[DateEvent] = field(default_factory=list)
    figures: list[DayFigure] = field(default_factory=list)
    # How many of each there are when the lists hold only the first few (the stored overview,
    # app/services/list_summaries.py); None: the lists are whole.
    counts: tuple[int, int, int] | None = None

    @property
    def empty(self) -> bool:
        return not (self.articles or self.events or self.figures)

    @property
    def article_count(self) -> int:
        return self.counts[0] if self.counts else len(self.articles)

    @property
    def event_count(self) -> int:
        return self.counts[1] if self.counts else len(self.events)

    @property
    def figure_count(self) -> int:
        return self.counts[2] if self.counts else len(self.figures)


def _refs(session: Session, ids: set[int]) -> dict[int, ArticleRef]:
    """Title, label and date of these articles, without loading their bodies."""
    if not ids:
        return {}
    # Plain rows, not entities: a busy day names hundreds of articles.
    query = select_many(
        col(Article.id),
        col(Article.title),
        col(Article.source_file),
        col(Article.outlet),
        col(Article.date),
    ).where(col(Article.id).in_(ids))
    return {
        a.id: ArticleRef(a.id, a.title or a.source_file, label_of(a), a.date)
        for a in session.execute(query)
    }


def _count(session: Session, query: Any) -> int:
    return int(session.exec(query).one())


def _as_date(value: object) -> dt.date:
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value))


# One day's page shows this many of each of its lists at a time: a busy day of a large
# collection holds hundreds of articles and mentions.
DAY_ROWS = 100


def timeline(
    session: Session,
    *,
    story: int | None = None,
    day: dt.date | None = None,
    page: int = 1,
) -> list[Day]:
    """The days, oldest first, with what happened and what was published on each.

    Four queries, whatever the number of days. For one `day`, each list holds its `page` of
    DAY_ROWS rows and the day its counts (three more queries).
    """
    rows = (DAY_ROWS, (page - 1) * DAY_ROWS) if day is not None else None

    def bounded(query: Any) -> Any:
        return query if rows is None else query.limit(rows[0]).offset(rows[1])

    published = select(col(Article.id), col(Article.date)).where(col(Article.date).is_not(None))
    if story is not None:
        published = published.where(Article.story_id == story)
    if day is not None:
        published = published.where(Article.date == day)
    published_rows = [
        (aid, date)
        for aid, date in session.exec(
            bounded(published.order_by(col(Article.date), col(Article.id)))
        )
    ]

    sentence_text = func.substr(
        Article.body, col(Sentence.start) + 1, col(Sentence.end) - col(Sentence.start)
    )
    events = (
        select_many(
            col(DateMention.id),
            col(DateMention.article_id),
            col(DateMention.start),
            col(DateMention.end),
            col(DateMention.text),
            col(DateMention.value),
            col(DateMention.basis),
            col(Sentence.start).label("s_start"),
            sentence_text.label("s_text"),
        )
        .join(Article, col(Article.id) == DateMention.article_id)
        .outerjoin(
            Sentence,
            and_(
                col(Sentence.article_id) == col(DateMention.article_id),
                col(Sentence.start) <= col(DateMention.start),
                col(Sentence.end) > col(DateMention.start),
            ),
        )
        .where(col(DateMention.value).is_not(None))
    )
    if story is not None:
        events = events.where(col(Article.story_id) == story)
    if day is not None:
        events = events.where(col(DateMention.value) == day)
    event_rows = list(
        session.execute(
            bounded(
                events.order_by(col(DateMention.value), col(Article.date), col(DateMention.start))
            )
        )
    )

    figure_day = func.coalesce(col(Figure.ref_date), col(Article.date))
    figures = (
        select_many(
            col(Figure.id),
            col(Figure.article_id),
            col(Figure.measure),
            col(Figure.group),
            col(Figure.place),
            col(Figure.value),
            col(Figure.value_high),
            col(Figure.qualifier),
            col(Figure.text),
            col(Figure.ref_date),
            figure_day.label("day"),
        )
        .join(Article, col(Article.id) == Figure.article_id)
        .where(col(Figure.rejected).is_(False), figure_day.is_not(None))
    )
    if story is not None:
        figures = figures.where(col(Article.story_id) == story)
    if day is not None:
        # The figures stating the day, and those of the day's articles stating none: each
        # read by its index, where `figure_day == day` alone reads every figure. (A test of
        # `ref_date IS NULL` would be read by its index, through nearly every figure.)
        stated = select(col(Figure.id)).where(col(Figure.ref_date) == day)
        of_articles = (
            select(col(Figure.id))
            .join(Article, col(Article.id) == Figure.article_id)
            .where(col(Article.date) == day, figure_day == day)
        )
        figures = figures.where(col(Figure.id).in_(union_all(stated, of_articles)))
    figure_rows = list(
        session.execute(bounded(figures.order_by(col(Figure.measure), col(Figure.id))))
    )

    ids = {aid for aid, _ in published_rows if aid is not None}
    ids |= {m.article_id for m in event_rows} | {f.article_id for f in figure_rows}
    refs = _refs(session, ids)

    days: dict[dt.date, Day] = {}

    def at(date: object) -> Day:
        when = _as_date(date)
        return days.setdefault(when, Day(when))

    for aid, date in published_rows:
        if aid is not None and date is not None:
            at(date).articles.append(refs[aid])
    seen: set[int] = set()
    for mention in event_rows:
        if mention.id in seen or mention.value is None:  # a mention across two sentences
            continue
        seen.add(mention.id)
        s_start, s_text = mention.s_start, mention.s_text
        if s_text is None or s_start is None:
            s_start, s_text = mention.start, mention.text
        segments = mark_spans(str(s_text), int(s_start), [(mention.start, mention.end)])
        at(mention.value).events.append(
            DateEvent(mention.id, refs[mention.article_id], mention.text, mention.basis, segments)
        )
    for figure in figure_rows:
        at(figure.day).figures.append(
            DayFigure(
                figure_id=figure.id,
                article=refs[figure.article_id],
                measure=figure.measure,
                group=figure.group,
                place=figure.place,
                shown=show_value(figure.value, figure.value_high, figure.qualifier),
                text=figure.text,
                refers=figure.ref_date is not None,
            )
        )
    if day is not None:
        # A mention that straddles two sentences comes twice from the join: counted once.
        mentions = events.subquery()
        at(day).counts = (
            _count(session, select(func.count()).select_from(published.subquery())),
            _count(session, select(func.count(func.distinct(mentions.c.id)))),
            _count(session, select(func.count()).select_from(figures.subquery())),
        )
    return [days[d] for d in sorted(days)]


def unplaced_dates(session: Session, *, story: int | None = None) -> int:
    """How many dates in the texts could not be put on a day ("Friday" with no year known)."""
    query = select(func.count()).select_from(DateMention).where(col(DateMention.value).is_(None))
    if story is not None:
        query = query.join(Article, col(Article.id) == DateMention.article_id).where(
            Article.story_id == story
        )
    return int(session.exec(query).one())


def neighbour_days(
    session: Session, *, day: dt.date, story: int | None = None
) -> tuple[dt.date | None, dt.date | None]:
    """The nearest earlier and later days that have anything on them (six small queries)."""
    # A figure without a day of its own is on its article's date, which the articles' own
    # column already answers: only the stated days are read from figures, by their index.
    columns = (
        (col(Article.date), select(col(Article.date))),
        (col(DateMention.value), select(col(DateMention.value)).join(Article)),
        (col(Figure.ref_date), select(col(Figure.ref_date)).select_from(Figure).join(Article)),
    )

    def nearest(later: bool) -> dt.date | None:
        found: list[dt.date] = []
        for column, base in columns:
            query = base.where(column > day if later else column < day)
            if story is not None:
                query = query.where(Article.story_id == story)
            query = query.order_by(column.asc() if later else column.desc()).limit(1)
            value = session.exec(query).first()
            if value is not None:
                found.append(_as_date(value))
        if not found:
            return None
        return min(found) if later else max(found)

    return nearest(False), nearest(True)
