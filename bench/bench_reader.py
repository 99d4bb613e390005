"""Reader latency: article, compare, figure-panel and story responses, and the lists (index,
figures, stories, actors, places, dates), at 10 concurrent clients.

Runs a real `parallax serve` (2 processes) over a large database (by default the 10,000-article
database that bench_link.py builds and keeps under data/bench/) and reports p50/p95/p99 per
page. The goal is p99 < 50 ms. Requests are bounded in number and go to 127.0.0.1 only.

Each page is measured with its own random ids (articles, groups of 2 or 3 articles of one
story, figures that have links, stories), drawn with replacement, so a repeated id may be
served from the page cache as it would be in use. Before each page, a few requests for other
random ids warm SQLite and the templates; no measured id is requested beforehand. A list is
measured over its pages (`?page=N`, N drawn from all of its pages, their number read from the
first page's pager: one page for a list without one) or, for the figures, places and dates,
over the stories (`?story=`); the figures also under a date range (a week around a day the
articles were published) and under a place (one of the places their figures count in most).
Search is measured for common words (among the most frequent in the titles and bodies) and
for rare ones (words in fewer than 50 articles), each request a word drawn from those. Before
any of that, each list's first page, a search and a filtered overview are requested once on
the fresh server: their first (cold) request, printed apart. Last, the resident memory of the
server's processes (the sum, and the largest one).

The load is 10 client threads taking the next URL as soon as their last response is in (a
closed loop: at most 10 requests in flight). Each client keeps one HTTP/1.1 connection open
and reuses it, as a browser does; a request's time runs from sending it to having read the
whole response. A kept connection stays with the server process that accepted it, and the
kernel does not always share 10 connections out evenly (6 and 4, sometimes 8 and 2): the
busier process then sets the median. `--fresh-connections` opens a new TCP connection for
every request instead, which is how this bench measured before: the client's own connection
set-up, on the same cores as the server, then counts in every time.
"""

from __future__ import annotations

import argparse
import datetime as dt
import http.client
import queue
import random
import re
import socket
import sqlite3
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parents[1]
WARM = 20  # warm-up requests before each page, for ids that are not measured
HOST = "127.0.0.1"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return int(s.getsockname()[1])


def _sample(db: Path, n: int, rng: random.Random) -> dict[str, list[str]]:
    """For each page, n + WARM paths: the first WARM ones warm up, the others are measured."""
    con = sqlite3.connect(db)
    articles = [r[0] for r in con.execute("SELECT id FROM article")]
    stories: dict[int, list[int]] = {}
    for aid, sid in con.execute("SELECT id, story_id FROM article WHERE story_id IS NOT NULL"):
        stories.setdefault(sid, []).append(aid)
    groups = [v for v in stories.values() if len(v) >= 2]
    linked = [r[0] for r in con.execute("SELECT DISTINCT a_id FROM link WHERE kind='figure'")]
    figures = linked or [r[0] for r in con.execute("SELECT id FROM figure LIMIT 10000")]
    days = [r[0] for r in con.execute("SELECT DISTINCT date FROM article WHERE date IS NOT NULL")]
    places = [
        r[0]
        for r in con.execute(
            "SELECT place FROM figure WHERE place IS NOT NULL AND place != ''"
            " GROUP BY place ORDER BY count(*) DESC LIMIT 30"
        )
    ]
    common, rare = _words(con)
    con.close()
    total = n + WARM
    pairs = []
    for _ in range(total):
        group = rng.choice(groups) if groups else rng.sample(articles, 2)
        pairs.append(",".join(map(str, rng.sample(group, min(len(group), rng.choice((2, 3)))))))
    paths = {
        "article": [f"/articles/{rng.choice(articles)}" for _ in range(total)],
        "compare": [f"/compare?ids={p}" for p in pairs],
        "figure panel": [f"/figures/{rng.choice(figures)}" for _ in range(total)],
        "figure panel (htmx)": [f"/figures/{rng.choice(figures)}" for _ in range(total)],
        "story": [f"/stories/{rng.choice(list(stories) or [0])}" for _ in range(total)],
    }
    story_ids = list(stories) or [0]
    paths["figures of a week"] = [_week(rng.choice(days or ["2000-01-01"])) for _ in range(total)]
    paths["figures of a place"] = [
        f"/figures?city={quote(rng.choice(places or ['nowhere']))}" for _ in range(total)
    ]
    paths["search common"] = [f"/search?q={rng.choice(common)}" for _ in range(total)]
    paths["search rare"] = [f"/search?q={rng.choice(rare)}" for _ in range(total)]
    for page, base in (("figures of a story", "/figures"), ("places of a story", "/places"),
                       ("dates of a story", "/dates")):  # fmt: skip
        paths[page] = [f"{base}?story={rng.choice(story_ids)}" for _ in range(total)]
    for page, urls in paths.items():
        measured = set(urls[WARM:])
        paths[page] = [u for u in urls[:WARM] if u not in measured] + urls[WARM:]
    return paths


def _words(con: sqlite3.Connection) -> tuple[list[str], list[str]]:
    """Words of the titles and bodies: the most frequent ones, and rare ones (in fewer than
    50 articles), letters only and at least four of them."""
    con.execute("CREATE VIRTUAL TABLE temp.vocab USING fts5vocab(main, article_fts, row)")
    rows = [
        (term, doc)
        for term, doc in con.execute("SELECT term, doc FROM temp.vocab")
        if len(term) >= 4 and term.isascii() and term.isalpha()
    ]
    rows.sort(key=lambda r: -r[1])
    common = [t for t, _ in rows[:30]]
    rare = [t for t, doc in rows if 1 < doc < 50][:200] or [t for t, _ in rows[-200:]]
    return common or ["news"], rare or ["news"]


def _week(day: str) -> str:
    """The figures overview of the week around a day."""
    mid = dt.date.fromisoformat(day)
    start, end = mid - dt.timedelta(days=3), mid + dt.timedelta(days=3)
    return f"/figures?date_from={start}&date_to={end}"


def _rss_mb(pid: int) -> tuple[float, float]:
    """The resident memory of a process and all its descendants: their sum and the largest,
    in MB."""
    children: dict[int, list[int]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        children.setdefault(int(fields[1]), []).append(int(stat.parent.name))
    sizes, todo = [], [pid]
    while todo:
        current = todo.pop()
        todo.extend(children.get(current, []))
        try:
            status = Path(f"/proc/{current}/status").read_text()
        except OSError:
            continue
        found = re.search(r"VmRSS:\s+(\d+) kB", status)
        if found:
            sizes.append(int(found.group(1)) / 1024)
    return sum(sizes), max(sizes, default=0.0)


class Client:
    """One client: a keep-alive connection, or a new connection for every request."""

    def __init__(self, port: int, *, fresh: bool) -> None:
        self.port = port
        self.fresh = fresh
        self.conn: http.client.HTTPConnection | None = None

    def get(self, path: str, htmx: bool) -> float:
        """The milliseconds from sending the request to having read all of the response."""
        headers = {"Accept": "text/html"}
        if htmx:
            headers["HX-Request"] = "true"
        if self.fresh:
            headers["Connection"] = "close"
        start = time.perf_counter()
        try:
            status = self._exchange(path, headers)
        except (http.client.RemoteDisconnected, ConnectionError):
            # The server may close a connection left idle; a browser opens a new one too.
            self.close()
            status = self._exchange(path, headers)
        elapsed = (time.perf_counter() - start) * 1000
        if self.fresh:
            self.close()
        if status != 200:
            raise RuntimeError(f"{path}: {status}")
        return elapsed

    def _exchange(self, path: str, headers: dict[str, str]) -> int:
        if self.conn is None:
            self.conn = http.client.HTTPConnection(HOST, self.port, timeout=30)
        self.conn.request("GET", path, headers=headers)
        response = self.conn.getresponse()
        response.read()
        return response.status

    def close(self) -> None:
        if self.conn is not None:
            self.conn.close()
            self.conn = None


def _measure(port: int, paths: list[str], htmx: bool, clients: int, fresh: bool) -> list[float]:
    """Send the paths from `clients` threads, each taking the next path when it is free."""
    todo: queue.SimpleQueue[str] = queue.SimpleQueue()
    for path in paths:
        todo.put(path)
    times: list[float] = []
    errors: list[BaseException] = []
    lock = threading.Lock()

    def run() -> None:
        client = Client(port, fresh=fresh)
        mine: list[float] = []
        try:
            while True:
                try:
                    path = todo.get_nowait()
                except queue.Empty:
                    break
                mine.append(client.get(path, htmx))
        except BaseException as exc:  # reported by the main thread
            errors.append(exc)
        finally:
            client.close()
            with lock:
                times.extend(mine)

    threads = [threading.Thread(target=run) for _ in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    if errors:
        raise errors[0]
    return sorted(times)


def _wait_for(port: int) -> None:
    deadline = time.monotonic() + 60
    while True:
        try:
            conn = http.client.HTTPConnection(HOST, port, timeout=1)
            conn.request("GET", "/healthz")
            conn.getresponse().read()
            conn.close()
            return
        except OSError:
            if time.monotonic() > deadline:
                sys.exit("server did not start")
            time.sleep(0.3)


# The lists paged by `?page=`; the first page of each is also timed on the fresh server.
LISTS = {"index": "/", "figures": "/figures", "stories": "/stories", "actors": "/actors",
         "places": "/places", "dates": "/dates"}  # fmt: skip


def _pages_of(port: int, path: str) -> tuple[int, float]:
    """The number of pages of a list, from its first page's pager, and the milliseconds that
    first request took."""
    client = Client(port, fresh=True)
    start = time.perf_counter()
    client.conn = http.client.HTTPConnection(HOST, port, timeout=600)
    client.conn.request("GET", path, headers={"Accept": "text/html"})
    body = client.conn.getresponse().read().decode("utf-8", "replace")
    took = (time.perf_counter() - start) * 1000
    client.close()
    found = re.search(r"page 1 of ([0-9,]+)", body)
    return (int(found.group(1).replace(",", "")) if found else 1), took


def _first(port: int, path: str) -> float:
    """The milliseconds of one request on the fresh server."""
    client = Client(port, fresh=True)
    client.conn = http.client.HTTPConnection(HOST, port, timeout=600)
    took = client.get(path, htmx=False)
    client.close()
    return took


def _list_paths(pages: int, base: str, n: int, rng: random.Random) -> list[str]:
    sep = "&" if "?" in base else "?"
    return [f"{base}{sep}page={rng.randint(1, pages)}" for _ in range(n)]


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--db", default=str(ROOT / "data" / "bench" / "link_10000.db"))
    parser.add_argument("--requests", type=int, default=1000, help="per page")
    parser.add_argument("--clients", type=int, default=10)
    parser.add_argument("--workers", type=int, default=2, help="server processes")
    parser.add_argument(
        "--fresh-connections",
        action="store_true",
        help="a new TCP connection for every request, not one kept-alive connection per client",
    )
    parser.add_argument(
        "--pages",
        default="",
        help="only these pages, comma-separated (e.g. figures,stories); default: every page",
    )
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
    connections = "a new connection per request" if args.fresh_connections else "keep-alive"
    wanted = {p.strip() for p in args.pages.split(",") if p.strip()}
    try:
        _wait_for(port)
        for page, base in LISTS.items():
            if wanted and page not in wanted:
                continue
            count, took = _pages_of(port, base)
            print(f"{page:<20} first request {took:.0f} ms ({count} pages)", flush=True)
            paths[page] = _list_paths(count, base, args.requests + WARM, rng)
        # Each one's own first request, before any of its kind warmed the caches.
        for page in ("search common", "search rare", "figures of a week",
                     "figures of a place"):  # fmt: skip
            if wanted and page not in wanted:
                continue
            url = paths[page].pop()
            print(f"{page:<20} first request {_first(port, url):.0f} ms ({url})", flush=True)
        for page, urls in paths.items():
            if wanted and page not in wanted:
                continue
            htmx = "htmx" in page
            warm, measured = urls[: -args.requests], urls[-args.requests :]
            warm_client = Client(port, fresh=args.fresh_connections)
            for url in warm:  # warm the caches of SQLite and the templates
                warm_client.get(url, htmx)
            warm_client.close()
            times = _measure(port, measured, htmx, args.clients, args.fresh_connections)
            p = statistics.quantiles(times, n=100)
            print(
                f"{page:<20} n={len(times)} p50 {p[49]:.1f} ms  p95 {p[94]:.1f} ms"
                f"  p99 {p[98]:.1f} ms  (goal p99 < 50 ms, {args.clients} clients,"
                f" {connections}, {args.workers} server processes)",
                flush=True,
            )
        total, largest = _rss_mb(server.pid)
        print(f"server RSS {total:.0f} MB in all, {largest:.0f} MB the largest process"
              f" (goal < 400 MB)", flush=True)  # fmt: skip
    finally:
        server.terminate()
        server.wait(timeout=10)


if __name__ == "__main__":
    main()
