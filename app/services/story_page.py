"""One story's page: who covered it and when, its headlines side by side, how its main
figures agree, and its series and disputes.

A story can hold thousands of articles. Every query finds the story's rows through an index
(article by story, figure by article, link by figure) and stops at a LIMIT: the outlets and
days are counted from the index on (story, outlet, date) alone, the headlines come a page at
a time, and the figures are those of the story's most reported counts only.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import func, or_
from sqlalchemy import select as sa_select
from sqlmodel import Session, col, select

from app.backend import is_sqlite, joined_ids
from app.link.figures import OTHER_EVENT, invert
from app.models import Article, Figure, Link, Story
from app.services.labels import headline_text
from app.services.reader_agreement import UNLINKED
from app.services.stories import story_label
from app.services.topic_pairs import Pair, pairs_query, read_pairs
from app.services.topic_values import TopicValue
from app.services.topics import TopicRow, context_of, group_topics

OUTLETS_SHOWN = 40
HEADLINES_PER_PAGE = 100
TOPICS_READ = 12  # the story's most reported counts
MAIN_SHOWN = 6
FIGURES_READ = 5000
LINKS_READ = 5000
# A value beside the main value of its count: these agree with it.
AGREEING = frozenset({"main", "same", "compatible"})

_ID, _OUTLET, _DATE = col(Article.id), col(Article.outlet), col(Article.date)
_TITLE, _FILE = col(Article.title), col(Article.source_file)


@dataclass(frozen=True)
class Report:
    """An article as the page names it: outlet, date, title (linked to the article)."""

    id: int
    outlet: str | None
    date: dt.date | None
    title: str
    source_file: str

    @property
    def headline(self) -> str:
        return headline_text(self.outlet, self.title, self.source_file)


@dataclass(frozen=True)
class OutletCoverage:
    outlet: str | None
    articles: int
    undated: int
    first: Report | None
    last: Report | None  # None where it is the first, or the outlet gave one dated report


@dataclass(frozen=True)
class ValueGroup:
    """One value of a count, as the outlets that give it say it."""

    shown: str
    figure_id: int  # its first report's figure: the panel it opens
    outlets: tuple[str, ...]
    reports: int  # independent reports: copies of one text count once
    first_day: dt.date | None
    relation: str  # beside the main value: main | same | compatible | differs | earlier | ...
    reason: str


@dataclass
class MainFigure:
    row: TopicRow
    groups: list[ValueGroup]
    agreeing: int  # outlets whose value is the main one or fits it
    outlets: int
    unnamed: bool = False  # some reports are of no known outlet: each counts as one

    @property
    def main(self) -> ValueGroup:
        return self.groups[0]


@dataclass
class StoryPage:
    id: int
    label: str
    articles: int
    dated: int
    first_day: dt.date | None
    last_day: dt.date | None
    outlets: list[OutletCoverage]
    outlets_total: int  # named outlets
    unnamed: int  # articles of no known outlet
    headlines: list[Report]
    page: int
    main: list[MainFigure] = field(default_factory=list)
    series: list[TopicRow] = field(default_factory=list)
    disputed: list[TopicRow] = field(default_factory=list)
    more_topics: bool = False  # counts beyond those read: the figures sections are partial

    @property
    def outlets_more(self) -> int:
        """Named outlets beyond those listed."""
        return self.outlets_total - sum(1 for o in self.outlets if o.outlet is not None)

    @property
    def undated(self) -> int:
        return self.articles - self.dated

    @property
    def pages(self) -> int:
        return max(1, -(-self.articles // HEADLINES_PER_PAGE))

    @property
    def first_rank(self) -> int:
        return (self.page - 1) * HEADLINES_PER_PAGE + 1

    @property
    def span(self) -> str:
        if self.first_day is None or self.last_day is None:
            return ""
        if self.first_day == self.last_day:
            return str(self.first_day)
        return f"{self.first_day} – {self.last_day}"


def _in_story(story_id: int) -> Any:
    return select(Article.id).where(Article.story_id == story_id)


def _select_reports() -> Any:
    """The columns a `Report` is made of (never the body)."""
    return sa_select(_ID, _OUTLET, _DATE, _TITLE, _FILE)


def _reports(session: Session, ids: set[int]) -> dict[int, Report]:
    if not ids:
        return {}
    rows = session.exec(_select_reports().where(_ID.in_(ids)).limit(len(ids)))
    return {r[0]: Report(*r) for r in rows}


def _outlets(session: Session, story_id: int) -> tuple[list[OutletCoverage], int, int]:
    """The outlets with most articles first (the first to report first among equals), each
    with its first and last dated report (an outlet with undated reports only: its first one
    in), how many named outlets in all, and how many articles of no known outlet."""
    in_story = Article.story_id == story_id
    total, unnamed = session.exec(
        select(func.count(func.distinct(_OUTLET)), func.count() - func.count(_OUTLET))
        .where(in_story)
        .limit(1)
    ).one()
    n = func.count()
    counted = session.exec(
        select(_OUTLET, n, func.count(_DATE), func.min(_ID))
        .where(in_story)
        .group_by(_OUTLET)
        .order_by(n.desc(), func.min(_DATE).is_(None), func.min(_DATE), _OUTLET)
        .limit(OUTLETS_SHOWN)
    ).all()
    names = [o for o, *_ in counted if o is not None]
    shown = or_(_OUTLET.in_(names), _OUTLET.is_(None))
    ends: dict[str | None, list[int]] = {}  # outlet → ids of its first and last report
    for earliest in (True, False):
        for outlet, _day, aid in session.exec(
            _edge_reports(session, earliest).where(in_story, _DATE.is_not(None), shown)
        ):
            ends.setdefault(outlet, []).append(int(aid or 0))
    wanted = {aid for ids in ends.values() for aid in ids}
    wanted |= {int(first or 0) for _o, _n, dated, first in counted if not dated}
    reports = _reports(session, wanted)
    out = []
    for outlet, articles, dated, first_in in counted:
        first_id, last_id = (ends.get(outlet) or [int(first_in or 0)] * 2)[:2]
        first, last = reports.get(first_id), reports.get(last_id)
        if last is not None and (last_id == first_id or last.date == getattr(first, "date", None)):
            last = None
        out.append(OutletCoverage(outlet, articles, articles - dated, first, last))
    return out, int(total), int(unnamed)


def _edge_reports(session: Session, earliest: bool) -> Any:
    """Each outlet's first (or last) dated report: (outlet, date, id)."""
    if is_sqlite(session):
        # SQLite gives a bare column the value of the row holding the min() or max().
        edge = func.min if earliest else func.max
        return select(_OUTLET, edge(_DATE), _ID).group_by(_OUTLET).limit(OUTLETS_SHOWN)
    day = _DATE.asc() if earliest else _DATE.desc()
    # PostgreSQL: the first row of each outlet in that order (DISTINCT ON).
    query = select(_OUTLET, _DATE, _ID).distinct(_OUTLET).order_by(_OUTLET, day, _ID)
    return query.limit(OUTLETS_SHOWN)


def _headlines(session: Session, story_id: int, page: int) -> list[Report]:
    """One page of the story's articles by date, the undated after the dated ones: the page's
    ids are ordered from the index, then only their rows are read."""
    undated_last = (_DATE.is_(None), _DATE, _ID)
    ids = (
        select(_ID)
        .where(Article.story_id == story_id)
        .order_by(*undated_last)
        .limit(HEADLINES_PER_PAGE)
        .offset((page - 1) * HEADLINES_PER_PAGE)
    )
    rows = session.exec(
        _select_reports().where(_ID.in_(ids)).order_by(*undated_last).limit(HEADLINES_PER_PAGE)
    )
    return [Report(*r) for r in rows]


def _main_topics(session: Session, story_id: int) -> list[tuple[str, list[int]]]:
    """The story's own counts (no other event's) that most of its articles report, each with
    its figures' ids: the story's figures are read once, from its articles' index."""
    n = func.count(func.distinct(Figure.article_id))
    rows = session.exec(
        select(Figure.topic, joined_ids(Figure.id))
        .where(
            col(Figure.article_id).in_(_in_story(story_id)),
            col(Figure.rejected).is_(False),
            Figure.topic != "",
            ~col(Figure.topic).contains(OTHER_EVENT, autoescape=True),
        )
        .group_by(Figure.topic)
        .order_by(n.desc(), Figure.topic)
        .limit(TOPICS_READ + 1)
    )
    return [(topic, [int(i) for i in ids.split(",")]) for topic, ids in rows]


def _figures(session: Session, ids: list[int]) -> list[Pair]:
    query = pairs_query(col(Figure.id).in_(ids)).order_by(col(Figure.id)).limit(len(ids))
    return read_pairs(session, query)


def _relations(session: Session, figure_ids: list[int]) -> dict[tuple[int, int], tuple[str, str]]:
    """(main figure, other figure) → what the other is beside the main one, and why."""
    out: dict[tuple[int, int], tuple[str, str]] = {}
    if not figure_ids:
        return out
    live = (Link.kind == "figure", col(Link.rejected).is_(False))
    for mine, other, flip in ((Link.a_id, Link.b_id, False), (Link.b_id, Link.a_id, True)):
        for a, b, rel, reason in session.exec(
            select(mine, other, Link.relation, Link.reason)
            .where(col(mine).in_(figure_ids), *live)
            .limit(LINKS_READ)
        ):
            out.setdefault((a, b), (invert(rel) if flip else rel, reason))
    return out


def _outlet_key(value: TopicValue, outlets: dict[int, str | None]) -> str:
    """An outlet, by name; an article of no known outlet stands for itself (with its copies:
    one text reprinted is one report)."""
    name = outlets.get(value.article_id)
    return name.strip().lower() if name and name.strip() else f"#{value.family}"


def _groups(row: TopicRow) -> list[list[TopicValue]]:
    """The counted values by what they say, the value most independent reports give first
    (then the newest), the others by day."""
    by_shown: dict[str, list[TopicValue]] = {}
    for v in row.counted:
        by_shown.setdefault(v.shown, []).append(v)
    groups = list(by_shown.values())

    def weight(g: list[TopicValue]) -> tuple[int, dt.date, float]:
        return (len({v.family for v in g}), max(v.day or dt.date.min for v in g), g[0].top or 0)

    main = max(groups, key=weight)
    rest = sorted((g for g in groups if g is not main), key=lambda g: _first_day(g))
    return [main, *rest]


def _first_day(group: list[TopicValue]) -> dt.date:
    return min((v.day for v in group if v.day), default=dt.date.max)


def _main_figure(
    row: TopicRow,
    outlets: dict[int, str | None],
    relations: dict[tuple[int, int], tuple[str, str]],
) -> MainFigure:
    grouped = _groups(row)
    main_id = grouped[0][0].figure_id
    groups: list[ValueGroup] = []
    agreeing: set[str] = set()
    for i, g in enumerate(grouped):
        if i == 0:
            relation, reason = "main", "given by most reports"
        else:
            found = [
                relations[(main_id, v.figure_id)] for v in g if (main_id, v.figure_id) in relations
            ]
            relation, reason = found[0] if found else (UNLINKED, "not compared with the main value")
        keys = {_outlet_key(v, outlets) for v in g}
        if relation in AGREEING:
            agreeing |= keys
        names = Counter((outlets.get(v.article_id) or "").strip() or "unknown outlet" for v in g)
        groups.append(
            ValueGroup(
                shown=g[0].shown,
                figure_id=g[0].figure_id,
                outlets=tuple(n if k == 1 else f"{n} ×{k}" for n, k in names.items()),
                reports=len({v.family for v in g}),
                first_day=min((v.day for v in g if v.day), default=None),
                relation=relation,
                reason=reason,
            )
        )
    every = {_outlet_key(v, outlets) for v in row.counted}
    unnamed = any(k.startswith("#") for k in every)
    return MainFigure(row, groups, len(agreeing), len(every), unnamed)


def _figures_of(session: Session, page: StoryPage) -> None:
    topics = _main_topics(session, page.id)
    page.more_topics = len(topics) > TOPICS_READ
    ids = sorted(i for _topic, of_topic in topics[:TOPICS_READ] for i in of_topic)
    pairs = _figures(session, ids[:FIGURES_READ])
    if not pairs:
        return
    context = context_of(session, [f.id or 0 for f, _a in pairs], {a.id or 0 for _f, a in pairs})
    rows = [r for r in group_topics(pairs, context=context) if r.counted]
    page.disputed = [r for r in rows if r.kind == "disputed"]
    page.series = [r for r in rows if r.kind == "series"]
    most = sorted(rows, key=lambda r: (-r.reports, -r.articles, r.topic))[:MAIN_SHOWN]
    outlets = {a.id or 0: a.outlet for _f, a in pairs}
    mains = [_groups(r)[0][0].figure_id for r in most]
    relations = _relations(session, mains)
    page.main = [_main_figure(r, outlets, relations) for r in most]


def story_page(session: Session, *, story_id: int, page: int = 1) -> StoryPage | None:
    """The page of one story (None when there is no such story); `page` pages its headlines."""
    story = session.exec(select(Story).where(Story.id == story_id).limit(1)).first()
    if story is None:
        return None
    days = _DATE
    articles, dated, first_day, last_day = session.exec(
        select(func.count(), func.count(days), func.min(days), func.max(days))
        .where(Article.story_id == story_id)
        .limit(1)
    ).one()
    # A page past the last shows the last.
    page = max(1, min(page, -(-int(articles) // HEADLINES_PER_PAGE)))
    outlets, outlets_total, unnamed = _outlets(session, story_id)
    out = StoryPage(
        id=story_id,
        label=story_label(story),
        articles=int(articles),
        dated=int(dated),
        first_day=first_day,
        last_day=last_day,
        outlets=outlets,
        outlets_total=outlets_total,
        unnamed=unnamed,
        headlines=_headlines(session, story_id, page),
        page=page,
    )
    _figures_of(session, out)
    return out
