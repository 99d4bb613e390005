"""Query plans of the reader's hot pages (the article, side by side, the figure panel and the
notes on them) over a made-up collection with SQLite's statistics, as linking leaves them: no
page reads a large table whole, and a story's articles are named from its index alone."""

from __future__ import annotations

import datetime as dt
import random
import sqlite3
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlmodel import Session

from app.db import get_engine
from app.services import reader_data as data
from app.services.corrections.notes import article_notes, claim_notes
from app.services.reader import article_page, figure_panel, statement_panel
from app.services.reader_compare import compare_page
from tests.databases import db_url_for, sqlite_only

pytestmark = sqlite_only("its query plans (EXPLAIN QUERY PLAN) and statistics")

ARTICLES, PER_STORY = 3000, 30
LARGE = ("article", "figure", "statement", "link", "paragraph", "caption", "figurepart",
         "articlecopy", "note")  # fmt: skip


def _build(path: Path, seed: int = 5) -> None:
    """Stories of thirty articles, three figures and four statements each, linked within the
    story; one article in five a copy of the first of its story. Written in SQL both SQLite
    and PostgreSQL take: the pages on it run on either."""
    rng = random.Random(seed)
    engine = get_engine(db_url_for(path))  # the schema, with every index
    day = dt.date(2030, 1, 1)
    body = "Words of a report. " * 80
    per = ARTICLES + 1
    figures = [
        {"id": a * 10 + i, "a": a, "s": 19 * i, "e": 19 * i + 5,
         "v": float(rng.choice((3, 4, 5, 12))), "t": f"killed|group {i}|unknown"}
        for a in range(1, per) for i in range(3)
    ]  # fmt: skip
    links = []
    for a in range(1, per):
        for b in rng.sample(range(a + 1, a + PER_STORY), 4):
            if (b - 1) // PER_STORY == (a - 1) // PER_STORY:
                links.append({"k": "figure", "a": a * 10 + 1, "b": b * 10 + 1})
                links.append({"k": "statement", "a": a * 10 + 2, "b": b * 10 + 2})
    rows = {
        "INSERT INTO story (id, title) VALUES (:id, :t)": [
            {"id": s, "t": f"Story {s}"} for s in range(1, ARTICLES // PER_STORY + 1)
        ],
        "INSERT INTO article (id, source_file, content_hash, title, title_basis, outlet,"
        " outlet_basis, date, date_basis, body, words, story_id, ingested_at)"
        " VALUES (:id, :f, :h, :t, 'stated', :o, 'stated', :d, 'header', :b, 240, :s,"
        " '2031-01-01')": [
            {"id": a, "f": f"a{a}.txt", "h": f"h{a}", "t": f"Report {a}", "o": f"Outlet {a % 50}",
             "d": day + dt.timedelta(days=a % 40), "b": body, "s": (a - 1) // PER_STORY + 1}
            for a in range(1, per)
        ],
        'INSERT INTO paragraph (article_id, idx, start, "end", kind)'
        " VALUES (:a, :i, :s, :e, 'text')": [
            {"a": a, "i": i, "s": i * 500, "e": i * 500 + 500}
            for a in range(1, per) for i in range(3)
        ],
        'INSERT INTO figure (id, article_id, start, "end", text, sentence_start, sentence_end,'
        ' value, qualifier, measure, "group", source, topic, rejected, derived, event,'
        " event_reason, status, in_title, added, corrected)"
        " VALUES (:id, :a, :s, :e, 'Words', 0, 19, :v, 'exact', 'killed', 'total', 'unknown',"
        " :t, false, false, 'this', '', 'reported', false, false, '')": figures,
        'INSERT INTO statement (id, article_id, start, "end", text)'
        " VALUES (:id, :a, :s, :e, 'Words of a report.')": [
            {"id": a * 10 + i, "a": a, "s": 19 * i, "e": 19 * i + 18}
            for a in range(1, per) for i in range(4)
        ],
        "INSERT INTO link (kind, a_id, b_id, relation, score, reason, rejected)"
        " VALUES (:k, :a, :b, 'same', 0.5, 'shared', false)": links,
        "INSERT INTO articlecopy (article_id, original_id, family_id, similarity)"
        " VALUES (:a, :f, :f, 0.9)": [
            {"a": a, "f": first} for a in range(1, per)
            if a % 5 == 0 and a != (first := (a - 1) // PER_STORY * PER_STORY + 1)
        ],
    }  # fmt: skip
    with engine.begin() as conn:
        for sql, values in rows.items():
            conn.execute(text(sql), values)
    with engine.begin() as conn:
        conn.execute(text("ANALYZE"))


@pytest.fixture(scope="module")
def collection(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("plans") / "reader.db"
    _build(path)
    return path


@pytest.fixture
def session(collection: Path) -> Iterator[Session]:
    with Session(get_engine(db_url_for(collection))) as s:
        yield s


def _plans(session: Session, page: Callable[[], object]) -> list[tuple[str, list[str]]]:
    """Each statement the page runs (values bound) with the steps of its plan."""
    db = session.connection().connection.dbapi_connection
    assert isinstance(db, sqlite3.Connection)
    seen: list[str] = []
    db.set_trace_callback(seen.append)
    try:
        page()
    finally:
        db.set_trace_callback(None)
    return [
        (sql, [row[3] for row in db.execute(f"EXPLAIN QUERY PLAN {sql}")])
        for sql in seen
        if sql.lstrip().upper().startswith(("SELECT", "WITH"))
    ]


PAGES: dict[str, Callable[[Session], object]] = {
    "article": lambda s: article_page(s, article_id=1500),
    "article notes": lambda s: article_notes(s, 1500),
    "compare": lambda s: compare_page(s, article_ids=[1500, 1501, 1502]),
    "figure panel": lambda s: figure_panel(s, figure_id=15001),
    "figure panel, every row": lambda s: figure_panel(s, figure_id=15001, limit=None),
    "figure notes": lambda s: claim_notes(s, "figure", 15001),
    "statement panel": lambda s: statement_panel(s, statement_id=15002),
}


def assert_reads_none_through(
    plans: list[tuple[str, list[str]]], tables: tuple[str, ...], page: str
) -> None:
    """No step of these plans reads one of these tables from end to end."""
    assert plans
    for sql, plan in plans:
        for step in plan:
            words = step.split(" ")
            if words[0] == "SCAN" and words[1] in tables:
                raise AssertionError(f"{page}: {step}\n{sql}\n{plan}")


@pytest.mark.parametrize("page", PAGES, ids=list(PAGES))
def test_services_reader_plans_read_no_large_table_whole(session: Session, page: str) -> None:
    assert_reads_none_through(_plans(session, lambda: PAGES[page](session)), LARGE, page)


def test_services_reader_plans_name_story_articles_from_the_index(session: Session) -> None:
    """The figure panel and an article without partners name the story's articles from the
    index on (story, date, title, outlet), never from the articles' rows."""
    db = data.connection(session)
    for fetch in (
        lambda: data.story_refs(db, 50, besides=1500, limit=3),
        lambda: figure_panel(session, figure_id=15001),
    ):
        reads = [
            step
            for sql, plan in _plans(session, fetch)
            if "story_id =" in sql and "FROM article a" in sql
            for step in plan
            if step.split(" ")[1] == "a"
        ]
        assert reads and all("COVERING INDEX ix_article_story_ref" in s for s in reads), reads
