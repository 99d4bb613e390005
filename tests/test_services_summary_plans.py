"""Query plans of the figures overview and the stories list over the made-up collection of
the reader's plan tests, summarised as linking leaves it: every page reads the summaries by an
index, a page of rows at a time, and never reads the figures, articles or stories."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from sqlmodel import Session

from app.db import get_engine
from app.services import list_outlets
from app.services.actors import actor_kinds, list_actors
from app.services.summaries import refresh_summaries
from app.services.summary_pages import story_list, topic_page
from app.services.topics import measure_choices
from tests.databases import db_url_for, sqlite_only
from tests.test_services_reader_plans import _build, _plans

pytestmark = sqlite_only("its query plans (EXPLAIN QUERY PLAN) and statistics")

SUMMARIES = ("topicsummary", "storysummary", "actorsummary")
SOURCES = ("article", "figure", "story", "figurepart", "articlecopy", "link", "actormention")


def _add_actors(path: Path) -> None:
    """Three hundred actors of two kinds, each named in a few articles."""
    con = sqlite3.connect(path)
    con.executemany(
        "INSERT INTO actor (id, name, slug, kind) VALUES (?, ?, ?, ?)",
        [(i, f"Name {i}", f"name-{i}", "person" if i % 3 else "organization")
         for i in range(1, 301)],
    )  # fmt: skip
    con.executemany(
        "INSERT INTO actoralias (actor_id, alias) VALUES (?, ?)",
        [(i, f"Name {i}") for i in range(1, 301)],
    )
    con.executemany(
        'INSERT INTO actormention (actor_id, article_id, start, "end", text)'
        " VALUES (?, ?, 0, 4, ?)",
        [(i, a, f"Name {i}") for i in range(1, 301) for a in range(i, 3001, 97)],
    )
    con.commit()
    con.close()


def summarise(path: Path) -> None:
    """The summaries made as linking leaves them, then SQLite's statistics; the connections
    opened before them are closed, as a server started on the database has none."""
    with Session(get_engine(f"sqlite:///{path}")) as s:
        refresh_summaries(s)
        s.commit()
        s.connection().exec_driver_sql("ANALYZE")
        s.commit()
    get_engine(f"sqlite:///{path}").dispose()


@pytest.fixture(scope="module")
def summarised(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("summary-plans") / "reader.db"
    _build(path)
    _add_actors(path)
    summarise(path)
    return path


@pytest.fixture
def session(summarised: Path) -> Iterator[Session]:
    with Session(get_engine(db_url_for(summarised))) as s:
        yield s


PLACE = frozenset({"town 4"})
PAGES: dict[str, Callable[[Session], object]] = {
    "figures": lambda s: topic_page(s),
    "figures, a later page": lambda s: topic_page(s, page=3, size=5),
    "figures of a story": lambda s: topic_page(s, story=40),
    "figures of a measure": lambda s: topic_page(s, measure="killed", page=2, size=5),
    "figures of a place": lambda s: topic_page(s, places=PLACE),
    "stories": lambda s: story_list(s),
    "stories, a later page": lambda s: story_list(s, page=3, size=10),
    "actors": lambda s: (actor_kinds(s), list_actors(s)),
    "actors of a kind, a later page": lambda s: list_actors(s, kind="person", page=2, size=5),
    "the filters' choices": lambda s: (measure_choices(s), list_outlets(s)),
}


@pytest.mark.parametrize("page", PAGES, ids=list(PAGES))
def test_services_summary_plans_read_a_page_by_an_index(session: Session, page: str) -> None:
    plans = _plans(session, lambda: PAGES[page](session))
    assert plans
    for sql, plan in plans:
        for step in plan:
            words = step.split(" ")
            table = words[1] if len(words) > 1 else ""
            # Nothing is read through: a summary is searched by an index or read from the
            # end of one (its least or greatest value), and so is a choice's index.
            assert not (words[0] == "SCAN" and table in SUMMARIES + SOURCES), f"{page}: {step}"
            # A page of summaries reads nothing they summarise.
            if "choices" not in page:
                assert table not in SOURCES, f"{page}: {step}\n{sql}"


def test_services_summary_plans_a_place_s_stories_read_from_an_index_alone(
    session: Session,
) -> None:
    # A place's rows are most of the summaries where one country holds most of the news:
    # whether they come from several stories is read from the index, not row by row.
    plans = _plans(session, lambda: topic_page(session, places=PLACE))
    ends = [(sql, step) for sql, plan in plans for step in plan if "story_id)" in sql]
    assert ends, "the least and greatest story are asked for"
    for sql, step in ends:
        assert "COVERING INDEX" in step, f"{step}\n{sql}"


def test_services_summary_plans_the_collection_has_rows_to_page(session: Session) -> None:
    whole = topic_page(session, size=5)
    assert whole.pages > 3 and len(whole.rows) == 5
    assert story_list(session, size=10).pages > 3
    assert list_actors(session, kind="person", size=5).pages > 3
    assert measure_choices(session) == ["killed"]
