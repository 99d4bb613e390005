"""Facets: counts by outlet, measure, place, source and story under a page's filters, each a
grouped query over an index with a LIMIT, kept until the data changes, within a time budget."""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event, text
from sqlmodel import Session

from app.config import Settings
from app.db import get_engine
from app.services import EXPORTERS, ArticleFilters
from app.services.facets import Facet, article_facets, figure_facets
from app.services.topics import TopicFilters
from bench.bench_facets import build
from tests.conftest import settings_for
from tests.databases import copy_db, sqlite_only


# The large database is written through sqlite3 (bench/bench_facets.py), and the tests on it
# read SQLite's query plans or stop SQLite's counts: skipped on PostgreSQL.
@pytest.fixture(scope="module")
def large(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    """4,000 made-up articles with their figures and places, and SQLite's statistics."""
    db = tmp_path_factory.mktemp("facets") / "large.db"
    build(db, 4000)
    return settings_for(db)


def _copy(settings: Settings, target: Path) -> Settings:
    """A copy of the database (its write-ahead log included) for a test that changes it."""
    return Settings(db_url=copy_db(settings.db_url, target))


def _by_param(facets: list[Facet]) -> dict[str, Facet]:
    return {f.param: f for f in facets}


def _counts(facet: Facet) -> dict[str, int]:
    return {v.label: v.count for v in facet.values}


@contextmanager
def _statements(settings: Settings) -> Iterator[list[tuple[str, Any]]]:
    """The SQL run meanwhile, with its parameters."""
    engine = get_engine(settings.db_url)
    seen: list[tuple[str, Any]] = []

    def note(_c: Any, _cur: Any, statement: str, params: Any, _ctx: Any, _many: Any) -> None:
        seen.append((statement, params))

    event.listen(engine, "before_cursor_execute", note)
    try:
        yield seen
    finally:
        event.remove(engine, "before_cursor_execute", note)


def test_services_facets_count_articles(two_reports: Settings) -> None:
    with Session(get_engine(two_reports.db_url)) as s:
        facets = _by_param(article_facets(s, filters=ArticleFilters(), budget_ms=10_000))
    assert _counts(facets["outlet"]) == {"The Leeds Ledger": 1, "Valley Post": 1}
    assert _counts(facets["measure"])["killed"] == 2  # articles, not figures
    assert _counts(facets["city"])["Leeds"] == 2
    assert {"police", "mayor"} <= set(_counts(facets["source"]))
    assert sum(_counts(facets["story"]).values()) == 2
    assert all(f.counted and f.selected is None for f in facets.values())


def test_services_facets_selected_value_and_the_rest_under_it(two_reports: Settings) -> None:
    with Session(get_engine(two_reports.db_url)) as s:
        facets = _by_param(article_facets(s, filters=ArticleFilters(outlet="valley post")))
    outlet = facets["outlet"]
    assert (outlet.selected, outlet.selected_label, outlet.selected_count) == (
        "valley post",
        "Valley Post",
        1,
    )
    assert outlet.values == []  # the other outlet has no article under this filter
    assert (
        _counts(facets["source"]).get("police") is None and _counts(facets["source"])["mayor"] == 1
    )


def test_services_facets_count_figures_as_the_export(two_reports: Settings) -> None:
    with Session(get_engine(two_reports.db_url)) as s:
        facets = _by_param(figure_facets(s, filters=TopicFilters(), budget_ms=10_000))
        rows = EXPORTERS["figures"](s)
    assert _counts(facets["measure"]) == dict(Counter(r["measure"] for r in rows))
    assert _counts(facets["source"]) == dict(Counter(r["source"] for r in rows))
    assert _counts(facets["outlet"]) == dict(Counter(r["outlet"] for r in rows))


def test_services_facets_size_and_more(two_reports: Settings) -> None:
    with Session(get_engine(two_reports.db_url)) as s:
        facets = _by_param(figure_facets(s, filters=TopicFilters(), size=1, budget_ms=10_000))
    assert len(facets["measure"].values) == 1 and facets["measure"].more
    assert len(facets["outlet"].values) == 1 and facets["outlet"].more


@pytest.mark.parametrize(
    "filters",
    [
        ArticleFilters(),
        ArticleFilters(outlet="Valley Post"),
        ArticleFilters(measure="killed"),
        ArticleFilters(source="mayor", city="Leeds"),
        ArticleFilters(date_from=dt.date(2030, 2, 1), story=3),
    ],
    ids=["none", "outlet", "measure", "source+city", "date+story"],
)
@sqlite_only("its query plans (EXPLAIN QUERY PLAN) on a database written with sqlite3")
def test_services_facets_query_plans_read_indexes(
    large: Settings, tmp_path: Path, filters: ArticleFilters
) -> None:
    """Every count is grouped and limited; a whole table is only ever read through an index
    that holds the columns counted, and rows only where a filter's index finds them. (On a
    database of a few rows SQLite rightly reads the table: these plans are those of a large
    one, with the statistics that linking gathers.)"""
    db = tmp_path / "copy.db"
    settings = _copy(large, db)
    with _statements(settings) as seen, Session(get_engine(settings.db_url)) as s:
        article_facets(s, filters=filters, budget_ms=10_000)
    grouped = [(sql, params) for sql, params in seen if "GROUP BY" in sql]
    assert len(grouped) == 5
    con = sqlite3.connect(db)
    for sql, params in grouped:
        assert "LIMIT" in sql
        plan = [row[3] for row in con.execute(f"EXPLAIN QUERY PLAN {sql}", params)]
        tables = ("article", "figure", "placemention")
        reads = [step for step in plan if step.split(" ")[1:2] in ([t] for t in tables)]
        assert reads, plan
        for step in reads:
            if step.startswith("SCAN"):
                assert "USING COVERING INDEX" in step, (sql, plan)
            else:
                assert "INDEX" in step or "INTEGER PRIMARY KEY" in step, (sql, plan)


def test_services_facets_kept_until_the_data_changes(two_reports: Settings, tmp_path: Path) -> None:
    db = tmp_path / "copy.db"
    settings = _copy(two_reports, db)
    with Session(get_engine(settings.db_url)) as s:
        before = _counts(_by_param(article_facets(s, filters=ArticleFilters()))["outlet"])
        with _statements(settings) as seen:
            article_facets(s, filters=ArticleFilters())
        assert not [sql for sql, _ in seen if "GROUP BY" in sql]  # kept
    with get_engine(settings.db_url).begin() as conn:
        conn.execute(text("UPDATE article SET outlet = 'Valley Post'"))
    with Session(get_engine(settings.db_url)) as s:
        after = _counts(_by_param(article_facets(s, filters=ArticleFilters()))["outlet"])
    assert before == {"The Leeds Ledger": 1, "Valley Post": 1} and after == {"Valley Post": 2}


@sqlite_only("its progress handler stops a count, on a database written with sqlite3")
def test_services_facets_time_budget_stops_a_long_count(large: Settings) -> None:
    """A count still running when the page's time is spent is stopped and said so; the
    session goes on working."""
    with Session(get_engine(large.db_url)) as s:
        filters = ArticleFilters(measure="killed")  # most articles
        stopped = article_facets(s, filters=filters, budget_ms=1)
        assert not all(f.counted for f in stopped)
        assert all(f.values == [] for f in stopped if not f.counted)
        full = article_facets(s, filters=filters, budget_ms=60_000)
        assert all(f.counted for f in full) and _by_param(full)["outlet"].values


@sqlite_only("its query plans (EXPLAIN QUERY PLAN) on a database written with sqlite3")
def test_services_facets_measure_beside_a_narrow_filter_looks_articles_up(
    large: Settings, tmp_path: Path
) -> None:
    """Outlet and measure: the outlet's few articles are each looked up among the figures,
    rather than every article with a figure of that measure listed first."""
    settings = _copy(large, tmp_path / "copy.db")
    with _statements(settings) as seen, Session(get_engine(settings.db_url)) as s:
        article_facets(s, filters=ArticleFilters(outlet="Outlet 7", measure="killed"))
    con = sqlite3.connect(tmp_path / "copy.db")
    for sql, params in [(q, p) for q, p in seen if "GROUP BY" in q]:
        plan = [row[3] for row in con.execute(f"EXPLAIN QUERY PLAN {sql}", params)]
        figures = [step for step in plan if step.startswith("SEARCH figure")]
        assert figures and all("article_id=?" in step for step in figures), plan
