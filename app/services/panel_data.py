"""The reads of one claim's panel: the figure or statement with its article and sentence, its
links, the same count in the other articles of its story, its parts and wholes. SQL text
shared by SQLite and PostgreSQL, rows as the records of reader_data (see there why)."""

from __future__ import annotations

from collections.abc import Collection

from sqlalchemy import Connection

from app.services.reader_data import (
    _FIGURE,
    _LINK,
    _N_FIGURE,
    _N_REF,
    _N_STATEMENT,
    _REF,
    _STATEMENT,
    ArticleRef,
    FigureRecord,
    LinkRecord,
    Row,
    StatementRecord,
    _figure,
    _link,
    _ref,
    _story_refs,
    read,
    refs,
    sql,
)

# A figure's sentence is cut from its article's body by the database: no body leaves it.
# Reversed offsets give an empty sentence, as a slice of the body does (PostgreSQL refuses a
# negative length). A figure of the title has its sentence in the title.
_SENTENCE = (
    "substr(CASE WHEN f.in_title THEN a.title ELSE a.body END, f.sentence_start + 1,"
    " CASE WHEN f.sentence_end > f.sentence_start"
    " THEN f.sentence_end - f.sentence_start ELSE 0 END)"
)

_FIGURE_WITH_ARTICLE = sql(
    f"SELECT {_FIGURE}, {_REF}, {_SENTENCE}"
    " FROM figure f JOIN article a ON a.id = f.article_id WHERE f.id = :figure_id"
)
# The links of one claim: those it is the first end of, then the others, each oldest first.
_FIGURE_LINKS_OF = sql(
    f"SELECT {_LINK} FROM link WHERE kind = 'figure' AND (a_id = :id OR b_id = :id)"
    " ORDER BY a_id != :id, id"
)
_STATEMENT_LINKS_OF = sql(
    f"SELECT {_LINK} FROM link"
    " WHERE kind = 'statement' AND rejected = false AND (a_id = :id OR b_id = :id)"
    " ORDER BY a_id != :id, id"
)
# `f.topic || ''` keeps the planner off the topic index (see topic_figures).
_TOPIC_FIGURES = sql(
    f"SELECT {_FIGURE} FROM figure f WHERE f.rejected = false"
    " AND (f.topic || '' = :topic AND f.article_id != :article_id"
    " AND f.article_id IN (SELECT id FROM article WHERE story_id = :story_id)"
    " OR f.id IN :linked)",
    "linked",
)
_SENTENCES = sql(
    f"SELECT f.id, {_SENTENCE} FROM figure f JOIN article a ON a.id = f.article_id"
    " WHERE f.id IN :ids",
    "ids",
)

FigureInArticle = tuple[FigureRecord, ArticleRef, str]


def _figure_in_article(row: Row) -> FigureInArticle:
    n = _N_FIGURE + _N_REF
    return _figure(row[:_N_FIGURE]), _ref(row[_N_FIGURE:n]), row[n] or ""


def figure_with_article(db: Connection, figure_id: int) -> FigureInArticle | None:
    """A figure with its article and its sentence."""
    row = read(db, _FIGURE_WITH_ARTICLE, figure_id=figure_id).first()
    return None if row is None else _figure_in_article(row)


def figure_links_of(db: Connection, figure_id: int) -> list[LinkRecord]:
    """Every link of a figure, rejected ones too (a rejected link hides its row)."""
    return [_link(r) for r in read(db, _FIGURE_LINKS_OF, id=figure_id)]


def topic_figures(
    db: Connection, figure: FigureRecord, story_id: int | None, linked: Collection[int]
) -> list[tuple[FigureRecord, ArticleRef]]:
    """The live figures of the figure's topic in the other articles of its story, and the
    figures linked to it wherever they are, each with its article (in no order).

    The story's figures are found from its articles, not from the topic (`|| ''` keeps the
    planner off the topic index): a common topic has figures in hundreds of stories, and each
    would cost a read of its article's row to learn its story. Their articles are named from
    the story's index (`story_refs`), not from their rows: a story of a wire text copied a
    hundred times holds a hundred large rows. Sentences are read apart, for the rows a panel
    shows.
    """
    params = {"topic": figure.topic, "article_id": figure.article_id, "story_id": story_id}
    found = [_figure(r) for r in read(db, _TOPIC_FIGURES, **params, linked=list(linked))]
    named = {r.id: r for r in (_story_refs(db, story_id) if story_id is not None else [])}
    elsewhere = {f.article_id for f in found} - named.keys()
    if elsewhere:
        named.update((r.id, r) for r in refs(db, elsewhere))
    return [(f, named[f.article_id]) for f in found]


def sentences(db: Connection, figure_ids: Collection[int]) -> dict[int, str]:
    """The sentence of each figure, cut from its article by the database."""
    if not figure_ids:
        return {}
    return {i: text or "" for i, text in read(db, _SENTENCES, ids=list(figure_ids))}


_PARTS_OF = sql(
    f"SELECT {_FIGURE} FROM figurepart p JOIN figure f ON f.id = p.part_id"
    " WHERE p.figure_id = :id AND f.rejected = false ORDER BY p.id"
)
_WHOLES_OF = sql(
    f"SELECT {_FIGURE} FROM figurepart p JOIN figure f ON f.id = p.figure_id"
    " WHERE p.part_id = :id AND f.rejected = false ORDER BY p.id"
)
_STATEMENTS_WITH_ARTICLES = sql(
    f"SELECT {_STATEMENT}, {_REF} FROM statement s JOIN article a ON a.id = s.article_id"
    " WHERE s.id IN :ids ORDER BY s.id",
    "ids",
)


def parts_and_wholes(
    db: Connection, figure_id: int
) -> tuple[list[FigureRecord], list[FigureRecord]]:
    """The live parts of a figure, and the live figures it is a part of."""
    parts = [_figure(r) for r in read(db, _PARTS_OF, id=figure_id)]
    return parts, [_figure(r) for r in read(db, _WHOLES_OF, id=figure_id)]


def statement_with_article(
    db: Connection, statement_id: int
) -> tuple[StatementRecord, ArticleRef] | None:
    found = statements_with_articles(db, [statement_id])
    return found[0] if found else None


def statement_links_of(db: Connection, statement_id: int) -> list[LinkRecord]:
    """The live links of a statement."""
    return [_link(r) for r in read(db, _STATEMENT_LINKS_OF, id=statement_id)]


def statements_with_articles(
    db: Connection, ids: Collection[int]
) -> list[tuple[StatementRecord, ArticleRef]]:
    return [
        (StatementRecord(*r[:_N_STATEMENT]), _ref(r[_N_STATEMENT:]))
        for r in read(db, _STATEMENTS_WITH_ARTICLES, ids=list(ids))
    ]
