"""The benchmark record: every number under the command that printed it, kept step by step."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from bench.record import Step, main, run


def test_bench_record_writes_machine_commit_command_and_output(tmp_path: Path) -> None:
    out = tmp_path / "BENCHMARKS.md"
    steps = [
        Step("a", "Pages per second", (sys.executable, "-c", 'print("p99 12.5 ms")')),
        Step("b", "A step that fails", (sys.executable, "-c", "import sys; sys.exit(3)")),
        Step("c", "A step without its data", (sys.executable, "-V"), needs="no/such/file.db"),
    ]
    results = run(steps, out)
    text = out.read_text(encoding="utf-8")
    assert [r.code for r in results] == [0, 3, None]
    assert "- machine: " in text and "cores" in text and "load average" in text
    assert "- commit: " in text
    assert "## Pages per second" in text and "p99 12.5 ms" in text
    assert 'print("p99 12.5 ms")' in text  # the command behind the number
    assert "exit status 3" in text
    assert "Skipped: no/such/file.db not found" in text


def test_bench_record_refuses_an_unknown_step(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as stop:
        main(["--out", str(tmp_path / "x.md"), "--only", "nothing-of-the-kind"])
    assert stop.value.code == 2
    assert "the steps are ingest, ingest-scale, link" in capsys.readouterr().err  # names them
    assert not (tmp_path / "x.md").exists()


def test_bench_record_one_step_again_keeps_the_others(tmp_path: Path) -> None:
    out = tmp_path / "BENCHMARKS.md"
    first = Step("a", "Articles per second", (sys.executable, "-c", 'print("rate 11.0")'))
    second = Step("b", "Peak memory", (sys.executable, "-c", 'print("peak 640 MB")'))
    run([first, second], out)
    before = out.read_text(encoding="utf-8")
    again = Step("b", "Peak memory", (sys.executable, "-c", 'print("peak 512 MB")'))
    run([again], out, every=[first, again])
    text = out.read_text(encoding="utf-8")
    assert "rate 11.0" in text and "peak 512 MB" in text and "peak 640 MB" not in text
    assert text.index("## Articles per second") < text.index("## Peak memory")
    # The step not run again is kept as it was, its own machine, commit and time included.
    kept = before[before.index("## Articles per second") : before.index("## Peak memory")]
    assert kept in text and kept.count("- commit: ") == 1
