"""The whole hostile-file table in one `parallax ingest` run, big files included, beside good
files; then a handful of the same files through the reader's upload form."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from markupsafe import escape
from sqlalchemy import inspect, text

from app.config import Settings
from app.db import get_engine
from app.web.app import create_app
from tests.databases import db_url_for
from tests.hostile_files import ACTIVE, CASES, GOOD, HEAD, TAIL, snapshot
from tests.test_web_edit import token

# Runs a command and says the most memory any one of its processes held (kB, Linux).
_PEAK = (
    "import resource, subprocess, sys; r = subprocess.run(sys.argv[1:]); "
    "print('peak-kb', resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, file=sys.stderr); "
    "sys.exit(r.returncode)"
)
# Root reads a file of mode 000: the run drops that privilege, so the file fails as it would
# for anyone else.
_NO_OVERRIDE = "-dac_override,-dac_read_search"
_UNPRIVILEGED = (
    ["setpriv", f"--bounding-set={_NO_OVERRIDE}", f"--inh-caps={_NO_OVERRIDE}"]
    if os.geteuid() == 0 and shutil.which("setpriv")
    else []
)
_LOCKED_READABLE = os.geteuid() == 0 and not _UNPRIVILEGED


@pytest.fixture(scope="module")
def hostile_run(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, str]:
    """One `parallax ingest` of a folder of every case and two good files, and a path that is
    not there: the folder, the database and what the command printed."""
    folder = tmp_path_factory.mktemp("hostile")
    for name, body in GOOD.items():
        (folder / name).write_text(body, encoding="utf-8")
    for case in CASES:
        if case.name != "missing.txt":
            case.make(folder / case.name)
    db = folder.parent / f"{folder.name}.db"
    command = [sys.executable, "-m", "app.cli", "ingest", str(folder)]
    command += [str(folder / "missing.txt"), "--db", db_url_for(db)]
    done = subprocess.run(
        [*_UNPRIVILEGED, sys.executable, "-c", _PEAK, *command],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 1, done.stderr
    return folder, db, done.stderr


def _errors(output: str) -> dict[str, str]:
    """The command's error lines: each file (or `file#line`) and its reason."""
    out = {}
    for line in output.splitlines():
        if line.startswith("error "):
            path, _, reason = line.removeprefix("error ").partition(": ")
            out[path] = reason
    return out


def test_ingest_hostile_cli_names_every_bad_file(hostile_run: tuple[Path, Path, str]) -> None:
    folder, _db, output = hostile_run
    errors = _errors(output)
    expected = {c.name: c.reason for c in CASES if c.reason is not None}
    if _LOCKED_READABLE:
        del expected["locked.txt"]
    for name, reason in expected.items():
        path = str(folder / name)
        found = {p: r for p, r in errors.items() if p == path or p.startswith(f"{path}#")}
        assert found, f"{name} not named in:\n{output}"
        assert any(reason in r for r in found.values()), found
    # The second link of the loop is a file of the folder too, and named as well.
    assert "a loop of symbolic links" in errors[str(folder / "loop-back.txt")]
    # Nothing else failed, and the summary counts the failures and the held-back lines.
    assert len(errors) == len(expected) + 1
    stored = len([c for c in CASES if c.reason is None]) + len(GOOD) + _LOCKED_READABLE
    assert f"{stored} added, 0 unchanged (same text already stored), {len(errors)} failed" in (
        output
    )
    assert "; 2 good articles of failed files not loaded" in output


def test_ingest_hostile_cli_stores_the_good_and_the_readable(
    hostile_run: tuple[Path, Path, str],
) -> None:
    folder, db, output = hostile_run
    with get_engine(db_url_for(db)).connect() as c:
        bodies = {r[0]: r[1] for r in c.execute(text("SELECT source_file, body FROM article"))}
        values = {
            name: sorted(
                v
                for (v,) in c.execute(
                    text(
                        "SELECT f.value FROM figure f JOIN article a ON a.id = f.article_id "
                        "WHERE a.source_file = :name"
                    ),
                    {"name": name},
                )
            )
            for name in bodies
        }
        # Nothing of a failed file anywhere: every row that belongs to an article belongs to
        # a stored one.
        for table in inspect(c).get_table_names():
            columns = [col["name"] for col in inspect(c).get_columns(table)]
            if "article_id" in columns:
                orphans = c.execute(
                    text(
                        f'SELECT COUNT(*) FROM "{table}" WHERE article_id NOT IN '
                        "(SELECT id FROM article)"
                    )
                ).scalar_one()
                assert orphans == 0, table
    expected = {str(folder / n) for n in GOOD} | {
        str(folder / c.name) + ("#1" if c.name.endswith(".jsonl") else "")
        for c in CASES
        if c.reason is None
    }
    if _LOCKED_READABLE:
        expected.add(str(folder / "locked.txt"))
    assert set(bodies) == expected
    for case in CASES:
        if case.reason is None:
            name = str(folder / case.name) + ("#1" if case.name.endswith(".jsonl") else "")
            assert case.body is not None and case.body in bodies[name]
    # The big texts were parsed whole, in pieces: the figures of the first and last sentence.
    for name, size in (("million-chars.txt", 1_000_000), ("one-line.txt", 2_000_000)):
        body = bodies[str(folder / name)]
        assert len(body) > size and body.startswith(HEAD) and body.endswith(TAIL)
        assert values[str(folder / name)] == [14.0, 23.0]
    peak_kb = int(output.rsplit("peak-kb ", 1)[1].split()[0])
    # The whole run, the language model and the place names included, in bounded memory
    # (an unbroken parse of a long text took gigabytes).
    assert peak_kb < 1_500_000, peak_kb


@pytest.fixture
def web(tmp_path: Path) -> Iterator[tuple[TestClient, Path]]:
    db = tmp_path / "upload.db"
    settings = Settings(db_url=db_url_for(db))
    get_engine(settings.db_url)  # the tables made now: a snapshot before the upload sees them
    with TestClient(create_app(settings)) as c:
        c.headers["Accept"] = "text/html"
        yield c, db


# Uploaded together: the readable ones are stored, the others named on the page.
UPLOADED = [
    "utf16-le.txt",
    "surrogate.jsonl",
    "hostile.html",
    "number.jsonl",
    "binary.txt",
    "bad-date.txt",
    "mixed.jsonl",
]


def test_ingest_hostile_upload_names_the_bad_and_stores_the_rest(
    web: tuple[TestClient, Path], tmp_path: Path
) -> None:
    client, db = web
    files = []
    for case in (c for c in CASES if c.name in UPLOADED):
        case.make(tmp_path / case.name)
        files.append(("files", (case.name, (tmp_path / case.name).read_bytes(), "text/plain")))
    t = token(client, "/add")
    r = client.post("/add/upload", data={"csrf_token": t}, files=files)
    assert r.status_code == 200
    for case in CASES:
        if case.name in UPLOADED and case.reason is not None:
            assert str(escape(case.reason)) in r.text, case.name
    with get_engine(db_url_for(db)).connect() as c:
        stored = {r[0]: r[1] for r in c.execute(text("SELECT source_file, id FROM article"))}
    assert set(stored) == {"utf16-le.txt", "surrogate.jsonl#1", "hostile.html"}
    page = client.get(f"/articles/{stored['hostile.html']}")
    assert page.status_code == 200 and "The road stays closed" in page.text
    own_scripts = page.text.count("<script")
    assert all(a not in page.text for a in ACTIVE if a != "<script"), page.text
    assert own_scripts == client.get(f"/articles/{stored['utf16-le.txt']}").text.count("<script")


@pytest.mark.parametrize("name", ["binary.txt", "number.jsonl", "empty.txt", "bad-date.txt"])
def test_ingest_hostile_upload_one_bad_file_is_400_with_its_reason(
    web: tuple[TestClient, Path], tmp_path: Path, name: str
) -> None:
    client, db = web
    case = next(c for c in CASES if c.name == name)
    case.make(tmp_path / name)
    t = token(client, "/add")
    before = snapshot(db)
    r = client.post(
        "/add/upload",
        data={"csrf_token": t},
        files=[("files", (name, (tmp_path / name).read_bytes(), "text/plain"))],
    )
    assert r.status_code == 400
    assert case.reason is not None and f"{name}" in r.text
    assert str(escape(case.reason)) in r.text
    assert snapshot(db) == before
