"""The `parallax` command line: exit codes, messages, export formats."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import urllib.request
from pathlib import Path

import pytest
from rich.progress import Progress
from typer.testing import CliRunner

from app.cli import PaceColumn, cli, pace
from tests.conftest import SEEDS
from tests.databases import db_url_for
from tests.real_processes import running_server, wait_until

runner = CliRunner()


def test_cli_ingest_seeds_then_again(tmp_path: Path) -> None:
    db = db_url_for(tmp_path / "c.db")
    first = runner.invoke(cli, ["ingest", str(SEEDS), "--db", db])
    assert first.exit_code == 0, first.output
    assert "5 added" in first.output
    second = runner.invoke(cli, ["ingest", str(SEEDS), "--db", db])
    assert second.exit_code == 0 and "0 added, 5 unchanged" in second.output


def test_cli_ingest_failure_names_file_and_exits_1(tmp_path: Path) -> None:
    bad = tmp_path / "empty.txt"
    bad.write_text("")
    result = runner.invoke(cli, ["ingest", str(bad), "--db", db_url_for(tmp_path / "c.db")])
    assert result.exit_code == 1
    assert "empty.txt" in result.output and "file is empty" in result.output


def test_cli_export_articles_jsonl_and_csv(tmp_path: Path) -> None:
    db = db_url_for(tmp_path / "c.db")
    runner.invoke(cli, ["ingest", str(SEEDS), "--db", db])
    out = runner.invoke(cli, ["export", "articles", "--db", db])
    rows = [json.loads(line) for line in out.stdout.splitlines()]
    assert len(rows) == 5
    assert set(rows[0]) >= {"source_file", "title", "outlet", "date", "date_basis", "url", "words"}
    target = tmp_path / "a.csv"
    runner.invoke(cli, ["export", "articles", "--format", "csv", "--out", str(target), "--db", db])
    table = list(csv.DictReader(io.StringIO(target.read_text())))
    assert [r["source_file"] for r in table] == [r["source_file"] for r in rows]


def test_cli_db_from_environment(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    db = tmp_path / "env.db"
    monkeypatch.setenv("PARALLAX_DB", str(db))
    assert runner.invoke(cli, ["ingest", str(SEEDS)]).exit_code == 0
    assert db.exists()


def test_cli_help_lists_commands() -> None:
    out = runner.invoke(cli, ["--help"]).output
    for command in ("ingest", "reprocess", "serve", "export"):
        assert command in out


def test_cli_ingest_prints_file_names_as_named(tmp_path: Path) -> None:
    # "[/b]" across a folder and its file: read as markup, it would end a tag never opened.
    folder = tmp_path / "x["
    folder.mkdir()
    bad = folder / "b][red]empty.txt"
    bad.write_text("")
    result = runner.invoke(cli, ["ingest", str(bad), "--db", db_url_for(tmp_path / "c.db")])
    assert result.exit_code == 1
    assert f"{bad}: file is empty" in result.output


def test_cli_ingest_broken_jsonl_says_the_rest_was_not_loaded(tmp_path: Path) -> None:
    lines = ['{"text": "Two ferries collided in fog."}', "{oops", '{"text": "A pier closed."}']
    bad = tmp_path / "b.jsonl"
    bad.write_text("\n".join(lines) + "\n")
    result = runner.invoke(cli, ["ingest", str(bad), "--db", db_url_for(tmp_path / "c.db")])
    assert result.exit_code == 1
    assert f"{bad}#2: line 2 is not valid JSON" in result.output
    assert "0 added" in result.output
    assert "2 good articles of failed files not loaded" in result.output


@pytest.mark.parametrize(
    ("speed", "remaining", "shown"),
    [
        (None, None, "– articles/s"),
        (0.0, 12.0, "– articles/s"),
        (3.44, None, "3.4 articles/s"),
        (3.44, 258.4, "3.4 articles/s, 4:18 left"),
        (12.0, 3725.0, "12.0 articles/s, 1:02:05 left"),
    ],
)
def test_cli_pace_says_rate_and_time_left(
    speed: float | None, remaining: float | None, shown: str
) -> None:
    assert pace(speed, remaining) == shown


def test_cli_pace_counts_from_the_first_articles_back() -> None:
    now = [0.0]
    progress = Progress(get_time=lambda: now[0], disable=True)
    task_id = progress.add_task("ingest", total=100)
    (task,) = progress.tasks
    column = PaceColumn()
    now[0] = 40.0  # the workers took this long to load the language model
    progress.update(task_id, completed=20)
    assert str(column.render(task)) == "– articles/s"
    now[0] = 50.0
    progress.update(task_id, completed=40)
    assert str(column.render(task)) == "2.0 articles/s, 0:30 left"
    now[0] = 80.0
    progress.update(task_id, completed=100)
    assert str(column.render(task)) == "1.2 articles/s"  # done: 100 articles in 80 s


def test_cli_serve_two_workers_serve_pages_and_stop_together(
    seeded_db: Path, tmp_path: Path
) -> None:
    """`serve --workers 2`: its watching process hands over to a bare uvicorn, whose workers
    build the app from the environment; pages work, and stopping the watcher stops all."""
    log = tmp_path / "serve.log"
    with running_server(seeded_db, log, workers=2) as base:
        # The healthz answer proves one worker up; on a loaded machine the second may still
        # be importing, so wait for its start line before counting.
        wait_until(
            lambda: log.read_text().count("Started server process") >= 2, 120, "both workers"
        )
        for _ in range(4):
            with urllib.request.urlopen(f"{base}/figures", timeout=30) as page:
                assert page.status == 200 and "<h1" in page.read().decode()
        started = log.read_text()
    workers = [int(p) for p in re.findall(r"Started server process \[(\d+)\]", started)]
    assert len(workers) == 2, started
    for pid in workers:
        with pytest.raises(ProcessLookupError):
            os.kill(pid, 0)
