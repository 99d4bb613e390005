"""The article list and its facets at 100,000 articles: milliseconds per request.

The database is synthetic (made-up outlets, places, sources; short bodies) and built once under
data/bench/: the facets read only the indexed columns they count, so what the texts say does
not matter here, only how many rows there are. Per article: 6 figures, 5 place mentions.
Each page is requested through the app (in process, no network): once first, when nothing is
kept (the facets of an unfiltered page are counted in full once and kept until the data
changes), then again. Facets of a filtered page share a time budget (Settings.facet_budget_ms).
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import sqlite3
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from fastapi.testclient import TestClient  # noqa: E402

from app.config import Settings  # noqa: E402
from app.db import get_engine  # noqa: E402
from app.web.app import create_app  # noqa: E402

CACHE = ROOT / "data" / "bench"
MEASURES = ("killed", "injured", "casualties", "arrested", "troops", "other")


def build(path: Path, articles: int, seed: int = 11) -> None:
    rng = random.Random(seed)
    get_engine(f"sqlite:///{path}")  # the schema, with every index
    con = sqlite3.connect(path)
    outlets = [f"Outlet {i}" for i in range(400)]
    sources = ["unknown"] * 40 + [f"Source {i}" for i in range(2000)]
    places = [f"Place {i}" for i in range(3000)]
    stories = articles // 12
    start = dt.date(2030, 1, 1)
    now = dt.datetime(2031, 1, 1).isoformat(sep=" ")
    con.executemany(
        "INSERT INTO story (id, title) VALUES (?, ?)",
        ((i, f"Story {i}") for i in range(1, stories + 1)),
    )
    con.executemany(
        "INSERT INTO place (id, name, kind) VALUES (?, ?, 'city')",
        ((i + 1, name) for i, name in enumerate(places)),
    )
    con.executemany(
        "INSERT INTO article (id, source_file, content_hash, title, title_basis, outlet,"
        " outlet_basis, date, date_basis, body, words, story_id, ingested_at)"
        " VALUES (?, ?, ?, ?, 'stated', ?, 'stated', ?, 'stated', 'text', 1, ?, ?)",
        (
            (
                i,
                f"a{i}.txt",
                f"h{i}",
                f"Article {i}",
                rng.choice(outlets) if rng.random() > 0.1 else None,
                (start + dt.timedelta(days=rng.randrange(730))).isoformat(),
                rng.randrange(1, stories + 1),
                now,
            )
            for i in range(1, articles + 1)
        ),
    )
    con.executemany(
        "INSERT INTO figure (article_id, start, \"end\", text, sentence_start, sentence_end,"
        " value, qualifier, measure, \"group\", place, source, topic, rejected, derived, event,"
        " event_reason, status, in_title, added, corrected) VALUES (?, 0, 1, 'x', 0, 1, ?,"
        " 'exact', ?, 'total', ?, ?, ?, 0, 0, 'this', '', 'reported', 0, 0, '')",
        (
            (a, rng.randrange(1, 500), m, p, rng.choice(sources), f"{m}|total|{p}")
            for a in range(1, articles + 1)
            for m, p in ((rng.choice(MEASURES), rng.choice(places)) for _ in range(6))
        ),
    )
    con.executemany(
        "INSERT INTO placemention (place_id, article_id, start, \"end\", text, in_title)"
        " VALUES (?, ?, 0, 1, 'x', 0)",
        (
            (rng.randrange(1, len(places) + 1), a)
            for a in range(1, articles + 1)
            for _ in range(5)
        ),
    )
    con.commit()
    con.execute("ANALYZE")
    con.close()


def timed(client: TestClient, url: str, repeat: int) -> tuple[float, float, float]:
    """The first request (nothing kept yet), then the median and the slowest of the others."""
    t0 = time.perf_counter()
    client.get(url)
    first = (time.perf_counter() - t0) * 1000
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        r = client.get(url)
        times.append((time.perf_counter() - t0) * 1000)
        assert r.status_code == 200, (url, r.status_code)
    return first, statistics.median(times), max(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    CACHE.mkdir(parents=True, exist_ok=True)
    path = CACHE / f"facets_{args.articles}.db"
    if not path.exists():
        t0 = time.perf_counter()
        build(path, args.articles)
        print(f"built {path.name} in {time.perf_counter() - t0:.0f} s", flush=True)
    urls = [
        "/",
        "/?outlet=Outlet+7",
        "/?measure=troops",
        "/?source=Source+12",
        "/?city=Place+99",
        "/?date_from=2030-03-01&date_to=2030-03-31",
        "/?outlet=outlet+7&measure=killed&page=2",
        "/export/articles.csv?outlet=Outlet+7",
    ]
    with TestClient(create_app(Settings(db_url=f"sqlite:///{path}"))) as client:
        client.headers["Accept"] = "text/html"
        print(f"{'request':46} {'first ms':>9} {'median ms':>10} {'max ms':>8}")
        for url in urls:
            first, median, worst = timed(client, url, args.repeat)
            print(f"{url:46} {first:9.0f} {median:10.0f} {worst:8.0f}", flush=True)


if __name__ == "__main__":
    main()
