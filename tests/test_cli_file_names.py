"""Hostile file names through the real `parallax` command: printed as named, one line each.

A name may hold Rich markup ("[/x]" across a folder and its file, "[bold]"), a newline that
would forge an error line of its own, a terminal escape sequence, or bytes that are not UTF-8;
none of them may crash the command, restyle the terminal or add a line.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.databases import db_url_for

ROOT = Path(__file__).resolve().parents[1]


def run_cli(*args: str, terminal: bool = False) -> subprocess.CompletedProcess[bytes]:
    env = {k: v for k, v in os.environ.items() if k not in ("FORCE_COLOR", "NO_COLOR")}
    env["COLUMNS"] = "400"  # one line per message, whatever the path's length
    if terminal:
        env["FORCE_COLOR"] = "1"  # Rich renders as to a terminal: colours, the live bar
    return subprocess.run(
        [sys.executable, "-m", "app.cli", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        timeout=120,
    )


def hostile_folder(tmp_path: Path) -> tuple[Path, list[str]]:
    """A folder of files that all fail (so that no language model is loaded), and the error
    lines they must give, as printed."""
    folder = tmp_path / "in[" / "x]b[bold]"  # "in[/x]b[bold]": a closing tag never opened
    folder.mkdir(parents=True)
    shown = "in[/x]b[bold]"
    names = {
        "plain[red].txt": "plain[red].txt",
        "evil\nerror forged.txt: forged line.txt": "evil\\nerror forged.txt: forged line.txt",
        "esc\x1b[31mred\x1b[0m.txt": "esc\\x1b[31mred\\x1b[0m.txt",
        "flip\u202etxt.exe": "flip\\u202etxt.exe",
    }
    for name in names:
        (folder / name).write_bytes(b"")
    raw = os.fsencode(folder) + b"/bytes\xff\xfe.txt"
    with open(raw, "wb"):
        pass
    names["bytes\udcff\udcfe.txt"] = "bytes\\xff\\xfe.txt"
    (folder / "lines[i].jsonl").write_text('{"text": "A pier closed."}\n{oops\n', encoding="utf-8")
    base = f"error {tmp_path}/{shown}/"
    expected = [f"{base}{printed}: file is empty" for printed in names.values()]
    expected.append(f"{base}lines[i].jsonl#2: line 2 is not valid JSON")
    return tmp_path / "in[", expected


@pytest.mark.parametrize("terminal", [False, True], ids=["pipe", "terminal"])
def test_cli_ingest_prints_hostile_names_literally(tmp_path: Path, terminal: bool) -> None:
    folder, expected = hostile_folder(tmp_path)
    missing = str(tmp_path / "gone[/x]\nerror forged.txt")
    result = run_cli(
        "ingest", str(folder), missing, "--db", db_url_for(tmp_path / "t.db"), terminal=terminal
    )
    assert result.returncode == 1, result.stderr
    err = result.stderr.decode("utf-8")
    if terminal:  # Rich's own colours: the names' escape sequences must not be among them
        assert "\x1b[31mred" not in err and "\u202e" not in err
        err = _strip_rich_styles(err)
    else:
        assert "\x1b" not in err, err
    lines = [line for line in err.splitlines() if line.strip()]
    errors = [line for line in lines if line.startswith("error ")]
    assert len(errors) == len(expected) + 1, err
    for want in expected:
        assert sum(line.startswith(want) for line in errors) == 1, (want, err)
    assert f"error {tmp_path}/gone[/x]\\nerror forged.txt: no such file" in errors
    assert not any(line.startswith("error forged.txt") for line in lines), err
    assert lines[-1].startswith("0 added, 0 unchanged"), err


def _strip_rich_styles(text: str) -> str:
    """Rich's SGR codes and cursor controls, which the names' own escapes (printed as "\\x1b")
    cannot be."""
    import re

    text = re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", text)
    # The live bar redraws itself after carriage returns: keep each line's last drawing.
    return "\n".join(line.split("\r")[-1] for line in text.split("\n"))


def test_cli_export_to_unwritable_path_names_it(tmp_path: Path) -> None:
    target = tmp_path / "no[/x]\nsuch" / "out.csv"
    db = db_url_for(tmp_path / "t.db")
    result = run_cli("export", "articles", "--out", str(target), "--db", db)
    assert result.returncode == 1
    err = result.stderr.decode("utf-8")
    assert err.splitlines() == [
        f"error {tmp_path}/no[/x]\\nsuch/out.csv: could not be written (No such file or directory)"
    ]


def test_cli_eval_missing_references_names_the_folder(tmp_path: Path) -> None:
    gold = tmp_path / "gold[/x]"
    result = run_cli("eval", "--gold", str(gold), "--db", db_url_for(tmp_path / "t.db"))
    assert result.returncode == 2
    err = result.stderr.decode("utf-8")
    assert err.splitlines() == [f"error {gold}/seeds_figures.jsonl: reference file not found"]
