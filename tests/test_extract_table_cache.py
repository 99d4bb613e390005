"""Tables built once per machine: stored after the first build, rebuilt when unreadable."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.extract.table_cache import cached


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("PARALLAX_CACHE_DIR", str(tmp_path / "cache"))
    return tmp_path / "cache"


def test_extract_table_cache_builds_once_then_reads(folder: Path) -> None:
    built: list[int] = []

    def build() -> dict[str, int]:
        built.append(1)
        return {"springfield": 3}

    assert cached("towns", build) == {"springfield": 3}
    assert cached("towns", build) == {"springfield": 3}
    assert len(built) == 1
    assert [p.name.split("-")[0] for p in folder.glob("*.pickle")] == ["towns"]
    assert not list(folder.glob(".*.tmp"))  # nothing half-written is left


def test_extract_table_cache_rebuilds_an_unreadable_file(folder: Path) -> None:
    cached("towns", lambda: {"a": 1})
    (stored,) = folder.glob("towns-*.pickle")
    stored.write_bytes(b"not a pickle")
    assert cached("towns", lambda: {"a": 2}) == {"a": 2}
    assert cached("towns", lambda: {"a": 3}) == {"a": 2}  # the rebuilt table was stored


def test_extract_table_cache_drops_an_earlier_version(folder: Path) -> None:
    folder.mkdir(parents=True)
    (folder / "towns-0000000000000000.pickle").write_bytes(b"old")
    cached("towns", lambda: {"a": 1})
    assert [p.name for p in folder.glob("towns-*.pickle")] != ["towns-0000000000000000.pickle"]
    assert len(list(folder.glob("towns-*.pickle"))) == 1


def test_extract_table_cache_works_without_a_writable_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    monkeypatch.setenv("PARALLAX_CACHE_DIR", str(blocker / "cache"))  # under a file: unwritable
    assert cached("towns", lambda: {"a": 1}) == {"a": 1}
