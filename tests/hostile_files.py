"""The hostile files of issue 13, made at test time (big ones are never committed), and what
ingest must make of each: a failure that names the file and says why, or — a readable file in
an odd shape — the article stored with its right text.

All texts are invented for these tests.
"""

from __future__ import annotations

import hashlib
import json
import os
import random
import string
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import inspect, text

from app.db import get_engine
from tests.databases import copy_db as copy_database
from tests.databases import db_url_for

GOOD = {
    "good-1.txt": "title: Bridge closed after crash\ndate: 2031-03-04\n\n"
    "Police said 4 people were hurt when a lorry hit the Marrow Bridge on Monday. "
    "The bridge stays closed until Friday.\n",
    "good-2.txt": "Fire crews said 2 people were rescued from a flat in Elmfield on Tuesday. "
    "The cause of the fire is not yet known.\n",
}
# The first and last sentences of the big texts: their figures prove the whole text was read.
HEAD = "Police said 14 people were hurt in the flood on Monday."
TAIL = "Officials said 23 people were killed in the flood."
ODD = "Le café reopened in Zürich on Tuesday, and police said {} people were hurt there."
# Markup a page may carry: none of it may reach the stored text or a rendered page.
ACTIVE = ("<script", "alert(", "onerror", "onclick", "onload", "<iframe", "javascript:", "EVIL")
HOSTILE_HTML = (
    "<html><head><title>Fire in the old town</title><script>alert(1)</script>"
    '<meta http-equiv="refresh" content="0;url=javascript:alert(5)"></head>'
    '<body onload="alert(6)"><article><h1>Fire in the old town</h1>'
    "<p onclick='alert(2)'>Police said 8 people were hurt in the fire on Monday in the old "
    "town of Carrow, officials said.</p><iframe src='javascript:alert(3)'></iframe>"
    "<p>The road stays closed <img src=x onerror=alert(4)> until Friday, the council said."
    "</p><script>document.write('EVIL')</script></article></body></html>"
)
BROKEN_HTML = (
    "<html><body><article><p>Police said 9 people were hurt in the crash on Monday in "
    "the old town of Carrow, officials said.<div><p>The road stays closed <b>until Friday"
    "</article></div><p"
)


@dataclass(frozen=True)
class Case:
    name: str  # the file's name in its folder
    make: Callable[[Path], None]  # writes it at that path
    reason: str | None  # a failure's reason holds this; None: the article is stored
    body: str | None = None  # stored: its body holds this
    big: bool = False  # costly to extract: read once, through the command line


def _bytes(data: bytes) -> Callable[[Path], None]:
    return lambda p: p.write_bytes(data)


def _jsonl(*lines: str) -> Callable[[Path], None]:
    return lambda p: p.write_text("\n".join(lines) + "\n", encoding="utf-8")


def _loop(p: Path) -> None:
    other = p.with_name(p.stem + "-back" + p.suffix)
    os.symlink(other.name, p)
    os.symlink(p.name, other)


def _locked(p: Path) -> None:
    p.write_text(f"{HEAD}\n", encoding="utf-8")
    p.chmod(0)


def _big(p: Path) -> None:
    """50 MB of text lines: over the size limit."""
    line = b"The river rose again overnight and the council closed two more roads.\n"
    with p.open("wb") as f:
        f.write(line * (50 * 1024 * 1024 // len(line) + 1))


def _million_lines(p: Path) -> None:
    p.write_text("".join(f"row {i}\n" for i in range(1_000_000)), encoding="utf-8")


def _words(seed: int, count: int) -> list[str]:
    """Distinct long words: a text of a million characters that is cheap to parse (few
    tokens), and whose paragraphs are not taken for repeated captions."""
    rng = random.Random(seed)
    return ["".join(rng.choices(string.ascii_lowercase, k=997)) for _ in range(count)]


def _sentences(seed: int, chars: int) -> list[str]:
    words = _words(seed, 400)
    out: list[str] = []
    total = 0
    while total < chars:
        i = len(out)
        out.append(f"{words[i % 400].capitalize()} {words[(i * 7 + 3) % 397]}.")
        total += len(out[-1]) + 1
    return out


def _million_chars(p: Path) -> None:
    """A body over a million characters, in paragraphs of five sentences."""
    s = _sentences(1, 1_050_000)
    paragraphs = [" ".join(s[i : i + 5]) for i in range(0, len(s), 5)]
    p.write_text("\n\n".join([HEAD, *paragraphs, TAIL]) + "\n", encoding="utf-8")


def _one_line(p: Path) -> None:
    """One line of 2 MB: a thousand sentences and no line break."""
    p.write_text(" ".join([HEAD, *_sentences(2, 2_000_000), TAIL]), encoding="utf-8")


def _fifo(p: Path) -> None:
    os.mkfifo(p)


CASES = [
    Case("empty.txt", _bytes(b""), "file is empty"),
    Case("blank.txt", _bytes(b"  \n\n\t \n"), "file is empty"),
    Case("binary.txt", _bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 40), "binary file"),
    Case("latin1.txt", _bytes(ODD.format(3).encode("latin-1")), None, ODD.format(3)),
    Case("utf16-bom.txt", _bytes(ODD.format(4).encode("utf-16")), None, ODD.format(4)),
    Case("utf16-le.txt", _bytes(ODD.format(5).encode("utf-16-le")), None, ODD.format(5)),
    Case("utf16-be.txt", _bytes(ODD.format(6).encode("utf-16-be")), None, ODD.format(6)),
    # A lone surrogate (half a character) reads as U+FFFD; a whole pair stays one character.
    Case(
        "surrogate.jsonl",
        _jsonl(json.dumps({"text": "Police said 5 were hurt \ud800 in Carrow \U0001f600 today."})),
        None,
        "hurt \ufffd in Carrow \U0001f600 today",
    ),
    Case("huge.txt", _big, "over the size limit of 20,971,520 bytes"),
    Case("million-lines.txt", _million_lines, "1,000,000 lines of text"),
    Case("hostile.html", _bytes(HOSTILE_HTML.encode()), None, "The road stays closed"),
    Case("broken.html", _bytes(BROKEN_HTML.encode()), None, "officials said"),
    Case(
        "bad-date.txt",
        _bytes(b"title: Storm\ndate: 2031-02-30\n\nA storm closed 3 roads.\n"),
        "date '2031-02-30' is no day of the calendar",
    ),
    Case(
        "year-one.txt",
        _bytes(b"title: Storm\ndate: 0001-01-01\n\nA storm closed 3 roads.\n"),
        "date '0001-01-01' is outside the years 1800–2199",
    ),
    Case(
        "mixed.jsonl",
        _jsonl(
            json.dumps({"text": "A storm closed 6 roads in Carrow on Monday."}),
            '{"text": "cut off',
            json.dumps({"text": "The council said 7 schools were shut on Monday."}),
        ),
        "line 2 is not valid JSON",
    ),
    Case("number.jsonl", _jsonl('{"text": 42}'), 'line 1 has "text": 42, a number'),
    Case("null.jsonl", _jsonl('{"text": null}'), 'line 1 has "text": null'),
    Case("loop.txt", _loop, "a loop of symbolic links"),
    Case("dangling.txt", lambda p: os.symlink("gone.txt", p), "a symbolic link to no file"),
    Case("pipe.txt", _fifo, "not a file (a folder, pipe or device)"),
    Case("locked.txt", _locked, "cannot be read: permission denied"),
    Case("missing.txt", lambda p: None, "no such file"),
    Case("million-chars.txt", _million_chars, None, TAIL, big=True),
    Case("one-line.txt", _one_line, None, TAIL, big=True),
]


def snapshot(db: Path) -> dict[str, tuple[int, str]]:
    """Every table of the database: its row count and a checksum of its rows."""
    engine = get_engine(db_url_for(db))
    out = {}
    with engine.connect() as c:
        for name in inspect(c).get_table_names():
            rows = sorted(repr(tuple(r)) for r in c.execute(text(f'SELECT * FROM "{name}"')))
            out[name] = (len(rows), hashlib.sha256("\n".join(rows).encode()).hexdigest())
    return out


def copy_db(source: Path, target: Path) -> None:
    """A consistent copy of a test database."""
    copy_database(source, target)
