"""Ingest through a Dask cluster (`parallax ingest --scheduler`) against the local pool.

The same real articles (the BBC texts of `bench_link.py`, or `--corpus DIR`) are ingested
four times into fresh databases: by the local worker pool, by the command's process alone,
then through a local Dask cluster of 1 and of 2 worker processes (one thread each). Each
time counts the whole ingest as a user waits for it — the workers loading the spaCy
pipeline, extraction, storing and linking — but not the cluster's own start, which a team's
cluster has behind it. All the databases must hold the same figures. The runs share the
machine with whatever else runs on it: the load average is printed with them.

Run with `python bench/bench_dask.py [--articles 200] [--corpus DIR]`.
"""

from __future__ import annotations

import argparse
import logging
import os
import sqlite3
import sys
import tempfile
import time
from dataclasses import dataclass, replace
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


@dataclass
class Run:
    seconds: float
    report: IngestReport
    # The pace once the first batch is back, as the progress bar shows it: the workers'
    # start (loading the pipeline and the gazetteers) is behind it.
    steady: float | None


def timed(paths: list[str], settings: Settings) -> Run:
    marks: list[tuple[float, int]] = []
    start = time.perf_counter()
    report = ingest_paths(
        paths, settings, on_progress=lambda done, _all: marks.append((time.perf_counter(), done))
    )
    seconds = time.perf_counter() - start
    counted = [(t, done) for t, done in marks if done]
    steady = None
    if len(counted) > 1 and counted[-1][0] > counted[0][0]:
        steady = (counted[-1][1] - counted[0][1]) / (counted[-1][0] - counted[0][0])
    return Run(seconds, report, steady)


def figures(db: Path) -> list[tuple[object, ...]]:
    with sqlite3.connect(db) as con:
        return con.execute(
            "SELECT article_id, start, end, value, measure FROM figure ORDER BY id"
        ).fetchall()


def say(label: str, run: Run, base: Run | None) -> None:
    rate = len(run.report.added) / run.seconds
    against = f", {base.seconds / run.seconds:.2f}x the local pool" if base else ""
    steady = f"{run.steady:.1f} articles/s" if run.steady else "–"
    print(
        f"{label}: {len(run.report.added)} articles in {run.seconds:.1f} s, {rate:.1f} articles/s"
        f"{against}; after the first batch {steady}",
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
        dbs = [Path(tmp) / f"{name}.db" for name in ("local", "alone", "dask1", "dask2")]
        base = Settings(db_url=f"sqlite:///{dbs[0]}")
        local = timed(paths, base)
        say(f"local pool ({base.workers} processes)", local, None)
        # No pool at all: the command's own process extracts between its stores.
        alone = timed(paths, replace(base, db_url=f"sqlite:///{dbs[1]}", workers=1))
        say("local, in the command's process", alone, local)
        for workers, db in zip((1, 2), dbs[2:], strict=True):
            with LocalCluster(
                n_workers=workers,
                threads_per_worker=1,
                processes=True,
                protocol="tcp",
                host="127.0.0.1",
                dashboard_address=None,
                # A worker still beating while its scheduler closes logs a traceback: noise
                # in the record, not a fault of the run.
                silence_logs=logging.CRITICAL,
            ) as cluster:
                address = cluster.scheduler_address
                settings = replace(base, db_url=f"sqlite:///{db}", scheduler=address)
                run = timed(paths, settings)
            say(f"dask, {workers} worker{'s' if workers > 1 else ''}", run, local)
        same = all(figures(db) == figures(dbs[0]) for db in dbs[1:])
        print(f"same figures in all {len(dbs)} databases: {same} ({len(figures(dbs[0]))} figures)")
        if not same:
            sys.exit(1)


if __name__ == "__main__":
    main()
