"""Bad input: an error that names the file and says why; the database stays as it was."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlmodel import Session, select

from app.config import Settings
from app.db import get_engine
from app.ingest.errors import IngestError
from app.ingest.readers import read_path
from app.models import Article, Paragraph, Sentence
from app.pipeline import ingest_paths

GOOD = "Police said 4 people were hurt in the blast on Monday. The road stays closed.\n"


def _write(tmp_path: Path, name: str, data: bytes) -> Path:
    f = tmp_path / name
    f.write_bytes(data)
    return f


CASES = [
    ("empty.txt", b"", "empty"),
    ("blank.txt", b"   \n\n  ", "empty"),
    ("binary.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 20, "binary"),
    ("nohtml.html", b"<html><body><nav>Home</nav></body></html>", "no article text"),
    ("notobj.jsonl", b'{"text": "fine text here."}\n[1, 2]\n', "not a JSON object"),
    ("badjson.jsonl", b'{"text": "fine"\n', "not valid JSON"),
    ("notext.jsonl", b'{"title": "no body"}\n', 'no "text"'),
    ("baddate.txt", b"date: yesterday\n\nSome text here.\n", "not a date"),
]


@pytest.mark.parametrize(("name", "data", "reason"), CASES)
def test_ingest_errors_named_with_reason(
    tmp_path: Path, name: str, data: bytes, reason: str
) -> None:
    f = _write(tmp_path, name, data)
    with pytest.raises(IngestError) as info:
        read_path(f)
    assert str(f) in str(info.value)
    assert reason in info.value.reason


def test_ingest_errors_size_limit_says_which(tmp_path: Path) -> None:
    f = _write(tmp_path, "big.txt", GOOD.encode() * 100)
    with pytest.raises(IngestError) as info:
        read_path(f, max_bytes=1000)
    assert "size limit of 1,000 bytes" in info.value.reason


def test_ingest_errors_undecodable(tmp_path: Path) -> None:
    # Bytes that are no valid UTF-8 and that no detector reads as coherent text.
    f = _write(tmp_path, "noise.txt", bytes(range(0x80, 0x100)) * 8)
    with pytest.raises(IngestError) as info:
        read_path(f)
    assert info.value.reason.startswith(("not UTF-8", "binary"))


def _counts(settings: Settings) -> tuple[int, int, int]:
    with Session(get_engine(settings.db_url)) as s:
        return (
            len(s.exec(select(Article)).all()),
            len(s.exec(select(Paragraph)).all()),
            len(s.exec(select(Sentence)).all()),
        )


def test_ingest_errors_leave_database_unchanged(tmp_path: Path, settings: Settings) -> None:
    good = _write(tmp_path, "good.txt", GOOD.encode())
    assert not ingest_paths([str(good)], settings).failed
    before = _counts(settings)
    # The first line of this file is fine: a failure must leave nothing of the file.
    bad = _write(tmp_path, "half.jsonl", b'{"text": "A new report. 9 were arrested."}\n"oops"\n')
    report = ingest_paths([str(bad)], settings)
    assert [e.path for e in report.failed] == [f"{bad}#2"]
    assert _counts(settings) == before


def test_ingest_errors_other_files_still_load(tmp_path: Path, settings: Settings) -> None:
    good = _write(tmp_path, "good.txt", GOOD.encode())
    empty = _write(tmp_path, "empty.txt", b"")
    report = ingest_paths([str(empty), str(good)], settings)
    assert [e.path for e in report.failed] == [str(empty)]
    assert report.added == [str(good)]


def test_ingest_errors_missing_file(settings: Settings, tmp_path: Path) -> None:
    report = ingest_paths([str(tmp_path / "nope.txt")], settings)
    assert report.failed[0].reason == "no such file"
