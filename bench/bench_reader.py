"""Reader latency: article, compare and figure-panel responses at 10 concurrent clients.

Runs a real `parallax serve` over a large database (by default the 10,000-article database
that bench_link.py builds and keeps under data/bench/) and reports p50/p95/p99 per page.
The goal is p99 < 50 ms. Requests are bounded in number and go to 127.0.0.1 only.
"""

from __future__ import annotations

import argparse
import random
import socket
import sqlite3
import statistics
import subprocess
import sys
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _sample(db: Path, n: int, rng: random.Random) -> dict[str, list[str]]:
    con = sqlite3.connect(db)
    articles = [r[0] for r in con.execute("SELECT id FROM article")]
    stories: dict[int, list[int]] = {}
    for aid, sid in con.execute("SELECT id, story_id FROM article WHERE story_id IS NOT NULL"):
        stories.setdefault(sid, []).append(aid)
    groups = [v for v in stories.values() if len(v) >= 2]
    linked = [r[0] for r in con.execute("SELECT DISTINCT a_id FROM link WHERE kind='figure'")]
    figures = linked or [r[0] for r in con.execute("SELECT id FROM figure LIMIT 10000")]
    con.close()
    pairs = []
    for _ in range(n):
        group = rng.choice(groups) if groups else rng.sample(articles, 2)
        pairs.append(",".join(map(str, rng.sample(group, min(len(group), rng.choice((2, 3)))))))
    return {
        "article": [f"/articles/{rng.choice(articles)}" for _ in range(n)],
        "compare": [f"/compare?ids={p}" for p in pairs],
        "figure panel": [f"/figures/{rng.choice(figures)}" for _ in range(n)],
        "figure panel (htmx)": [f"/figures/{rng.choice(figures)}" for _ in range(n)],
    }


def _get(url: str, htmx: bool) -> float:
    request = urllib.request.Request(url, headers={"Accept": "text/html"})
    if htmx:
        request.add_header("HX-Request", "true")
    start = time.perf_counter()
    with urllib.request.urlopen(request, timeout=30) as response:
        response.read()
        if response.status != 200:
            raise RuntimeError(f"{url}: {response.status}")
    return (time.perf_counter() - start) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--db", default=str(ROOT / "data" / "bench" / "link_10000.db"))
    parser.add_argument("--requests", type=int, default=300, help="per page")
    parser.add_argument("--clients", type=int, default=10)
    parser.add_argument("--workers", type=int, default=2, help="server processes")
    args = parser.parse_args()
    db = Path(args.db)
    if not db.exists():
        sys.exit(f"{db}: no such database; run bench/bench_link.py first (it builds it)")
    rng = random.Random(3)
    paths = _sample(db, args.requests, rng)
    port = _free_port()
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "app.cli",
            "serve",
            "--port",
            str(port),
            "--db",
            str(db),
            "--workers",
            str(args.workers),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                urllib.request.urlopen(base + "/healthz", timeout=1)
                break
            except OSError:
                if time.monotonic() > deadline:
                    sys.exit("server did not start")
                time.sleep(0.3)
        for page, urls in paths.items():
            htmx = "htmx" in page
            for url in urls[:20]:  # warm the caches of SQLite and the templates
                _get(base + url, htmx)
            with ThreadPoolExecutor(args.clients) as pool:
                times = sorted(pool.map(lambda u, h=htmx: _get(base + u, h), urls))
            p = statistics.quantiles(times, n=100)
            print(
                f"{page:<20} n={len(times)} p50 {p[49]:.1f} ms  p95 {p[94]:.1f} ms"
                f"  p99 {p[98]:.1f} ms  (goal p99 < 50 ms, {args.clients} clients,"
                f" {args.workers} server processes)",
                flush=True,
            )
    finally:
        server.terminate()
        server.wait(timeout=10)


if __name__ == "__main__":
    main()
