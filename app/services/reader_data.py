"""The reader's reads: SQL text with bound parameters on the session's connection, rows as
small records.

An article page is a few queries returning about a hundred rows. Through the ORM, building the
statements and turning rows into tracked model instances cost several times what the database
spends on the queries, so these pages skip it: each query is a module-level `text()` constant
(SQLAlchemy compiles it once per dialect and keeps it; SQLite's driver then prepares it once
per connection), it selects only the columns a page shows, and its rows become slotted records
with the attribute names of the models, which the templates read. The SQL is the part SQLite
and PostgreSQL share, so both backends run the same reads. Records are not attached to the
session: pages only read them.

Rows come in a stated order wherever the order can show on a page (ties on score decide how
claims join side by side; of two links between the same claims, a panel keeps one).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Sequence
from dataclasses import dataclass, fields
from typing import Any

from sqlalchemy import Connection, CursorResult, TextClause, bindparam, text
from sqlmodel import Session


def connection(session: Session) -> Connection:
    """The connection the session reads through (its transaction, if one is open)."""
    return session.connection()


def read(db: Connection, query: TextClause, **params: Any) -> CursorResult[*tuple[Any, ...]]:
    """The rows of one of the reader's queries. An IN list is passed as a list (see `sql`)."""
    return db.execute(query, params)


def sql(statement: str, *lists: str) -> TextClause:
    """A query of the reader; each name in `lists` is an IN list (`x IN :ids`), given a list
    of any length when run."""
    return text(statement).bindparams(*(bindparam(n, expanding=True) for n in lists))


def _date(value: str | dt.date | None) -> dt.date | None:
    """A date column's value: SQLite hands dates back as ISO text, PostgreSQL as dates."""
    if value is None or isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(value) if value else None


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


Row = Sequence[Any]

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
    figure.ref_date = _date(row[_N_FIGURE - 1])
    return figure


def _article(row: Row) -> ArticleRecord:
    article = ArticleRecord(*row)
    article.date = _date(row[4])
    return article


def _ref(row: Row) -> ArticleRef:
    ref = ArticleRef(*row)
    ref.date = _date(row[3])
    return ref


def _link(row: Row) -> LinkRecord:
    kind, a_id, b_id, relation, score, reason, rejected = row
    return LinkRecord(kind, a_id, b_id, relation, score, reason, bool(rejected))


# --- the text of articles ------------------------------------------------------------------

_ARTICLES = sql(f"SELECT {_ARTICLE} FROM article WHERE id IN :ids", "ids")
_PARAGRAPHS = sql(
    'SELECT article_id, start, "end", kind FROM paragraph'
    " WHERE article_id IN :ids ORDER BY article_id, idx",
    "ids",
)
_CAPTIONS = sql(
    "SELECT article_id, text FROM caption WHERE article_id IN :ids ORDER BY idx, id", "ids"
)
_FIGURES = sql(
    f"SELECT {_FIGURE} FROM figure f"
    " WHERE f.article_id IN :ids AND f.rejected = false ORDER BY f.start, f.id",
    "ids",
)
_FIGURE_PARTS = sql(
    "SELECT p.figure_id, p.part_id FROM figurepart p JOIN figure f ON f.id = p.figure_id"
    " WHERE f.article_id IN :ids ORDER BY p.figure_id, p.id",
    "ids",
)
_LIVE_STATEMENT_LINK = "kind = 'statement' AND rejected = false"
_LINKED_STATEMENTS = sql(
    f"SELECT {_STATEMENT} FROM statement s WHERE s.article_id IN :ids"
    f" AND (EXISTS (SELECT 1 FROM link WHERE a_id = s.id AND {_LIVE_STATEMENT_LINK})"
    f" OR EXISTS (SELECT 1 FROM link WHERE b_id = s.id AND {_LIVE_STATEMENT_LINK}))"
    " ORDER BY s.start, s.id",
    "ids",
)


def articles(db: Connection, ids: Collection[int]) -> list[ArticleRecord]:
    return [_article(r) for r in read(db, _ARTICLES, ids=list(ids))]


def paragraphs(db: Connection, ids: Collection[int]) -> list[ParagraphRecord]:
    return [ParagraphRecord(*r) for r in read(db, _PARAGRAPHS, ids=list(ids))]


def captions(db: Connection, ids: Collection[int]) -> list[CaptionRecord]:
    return [CaptionRecord(*r) for r in read(db, _CAPTIONS, ids=list(ids))]


def figures(db: Connection, ids: Collection[int]) -> list[FigureRecord]:
    """The live figures of the articles, in reading order."""
    return [_figure(r) for r in read(db, _FIGURES, ids=list(ids))]


def figure_parts(db: Connection, ids: Collection[int]) -> list[tuple[int, int]]:
    """(figure, part) of the articles' figures, in the order the parts were stored."""
    return [(a, b) for a, b in read(db, _FIGURE_PARTS, ids=list(ids))]


def linked_statements(db: Connection, ids: Collection[int]) -> list[StatementRecord]:
    """The statements of the articles that a live link ties to another, in reading order."""
    return [StatementRecord(*r) for r in read(db, _LINKED_STATEMENTS, ids=list(ids))]


_CLAIMS = {
    "figure": "SELECT id FROM figure WHERE article_id IN :ids AND rejected = false",
    "statement": "SELECT id FROM statement WHERE article_id IN :ids",
}
_LINKS_AMONG = {
    kind: sql(
        f"SELECT {_LINK} FROM link WHERE kind = '{kind}' AND rejected = false"
        f" AND a_id IN ({claims}) AND b_id IN ({claims}) ORDER BY a_id, id",
        "ids",
    )
    for kind, claims in _CLAIMS.items()
}


def links_among(db: Connection, kind: str, article_ids: Collection[int]) -> list[LinkRecord]:
    """The live links of one kind whose two claims are both in these articles.

    Ordered by their first claim, as side by side has always met them: statement links tie on
    score, and the order in which tied links join claims decides the shared numbers.
    """
    return [_link(r) for r in read(db, _LINKS_AMONG[kind], ids=list(article_ids))]


_STORY_REFS = (
    f"SELECT {_REF} FROM article a WHERE a.story_id = :story_id AND a.id != :besides"
    " ORDER BY a.date NULLS LAST, a.id"
)
_STORY_REFS_ALL = sql(_STORY_REFS)
_STORY_REFS_FIRST = sql(_STORY_REFS + " LIMIT :limit")
_STORY_SIZE = sql("SELECT count(*) FROM article WHERE story_id = :story_id")
_EVERY_STORY_REF = sql(f"SELECT {_REF} FROM article a WHERE a.story_id = :story_id")
_REFS = sql(f"SELECT {_REF} FROM article a WHERE a.id IN :ids", "ids")
_CHOICE_REFS = sql(
    f"SELECT {_REF} FROM article a WHERE a.story_id IN :story_ids OR a.id IN :ids"
    " ORDER BY a.date NULLS LAST, a.id",
    "story_ids",
    "ids",
)


def story_refs(
    db: Connection, story_id: int, *, besides: int, limit: int | None = None
) -> list[ArticleRef]:
    """The other articles of a story, oldest first, undated last (the first `limit` of them).

    Read from the index on (story, date, title, outlet) alone: a story of a wire text copied
    a hundred times would otherwise cost a read of each article's row, which its body makes
    large (and `story_id` stands after the body in it)."""
    if limit is None:
        found = read(db, _STORY_REFS_ALL, story_id=story_id, besides=besides)
    else:
        found = read(db, _STORY_REFS_FIRST, story_id=story_id, besides=besides, limit=limit)
    return [_ref(r) for r in found]


def story_size(db: Connection, story_id: int) -> int:
    """How many articles a story holds, counted in its index."""
    return int(read(db, _STORY_SIZE, story_id=story_id).scalar_one())


def _story_refs(db: Connection, story_id: int) -> list[ArticleRef]:
    """Every article of a story, in no stated order, from the story's index alone."""
    return [_ref(r) for r in read(db, _EVERY_STORY_REF, story_id=story_id)]


def refs(db: Connection, ids: Collection[int]) -> list[ArticleRef]:
    """Articles as lists name them, in no stated order."""
    return [_ref(r) for r in read(db, _REFS, ids=list(ids))]


def choice_refs(
    db: Connection, story_ids: Collection[int], article_ids: Collection[int]
) -> list[ArticleRef]:
    """The articles of the stories and the articles themselves, oldest first, undated last."""
    found = read(db, _CHOICE_REFS, story_ids=list(story_ids), ids=list(article_ids))
    return [_ref(r) for r in found]
