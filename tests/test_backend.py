"""What differs between SQLite and PostgreSQL (app/backend.py): each construct said in each
database's words, and what it means checked on the database the suite runs on."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import column, select, table
from sqlalchemy.dialects import postgresql, sqlite
from sqlmodel import Session

from app.backend import equals_any_case, joined_ids, page_cache, sync_id_sequences
from app.db import get_engine
from app.models import Article, Figure, Story
from app.services.articles import ArticleFilters, list_articles
from tests.databases import db_url_for, sqlite_only
from tests.test_services_topics import _figure

_T = table("t", column("outlet"), column("id"))


@pytest.mark.parametrize(
    ("dialect", "sql"),
    [
        (sqlite.dialect(), "t.outlet COLLATE NOCASE = ?"),
        (postgresql.dialect(), "lower(t.outlet) = lower(%(value_any_case_1)s::VARCHAR)"),
    ],
)
def test_backend_any_case_in_each_dialect(dialect: object, sql: str) -> None:
    compiled = str(equals_any_case(_T.c.outlet, "Le Monde").compile(dialect=dialect))
    assert compiled == sql


@pytest.mark.parametrize(
    ("dialect", "name"), [(sqlite.dialect(), "group_concat"), (postgresql.dialect(), "string_agg")]
)
def test_backend_joined_ids_in_each_dialect(dialect: object, name: str) -> None:
    assert name in str(select(joined_ids(_T.c.id)).compile(dialect=dialect))


def test_backend_outlet_filter_any_case_and_new_ids_after_given_ones(tmp_path: Path) -> None:
    """On the suite's database: an outlet found in any letter case, ids joined, and a row
    stored without an id after rows stored with theirs (PostgreSQL's sequence moved on)."""
    engine = get_engine(db_url_for(tmp_path / "backend.db"))
    with Session(engine) as s:
        s.add(Story(id=1, title="One"))
        s.commit()
        for i, outlet in enumerate(["Valley Post", "VALLEY POST", "Ledger"], start=1):
            s.add(
                Article(
                    id=i,
                    source_file=f"{i}.txt",
                    content_hash=f"h{i}",
                    title=f"T{i}",
                    outlet=outlet,
                    body="b",
                    story_id=1,
                )
            )
        s.commit()
        found = list_articles(s, filters=ArticleFilters(outlet="valley post"))
        assert sorted(a.id for a in found.items) == [1, 2]
        for i in (1, 2):
            s.add(_figure(i, i, "killed|total|t", 1.0))
        s.commit()
        joined = s.exec(
            select(joined_ids(Figure.id)).where(Figure.topic == "killed|total|t")
        ).one()[0]
        assert sorted(int(i) for i in joined.split(",")) == [1, 2]
        sync_id_sequences(s, ["story"])
        later = Story(title="Two")
        s.add(later)
        s.commit()
        assert later.id == 2


@sqlite_only("SQLite's page cache is each connection's own; PostgreSQL's buffers are shared")
def test_backend_page_cache_widened_for_a_block_then_restored(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A connection keeps what the settings say (the server keeps little); a relink widens
    its own for its duration and gives the memory back after."""
    monkeypatch.setenv("PARALLAX_PAGE_CACHE_MB", "8")
    engine = get_engine(db_url_for(tmp_path / "cache.db"))
    with Session(engine) as s:
        def size() -> object:
            return s.connection().exec_driver_sql("PRAGMA cache_size").scalar()

        assert size() == -8 * 1024
        with page_cache(s, 64):
            assert size() == -64 * 1024
        assert size() == -8 * 1024
