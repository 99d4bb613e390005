"""Hostile files one by one through `ingest_paths`, the function `parallax ingest` calls: each
is named with the reason in plain words and leaves every table as it was, or is stored with its
right text. The whole table, big files included, goes through the command line itself in
test_ingest_hostile_cli.py, together with good files that must still load."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from sqlmodel import Session, select

from app.config import Settings
from app.db import get_engine
from app.models import Article
from app.pipeline import ingest_paths
from tests.databases import db_url_for
from tests.hostile_files import ACTIVE, CASES, GOOD, Case, copy_db, snapshot

ROOT_READS_ALL = os.geteuid() == 0


@pytest.fixture(scope="module")
def base_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A database holding one good article: what a hostile file must leave as it was."""
    folder = tmp_path_factory.mktemp("base")
    name, text = next(iter(GOOD.items()))
    (folder / name).write_text(text, encoding="utf-8")
    db = folder / "base.db"
    report = ingest_paths([str(folder / name)], Settings(db_url=db_url_for(db)))
    assert report.added and not report.failed
    return db


def _own(base_db: Path, tmp_path: Path) -> tuple[Path, Settings]:
    db = tmp_path / "own.db"
    copy_db(base_db, db)
    return db, Settings(db_url=db_url_for(db))


def _stored(settings: Settings) -> dict[str, Article]:
    with Session(get_engine(settings.db_url)) as s:
        return {a.source_file: a for a in s.exec(select(Article))}


@pytest.mark.parametrize("case", [c for c in CASES if not c.big], ids=lambda c: c.name)
def test_ingest_hostile_file_named_or_stored(case: Case, base_db: Path, tmp_path: Path) -> None:
    if case.name == "locked.txt" and ROOT_READS_ALL:
        pytest.skip(
            "running as root, which reads a file of mode 000; the command-line test "
            "drops that privilege (setpriv) and checks this file there"
        )
    db, settings = _own(base_db, tmp_path)
    folder = tmp_path / "in"
    folder.mkdir()
    path = folder / case.name
    case.make(path)
    before = snapshot(db)

    report = ingest_paths([str(path)], settings)

    if case.reason is not None:
        assert report.added == [] and report.failed, report
        for error in report.failed:
            # Named: the file, or for JSON Lines the file and its line.
            assert error.path == str(path) or error.path.startswith(f"{path}#")
            assert str(error).startswith(f"{error.path}: ")
        assert any(case.reason in e.reason for e in report.failed), report.failed
        assert snapshot(db) == before
        return
    assert report.failed == [], report.failed
    (name,) = report.added
    assert name in (str(path), f"{path}#1")
    article = _stored(settings)[name]
    assert case.body is not None and case.body in article.body
    if case.name.endswith(".html"):
        for text in (article.body, article.title):
            assert not any(a.lower() in text.lower() for a in ACTIVE), text


def test_ingest_hostile_mixed_jsonl_loads_none_of_its_lines(base_db: Path, tmp_path: Path) -> None:
    """One broken line among good ones: the file's good articles are held back, and said so."""
    db, settings = _own(base_db, tmp_path)
    case = next(c for c in CASES if c.name == "mixed.jsonl")
    path = tmp_path / case.name
    case.make(path)
    before = snapshot(db)
    report = ingest_paths([str(path)], settings)
    assert [e.path for e in report.failed] == [f"{path}#2"]
    assert sorted(report.held_back) == [f"{path}#1", f"{path}#3"]
    assert snapshot(db) == before


def test_ingest_hostile_file_removed_while_ingesting(base_db: Path, tmp_path: Path) -> None:
    """A file listed from its folder and removed before its turn to be read: named, and the
    other files of the folder load. The progress callback (the command line's progress bar)
    runs after the folder is listed and before any file is read."""
    _db, settings = _own(base_db, tmp_path)
    folder = tmp_path / "in"
    folder.mkdir()
    for name, text in GOOD.items():
        (folder / name).write_text(text, encoding="utf-8")
    going = folder / "going.txt"
    going.write_text("A storm closed 6 roads in Carrow on Monday.\n", encoding="utf-8")
    seen: list[tuple[int, int]] = []

    def progress(done: int, total: int) -> None:
        if not seen:
            going.unlink()
        seen.append((done, total))

    report = ingest_paths([str(folder)], settings, on_progress=progress)

    assert seen[0] == (0, 3)
    assert [(e.path, e.reason) for e in report.failed] == [
        (str(going), "removed or renamed after the ingest began")
    ]
    # good-1's text is in the database already: unchanged; good-2 is new.
    assert report.added == [str(folder / "good-2.txt")]
    assert report.unchanged == [str(folder / "good-1.txt")]
    assert str(going) not in _stored(settings)


def test_ingest_hostile_missing_and_loop_among_good_files(base_db: Path, tmp_path: Path) -> None:
    """Paths given on the command line that lead to no file are named; the good ones load."""
    _db, settings = _own(base_db, tmp_path)
    good = tmp_path / "good-2.txt"
    good.write_text(GOOD["good-2.txt"], encoding="utf-8")
    loop = next(c for c in CASES if c.name == "loop.txt")
    loop.make(tmp_path / "loop.txt")
    report = ingest_paths(
        [str(tmp_path / "nowhere.txt"), str(tmp_path / "loop.txt"), str(good)], settings
    )
    assert [(e.path, e.reason) for e in report.failed] == [
        (str(tmp_path / "nowhere.txt"), "no such file"),
        (str(tmp_path / "loop.txt"), "a loop of symbolic links, with no file at its end"),
    ]
    assert report.added == [str(good)]
