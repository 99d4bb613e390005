"""Ingest throughput: the seeds repeated to N articles with distinct text, and peak memory;
the same articles as one JSON Lines file, which must ingest at least as fast as the files.

Run with `make bench` (or `python bench/bench_ingest.py --articles 1000`).
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from app.config import Settings  # noqa: E402
from app.extract.run import Extractor  # noqa: E402
from app.ingest.readers import read_path  # noqa: E402
from app.ingest.segment import segment  # noqa: E402
from app.pipeline import ingest_paths  # noqa: E402


def make_corpus(folder: Path, count: int) -> list[str]:
    seeds = sorted((ROOT / "seeds").glob("*.txt"))
    texts = [p.read_text(encoding="utf-8") for p in seeds]
    paths = []
    for i in range(count):
        # A distinct line near the top of each copy (the tail may be cut as furniture),
        # so that no two texts hash alike.
        first, _, rest = texts[i % len(texts)].partition("\n")
        text = f"{first}\n\nThis is copy {i} of the benchmark corpus.\n{rest}"
        path = folder / f"bench_{i:05d}.txt"
        path.write_text(text, encoding="utf-8")
        paths.append(str(path))
    return paths


def as_jsonl(paths: list[str], target: Path) -> Path:
    """The same texts, one JSON Lines record each, in the same order."""
    with target.open("w", encoding="utf-8") as out:
        for p in paths:
            out.write(json.dumps({"text": Path(p).read_text(encoding="utf-8")}) + "\n")
    return target


def extraction_rate(paths: list[str], settings: Settings) -> None:
    """Parsing and extraction alone (no database), on the worker processes ingest uses."""
    bodies = [read_path(p)[0].body for p in paths]
    words = sum(len(b.split()) for b in bodies)
    jobs = [(b, segment(b)[1], None, "") for b in bodies]
    with Extractor(settings.spacy_model, workers=settings.workers) as extractor:
        extractor.run(jobs[:64])  # start the workers and load their pipelines
        start = time.perf_counter()
        extractor.run(jobs)
        elapsed = time.perf_counter() - start
    print(
        f"extraction: {len(jobs) / elapsed:.1f} articles/s, {words / elapsed:,.0f} words/s"
        f" on {settings.workers} processes (goal >= 10 articles/s, 8,000 words/s)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--articles", type=int, default=1000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        paths = make_corpus(folder, args.articles)
        words = sum(len(Path(p).read_text().split()) for p in paths)
        settings = Settings(db_url=f"sqlite:///{folder / 'bench.db'}")
        start = time.perf_counter()
        report = ingest_paths(paths, settings)
        elapsed = time.perf_counter() - start
        jsonl = as_jsonl(paths, folder / "bench.jsonl")
        start = time.perf_counter()
        by_line = ingest_paths([str(jsonl)], Settings(db_url=f"sqlite:///{folder / 'lines.db'}"))
        line_elapsed = time.perf_counter() - start
        extraction_rate(paths, settings)
    peak_mb = (
        max(
            resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
            resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss,
        )
        / 1024
    )
    print(f"ingest: {len(report.added)} articles ({words:,} words) in {elapsed:.1f} s")
    rate = len(report.added) / elapsed
    print(f"ingest throughput: {rate:.1f} articles/s, {words / elapsed:,.0f} words/s")
    stages = ", ".join(f"{k} {v:.1f} s" for k, v in report.timings.items())
    print(f"stages: {stages}")
    print(
        f"one JSON Lines file of the same {len(by_line.added)} articles: {line_elapsed:.1f} s"
        f" ({len(by_line.added) / line_elapsed:.1f} articles/s) against {elapsed:.1f} s as files:"
        f" {elapsed / line_elapsed:.2f}x (goal >= 1.00x, at least as fast as the files)"
    )
    stages = ", ".join(f"{k} {v:.1f} s" for k, v in by_line.timings.items())
    print(f"stages (JSON Lines): {stages}")
    print(f"peak memory: {peak_mb:.0f} MB")
    if report.failed or by_line.failed or len(by_line.added) != len(report.added):
        print(f"failed: {len(report.failed)} files, {len(by_line.failed)} lines", file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    main()
