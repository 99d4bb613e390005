"""Search over article titles, bodies and statements: SQLite FTS5 ranked with bm25, within
a bound (MATCHES_BOUND) so that a word most articles hold costs no more than a rare one
(PostgreSQL: app/services/search_postgres.py).

What the reader types is never handed to FTS5 as syntax: every word becomes a quoted
string (so `"unbalanced`, `AND(`, `a:b` or `-x` are just words), balanced quotes keep a
phrase together, and a trailing `*` asks for a prefix. Snippets come back from SQLite
with marker strings around the hits; they are cut into (text, hit) segments here and
escaped by the template like any other text — no markup is built from article text.
"""

from __future__ import annotations

import datetime as dt
import re
import secrets
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import bindparam, text
from sqlalchemy.exc import OperationalError
from sqlmodel import Session

from app.backend import is_sqlite
from app.services.spellings import Spellings, spellings_of

# Unlikely in any text, and fresh per process, so a body cannot fake a highlight.
_OPEN = f"\x02{secrets.token_hex(4)}\x02"
_CLOSE = f"\x03{secrets.token_hex(4)}\x03"
_WORD = re.compile(r"\w", re.UNICODE)
_PHRASE = re.compile(r'"([^"]*)"')
_SNIPPET_TOKENS = 28
# Names are looked up among the first words of a query, in runs of up to five words.
_MAX_EXPANDED_WORDS, _MAX_RUN_WORDS = 24, 5
_STATEMENTS_PER_ARTICLE = 3
# Title hits weigh more than body hits: a word in the headline says what the article is about.
_TITLE_WEIGHT, _BODY_WEIGHT = 4.0, 1.0

Segments = list[tuple[str, bool]]


def to_segments(marked: str) -> Segments:
    """Text with hit markers → [(text, is_hit)], for the template to escape and wrap."""
    out: Segments = []
    for i, part in enumerate(marked.split(_OPEN)):
        if i == 0:
            if part:
                out.append((part, False))
            continue
        hit, _, rest = part.partition(_CLOSE)
        if hit:
            out.append((hit, True))
        if rest:
            out.append((rest, False))
    return out


def _quote(term: str) -> str:
    return '"' + term.replace('"', "") + '"'


@dataclass(frozen=True)
class Term:
    text: str
    exact: bool = False  # in quotes: that spelling only, never expanded
    prefix: bool = False  # `word*`: any ending

    @property
    def fts(self) -> str:
        return _quote(self.text) + ("*" if self.prefix else "")

    @property
    def typed(self) -> str:
        if self.exact:
            return _quote(self.text)
        return self.text + ("*" if self.prefix else "")


def query_terms(q: str) -> list[Term]:
    """The reader's words in order: quoted phrases kept whole, `word*` prefixes marked."""
    terms: list[Term] = []
    for i, piece in enumerate(_PHRASE.split(q)):
        if i % 2:  # inside a pair of quotes
            if _WORD.search(piece):
                terms.append(Term(" ".join(piece.split()), exact=True))
            continue
        for chunk in piece.replace('"', " ").split():  # an unbalanced quote is a space
            core = chunk.strip("*")
            if _WORD.search(core):  # punctuation alone ("-", "()", ":") searches nothing
                terms.append(Term(core.replace('"', ""), prefix=chunk.endswith("*")))
    return terms


def parse_query(q: str) -> list[str]:
    """The reader's words as safe FTS5 terms: quoted strings, phrases kept, `word*` prefixes."""
    return [t.fts for t in query_terms(q)]


@dataclass(frozen=True)
class Group:
    """One thing searched for: a term, or a run of words with every spelling of its name."""

    terms: tuple[Term, ...]
    spellings: Spellings | None = None

    @property
    def fts(self) -> str:
        if self.spellings is None or len(self.spellings.phrases) < 2:
            return " ".join(t.fts for t in self.terms)
        return "(" + " OR ".join(_quote(p) for p in self.spellings.phrases) + ")"

    @property
    def expanded(self) -> bool:
        return self.spellings is not None and len(self.spellings.phrases) > 1


def expand(session: Session, terms: list[Term]) -> list[Group]:
    """Runs of plain words that spell an actor or a place become an OR of its spellings.

    The longest run wins ("Elena Doria" is a person before "Doria" is a town);
    quoted phrases and prefixes are searched as typed.
    """
    head = terms[:_MAX_EXPANDED_WORDS]
    plain = [not (t.exact or t.prefix) for t in head]

    def run_at(i: int, n: int) -> str | None:
        if i + n > len(head) or not all(plain[i : i + n]):
            return None
        return " ".join(t.text for t in head[i : i + n])

    runs = {
        r for i in range(len(head)) for n in range(1, _MAX_RUN_WORDS + 1) if (r := run_at(i, n))
    }
    found = spellings_of(session, runs) if runs else {}
    groups: list[Group] = []
    i = 0
    while i < len(terms):
        n = next((n for n in range(_MAX_RUN_WORDS, 0, -1) if (run_at(i, n) or "") in found), 0)
        if n:
            groups.append(Group(tuple(terms[i : i + n]), found[run_at(i, n) or ""]))
        else:
            groups.append(Group((terms[i],)))
        i += max(n, 1)
    return groups


@dataclass
class StatementHit:
    id: int
    segments: Segments


@dataclass
class ArticleHit:
    id: int
    title: Segments
    outlet: str | None
    date: dt.date | None
    source_file: str
    snippet: Segments
    statements: list[StatementHit] = field(default_factory=list)


@dataclass
class SearchResult:
    q: str
    hits: list[ArticleHit]
    total: int
    page: int
    size: int
    any_word: bool = False  # no article held every word: these hold some of them
    expanded: list[Spellings] = field(default_factory=list)  # names searched in every spelling
    as_typed: str = ""  # the same query with those names in quotes: that spelling only
    statements_total: int = 0
    # The matches reached MATCHES_BOUND: there may be more, counted and ranked no further.
    bounded: bool = False
    error: str | None = None

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.size))

    @property
    def more_statements(self) -> bool:
        return self.statements_total >= MATCHES_BOUND

    @property
    def searched(self) -> bool:
        return bool(self.q.strip())


# A common word is in most articles: its matches are counted up to this many, and ranked
# among the latest this many that hold it (the highest ids), so that a page never ranks or
# counts every match of a large database. Fewer matches are all counted and all ranked.
MATCHES_BOUND = 1000

_COUNT = """
    SELECT count(*) FROM (SELECT 1 FROM article_fts WHERE article_fts MATCH :m LIMIT :bound)
"""
# The page's articles by rank among the bounded matches; their snippets apart, below, since
# SQLite works out the selected columns of every row it sorts.
_RANKED = f"""
    SELECT id FROM (
        SELECT rowid AS id, bm25(article_fts, {_TITLE_WEIGHT}, {_BODY_WEIGHT}) AS score
        FROM article_fts WHERE article_fts MATCH :m ORDER BY rowid DESC LIMIT :bound
    )
    ORDER BY score, id LIMIT :limit OFFSET :offset
"""
# CROSS JOIN keeps the FTS table first: its functions only work on the rows it matches.
_ARTICLES = f"""
    SELECT a.id, a.outlet, a.date, a.source_file,
           highlight(article_fts, 0, :o, :c) AS title,
           snippet(article_fts, 1, :o, :c, '…', {_SNIPPET_TOKENS}) AS snip
    FROM article_fts CROSS JOIN article a ON a.id = article_fts.rowid
    WHERE article_fts MATCH :m AND article_fts.rowid IN :ids
"""
# The statements of the page's articles: the matches within the range of their ids (an
# article's statements are stored together, and the page's articles are among the latest
# that match), so that a common word's matches elsewhere are skipped, not read.
_STATEMENTS = f"""
    SELECT s.id, s.article_id,
           snippet(statement_fts, 0, :o, :c, '…', {_SNIPPET_TOKENS + 12}) AS snip
    FROM statement_fts CROSS JOIN statement s ON s.id = statement_fts.rowid
    WHERE statement_fts MATCH :m
      AND statement_fts.rowid >= (SELECT min(id) FROM statement WHERE article_id IN :ids)
      AND statement_fts.rowid <= (SELECT max(id) FROM statement WHERE article_id IN :ids)
      AND s.article_id IN :ids
    ORDER BY bm25(statement_fts), s.id
"""
_STATEMENT_COUNT = """
    SELECT count(*) FROM (SELECT 1 FROM statement_fts WHERE statement_fts MATCH :m LIMIT :bound)
"""


def _date(value: object) -> dt.date | None:
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str) and value:
        try:
            return dt.date.fromisoformat(value[:10])
        except ValueError:
            return None
    return None


def article_hit(row: Any) -> ArticleHit:
    """A found article from a row of (id, outlet, date, source_file, title, snip), its title
    and snippet marked at the hits."""
    return ArticleHit(
        id=row.id,
        title=to_segments(row.title or ""),
        outlet=row.outlet,
        date=_date(row.date),
        source_file=row.source_file,
        snippet=to_segments(row.snip or ""),
    )


def search(session: Session, *, q: str, page: int = 1, size: int = 20) -> SearchResult:
    """Articles ranked by bm25 with a snippet each, and their statements that match."""
    result = SearchResult(q=q, hits=[], total=0, page=page, size=size)
    typed = query_terms(q)
    if not typed:
        if q.strip():
            result.error = "Type at least one word with letters or digits."
        return result
    groups = expand(session, typed)
    result.expanded = [g.spellings for g in groups if g.expanded and g.spellings]
    if result.expanded:
        result.as_typed = " ".join(
            _quote(g.spellings.typed)
            if g.expanded and g.spellings
            else " ".join(t.typed for t in g.terms)
            for g in groups
        )
    if not is_sqlite(session):
        # PostgreSQL searches with its own full-text search; that module uses this one's types.
        from app.services.search_postgres import fill

        fill(session, result, groups)
        return result
    terms = [g.fts for g in groups]
    try:
        _fts_page(session, result, terms)
    except OperationalError:
        # Only a missing index can get here (the terms are always quoted): say so, do not fail.
        result.error = "Search is not available on this database."
        result.hits, result.total = [], 0
    return result


def _count(session: Session, sql: str, match: str) -> int:
    return int(session.execute(text(sql), {"m": match, "bound": MATCHES_BOUND}).scalar_one())


def _fts_page(session: Session, result: SearchResult, terms: list[str]) -> None:
    """The page's hits by SQLite FTS5: every term, else any of them when none holds all."""
    match = " AND ".join(terms)
    total = _count(session, _COUNT, match)
    if total == 0 and len(terms) > 1:
        match = " OR ".join(terms)
        total = _count(session, _COUNT, match)
        result.any_word = total > 0
    result.total = total
    result.bounded = total >= MATCHES_BOUND
    if not total:
        return
    page = {"m": match, "bound": MATCHES_BOUND, "limit": result.size}
    page["offset"] = (result.page - 1) * result.size
    order = [row.id for row in session.execute(text(_RANKED), page)]
    if not order:
        return
    params = {"m": match, "o": _OPEN, "c": _CLOSE, "ids": order}
    hits = {row.id: article_hit(row) for row in session.execute(_expanding(_ARTICLES), params)}
    result.statements_total = _count(session, _STATEMENT_COUNT, match)
    for row in session.execute(_expanding(_STATEMENTS), params):
        hit = hits[row.article_id]
        if len(hit.statements) < _STATEMENTS_PER_ARTICLE:
            hit.statements.append(StatementHit(row.id, to_segments(row.snip or "")))
    result.hits = [hits[i] for i in order if i in hits]


def _expanding(sql: str) -> Any:
    return text(sql).bindparams(bindparam("ids", expanding=True))
