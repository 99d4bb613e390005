"""The reader's queries: an article with its claims highlighted, the figure and statement panels
(articles side by side are in reader_compare).

Each page is a handful of queries whatever the number of highlights or rows: claims, links and
the other articles are fetched in bulk and joined in Python, and the sentence of a row is cut
from the body by SQL (`substr`), so other articles' bodies are never loaded for a panel. The
queries themselves are in reader_data, which reads SQLite without the ORM.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

from sqlmodel import Session

from app.services import reader_data as data
from app.services import topics
from app.services.reader_data import (
    ArticleRecord,
    ArticleRef,
    CaptionRecord,
    FigureRecord,
    ParagraphRecord,
    StatementRecord,
)
from app.services.reader_figures import (
    DerivedFigure,
    body_marks,
    derived_figures,
    figure_mark,
    place_derived,
    show_value,
    title_segments,
)
from app.services.reader_segments import (
    MEASURES,
    Mark,
    Segment,
    css_measure,
    mark_statement_ends,
    segments,
)
from app.services.reader_sources import distinct_sources

RELATIONS = ("same", "compatible", "differs", "earlier", "later", "scope", "about")
MAX_COMPARE = 4


def statement_mark(s: StatementRecord) -> Mark:
    return Mark("statement", s.id, s.start, s.end, label="a claim other outlets make too")


# --- the text of an article, cut into highlighted segments -----------------------------------


@dataclass(slots=True)
class Block:
    kind: str  # text | heading
    segments: list[Segment]
    start: int = 0  # where it starts in the body: a selection in the page maps back to it


@dataclass(slots=True)
class ArticleText:
    article: ArticleRecord
    blocks: list[Block]
    figures: list[FigureRecord]
    statements: list[StatementRecord]
    captions: list[CaptionRecord] = field(default_factory=list)
    title: list[Segment] = field(default_factory=list)  # the title, cut by its own figures
    derived: list[DerivedFigure] = field(default_factory=list)  # figures computed from others
    # For side by side: the counterparts of a claim in the other columns, and its shared badge.
    links: dict[str, list[str]] = field(default_factory=dict)
    badges: dict[str, int] = field(default_factory=dict)

    @property
    def measure_counts(self) -> dict[str, int]:
        counts = Counter(css_measure(f.measure) for f in self.figures)
        return {m: counts.get(m, 0) for m in MEASURES}

    @property
    def other_events(self) -> int:
        return sum(f.event == "other" for f in self.figures)


def article_texts(
    db: sqlite3.Connection, articles: Sequence[ArticleRecord], *, with_title: bool = True
) -> list[ArticleText]:
    """The highlighted text of each article: its live figures, and its statements that other
    articles make too (a live link touches them)."""
    ids = [a.id for a in articles]
    paragraphs: dict[int, list[ParagraphRecord]] = defaultdict(list)
    for p in data.paragraphs(db, ids):
        paragraphs[p.article_id].append(p)
    captions: dict[int, list[CaptionRecord]] = defaultdict(list)
    for c in data.captions(db, ids):
        captions[c.article_id].append(c)
    figures: dict[int, list[FigureRecord]] = defaultdict(list)
    for f in data.figures(db, ids):
        figures[f.article_id].append(f)
    statements: dict[int, list[StatementRecord]] = defaultdict(list)
    for st in data.linked_statements(db, ids):
        statements[st.article_id].append(st)
    parts = data.figure_parts(db, ids)
    out: list[ArticleText] = []
    for a in articles:
        marks = body_marks(figures[a.id])
        marks += [statement_mark(st) for st in statements[a.id]]
        seen: set[str] = set()
        # (Side by side shows titles as plain text: no need to cut them.)
        title = title_segments(a.title, figures[a.id], seen) if with_title else []
        blocks = [
            Block(p.kind, segments(a.body[p.start : p.end], p.start, marks, seen=seen), p.start)
            for p in paragraphs[a.id]
        ]
        pieces = [seg for block in blocks for seg in block.segments]
        mark_statement_ends(pieces)
        derived = derived_figures(figures[a.id], parts)
        place_derived(pieces, derived)
        out.append(
            ArticleText(
                a,
                blocks,
                figures[a.id],
                statements[a.id],
                captions=captions[a.id],
                title=title,
                derived=derived,
            )
        )
    return out


@dataclass(slots=True)
class ArticlePage:
    text: ArticleText
    story_articles: list[ArticleRef]  # the other articles of its story, for "compare with"

    @property
    def compare_url(self) -> str | None:
        others = [a.id for a in self.story_articles][: MAX_COMPARE - 1]
        if not others:
            return None
        return "/compare?ids=" + ",".join(str(i) for i in [self.text.article.id, *others])


def article_page(session: Session, *, article_id: int) -> ArticlePage | None:
    db = data.connection(session)
    found = data.articles(db, [article_id])
    if not found:
        return None
    article = found[0]
    (text,) = article_texts(db, found)
    others: list[ArticleRef] = []
    if article.story_id is not None:
        others = data.story_refs(db, article.story_id, besides=article_id)
    return ArticlePage(text, others)


# --- the figure panel -----------------------------------------------------------------------


@dataclass(slots=True)
class FigureRow:
    figure: FigureRecord
    article_id: int
    title: str
    outlet: str | None
    date: dt.date | None
    sentence: list[Segment]
    relation: str
    reason: str
    same_topic: bool

    @property
    def value_text(self) -> str:
        f = self.figure
        return show_value(f.value, f.value_high, f.qualifier)


@dataclass(slots=True)
class Agreement:
    articles: int
    outlets: int  # distinct named outlets
    low: float | None
    high: float | None
    earliest: FigureRow | None
    latest: FigureRow | None
    sources: list[str]  # one spelling for each distinct source
    unsourced: int  # figures that cite no source

    @property
    def spread(self) -> float | None:
        if self.low is None or self.high is None:
            return None
        return self.high - self.low

    @property
    def range_text(self) -> str:
        if self.low is None or self.high is None:
            return "no number given"
        if self.low == self.high:
            return topics.number_text(self.low)
        return f"{topics.number_text(self.low)} to {topics.number_text(self.high)}"

    @property
    def sources_text(self) -> str:
        who = f"{self.articles} article{'s' if self.articles != 1 else ''}"
        if self.outlets:
            who += f" ({self.outlets} named outlet{'s' if self.outlets != 1 else ''})"
        n = len(self.sources)
        text = f"{who}, {n} distinct source{'s' if n != 1 else ''}"
        if self.sources:
            text += ": " + "; ".join(self.sources)
        if self.unsourced:
            text += f" — {self.unsourced} cite{'s' if self.unsourced == 1 else ''} none"
        return text


@dataclass(slots=True)
class FigurePanel:
    figure: FigureRecord
    article: ArticleRef
    sentence: list[Segment]
    rows: list[FigureRow]
    agreement: Agreement
    derived: DerivedFigure | None = None  # how a computed figure is made of its parts
    wholes: list[DerivedFigure] = field(default_factory=list)  # the figures it is a part of

    @property
    def value_text(self) -> str:
        f = self.figure
        return show_value(f.value, f.value_high, f.qualifier)

    @property
    def css_measure(self) -> str:
        return css_measure(self.figure.measure)

    def compare_url(self, row: FigureRow) -> str:
        return f"/compare?ids={self.article.id},{row.article_id}#fig-{row.figure.id}"


def figure_panel(session: Session, *, figure_id: int) -> FigurePanel | None:
    db = data.connection(session)
    found = data.figure_with_article(db, figure_id)
    if found is None:
        return None
    figure, article, own_text = found
    relation: dict[int, tuple[str, str]] = {}
    refused: set[int] = set()
    for lk in data.figure_links_of(db, figure_id):
        mine = lk.a_id == figure_id
        other, rel = (lk.b_id, lk.relation) if mine else (lk.a_id, _inv(lk.relation))
        if lk.rejected:
            refused.add(other)
        else:
            relation[other] = (rel, lk.reason)
    rows: list[FigureRow] = []
    for f, where, text in data.topic_figures(db, figure, article.story_id, list(relation)):
        if f.id in refused or f.article_id == figure.article_id:
            continue
        rel, reason = relation.get(f.id, ("about", "same topic; no link recorded between the two"))
        rows.append(
            FigureRow(
                figure=f,
                article_id=f.article_id,
                title=where.title,
                outlet=where.outlet,
                date=where.date,
                sentence=segments(text, f.sentence_start, [figure_mark(f)]),
                relation=rel if rel in RELATIONS else "about",
                reason=reason,
                same_topic=f.topic == figure.topic,
            )
        )
    rows.sort(
        key=lambda r: (
            not r.same_topic,
            r.date or dt.date.max,
            r.article_id,
            r.figure.start,
            r.figure.id,
        )
    )
    own_sentence = segments(own_text, figure.sentence_start, [figure_mark(figure)])
    own = FigureRow(
        figure, figure.article_id, article.title, article.outlet, article.date,
        own_sentence, "same", "", True,
    )  # fmt: skip
    agreement = agree([own, *[r for r in rows if r.same_topic]])
    parts, wholes = data.parts_and_wholes(db, figure_id)
    return FigurePanel(
        figure,
        article,
        own_sentence,
        rows,
        agreement,
        derived=DerivedFigure(figure, parts, None) if figure.derived or parts else None,
        wholes=[DerivedFigure(w, [], None) for w in wholes],
    )


def _inv(rel: str) -> str:
    return {"earlier": "later", "later": "earlier"}.get(rel, rel)


def agree(rows: Sequence[FigureRow]) -> Agreement:
    """What the reports of one topic agree on: values, days, and how many sources stand behind."""
    lows = [r.figure.value for r in rows if r.figure.value is not None]
    highs = [
        r.figure.value_high if r.figure.value_high is not None else r.figure.value
        for r in rows
        if r.figure.value is not None
    ]
    dated = sorted((r for r in rows if r.date), key=lambda r: (r.date, r.article_id))
    outlets = {r.outlet.strip().lower() for r in rows if r.outlet and r.outlet.strip()}
    cited = [r.figure.source for r in rows if r.figure.source and r.figure.source != "unknown"]
    return Agreement(
        articles=len({r.article_id for r in rows}),
        outlets=len(outlets),
        low=min(lows) if lows else None,
        high=max(h for h in highs if h is not None) if highs else None,
        earliest=dated[0] if dated else None,
        latest=dated[-1] if len(dated) > 1 else None,
        sources=distinct_sources(cited),
        unsourced=len(rows) - len(cited),
    )


# --- the statement panel --------------------------------------------------------------------


# How close two linked statements are, in words: every link already shares a predicate and
# its argument; the score (a cosine over the story's terms) says how much else they share.
_STRENGTHS = ((0.8, "close", "near-identical wording"), (0.35, "strong", "strong match"))


def statement_strength(score: float) -> tuple[str, str]:
    """(key, words) for a statement link's score: close, strong, or moderate."""
    for floor, key, words in _STRENGTHS:
        if score >= floor:
            return key, words
    return "moderate", "moderate match"


@dataclass(slots=True)
class StatementRow:
    statement: StatementRecord
    article_id: int
    title: str
    outlet: str | None
    date: dt.date | None
    score: float
    reason: str

    @property
    def strength(self) -> tuple[str, str]:
        return statement_strength(self.score)


@dataclass(slots=True)
class StatementPanel:
    statement: StatementRecord
    article: ArticleRef
    rows: list[StatementRow]

    def compare_url(self, row: StatementRow) -> str:
        return f"/compare?ids={self.article.id},{row.article_id}#st-{row.statement.id}"


def statement_panel(session: Session, *, statement_id: int) -> StatementPanel | None:
    db = data.connection(session)
    own = data.statement_with_article(db, statement_id)
    if own is None:
        return None
    statement, article = own
    found: dict[int, tuple[float, str]] = {}
    for lk in data.statement_links_of(db, statement_id):
        other = lk.b_id if lk.a_id == statement_id else lk.a_id
        if other not in found or found[other][0] < lk.score:
            found[other] = (lk.score, lk.reason)
    rows: list[StatementRow] = []
    if found:
        for s, where in data.statements_with_articles(db, list(found)):
            if s.article_id == statement.article_id:
                continue
            score, reason = found[s.id]
            rows.append(
                StatementRow(s, s.article_id, where.title, where.outlet, where.date, score, reason)
            )
    rows.sort(key=lambda r: (-r.score, r.date or dt.date.max, r.article_id))
    return StatementPanel(statement, article, rows)
