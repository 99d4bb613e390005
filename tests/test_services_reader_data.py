"""The reader's plain-SQL reads: records hold what the ORM reads, and each query keeps its
meaning (live links only, links among the shown articles in a fixed order, a story's topic)."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from sqlalchemy.dialects import sqlite
from sqlmodel import Session, select

from app.models import Article, Figure, Link, Paragraph, Statement
from app.services import panel_data, reader_copies, reader_partners
from app.services import reader_data as data
from tests.test_services_reader import BODIES, story_db  # noqa: F401  (the hand-made story)

Fetch = Callable[[Any], list[Any]]


@pytest.mark.parametrize(
    ("fetch", "query", "key"),
    [
        (lambda db: data.articles(db, [1, 2, 3, 4]), select(Article), "id"),
        (lambda db: data.story_refs(db, 1, besides=4), select(Article), "id"),
        (lambda db: data.choice_refs(db, [2], [1]), select(Article), "id"),
        (lambda db: data.figures(db, [1, 2, 3, 4]), select(Figure), "id"),
        (lambda db: data.paragraphs(db, [1, 2, 3, 4]), select(Paragraph), "article_id"),
        (
            lambda db: [s for s, _ in panel_data.statements_with_articles(db, [1, 2, 3])],
            select(Statement),
            "id",
        ),
        (
            lambda db: panel_data.figure_links_of(db, 1),
            select(Link).where(Link.a_id == 1, Link.kind == "figure"),
            "b_id",
        ),
    ],
)
def test_services_reader_data_records_hold_what_the_orm_reads(
    story_db: Session,  # noqa: F811
    fetch: Fetch,
    query: Any,
    key: str,
) -> None:
    records = fetch(data.connection(story_db))
    assert records
    rows = {getattr(r, key): r for r in story_db.exec(query)}
    for record in records:
        row = rows[getattr(record, key)]
        for f in dataclasses.fields(record):
            assert getattr(record, f.name) == getattr(row, f.name), f.name
            assert type(getattr(record, f.name)) is type(getattr(row, f.name)), f.name


def test_services_reader_data_dates_come_back_as_dates(story_db: Session) -> None:  # noqa: F811
    (article,) = data.articles(data.connection(story_db), [2])
    assert article.date == dt.date(2031, 3, 2)


def _pairs(links: list[data.LinkRecord]) -> list[tuple[int, int]]:
    return [(lk.a_id, lk.b_id) for lk in links]


def test_services_reader_data_links_among_the_articles_only(story_db: Session) -> None:  # noqa: F811
    db = data.connection(story_db)
    assert _pairs(data.links_among(db, "figure", [1, 2])) == [(1, 2)]
    assert _pairs(data.links_among(db, "figure", [3, 1, 2])) == [(1, 2), (1, 3), (2, 3)]
    assert data.links_among(db, "figure", [1, 4]) == []
    assert _pairs(data.links_among(db, "statement", [1, 2])) == [(1, 2)]
    assert data.links_among(db, "statement", [1, 3]) == []


def test_services_reader_data_links_among_in_order_of_first_claim(story_db: Session) -> None:  # noqa: F811
    # Added after the fixture's 1-2 link, ends listed either way round.
    for a, b in [(3, 1), (2, 3), (1, 3)]:
        story_db.add(Link(kind="statement", a_id=a, b_id=b, score=1.0))
    story_db.commit()
    db = data.connection(story_db)
    assert _pairs(data.links_among(db, "statement", [1, 2, 3])) == [(1, 2), (1, 3), (2, 3), (3, 1)]


def test_services_reader_data_rejected_links_count_nowhere(story_db: Session) -> None:  # noqa: F811
    db = data.connection(story_db)
    assert [s.id for s in data.linked_statements(db, [1, 2, 3])] == [1, 2]
    for link in story_db.exec(select(Link)):
        link.rejected = True
        story_db.add(link)
    story_db.commit()
    db = data.connection(story_db)
    assert data.linked_statements(db, [1, 2, 3]) == []
    assert data.links_among(db, "figure", [1, 2, 3]) == []
    assert panel_data.statement_links_of(db, 1) == []
    # The figure panel still sees a rejected link: it hides that row.
    assert [lk.rejected for lk in panel_data.figure_links_of(db, 1)] == [True, True]


def test_services_reader_data_topic_figures_of_story_and_links(story_db: Session) -> None:  # noqa: F811
    story_db.add(
        Figure(
            id=6, article_id=4, start=3, end=12, text="3 injured", sentence_start=0,
            sentence_end=44, value=3.0, measure="killed", topic="killed|miners|unknown",
        )
    )  # fmt: skip  # the same topic in the other story
    story_db.commit()
    db = data.connection(story_db)
    found = panel_data.figure_with_article(db, 1)
    assert found is not None
    figure, article, sentence = found
    assert (article.id, article.story_id) == (1, 1)
    assert sentence == BODIES[0][figure.sentence_start : figure.sentence_end]
    rows = panel_data.topic_figures(db, figure, article.story_id, [])
    assert sorted(f.id for f, _ in rows) == [2, 3]
    assert all(f.article_id == a.id and a.story_id == 1 for f, a in rows)
    assert panel_data.sentences(db, [3]) == {3: BODIES[2]}
    linked = panel_data.topic_figures(db, figure, article.story_id, [6])
    assert sorted((f.id, a.id, a.story_id) for f, a in linked) == [
        (2, 2, 1), (3, 3, 1), (6, 4, 2),
    ]  # fmt: skip  # figure 6's article is named though it is of another story
    assert [f.id for f, _ in panel_data.topic_figures(db, figure, None, [6])] == [6]


def test_services_reader_data_reversed_sentence_is_empty(story_db: Session) -> None:  # noqa: F811
    figure = story_db.get(Figure, 5)
    assert figure is not None
    figure.sentence_start, figure.sentence_end = 20, 10
    story_db.add(figure)
    story_db.commit()
    found = panel_data.figure_with_article(data.connection(story_db), 5)
    assert found is not None and found[2] == ""
    assert panel_data.figure_with_article(data.connection(story_db), 99) is None


def _queries() -> list[tuple[str, data.Query]]:
    return [
        (f"{module.__name__.rsplit('.', 1)[1]}.{name}", value)
        for module in (data, panel_data, reader_partners, reader_copies)
        for name, value in vars(module).items()
        if isinstance(value, data.Query)
    ] + [(f"reader_data._LINKS_AMONG[{k}]", q) for k, q in data._LINKS_AMONG.items()]


@pytest.mark.parametrize(("name", "query"), _queries(), ids=[n for n, _ in _queries()])
def test_services_reader_data_kept_statements_bind_as_sqlalchemy_expands(
    name: str, query: data.Query
) -> None:
    """The statement kept for a length of the IN lists takes other values of that length in the
    places SQLAlchemy's own expansion gives them, lists of every length, first run or not."""
    dialect = sqlite.dialect()
    names = [(p.key, p.expanding) for p in query.clause._bindparams.values()]
    for length in (0, 1, 3, 1, 3, 70, 0):
        for start in (100, 200):  # a second run of a length takes the kept statement
            values = iter(range(start, start + 1000))
            params = {
                key: [next(values) for _ in range(length)] if expanding else next(values)
                for key, expanding in names
            }
            state = query.compiled(dialect).construct_expanded_state(params)
            assert query.bound(dialect, params) == (
                state.statement,
                list(state.positional_parameters),
            ), name
