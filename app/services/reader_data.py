"""The reader's reads: plain SQL on the session's own SQLite connection, rows as small records.

An article page is a few queries returning about a hundred rows. Through the ORM, building the
statements and turning rows into tracked model instances cost several times what SQLite spends
on the queries, so these pages skip it: each query is a constant string (sqlite3 prepares it
once per connection and keeps it), it selects only the columns a page shows, and its rows
become slotted records with the attribute names of the models, which the templates read.
Records are not attached to the session: pages only read them.

Rows come in a stated order wherever the order can show on a page (ties on score decide how
claims join side by side; of two links between the same claims, a panel keeps one).
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Collection
from dataclasses import dataclass, fields
from functools import lru_cache
from typing import Any

from sqlmodel import Session


def connection(session: Session) -> sqlite3.Connection:
    """The SQLite connection the session reads through (its transaction, if one is open)."""
    dbapi = session.connection().connection.dbapi_connection
    assert isinstance(dbapi, sqlite3.Connection), "the reader reads SQLite databases"
    return dbapi


def _date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


@lru_cache(maxsize=64)
def _marks(n: int) -> str:
    """`?, ?, ?` for an IN list of n values: one statement text per length."""
    return ", ".join("?" * n)


# --- records -------------------------------------------------------------------------------


@dataclass(slots=True)
class ArticleRecord:
    """An article with its body: what the article view and a column of side by side show."""

    id: int
    title: str
    outlet: str | None
    outlet_basis: str
    date: dt.date | None
    date_basis: str
    words: int
    language: str | None
    source_file: str
    url: str | None
    story_id: int | None
    body: str


@dataclass(slots=True)
class ArticleRef:
    """An article as lists and panels name it, without its body."""

    id: int
    title: str
    outlet: str | None
    date: dt.date | None
    story_id: int | None


@dataclass(slots=True)
class ParagraphRecord:
    article_id: int
    start: int
    end: int
    kind: str


@dataclass(slots=True)
class CaptionRecord:
    article_id: int
    text: str


@dataclass(slots=True)
class FigureRecord:
    id: int
    article_id: int
    start: int
    end: int
    sentence_start: int
    sentence_end: int
    value: float | None
    value_high: float | None
    qualifier: str
    measure: str
    group: str
    place: str | None
    source: str
    topic: str
    derived: bool
    event: str
    event_reason: str
    status: str
    in_title: bool  # offsets are in the article's title
    added: bool = False  # added by the reader
    corrected: str = ""  # the fields the reader corrected (JSON of the extractor's values)
    ref_date: dt.date | None = None  # the day the text says the count holds for


@dataclass(slots=True)
class StatementRecord:
    id: int
    article_id: int
    start: int
    end: int
    text: str


@dataclass(slots=True)
class LinkRecord:
    kind: str
    a_id: int
    b_id: int
    relation: str
    score: float
    reason: str
    rejected: bool


Row = tuple[Any, ...]

# Column lists in the order of the records' fields: a row is spread into its record.
_ARTICLE = (
    "id, title, outlet, outlet_basis, date, date_basis, words, language, source_file, url,"
    " story_id, body"
)
_REF = "a.id, a.title, a.outlet, a.date, a.story_id"
_FIGURE = (
    'f.id, f.article_id, f.start, f."end", f.sentence_start, f.sentence_end, f.value,'
    ' f.value_high, f.qualifier, f.measure, f."group", f.place, f.source, f.topic,'
    " f.derived, f.event, f.event_reason, f.status, f.in_title, f.added, f.corrected,"
    " f.ref_date"
)
_STATEMENT = 's.id, s.article_id, s.start, s."end", s.text'
_LINK = "kind, a_id, b_id, relation, score, reason, rejected"
# Where one record ends in a joined row.
_N_FIGURE = len(fields(FigureRecord))
_N_STATEMENT = len(fields(StatementRecord))
_N_REF = len(fields(ArticleRef))


def _figure(row: Row) -> FigureRecord:
    figure = FigureRecord(*row)  # SQLite hands booleans back as integers
    figure.derived, figure.in_title = bool(figure.derived), bool(figure.in_title)
    figure.added = bool(figure.added)
    figure.ref_date = _date(row[_N_FIGURE - 1])  # SQLite hands dates back as text
    return figure


def _article(row: Row) -> ArticleRecord:
    article = ArticleRecord(*row)  # SQLite hands dates back as text
    article.date = _date(row[4])
    return article


def _ref(row: Row) -> ArticleRef:
    ref = ArticleRef(*row)  # SQLite hands dates back as text
    ref.date = _date(row[3])
    return ref


def _link(row: Row) -> LinkRecord:
    kind, a_id, b_id, relation, score, reason, rejected = row
    return LinkRecord(kind, a_id, b_id, relation, score, reason, bool(rejected))


# --- the text of articles ------------------------------------------------------------------


def articles(db: sqlite3.Connection, ids: Collection[int]) -> list[ArticleRecord]:
    sql = f"SELECT {_ARTICLE} FROM article WHERE id IN ({_marks(len(ids))})"
    return [_article(r) for r in db.execute(sql, tuple(ids))]


def paragraphs(db: sqlite3.Connection, ids: Collection[int]) -> list[ParagraphRecord]:
    sql = (
        'SELECT article_id, start, "end", kind FROM paragraph'
        f" WHERE article_id IN ({_marks(len(ids))}) ORDER BY article_id, idx"
    )
    return [ParagraphRecord(*r) for r in db.execute(sql, tuple(ids))]


def captions(db: sqlite3.Connection, ids: Collection[int]) -> list[CaptionRecord]:
    sql = (
        "SELECT article_id, text FROM caption"
        f" WHERE article_id IN ({_marks(len(ids))}) ORDER BY idx, id"
    )
    return [CaptionRecord(*r) for r in db.execute(sql, tuple(ids))]


def figures(db: sqlite3.Connection, ids: Collection[int]) -> list[FigureRecord]:
    """The live figures of the articles, in reading order."""
    sql = (
        f"SELECT {_FIGURE} FROM figure f"
        f" WHERE f.article_id IN ({_marks(len(ids))}) AND f.rejected IS 0 ORDER BY f.start, f.id"
    )
    return [_figure(r) for r in db.execute(sql, tuple(ids))]


def figure_parts(db: sqlite3.Connection, ids: Collection[int]) -> list[tuple[int, int]]:
    """(figure, part) of the articles' figures, in the order the parts were stored."""
    sql = (
        "SELECT p.figure_id, p.part_id FROM figurepart p JOIN figure f ON f.id = p.figure_id"
        f" WHERE f.article_id IN ({_marks(len(ids))}) ORDER BY p.figure_id, p.id"
    )
    return [(a, b) for a, b in db.execute(sql, tuple(ids))]


def linked_statements(db: sqlite3.Connection, ids: Collection[int]) -> list[StatementRecord]:
    """The statements of the articles that a live link ties to another, in reading order."""
    live = "kind = 'statement' AND rejected IS 0"
    sql = (
        f"SELECT {_STATEMENT} FROM statement s WHERE s.article_id IN ({_marks(len(ids))})"
        f" AND (EXISTS (SELECT 1 FROM link WHERE a_id = s.id AND {live})"
        f" OR EXISTS (SELECT 1 FROM link WHERE b_id = s.id AND {live}))"
        " ORDER BY s.start, s.id"
    )
    return [StatementRecord(*r) for r in db.execute(sql, tuple(ids))]


_CLAIMS = {
    "figure": "SELECT id FROM figure WHERE article_id IN ({}) AND rejected IS 0",
    "statement": "SELECT id FROM statement WHERE article_id IN ({})",
}


def links_among(
    db: sqlite3.Connection, kind: str, article_ids: Collection[int]
) -> list[LinkRecord]:
    """The live links of one kind whose two claims are both in these articles.

    Ordered by their first claim, as side by side has always met them: statement links tie on
    score, and the order in which tied links join claims decides the shared numbers.
    """
    claims = _CLAIMS[kind].format(_marks(len(article_ids)))
    sql = (
        f"SELECT {_LINK} FROM link WHERE kind = ? AND rejected IS 0"
        f" AND a_id IN ({claims}) AND b_id IN ({claims}) ORDER BY a_id, id"
    )
    return [_link(r) for r in db.execute(sql, (kind, *article_ids, *article_ids))]


def story_refs(
    db: sqlite3.Connection, story_id: int, *, besides: int, limit: int | None = None
) -> list[ArticleRef]:
    """The other articles of a story, oldest first, undated last (the first `limit` of them).

    Read from the index on (story, date, title, outlet) alone: a story of a wire text copied
    a hundred times would otherwise cost a read of each article's row, which its body makes
    large (and `story_id` stands after the body in it)."""
    sql = (
        f"SELECT {_REF} FROM article a WHERE a.story_id = ? AND a.id != ?"
        " ORDER BY a.date NULLS LAST, a.id LIMIT ?"
    )
    return [_ref(r) for r in db.execute(sql, (story_id, besides, -1 if limit is None else limit))]


def story_size(db: sqlite3.Connection, story_id: int) -> int:
    """How many articles a story holds, counted in its index."""
    (n,) = db.execute("SELECT count(*) FROM article WHERE story_id = ?", (story_id,)).fetchone()
    return int(n)


def _story_refs(db: sqlite3.Connection, story_id: int) -> list[ArticleRef]:
    """Every article of a story, in no stated order, from the story's index alone."""
    sql = f"SELECT {_REF} FROM article a WHERE a.story_id = ?"
    return [_ref(r) for r in db.execute(sql, (story_id,))]


def refs(db: sqlite3.Connection, ids: Collection[int]) -> list[ArticleRef]:
    """Articles as lists name them, in no stated order."""
    sql = f"SELECT {_REF} FROM article a WHERE a.id IN ({_marks(len(ids))})"
    return [_ref(r) for r in db.execute(sql, tuple(ids))]


def choice_refs(
    db: sqlite3.Connection, story_ids: Collection[int], article_ids: Collection[int]
) -> list[ArticleRef]:
    """The articles of the stories and the articles themselves, oldest first, undated last."""
    sql = (
        f"SELECT {_REF} FROM article a WHERE a.story_id IN ({_marks(len(story_ids))})"
        f" OR a.id IN ({_marks(len(article_ids))}) ORDER BY a.date NULLS LAST, a.id"
    )
    return [_ref(r) for r in db.execute(sql, (*story_ids, *article_ids))]
