"""The figures a topic row is made of, read as plain rows.

A row of the figures overview needs ten columns of a figure and six of its article; reading
them as ORM objects cost most of a page's time (an object, its state and an attribute lookup
per column, for a thousand figures a page). These named tuples are what the rows are built
from; the ORM's `Figure` and `Article` still fit the same protocols (tests build rows from
them).
"""

from __future__ import annotations

import datetime as dt
from typing import Any, NamedTuple, Protocol

from sqlalchemy import Select
from sqlmodel import Session, col, select

from app.models import Article, Figure


class FigureLike(Protocol):
    @property
    def id(self) -> int | None: ...
    @property
    def article_id(self) -> int: ...
    @property
    def topic(self) -> str: ...
    @property
    def text(self) -> str: ...
    @property
    def value(self) -> float | None: ...
    @property
    def value_high(self) -> float | None: ...
    @property
    def qualifier(self) -> str: ...
    @property
    def source(self) -> str: ...
    @property
    def ref_date(self) -> dt.date | None: ...
    @property
    def status(self) -> str: ...


class ArticleLike(Protocol):
    @property
    def id(self) -> int | None: ...
    @property
    def story_id(self) -> int | None: ...
    @property
    def outlet(self) -> str | None: ...
    @property
    def date(self) -> dt.date | None: ...
    @property
    def title(self) -> str: ...
    @property
    def source_file(self) -> str: ...


Pair = tuple[FigureLike, ArticleLike]


class FigureRow(NamedTuple):
    id: int | None
    article_id: int
    topic: str
    text: str
    value: float | None
    value_high: float | None
    qualifier: str
    source: str
    ref_date: dt.date | None
    status: str


class ArticleRow(NamedTuple):
    id: int | None
    story_id: int | None
    outlet: str | None
    date: dt.date | None
    title: str
    source_file: str


_FIGURE = [col(getattr(Figure, name)) for name in FigureRow._fields]
_ARTICLE = [col(getattr(Article, name)) for name in ArticleRow._fields]


def pairs_query(*terms: Any) -> Select[Any]:
    """The columns of figures joined to their articles, under `terms`."""
    query: Select[Any] = (
        select(*_FIGURE, *_ARTICLE)
        .select_from(Figure)
        .join(Article, col(Article.id) == Figure.article_id)
        .where(*terms)
    )
    return query


def read_pairs(session: Session, query: Select[Any]) -> list[Pair]:
    n = len(FigureRow._fields)
    return [(FigureRow._make(r[:n]), ArticleRow._make(r[n:])) for r in session.execute(query).all()]
