"""Ten readers browse a real `parallax serve` while a real `parallax ingest` adds a batch of
articles and a real `parallax reprocess` extracts and links every stored article again.

Every request must be answered (no 5xx, no refused or dropped connection), and neither the
server nor either command may ever meet "database is locked": SQLite in WAL mode lets
readers read while one writer writes, the writers wait their turn (busy timeout), and every
write transaction is short (one file; one batch of a reprocess; one linking).
"""

from __future__ import annotations

import json
import random
import threading
import time
import urllib.error
import urllib.request
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from tests.databases import copy_db as copy_database
from tests.databases import db_url_for
from tests.invented_reports import write_reports
from tests.real_processes import Command, running_server, wait_until

CLIENTS = 10
NEW_REPORTS = 24
SLOW = 240  # seconds a command may take on a loaded machine of two cores


@dataclass
class Tally:
    """What the readers met, by kind of page."""

    lock: threading.Lock = field(default_factory=threading.Lock)
    ok: Counter[str] = field(default_factory=Counter)
    gone: Counter[str] = field(default_factory=Counter)  # 404 for a figure reprocess replaced
    errors: list[str] = field(default_factory=list)
    article_ids: list[int] = field(default_factory=lambda: [1, 2, 3, 4, 5])

    def requests(self) -> int:
        return sum(self.ok.values()) + sum(self.gone.values()) + len(self.errors)


def get(base: str, path: str, *, htmx: bool = False) -> tuple[int, bytes]:
    headers = {"Accept": "text/html", **({"HX-Request": "true"} if htmx else {})}
    request = urllib.request.Request(base + path, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read()


def browse(base: str, k: int, stop: threading.Event, tally: Tally) -> None:
    """One reader: round the pages, the articles and figures as they come and go."""
    rng = random.Random(k)
    step = k
    while not stop.wait(rng.uniform(0.0, 0.05)):  # a reader's pause, short: a busy hour
        step += 1
        article = rng.choice(tally.article_ids)
        pages = [
            ("index", "/", False),
            ("article", f"/articles/{article}", False),
            ("compare", "/compare?ids=1,2", False),
            ("figures", "/figures", False),
            ("stories", "/stories", False),
            ("story", "/stories/1", False),
            ("search", "/search?q=killed", False),
            ("api-articles", "/api/articles?limit=200", False),
            ("api-figures", "/api/figures?limit=50", False),
            ("api-stories", "/api/stories", False),
        ]
        kind, path, htmx = pages[step % len(pages)]
        try:
            status, body = get(base, path, htmx=htmx)
            if status == 200 and kind == "api-articles":
                tally.article_ids = [a["id"] for a in json.loads(body)["items"]] or [1]
            if status == 200 and kind == "api-figures":
                items = json.loads(body)["items"]
                if items:  # the panel of one of them, as a click on a figure asks for it
                    figure = rng.choice(items)["id"]
                    kind, path, htmx = "panel", f"/figures/{figure}", True
                    status, body = get(base, path, htmx=True)
        except (OSError, ValueError) as exc:  # refused, reset, timed out, cut short
            with tally.lock:
                tally.errors.append(f"{path}: {exc!r}")
            continue
        with tally.lock:
            if status == 200:
                tally.ok[kind] += 1
            elif status == 404 and kind == "panel":
                tally.gone[kind] += 1
            else:
                tally.errors.append(f"{path}: {status} {body[:300]!r}")


def test_web_concurrency_readers_during_ingest_and_reprocess(
    seeded_db: Path, tmp_path: Path
) -> None:
    started = time.monotonic()
    db = tmp_path / "busy.db"
    copy_database(seeded_db, db)
    batch = tmp_path / "batch"
    write_reports(batch, NEW_REPORTS)
    log = tmp_path / "serve.log"
    tally = Tally()
    stop = threading.Event()
    with running_server(db, log) as base:
        readers = [
            threading.Thread(target=browse, args=(base, k, stop, tally), daemon=True)
            for k in range(CLIENTS)
        ]
        for reader in readers:
            reader.start()
        try:
            wait_until(lambda: tally.requests() >= CLIENTS, 60, "the readers to start")
            ingest = Command("ingest", str(batch), "--db", db_url_for(db))
            # Started with the ingest, so that its writes (a batch of extractions, then the
            # linking) meet the ingest's (a file each, then the linking) and the readers'.
            reprocess = Command("reprocess", "--db", db_url_for(db))
            assert ingest.wait(timeout=SLOW) == 0, ingest.stderr()
            assert reprocess.wait(timeout=SLOW) == 0, reprocess.stderr()
            during = tally.requests()
            time.sleep(1.0)  # the pages after the last commit, too
        finally:
            stop.set()
            for reader in readers:
                reader.join(timeout=90)
    server_log = log.read_text(errors="replace")
    outputs = {"serve": server_log, "ingest": ingest.stderr(), "reprocess": reprocess.stderr()}
    locked = {name: text.count("database is locked") for name, text in outputs.items()}
    summary = {
        "seconds": round(time.monotonic() - started, 1),
        "requests": tally.requests(),
        "while writing": during,
        "ok": dict(tally.ok),
        "figure gone (404)": dict(tally.gone),
        "errors": len(tally.errors),
        "database is locked": locked,
    }
    print("concurrency:", summary)
    assert tally.errors == [], tally.errors[:10]
    assert locked == {"serve": 0, "ingest": 0, "reprocess": 0}, summary
    assert "Traceback" not in server_log, server_log[-3000:]
    assert f"{NEW_REPORTS} added" in ingest.stderr()
    assert tally.requests() >= 20 * CLIENTS, summary  # the readers did read throughout
    assert {"index", "article", "compare", "figures", "stories", "story", "search"} <= set(
        tally.ok
    ), summary
