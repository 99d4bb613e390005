"""SIGKILL in the middle of a real `parallax ingest`, at each of its stages, and runs again.

The stages are read where a user reads them: the progress bar names what the run is doing
("reading", "extracting", "linking"). FORCE_COLOR makes Rich draw the bar into the pipe as it
would on a terminal; it changes nothing else. After each kill the database must pass SQLite's
checks, no worker process may be left behind, and the same ingest run again must complete
the run: every file once, every article in a story.
"""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path

from tests.databases import db_url_for, sqlite_only
from tests.invented_reports import write_reports
from tests.real_processes import Command, Proc, alive, children_of, end, wait_until

# A killed ingest leaves an SQLite file that passes integrity_check: skipped on PostgreSQL,
# whose server keeps its own transactions whole.
pytestmark = sqlite_only("a killed ingest leaves a file that passes integrity_check")

REPORTS = 70  # more than one batch (64): the first goes to two worker processes
# Killed once this many are stored, the rest (under 48) is extracted by the next run's own
# process: no second pair of workers to start (each builds its gazetteer, for seconds).
STORED = 30
SLOW = 300  # seconds: a loaded machine of two cores loads the language model slowly


def ingest(folder: Path, db: Path) -> Command:
    env = {"FORCE_COLOR": "1", "COLUMNS": "200", "PARALLAX_WORKERS": "2"}
    return Command("ingest", str(folder), "--db", db_url_for(db), env=env)


def query(db: Path, sql: str) -> list[tuple[object, ...]]:
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=30)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def count(db: Path, sql: str) -> int:
    if not db.exists():
        return 0
    try:
        return int(query(db, sql)[0][0])
    except sqlite3.OperationalError:  # the tables are not made yet
        return 0


def articles(db: Path) -> int:
    return count(db, "SELECT count(*) FROM article")


def without_story(db: Path) -> int:
    return count(db, "SELECT count(*) FROM article WHERE story_id IS NULL")


def assert_sound(db: Path) -> None:
    con = sqlite3.connect(db, timeout=30)
    try:
        assert con.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert con.execute("PRAGMA foreign_key_check").fetchall() == []
        # The search index is kept by triggers, in the same transactions as the rows.
        con.execute("INSERT INTO article_fts(article_fts) VALUES ('integrity-check')")
    finally:
        con.close()


def kill_and_check_children(run: Command, started: set[Proc]) -> None:
    """SIGKILL the ingest; every process it started must end within seconds."""
    started |= children_of(run.pid)
    run.kill()
    try:
        wait_until(lambda: not any(alive(p) for p in started), 15, "the workers to end")
    finally:
        end(started)


def test_pipeline_sigkill_at_each_stage_then_the_same_ingest_completes(tmp_path: Path) -> None:
    folder = tmp_path / "reports"
    write_reports(folder, REPORTS)
    db = tmp_path / "faults.db"
    started: set[Proc] = set()
    timings: dict[str, float] = {}

    # Reading: nothing is stored before the first batch has been extracted.
    t = time.monotonic()
    run = ingest(folder, db)
    wait_until(lambda: run.says("reading"), SLOW, "the reading stage")
    kill_and_check_children(run, started)
    assert_sound(db)
    assert articles(db) == 0
    timings["reading"] = time.monotonic() - t

    # Extracting: the workers have extracted the first batch, whose files are being stored,
    # one transaction each.
    t = time.monotonic()
    run = ingest(folder, db)
    wait_until(lambda: run.says("extracting") and articles(db) >= STORED, SLOW, "stored files")
    workers = children_of(run.pid)
    assert len(workers) >= 2, "two workers extract the first batch"
    kill_and_check_children(run, started)
    assert_sound(db)
    assert 0 < articles(db) < REPORTS
    timings["extracting"] = time.monotonic() - t

    # Linking: every article is stored; the stories are being made, in one transaction.
    t = time.monotonic()
    run = ingest(folder, db)
    wait_until(lambda: run.says("linking"), SLOW, "the linking stage", every=0.01)
    kill_and_check_children(run, started)
    assert_sound(db)
    assert articles(db) == REPORTS
    assert without_story(db) > 0, "killed before its linking was committed"
    timings["linking"] = time.monotonic() - t

    # The same ingest again: nothing new to add, and the articles left unlinked are linked.
    t = time.monotonic()
    run = ingest(folder, db)
    assert run.wait(timeout=SLOW) == 0, run.stderr()
    assert f"0 added, {REPORTS} unchanged" in run.stderr()
    assert_sound(db)
    assert articles(db) == REPORTS
    assert count(db, "SELECT count(DISTINCT source_file) FROM article") == REPORTS
    assert without_story(db) == 0
    twice = """SELECT count(*) FROM (SELECT 1 FROM figure
        GROUP BY article_id, start, "end", measure, derived, in_title HAVING count(*) > 1)"""
    assert count(db, twice) == 0
    assert count(db, "SELECT count(*) FROM figure") >= REPORTS  # each report states a toll
    assert count(db, "SELECT count(*) FROM link") > 0
    timings["re-run"] = time.monotonic() - t

    # Once more: the run is complete, so linking is not done again, and the stories stay.
    stories = query(db, "SELECT id, story_id FROM article ORDER BY id")
    run = ingest(folder, db)
    assert run.wait(timeout=SLOW) == 0, run.stderr()
    assert not run.says("linking")
    assert query(db, "SELECT id, story_id FROM article ORDER BY id") == stories
    print("seconds per stage:", {k: round(v, 1) for k, v in timings.items()})
