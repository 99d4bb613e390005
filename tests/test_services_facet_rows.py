"""Facets of the figures pages counted from one read of the figures, or from the counts stored
for a filter that keeps most of the database: the same counts as the grouped queries."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from sqlalchemy import event, select, text
from sqlmodel import Session

from app.config import Settings
from app.db import get_engine
from app.lru import LRU
from app.models import FacetSummary
from app.services import facet_rows, facets
from app.services.facets import Facet, figure_facets
from app.services.summaries import refresh_summaries
from app.services.topics import TopicFilters
from bench.bench_facets import build
from tests.conftest import settings_for
from tests.databases import copy_db, sqlite_only

pytestmark = sqlite_only("a database written with sqlite3, and counts stored per generation")

FILTERS = [
    TopicFilters(outlet="Outlet 7"),
    TopicFilters(date_from=dt.date(2030, 3, 1), date_to=dt.date(2030, 3, 7)),
    TopicFilters(city="Place 12"),
    TopicFilters(story=40),
    TopicFilters(source="unknown", measure="killed"),
    TopicFilters(measure="injured"),
]
IDS = ["outlet", "week", "city", "story", "source+measure", "measure"]


@pytest.fixture(scope="module")
def large(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    """900 made-up articles with six figures each."""
    db = tmp_path_factory.mktemp("facet_rows") / "large.db"
    build(db, 900)
    return settings_for(db)


def _shown(found: list[Facet]) -> list[tuple[str, list[tuple[str, int]], bool, int | None]]:
    return [
        (f.param, [(v.value, v.count) for v in f.values], f.more, f.selected_count) for f in found
    ]


def _fresh(session: Session, filters: TopicFilters) -> list[Facet]:
    """The facets, nothing kept from an earlier call."""
    facets._kept = LRU(256)
    return figure_facets(session, filters=filters, budget_ms=60_000)


def _grouped(
    monkeypatch: pytest.MonkeyPatch, session: Session, filters: TopicFilters
) -> list[Facet]:
    """The facets as the grouped queries count them."""
    with monkeypatch.context() as m:
        m.setattr(facets, "count_figures", lambda *_a, **_k: None)
        m.setattr(facets, "stored_counts", lambda *_a, **_k: None)
        return _fresh(session, filters)


@pytest.mark.parametrize("filters", FILTERS, ids=IDS)
def test_services_facet_rows_read_counts_as_the_grouped_queries(
    large: Settings, monkeypatch: pytest.MonkeyPatch, filters: TopicFilters
) -> None:
    with Session(get_engine(large.db_url)) as s:
        grouped = _grouped(monkeypatch, s, filters)
        assert any(f.values for f in grouped)
        seen: list[str] = []
        event.listen(s.get_bind(), "before_cursor_execute", _note(seen))
        read = _fresh(s, filters)
    assert not [q for q in seen if "GROUP BY" in q]
    assert _shown(read) == _shown(grouped)


def test_services_facet_rows_too_many_figures_left_to_the_grouped_queries(
    large: Settings,
) -> None:
    with Session(get_engine(large.db_url)) as s:
        assert facet_rows.count_figures(s, [], limit=100) is None
        assert facet_rows.count_figures(s, [], limit=10**6) is not None


def _busiest(session: Session, column: str, joined: bool) -> Any:
    """The value of a column that most figures have."""
    source = "figure JOIN article ON article.id = figure.article_id" if joined else "figure"
    sql = f"SELECT {column} FROM {source} GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1"
    return session.execute(text(sql)).scalar_one()


@pytest.fixture(scope="module")
def stored(large: Settings, tmp_path_factory: pytest.TempPathFactory) -> Settings:
    """A copy whose summaries were made with a low bar for a large filter: the busiest
    place, story and measure all count as large here."""
    settings = Settings(db_url=copy_db(large.db_url, tmp_path_factory.mktemp("s") / "copy.db"))
    with pytest.MonkeyPatch.context() as m, Session(get_engine(settings.db_url)) as s:
        m.setattr(facet_rows, "STORED_ABOVE", 5)
        refresh_summaries(s)
        s.commit()
    return settings


@pytest.mark.parametrize("param", ["city", "story", "measure"])
def test_services_facet_rows_large_filters_counted_once_and_stored(
    stored: Settings, monkeypatch: pytest.MonkeyPatch, param: str
) -> None:
    """A filter that keeps more figures than a page reads is counted with the summaries; its
    page reads the stored counts (a city adds up those of its names) and counts nothing."""
    with Session(get_engine(stored.db_url)) as s:
        if param == "city":
            filters = TopicFilters(city=_busiest(s, "figure.place", False).upper())
        elif param == "story":
            filters = TopicFilters(story=_busiest(s, "article.story_id", True))
        else:
            filters = TopicFilters(measure=_busiest(s, "figure.measure", False))
        pages = set(s.exec(select(FacetSummary.page)).scalars())  # type: ignore[call-overload]
        value = str(getattr(filters, param)).lower()
        assert f"figures:{param}:{value}" in pages
        grouped = _grouped(monkeypatch, s, filters)
        seen: list[str] = []
        event.listen(s.get_bind(), "before_cursor_execute", _note(seen))
        found = _fresh(s, filters)
    assert not [q for q in seen if "GROUP BY" in q or "JOIN article" in q]
    assert _shown(found) == _shown(grouped)


def _note(seen: list[str]) -> Any:
    def note(_c: Any, _cur: Any, statement: str, *_rest: Any) -> None:
        seen.append(statement)

    return note
