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
from sqlmodel import Session

from app.db import get_engine
from app.services import reader_data as data
from app.services.corrections.notes import article_notes, claim_notes
from app.services.reader import article_page, figure_panel, statement_panel
from app.services.reader_compare import compare_page
from tests.databases import db_url_for, sqlite_only

# SQLite's query plans (EXPLAIN QUERY PLAN) and statistics: skipped on PostgreSQL.
pytestmark = sqlite_only

ARTICLES, PER_STORY = 3000, 30
LARGE = ("article", "figure", "statement", "link", "paragraph", "caption", "figurepart",
         "articlecopy", "note")  # fmt: skip


def _build(path: Path, seed: int = 5) -> None:
    """Stories of thirty articles, three figures and four statements each, linked within the
    story; one article in five a copy of the first of its story."""
    rng = random.Random(seed)
    get_engine(db_url_for(path))  # the schema, with every index
    con = sqlite3.connect(path)
    day = dt.date(2030, 1, 1)
    body = "Words of a report. " * 80
    con.executemany(
        "INSERT INTO story (id, title) VALUES (?, ?)",
        [(s, f"Story {s}") for s in range(1, ARTICLES // PER_STORY + 1)],
    )
    con.executemany(
        "INSERT INTO article (id, source_file, content_hash, title, title_basis, outlet,"
        " outlet_basis, date, date_basis, body, words, story_id, ingested_at)"
        " VALUES (?, ?, ?, ?, 'stated', ?, 'stated', ?, 'header', ?, 240, ?, '2031-01-01')",
        [
            (a, f"a{a}.txt", f"h{a}", f"Report {a}", f"Outlet {a % 50}",
             (day + dt.timedelta(days=a % 40)).isoformat(), body, (a - 1) // PER_STORY + 1)
            for a in range(1, ARTICLES + 1)
        ],
    )  # fmt: skip
    con.executemany(
        "INSERT INTO paragraph (article_id, idx, start, \"end\", kind) VALUES (?, ?, ?, ?, 'text')",
        [(a, i, i * 500, i * 500 + 500) for a in range(1, ARTICLES + 1) for i in range(3)],
    )
    figures = [
        (a * 10 + i, a, 19 * i, 19 * i + 5, float(rng.choice((3, 4, 5, 12))),
         f"killed|group {i}|unknown")
        for a in range(1, ARTICLES + 1) for i in range(3)
    ]  # fmt: skip
    con.executemany(
        'INSERT INTO figure (id, article_id, start, "end", text, sentence_start, sentence_end,'
        ' value, qualifier, measure, "group", source, topic, rejected, derived, event,'
        " event_reason, status, in_title, added, corrected)"
        " VALUES (?, ?, ?, ?, 'Words', 0, 19, ?, 'exact', 'killed', 'total', 'unknown', ?,"
        " 0, 0, 'this', '', 'reported', 0, 0, '')",
        figures,
    )
    con.executemany(
        "INSERT INTO statement (id, article_id, start, \"end\", text) VALUES (?, ?, ?, ?, ?)",
        [(a * 10 + i, a, 19 * i, 19 * i + 18, "Words of a report.")
         for a in range(1, ARTICLES + 1) for i in range(4)],
    )  # fmt: skip
    links = []
    for a in range(1, ARTICLES + 1):
        for b in rng.sample(range(a + 1, a + PER_STORY), 4):
            if (b - 1) // PER_STORY == (a - 1) // PER_STORY:
                links.append(("figure", a * 10 + 1, b * 10 + 1, "same"))
                links.append(("statement", a * 10 + 2, b * 10 + 2, "same"))
    con.executemany(
        "INSERT INTO link (kind, a_id, b_id, relation, score, reason, rejected)"
        " VALUES (?, ?, ?, ?, 0.5, 'shared', 0)",
        links,
    )
    con.executemany(
        "INSERT INTO articlecopy (article_id, original_id, family_id, similarity)"
        " VALUES (?, ?, ?, 0.9)",
        [(a, first, first) for a in range(1, ARTICLES + 1)
         if a % 5 == 0 and a != (first := (a - 1) // PER_STORY * PER_STORY + 1)],
    )  # fmt: skip
    con.commit()
    con.execute("ANALYZE")
    con.close()


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


@pytest.mark.parametrize("page", PAGES, ids=list(PAGES))
def test_services_reader_plans_read_no_large_table_whole(session: Session, page: str) -> None:
    plans = _plans(session, lambda: PAGES[page](session))
    assert plans
    for sql, plan in plans:
        for step in plan:
            words = step.split(" ")
            if words[0] == "SCAN" and words[1] in LARGE:
                raise AssertionError(f"{page}: {step}\n{sql}\n{plan}")


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
