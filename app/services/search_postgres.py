"""Search on PostgreSQL with its own full-text search: a tsvector per article (title weighted
above body) and per statement, kept by the database as generated columns with GIN indexes
(app/fts.py), matched with tsquery, ranked with ts_rank, highlighted with ts_headline.

The reader's words arrive parsed as on SQLite (app/services/search.py): each term or phrase
becomes `phraseto_tsquery` of a bound parameter, a `word*` gets PostgreSQL's prefix mark, a
name's spellings are OR-ed, and the groups are AND-ed — falling back to OR when no article
holds them all. Nothing the reader types is read as tsquery syntax.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import text
from sqlalchemy.exc import DBAPIError
from sqlmodel import Session

from app.services.search import (
    _CLOSE,
    _OPEN,
    _SNIPPET_TOKENS,
    _STATEMENTS_PER_ARTICLE,
    _TITLE_WEIGHT,
    ArticleHit,
    Group,
    SearchResult,
    StatementHit,
    article_hit,
    to_segments,
)

_CONFIG = "'simple'"  # no stemming and no stop words, like SQLite's unicode61 tokenizer
# ts_rank's weights for D, C, B, A (each at most 1): a title word (A) counts as many times a
# body word (D) as FTS5's title column does.
_WEIGHTS = f"'{{{1 / _TITLE_WEIGHT}, 0, 0, 1}}'"


def _marks(**options: object) -> str:
    opts = {"StartSel": f'"{_OPEN}"', "StopSel": f'"{_CLOSE}"', **options}
    return ", ".join(f"{k}={v}" for k, v in opts.items())


_TITLE_MARKS = _marks(HighlightAll="true")
_BODY_MARKS = _marks(
    MaxFragments=1,
    MaxWords=_SNIPPET_TOKENS,
    MinWords=_SNIPPET_TOKENS // 2,
    FragmentDelimiter='"…"',
    ShortWord=0,
)
_STATEMENT_MARKS = _marks(
    MaxFragments=1,
    MaxWords=_SNIPPET_TOKENS + 12,
    MinWords=_SNIPPET_TOKENS // 2,
    FragmentDelimiter='"…"',
    ShortWord=0,
)


class _Query:
    """A tsquery built from bound parameters: the SQL text and its values."""

    def __init__(self) -> None:
        self.params: dict[str, Any] = {}

    def phrase(self, words: str, prefix: bool = False) -> str:
        key = f"p{len(self.params)}"
        self.params[key] = words
        query = f"phraseto_tsquery({_CONFIG}, :{key})"
        if not prefix:
            return query
        # The prefix mark goes on the last word; a term of no word (only "_") stays empty.
        return (
            f"(CASE WHEN numnode({query}) = 0 THEN {query} "
            f"ELSE ({query}::text || ':*')::tsquery END)"
        )

    def group(self, group: Group) -> str:
        if group.expanded and group.spellings:
            return "(" + " || ".join(self.phrase(p) for p in group.spellings.phrases) + ")"
        return "(" + " && ".join(self.phrase(t.text, t.prefix) for t in group.terms) + ")"


def _count(session: Session, where: str, query: str, params: dict[str, Any]) -> int:
    sql = f"SELECT count(*) FROM {where} @@ {query}"
    return int(session.execute(text(sql), params).scalar_one())


def fill(session: Session, result: SearchResult, groups: list[Group]) -> None:
    """The result's hits, total and statements for these groups of terms."""
    built = _Query()
    parts = [built.group(g) for g in groups]
    params = built.params
    try:
        query = "(" + " && ".join(parts) + ")"
        total = _count(session, "article WHERE search_doc", query, params)
        if total == 0 and len(parts) > 1:
            query = "(" + " || ".join(parts) + ")"
            total = _count(session, "article WHERE search_doc", query, params)
            result.any_word = total > 0
        result.total = total
        if not total:
            return
        result.hits = _articles(session, query, params, result.page, result.size)
        result.statements_total = _count(session, "statement WHERE search_doc", query, params)
        _statements(session, query, params, {h.id: h for h in result.hits})
    except DBAPIError:
        session.rollback()
        result.error = "Search is not available on this database."
        result.hits, result.total = [], 0


def _articles(
    session: Session, query: str, params: dict[str, Any], page: int, size: int
) -> list[ArticleHit]:
    # The page's rows are found first; only they are highlighted (ts_headline reads the text).
    sql = f"""
        WITH q AS (SELECT {query} AS query),
        page AS (
            SELECT a.id, ts_rank({_WEIGHTS}, a.search_doc, q.query) AS rank
            FROM article a, q WHERE a.search_doc @@ q.query
            ORDER BY rank DESC, a.id LIMIT :limit OFFSET :offset
        )
        SELECT a.id, a.outlet, a.date, a.source_file,
               ts_headline({_CONFIG}, coalesce(a.title, ''), q.query, :title_marks) AS title,
               ts_headline({_CONFIG}, a.body, q.query, :body_marks) AS snip
        FROM page JOIN article a ON a.id = page.id, q
        ORDER BY page.rank DESC, a.id
    """
    rows = session.execute(
        text(sql),
        {
            **params,
            "limit": size,
            "offset": (page - 1) * size,
            "title_marks": _TITLE_MARKS,
            "body_marks": _BODY_MARKS,
        },
    )
    return [article_hit(row) for row in rows]


def _statements(
    session: Session, query: str, params: dict[str, Any], hits: dict[int, ArticleHit]
) -> None:
    if not hits:
        return
    sql = f"""
        WITH q AS (SELECT {query} AS query),
        ranked AS (
            SELECT s.id, s.article_id, s.text,
                   row_number() OVER (
                       PARTITION BY s.article_id
                       ORDER BY ts_rank(s.search_doc, q.query) DESC, s.id
                   ) AS n
            FROM statement s, q
            WHERE s.article_id = ANY(:ids) AND s.search_doc @@ q.query
        )
        SELECT r.id, r.article_id, ts_headline({_CONFIG}, r.text, q.query, :marks) AS snip
        FROM ranked r, q WHERE r.n <= :per ORDER BY r.article_id, r.n
    """
    rows = session.execute(
        text(sql),
        {**params, "ids": list(hits), "marks": _STATEMENT_MARKS, "per": _STATEMENTS_PER_ARTICLE},
    )
    for row in rows:
        hits[row.article_id].statements.append(StatementHit(row.id, to_segments(row.snip or "")))
