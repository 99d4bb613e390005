"""The reader's reads give the same records on SQLite and on PostgreSQL.

Four invented reports are ingested into SQLite once: the reference. Each backend then gets a
copy of its rows made with SQLAlchemy (a fresh SQLite file always; a fresh PostgreSQL database
when PARALLAX_TEST_POSTGRES names a server, e.g.
postgresql+psycopg://postgres@/postgres?host=/tmp/pg&port=5432), and every read of the article,
side by side and the panels must give there what it gives on the reference, with the types the
ORM gives (dates as dates, flags as booleans).

The copy, not an ingest, fills PostgreSQL: ingest itself runs there once the full-text tables
have their PostgreSQL form; the reads under test are the same either way.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
import uuid
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from sqlalchemy import Engine, create_engine, make_url, select, text
from sqlalchemy.schema import CreateIndex, CreateTable
from sqlmodel import Session, SQLModel

from app.config import Settings
from app.db import get_engine
from app.models import Article, Figure, Link, Statement
from app.pipeline import ingest_paths
from app.services import panel_data, reader_copies, reader_partners
from app.services import reader_data as data
from app.services.reader import article_page, figure_panel, statement_panel
from app.services.reader_compare import compare_page

POSTGRES = os.environ.get("PARALLAX_TEST_POSTGRES")

# One invented event told three times (one report a near-copy of another, with a photo
# caption), and another event apart: stories, copies, captions, parts, links of both kinds.
_BODY = """At least 14 people were killed and 40 were injured when a road bridge collapsed in \
Tromso on Monday morning, police said. The dead included 9 commuters and 5 road workers, \
officials said.

The transport minister said the bridge had been inspected in March and found sound. Divers \
searched the fjord through the night for 3 people who are still missing.

The city council said schools near the bridge would stay closed on Tuesday while engineers \
examined the remaining spans.
"""
REPORTS = {
    "wire.txt": "title: Bridge collapse in Tromso kills 14\noutlet: Harbour Wire\n"
    "date: 2032-05-10\n\nImage 1 of 2 Rescuers search the water below the broken span\n\n" + _BODY,
    "daily.txt": "title: Tromso bridge collapse: 14 dead\noutlet: Fjord Daily\n"
    "date: 2032-05-10\n\n" + _BODY + "\nFjord Daily will update this report as more is known.\n",
    "times.txt": """title: Tromso bridge toll rises to 17
outlet: Northern Times
date: 2032-05-11

The death toll from the bridge collapse in Tromso rose to 17 on Tuesday, police said, after \
divers found the bodies of 3 missing people. Some 40 people were injured.

The transport minister said the bridge had been inspected in March and found sound, but \
engineers questioned the inspection. Residents laid flowers at both ends of the bridge.
""",
    "floods.txt": """title: Floods in Bergen leave 3 dead
outlet: Coastal Courier
date: 2032-06-02

Three people died when floods hit Bergen on Sunday, the fire service said. About 200 homes \
were flooded and 12 people were taken to hospital.
""",
}


@pytest.fixture(scope="module")
def reference(tmp_path_factory: pytest.TempPathFactory) -> Engine:
    folder = tmp_path_factory.mktemp("bridge")
    for name, body in REPORTS.items():
        (folder / name).write_text(body, encoding="utf-8")
    url = f"sqlite:///{tmp_path_factory.mktemp('bridge-db') / 'reference.db'}"
    report = ingest_paths([str(folder)], Settings(db_url=url))
    assert not report.failed and len(report.added) == len(REPORTS)
    return get_engine(url)


def _copy_rows(source: Engine, target: Engine) -> None:
    """Every row of every table of the models, ids kept, parents before children.

    The tables and their indexes are made here, not by `get_engine`, so that PostgreSQL gets
    them too: its engine setup (full-text tables, an index with SQLite's NOCASE collation) is
    another branch's work, and an index changes no read's result."""
    with source.connect() as src, target.begin() as dst:
        for table in SQLModel.metadata.sorted_tables:
            dst.execute(CreateTable(table, if_not_exists=True))
            for index in table.indexes:
                if "NOCASE" not in str(CreateIndex(index).compile(dialect=target.dialect)):
                    dst.execute(CreateIndex(index, if_not_exists=True))
            rows = [dict(r._mapping) for r in src.execute(select(table))]
            if rows:
                dst.execute(table.insert(), rows)


@pytest.fixture(scope="module")
def sqlite_copy(reference: Engine, tmp_path_factory: pytest.TempPathFactory) -> Engine:
    engine = get_engine(f"sqlite:///{tmp_path_factory.mktemp('copy') / 'copy.db'}")
    _copy_rows(reference, engine)
    return engine


@pytest.fixture(scope="module")
def postgres_copy(reference: Engine) -> Iterator[Engine]:
    if not POSTGRES:
        pytest.skip("PARALLAX_TEST_POSTGRES is not set: no PostgreSQL server to test against")
    name = f"parallax_reads_{uuid.uuid4().hex[:12]}"
    admin = create_engine(POSTGRES, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    engine = create_engine(make_url(POSTGRES).set(database=name))
    try:
        _copy_rows(reference, engine)
        yield engine
    finally:
        engine.dispose()
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE "{name}"'))
        admin.dispose()


@pytest.fixture(params=["sqlite", "postgres"])
def backend(request: pytest.FixtureRequest) -> Engine:
    engine: Engine = request.getfixturevalue(f"{request.param}_copy")
    return engine


@dataclasses.dataclass(frozen=True)
class Ids:
    """Ids to read, taken from the reference: ingest numbers rows in the order its workers
    finish."""

    story: int  # the bridge's story
    articles: list[int]  # its articles, oldest first
    figure: int  # one with links of both kinds (same and scope)
    whole: int  # one made of parts
    statement: int  # one with links
    copy: int  # an article that copies another


def _ids(engine: Engine) -> Ids:
    with Session(engine) as s:
        wire = s.scalars(select(Article).where(Article.outlet == "Harbour Wire")).one()
        story = wire.story_id
        assert story is not None
        articles = list(s.scalars(
            select(Article.id).where(Article.story_id == story).order_by(Article.date, Article.id)
        ))  # fmt: skip
        relations: dict[int, set[str]] = {}
        for lk in s.scalars(select(Link).where(Link.kind == "figure")):
            relations.setdefault(lk.a_id, set()).add(lk.relation)
            relations.setdefault(lk.b_id, set()).add(lk.relation)
        figure = min(f for f, r in relations.items() if {"same", "scope"} <= r)
        whole = min(s.scalars(select(Figure.id).where(Figure.derived.is_(True))))  # type: ignore[attr-defined]
        statement = min(s.scalars(select(Link.a_id).where(Link.kind == "statement")))
        copy = s.scalars(text("SELECT article_id FROM articlecopy")).one()
    return Ids(story, articles, figure, whole, statement, copy)


def _topic_figures(db: Any, i: Ids) -> list[Any]:
    found = panel_data.figure_with_article(db, i.figure)
    assert found is not None
    linked = [lk.b_id for lk in panel_data.figure_links_of(db, i.figure)]
    return _unordered(panel_data.topic_figures(db, found[0], i.story, linked))


Reads = dict[str, Callable[[Any, Ids], Any]]


def _unordered(records: list[Any]) -> list[Any]:
    """Rows of a read that states no order, in one order."""
    return sorted(records, key=repr)


READS: Reads = {
    "articles": lambda db, i: data.articles(db, i.articles),
    "paragraphs": lambda db, i: data.paragraphs(db, i.articles),
    "captions": lambda db, i: data.captions(db, i.articles),
    "figures": lambda db, i: data.figures(db, i.articles),
    "figure_parts": lambda db, i: data.figure_parts(db, i.articles),
    "linked_statements": lambda db, i: data.linked_statements(db, i.articles),
    "links_among figure": lambda db, i: data.links_among(db, "figure", i.articles),
    "links_among statement": lambda db, i: data.links_among(db, "statement", i.articles),
    "story_refs": lambda db, i: data.story_refs(db, i.story, besides=i.articles[0]),
    "story_refs limit": lambda db, i: data.story_refs(db, i.story, besides=-1, limit=2),
    "story_size": lambda db, i: data.story_size(db, i.story),
    "refs": lambda db, i: _unordered(data.refs(db, i.articles)),
    "refs none": lambda db, i: data.refs(db, []),
    "choice_refs": lambda db, i: data.choice_refs(db, [i.story], i.articles[:1]),
    "figure_with_article": lambda db, i: panel_data.figure_with_article(db, i.figure),
    "figure_links_of": lambda db, i: panel_data.figure_links_of(db, i.figure),
    "topic_figures": _topic_figures,
    "sentences": lambda db, i: panel_data.sentences(db, [i.figure, i.whole]),
    "parts_and_wholes": lambda db, i: panel_data.parts_and_wholes(db, i.whole),
    "statement_with_article": lambda db, i: panel_data.statement_with_article(db, i.statement),
    "statement_links_of": lambda db, i: panel_data.statement_links_of(db, i.statement),
    "shared_counts": lambda db, i: reader_partners.shared_counts(db, i.articles[0]),
    "compare_partners": lambda db, i: reader_partners.compare_partners(
        db, i.articles[0], figure_id=i.figure
    ),
    "copies_of": lambda db, i: reader_copies.copies_of(db, i.articles),
}

PAGES: Reads = {
    "article": lambda s, i: article_page(s, article_id=i.copy),
    "compare": lambda s, i: compare_page(s, article_ids=i.articles),
    "figure panel": lambda s, i: figure_panel(s, figure_id=i.figure, limit=None),
    "statement panel": lambda s, i: statement_panel(s, statement_id=i.statement),
}


def _read(engine: Engine, name: str) -> Any:
    ids = _ids(engine)
    with Session(engine) as s:
        if name in PAGES:
            return PAGES[name](s, ids)
        return READS[name](data.connection(s), ids)


@pytest.mark.parametrize("name", [*READS, *PAGES])
def test_services_reader_backends_read_as_on_the_reference(
    reference: Engine, backend: Engine, name: str
) -> None:
    expected = _read(reference, name)
    assert expected or name == "refs none", f"{name}: the reports give it nothing to read"
    assert _read(backend, name) == expected


def _records(found: Any) -> Iterator[Any]:
    """The records in what a read returns, however nested."""
    if dataclasses.is_dataclass(found) and not isinstance(found, type):
        yield found
    elif isinstance(found, dict):
        for value in found.values():
            yield from _records(value)
    elif isinstance(found, list | tuple):
        for value in found:
            yield from _records(value)


# The model each record reads, and the field naming the row.
_MODELS: dict[type, tuple[type, str]] = {
    data.ArticleRecord: (Article, "id"),
    data.ArticleRef: (Article, "id"),
    data.FigureRecord: (Figure, "id"),
    data.StatementRecord: (Statement, "id"),
}


def test_services_reader_backends_records_hold_what_the_orm_reads(backend: Engine) -> None:
    """Each record's fields equal, value and type, what the ORM reads from the same row on
    the same backend: dates as dates, flags as booleans, counts as numbers."""
    checked: set[type] = set()
    with Session(backend) as s:
        db, ids = data.connection(s), _ids(backend)
        for name, read in READS.items():
            for record in _records(read(db, ids)):
                if type(record) not in _MODELS:
                    continue
                model, key = _MODELS[type(record)]
                row = s.get(model, getattr(record, key))
                assert row is not None, name
                for f in dataclasses.fields(record):
                    if not hasattr(row, f.name):
                        continue
                    mine, theirs = getattr(record, f.name), getattr(row, f.name)
                    assert (mine, type(mine)) == (theirs, type(theirs)), f"{name}: {f.name}"
                checked.add(type(record))
    assert checked == set(_MODELS)


def test_services_reader_backends_dates_are_dates(backend: Engine) -> None:
    with Session(backend) as s:
        db, ids = data.connection(s), _ids(backend)
        (article,) = data.articles(db, [ids.articles[0]])
        assert article.date == dt.date(2032, 5, 10)
        copy = reader_copies.copies_of(db, [ids.copy])[ids.copy]
        assert copy.date == dt.date(2032, 5, 10)
        days = {type(f.ref_date) for f in data.figures(db, ids.articles)}
        assert dt.date in days and days <= {dt.date, type(None)}
