"""The reader's queries: an article with its claims highlighted, the figure and statement panels
(articles side by side are in reader_compare).

Each page is a handful of queries whatever the number of highlights or rows: claims, links and
the other articles are fetched in bulk and joined in Python, and the sentence of a row is cut
from the body by SQL (`substr`), so other articles' bodies are never loaded for a panel. The
queries themselves are in reader_data (panels: panel_data): SQL text without the ORM.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

from sqlalchemy import Connection
from sqlmodel import Session

from app.services import panel_data
from app.services import reader_data as data
from app.services.reader_agreement import (
    UNLINKED,
    UNLINKED_REASON,
    Agreement,
    FigureRow,
    _inv,
    agree,
    with_copies,
)
from app.services.reader_copies import CopyRef, copies_of
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
from app.services.reader_partners import Partner, compare_partners
from app.services.reader_segments import (
    MEASURES,
    Mark,
    Segment,
    css_measure,
    mark_statement_ends,
    segments,
)

RELATIONS = ("same", "compatible", "differs", "earlier", "later", "scope", "about")
# Rows of each list a figure panel shows until the reader asks for all: a count a wire story
# carried in a hundred copies would otherwise fill the panel, and its time, with a hundred
# rows. The agreement always covers every row.
PANEL_ROWS = 25


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
    db: Connection, articles: Sequence[ArticleRecord], *, with_title: bool = True
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
    story_size: int  # how many articles its story holds, itself included (0: no story)
    partners: list[Partner] = field(default_factory=list)  # who shares most claims with it
    copy: CopyRef | None = None  # the earlier article whose text this one copies

    @property
    def compare_url(self) -> str | None:
        return compare_url(self.text.article.id, self.partners)


def compare_url(article_id: int, partners: Sequence[Partner], anchor: str = "") -> str | None:
    if not partners:
        return None
    ids = ",".join(str(i) for i in [article_id, *(p.article.id for p in partners)])
    return f"/compare?ids={ids}" + (f"#{anchor}" if anchor else "")


def article_page(session: Session, *, article_id: int) -> ArticlePage | None:
    db = data.connection(session)
    found = data.articles(db, [article_id])
    if not found:
        return None
    article = found[0]
    (text,) = article_texts(db, found)
    story = 0 if article.story_id is None else data.story_size(db, article.story_id)
    return ArticlePage(
        text,
        story,
        compare_partners(db, article_id),
        copies_of(db, [article_id]).get(article_id),
    )


def compare_from(session: Session, *, article_id: int, figure_id: int | None) -> str | None:
    """Where "compare" leads from an article (and the figure open in it): side by side with
    the articles sharing most claims, the open figure's counterpart always among them."""
    db = data.connection(session)
    partners = compare_partners(db, article_id, figure_id=figure_id)
    return compare_url(article_id, partners, f"fig-{figure_id}" if figure_id else "")


# --- the figure panel -----------------------------------------------------------------------


@dataclass(slots=True)
class FigurePanel:
    figure: FigureRecord
    article: ArticleRef
    sentence: list[Segment]
    rows: list[FigureRow]
    agreement: Agreement
    derived: DerivedFigure | None = None  # how a computed figure is made of its parts
    wholes: list[DerivedFigure] = field(default_factory=list)  # the figures it is a part of
    copy: CopyRef | None = None  # the article that this figure's article copies
    limit: int | None = PANEL_ROWS  # rows shown of each list (None: all)

    @property
    def same(self) -> list[FigureRow]:
        """The rows of the figure's own count that the linker compared with it."""
        return [r for r in self.rows if r.same_topic and r.relation != UNLINKED]

    @property
    def unlinked(self) -> list[FigureRow]:
        """The rows of its topic that the linker did not compare with it."""
        return [r for r in self.rows if r.relation == UNLINKED]

    @property
    def scope(self) -> list[FigureRow]:
        """The rows of wider or narrower counts."""
        return [r for r in self.rows if not r.same_topic]

    def shown(self, rows: list[FigureRow]) -> list[FigureRow]:
        return rows if self.limit is None else rows[: self.limit]

    @property
    def value_text(self) -> str:
        f = self.figure
        return show_value(f.value, f.value_high, f.qualifier)

    @property
    def css_measure(self) -> str:
        return css_measure(self.figure.measure)

    def compare_url(self, row: FigureRow) -> str:
        return f"/compare?ids={self.article.id},{row.article_id}#fig-{row.figure.id}"


def figure_panel(
    session: Session, *, figure_id: int, limit: int | None = PANEL_ROWS
) -> FigurePanel | None:
    """A figure, the agreement of its count over every report, and the first `limit` rows of
    the count and of wider or narrower ones (None: every row)."""
    db = data.connection(session)
    found = panel_data.figure_with_article(db, figure_id)
    if found is None:
        return None
    figure, article, own_text = found
    relation: dict[int, tuple[str, str]] = {}
    refused: set[int] = set()
    for lk in panel_data.figure_links_of(db, figure_id):
        mine = lk.a_id == figure_id
        other, rel = (lk.b_id, lk.relation) if mine else (lk.a_id, _inv(lk.relation))
        if lk.rejected:
            refused.add(other)
        else:
            relation[other] = (rel, lk.reason)
    rows: list[FigureRow] = []
    for f, where in panel_data.topic_figures(db, figure, article.story_id, list(relation)):
        if f.id in refused or f.article_id == figure.article_id:
            continue
        rel, reason = relation.get(f.id, (UNLINKED, UNLINKED_REASON))
        rows.append(
            FigureRow(
                figure=f,
                article_id=f.article_id,
                title=where.title,
                outlet=where.outlet,
                date=where.date,
                sentence=[],  # for the rows shown, below
                relation=rel if rel in RELATIONS or rel == UNLINKED else "about",
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
    copies = copies_of(db, {figure.article_id, *(r.article_id for r in rows)})
    with_copies([own, *rows], copies)
    agreement = agree([own, *[r for r in rows if r.same_topic]])
    parts, wholes = panel_data.parts_and_wholes(db, figure_id)
    panel = FigurePanel(
        figure,
        article,
        own_sentence,
        rows,
        agreement,
        derived=DerivedFigure(figure, parts, None) if figure.derived or parts else None,
        wholes=[DerivedFigure(w, [], None) for w in wholes],
        copy=own.copy,
        limit=limit,
    )
    # Sentences for the rows shown only: each is a read of its article's body.
    shown = [*panel.shown(panel.same), *panel.shown(panel.scope), *panel.shown(panel.unlinked)]
    texts = panel_data.sentences(db, [r.figure.id for r in shown])
    for r in shown:
        r.sentence = segments(texts[r.figure.id], r.figure.sentence_start, [figure_mark(r.figure)])
    return panel


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
    own = panel_data.statement_with_article(db, statement_id)
    if own is None:
        return None
    statement, article = own
    found: dict[int, tuple[float, str]] = {}
    for lk in panel_data.statement_links_of(db, statement_id):
        other = lk.b_id if lk.a_id == statement_id else lk.a_id
        if other not in found or found[other][0] < lk.score:
            found[other] = (lk.score, lk.reason)
    rows: list[StatementRow] = []
    if found:
        for s, where in panel_data.statements_with_articles(db, list(found)):
            if s.article_id == statement.article_id:
                continue
            score, reason = found[s.id]
            rows.append(
                StatementRow(s, s.article_id, where.title, where.outlet, where.date, score, reason)
            )
    rows.sort(key=lambda r: (-r.score, r.date or dt.date.max, r.article_id))
    return StatementPanel(statement, article, rows)
