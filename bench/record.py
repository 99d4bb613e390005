"""Run the benchmarks and keep their numbers on record in BENCHMARKS.md.

Each bench script prints its own measures; this runs them one after the other and writes,
for each, the exact command, how long it took and what it printed, under a header naming the
machine, the date and the commit of that step's run. The file is rewritten after every step,
so an interrupted run still leaves the numbers measured so far; `--only` runs some steps and
keeps the other steps' sections as they were. `make bench` calls it.

    python bench/record.py [--out BENCHMARKS.md] [--only NAME ...] [--ecbplus DIR]
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import shlex
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIG_DB = "data/bench/link_100000.db"


@dataclass(frozen=True)
class Step:
    name: str
    title: str
    argv: tuple[str, ...]
    needs: str | None = None  # a path that must exist for the step to run


def steps(python: str, ecbplus: Path) -> list[Step]:
    """What `make bench` measures, in the order it is measured."""
    corpus = str(ecbplus)
    return [
        Step("ingest", "Ingest with extraction and linking", (python, "bench/bench_ingest.py")),
        Step(
            "ingest-scale",
            "Ingest of real news at 1,000 and 10,000 articles, beside spaCy alone",
            (python, "bench/bench_ingest_scale.py", "--sizes", "1000,10000"),
        ),
        Step(
            "link",
            "Linking at 10,000 and 100,000 articles",
            (python, "bench/bench_link.py", "--sizes", "10000,100000"),
        ),
        Step(
            "reader-10k",
            "Pages at 10 clients, 10,000 articles",
            (python, "bench/bench_reader.py", "--db", "data/bench/link_10000.db"),
        ),
        Step(
            "reader-100k",
            "Pages at 10 clients, 100,000 articles",
            (python, "bench/bench_reader.py", "--db", BIG_DB, "--requests", "300"),
            needs=BIG_DB,
        ),
        Step("facets", "Article list and facets at 100,000", (python, "bench/bench_facets.py")),
        Step(
            "dask",
            "Ingest through a Dask cluster of 1 and 2 workers, beside the local processes",
            (python, "bench/bench_dask.py"),
        ),
        Step(
            "stories",
            "Story grouping on ECB+",
            (python, "bench/bench_stories.py", f"{corpus}/articles.jsonl"),
            needs=corpus,
        ),
        Step(
            "ecbplus",
            "Stories and figure links on ECB+ through the whole pipeline",
            (python, "bench/bench_ecbplus.py", corpus),
            needs=corpus,
        ),
    ]


def machine() -> str:
    memory = ""
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                memory = f", {int(line.split()[1]) / 1024 / 1024:.0f} GB memory"
    except OSError:
        pass
    # Other work on the machine slows every number: the load when the run starts says so.
    load = ", load average {:.1f} {:.1f} {:.1f}".format(*os.getloadavg())
    return (
        f"{platform.system()} {platform.release()} ({platform.machine()}), "
        f"{os.cpu_count()} cores{memory}, Python {platform.python_version()}{load}"
    )


def commit(out: Path) -> str:
    def git(*args: str) -> str:
        out = subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True)
        return out.stdout.strip()

    head = git("rev-parse", "--short", "HEAD") or "unknown"
    # The record itself is written between steps: its own change says nothing of the code.
    changed = git("status", "--porcelain", "--", ".", f":(exclude){out.name}")
    return f"{head} (with uncommitted changes)" if changed else head


@dataclass
class Result:
    step: Step
    seconds: float
    code: int | None  # None: skipped
    output: str


def render(sections: list[str]) -> str:
    lines = [
        "# Benchmarks",
        "",
        "Written by `make bench` (`bench/record.py`); every number below is what the command",
        "above it printed, in the run its section names (machine, commit, start). A step run",
        "alone (`--only NAME`) replaces its own section and keeps the others. Rerun with the",
        "same command to compare.",
    ]
    return "\n".join(lines) + "\n\n" + "\n\n".join(x.strip("\n") for x in sections) + "\n"


def section(result: Result, header: str) -> str:
    step = result.step
    lines = [f"## {step.title}", "", header, "", f"`{shlex.join(step.argv)}`", ""]
    if result.code is None:
        return "\n".join([*lines, f"Skipped: {result.output}", "", ""])
    state = "" if result.code == 0 else f", exit status {result.code}"
    lines += [f"{result.seconds:.0f} s{state}", "", "```", result.output.rstrip(), "```", ""]
    return "\n".join([*lines, ""])


def earlier_sections(out: Path) -> dict[str, str]:
    """The sections of the record as it stands, by title: those that name their own run (a
    record written before sections did names its run once, at its top, and is not kept)."""
    try:
        text = out.read_text(encoding="utf-8")
    except OSError:
        return {}
    found = {}
    for part in text.split("\n## ")[1:]:
        title = part.split("\n", 1)[0].strip()
        if "\n- machine: " in part:
            found[title] = "## " + part.strip("\n")
    return found


def run(
    chosen: list[Step], out: Path, keep_lines: int = 80, every: list[Step] | None = None
) -> list[Result]:
    """Runs the chosen steps and writes the record: their sections anew, and, for the other
    steps of `every` (in its order), the sections the record already held."""
    order = every or chosen
    kept = earlier_sections(out)
    new: dict[str, str] = {}
    results: list[Result] = []
    for step in chosen:
        started = dt.datetime.now(dt.UTC)
        header = (
            f"- machine: {machine()}\n- commit: {commit(out)}\n"
            f"- started: {started:%Y-%m-%d %H:%M} UTC"
        )
        if step.needs and not (ROOT / step.needs).exists():
            result = Result(step, 0.0, None, f"{step.needs} not found")
        else:
            print(f"== {step.title}: {shlex.join(step.argv)}", flush=True)
            t0 = time.perf_counter()
            done = subprocess.run(
                step.argv, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
            )
            print(done.stdout, end="", flush=True)
            tail = "\n".join(done.stdout.splitlines()[-keep_lines:])
            result = Result(step, time.perf_counter() - t0, done.returncode, tail)
        results.append(result)
        new[step.title] = section(result, header)
        # After every step: an interrupted run keeps what it measured.
        sections = [new.get(s.title) or kept.get(s.title) for s in order]
        out.write_text(render([x for x in sections if x]), encoding="utf-8")
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=ROOT / "BENCHMARKS.md")
    parser.add_argument("--only", nargs="*", default=None, help="step names to run, in order")
    parser.add_argument("--ecbplus", type=Path, default=ROOT.parent / "shared/corpora/ecbplus")
    args = parser.parse_args(argv)
    every = steps(sys.executable, args.ecbplus)
    named = {s.name: s for s in every}
    unknown = [n for n in args.only or () if n not in named]
    if unknown or args.only == []:
        parser.error(f"no such step; the steps are {', '.join(named)}")
    # The order asked for: the quick measures first, say, when time is short.
    chosen = every if args.only is None else [named[n] for n in args.only]
    results = run(chosen, args.out, every=every)
    print(f"written: {args.out}")
    return 0 if all(r.code in (0, None) for r in results) else 1


if __name__ == "__main__":
    sys.exit(main())
