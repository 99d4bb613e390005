"""Search over article titles, bodies and statements: SQLite FTS5 ranked with bm25.

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

from sqlalchemy import text
from sqlalchemy.exc import OperationalError
from sqlmodel import Session

# Unlikely in any text, and fresh per process, so a body cannot fake a highlight.
_OPEN = f"\x02{secrets.token_hex(4)}\x02"
_CLOSE = f"\x03{secrets.token_hex(4)}\x03"
_WORD = re.compile(r"\w", re.UNICODE)
_PHRASE = re.compile(r'"([^"]*)"')
_SNIPPET_TOKENS = 28
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


def parse_query(q: str) -> list[str]:
    """The reader's words as safe FTS5 terms: quoted strings, phrases kept, `word*` prefixes."""
    terms: list[str] = []
    for phrase in _PHRASE.findall(q):
        if _WORD.search(phrase):
            terms.append(_quote(" ".join(phrase.split())))
    rest = _PHRASE.sub(" ", q).replace('"', " ")  # an unbalanced quote is just a space
    for chunk in rest.split():
        prefix = chunk.endswith("*")
        core = chunk.strip("*")
        if not _WORD.search(core):
            continue  # punctuation alone ("-", "()", ":") searches nothing
        terms.append(_quote(core) + ("*" if prefix else ""))
    return terms


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
    statements_total: int = 0
    error: str | None = None

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.size))

    @property
    def searched(self) -> bool:
        return bool(self.q.strip())


_COUNT = "SELECT count(*) FROM article_fts WHERE article_fts MATCH :m"
_ARTICLES = f"""
    SELECT a.id, a.outlet, a.date, a.source_file,
           highlight(article_fts, 0, :o, :c) AS title,
           snippet(article_fts, 1, :o, :c, '…', {_SNIPPET_TOKENS}) AS snip
    FROM article_fts JOIN article a ON a.id = article_fts.rowid
    WHERE article_fts MATCH :m
    ORDER BY bm25(article_fts, {_TITLE_WEIGHT}, {_BODY_WEIGHT}), a.id
    LIMIT :limit OFFSET :offset
"""
_STATEMENTS = f"""
    SELECT s.id, s.article_id,
           snippet(statement_fts, 0, :o, :c, '…', {_SNIPPET_TOKENS + 12}) AS snip
    FROM statement_fts JOIN statement s ON s.id = statement_fts.rowid
    WHERE statement_fts MATCH :m
    ORDER BY bm25(statement_fts), s.id
"""
_STATEMENT_COUNT = "SELECT count(*) FROM statement_fts WHERE statement_fts MATCH :m"


def _date(value: object) -> dt.date | None:
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str) and value:
        try:
            return dt.date.fromisoformat(value[:10])
        except ValueError:
            return None
    return None


def search(session: Session, *, q: str, page: int = 1, size: int = 20) -> SearchResult:
    """Articles ranked by bm25 with a snippet each, and their statements that match."""
    result = SearchResult(q=q, hits=[], total=0, page=page, size=size)
    terms = parse_query(q)
    if not terms:
        if q.strip():
            result.error = "Type at least one word with letters or digits."
        return result
    try:
        match = " AND ".join(terms)
        total = session.execute(text(_COUNT), {"m": match}).scalar_one()
        if total == 0 and len(terms) > 1:
            match = " OR ".join(terms)
            total = session.execute(text(_COUNT), {"m": match}).scalar_one()
            result.any_word = total > 0
        result.total = int(total)
        if not total:
            return result
        params = {"m": match, "o": _OPEN, "c": _CLOSE}
        rows = session.execute(
            text(_ARTICLES), {**params, "limit": size, "offset": (page - 1) * size}
        ).all()
        hits = {
            row.id: ArticleHit(
                id=row.id,
                title=to_segments(row.title or ""),
                outlet=row.outlet,
                date=_date(row.date),
                source_file=row.source_file,
                snippet=to_segments(row.snip or ""),
            )
            for row in rows
        }
        result.statements_total = int(
            session.execute(text(_STATEMENT_COUNT), {"m": match}).scalar_one()
        )
        if hits:
            ids = ",".join(str(int(i)) for i in hits)
            query = _STATEMENTS.replace("WHERE", f"WHERE s.article_id IN ({ids}) AND", 1)
            for row in session.execute(text(query), params):
                hit = hits[row.article_id]
                if len(hit.statements) < _STATEMENTS_PER_ARTICLE:
                    hit.statements.append(StatementHit(row.id, to_segments(row.snip or "")))
        result.hits = list(hits.values())
    except OperationalError:
        # Only a missing index can get here (the terms are always quoted): say so, do not fail.
        result.error = "Search is not available on this database."
        result.hits, result.total = [], 0
    return result
