"""A database made by an earlier version opens with the indexes added since, and SQLite's
planner knows what they hold."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from app.db import forget_engines, get_engine
from tests.databases import sqlite_only

pytestmark = sqlite_only("SQLite's own statistics (sqlite_stat1)")


def _stats(path: Path, index: str) -> list[tuple[str, str]]:
    with sqlite3.connect(path) as con:
        return con.execute("SELECT idx, stat FROM sqlite_stat1 WHERE idx = ?", (index,)).fetchall()


def test_db_schema_an_index_added_later_is_analysed(tmp_path: Path) -> None:
    path = tmp_path / "older.db"
    get_engine(f"sqlite:///{path}")
    with sqlite3.connect(path) as con:
        con.execute(
            "INSERT INTO article (id, source_file, content_hash, title, title_basis, outlet_basis,"
            " date_basis, body, words, ingested_at) VALUES (1, 'a.txt', 'h', 'A', 'stated',"
            " 'stated', 'none', 'Body.', 1, '2031-01-01')"
        )
        con.executemany(
            'INSERT INTO datemention (article_id, start, "end", text, value, basis)'
            " VALUES (1, 0, 4, 'then', ?, 'stated')",
            [(f"2030-01-{1 + i % 28:02d}",) for i in range(200)],
        )
        con.execute("ANALYZE")  # as linking leaves a database
        con.execute("DROP INDEX ix_datemention_value")  # as an earlier version made it
        con.execute("DELETE FROM sqlite_stat1 WHERE idx = 'ix_datemention_value'")
    forget_engines()
    get_engine(f"sqlite:///{path}")
    with sqlite3.connect(path) as con:
        names = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='index'")}
    assert "ix_datemention_value" in names
    assert _stats(path, "ix_datemention_value") == [("ix_datemention_value", "200 8")]


def test_db_schema_an_index_others_cover_is_dropped(tmp_path: Path) -> None:
    """An earlier version indexed each end of a link alone, beside the index on the end and
    its kind: found in a database made then, it goes, and the links are still looked up by
    an index."""
    path = tmp_path / "older.db"
    get_engine(f"sqlite:///{path}")
    with sqlite3.connect(path) as con:
        con.execute("CREATE INDEX ix_link_a_id ON link (a_id)")  # as an earlier version made it
    forget_engines()
    get_engine(f"sqlite:///{path}")
    with sqlite3.connect(path) as con:
        names = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='index'")}
        plan = con.execute("EXPLAIN QUERY PLAN SELECT b_id FROM link WHERE a_id = 5").fetchall()
    assert "ix_link_a_id" not in names and "ix_link_a_kind" in names
    assert "USING INDEX ix_link_a_kind" in plan[0][3]
