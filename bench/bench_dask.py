"""Ingest through a Dask cluster (`parallax ingest --scheduler`) against the local pool.

The same real articles (the BBC texts of `bench_link.py`, or `--corpus DIR`) are ingested
three times into fresh databases: by the local worker pool, then through a local Dask cluster
of 1 and of 2 worker processes (one thread each). Each time counts the whole ingest as a user
waits for it — the workers loading the spaCy pipeline, extraction, storing and linking — but
not the cluster's own start, which a team's cluster has behind it. The three databases must
hold the same figures.

Run with `python bench/bench_dask.py [--articles 200] [--corpus DIR]`.
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
# The cluster's own log (workers starting and stopping) would bury the numbers; set before
# Dask is imported, which reads it, and inherited by the worker processes.
os.environ.setdefault("DASK_LOGGING__DISTRIBUTED", "error")

from distributed import LocalCluster  # noqa: E402

from app.config import Settings  # noqa: E402
from app.pipeline import IngestReport, ingest_paths  # noqa: E402
from bench.bench_link import bbc_folder  # noqa: E402


def timed(paths: list[str], settings: Settings) -> tuple[float, IngestReport]:
    start = time.perf_counter()
    report = ingest_paths(paths, settings)
    return time.perf_counter() - start, report


def figures(db: Path) -> list[tuple[object, ...]]:
    with sqlite3.connect(db) as con:
        return con.execute(
            "SELECT article_id, start, end, value, measure FROM figure ORDER BY id"
        ).fetchall()


def say(label: str, seconds: float, report: IngestReport, base: float | None) -> None:
    rate = len(report.added) / seconds
    against = f", {base / seconds:.2f}x the local pool" if base else ""
    waiting = report.timings.get("extract (waiting)", 0.0)
    print(
        f"{label}: {len(report.added)} articles in {seconds:.1f} s, {rate:.1f} articles/s"
        f"{against} (waiting for extraction {waiting:.1f} s)",
        flush=True,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--articles", type=int, default=200)
    parser.add_argument("--corpus", type=Path, help="a folder of articles (default: the BBC's)")
    args = parser.parse_args()
    folder = args.corpus or bbc_folder()
    paths = sorted(str(p) for p in folder.iterdir() if p.is_file())[: args.articles]
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    print(f"{len(paths)} articles from {folder}; {os.cpu_count()} cores, load average {load}")
    with tempfile.TemporaryDirectory() as tmp:
        dbs = [Path(tmp) / f"{name}.db" for name in ("local", "dask1", "dask2")]
        base = Settings(db_url=f"sqlite:///{dbs[0]}")
        seconds, report = timed(paths, base)
        say(f"local pool ({base.workers} processes)", seconds, report, None)
        local = seconds
        for workers, db in zip((1, 2), dbs[1:], strict=True):
            with LocalCluster(
                n_workers=workers,
                threads_per_worker=1,
                processes=True,
                protocol="tcp",
                host="127.0.0.1",
                dashboard_address=None,
            ) as cluster:
                address = cluster.scheduler_address
                settings = replace(base, db_url=f"sqlite:///{db}", scheduler=address)
                seconds, report = timed(paths, settings)
            say(f"dask, {workers} worker{'s' if workers > 1 else ''}", seconds, report, local)
        same = all(figures(db) == figures(dbs[0]) for db in dbs[1:])
        print(f"same figures in all three databases: {same} ({len(figures(dbs[0]))} figures)")
        if not same:
            sys.exit(1)


if __name__ == "__main__":
    main()
