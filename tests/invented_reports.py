"""Invented news reports written on the fly: many small articles about a few made-up events,
for tests that need an ingest to last long enough to be interrupted or watched."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

# Made-up places and events: no corpus is quoted.
_EVENTS = [
    ("ferry fire", "a ferry caught fire", "Oskvale", "the coast guard"),
    ("bridge collapse", "a footbridge collapsed", "Brannock", "the fire service"),
    ("factory blast", "a boiler exploded at a paint factory", "Tellerby", "police"),
    ("bus crash", "a bus left the road", "Marrowgate", "the regional governor"),
]
_OUTLETS = ["The Quill", "Harbour Wire", "Morning Lantern", "Valley Bugle", "North Ledger"]


def report(k: int) -> str:
    """The k-th report: an event, a toll that grows with k, an outlet and a day."""
    what, happened, town, source = _EVENTS[k % len(_EVENTS)]
    killed, injured = 2 + k % 7, 10 + k % 13
    day = dt.date(2031, 6, 1) + dt.timedelta(days=k % 5)
    return (
        f"title: {killed} dead in {town} {what} (report {k})\n"
        f"outlet: {_OUTLETS[k % len(_OUTLETS)]}\n"
        f"date: {day.isoformat()}\n\n"
        f"At least {killed} people were killed and {injured} were injured when {happened} "
        f"in {town} on Monday, {source} said. Report number {k} of the day.\n\n"
        f"Rescuers searched the area through the night, and {source} said {injured - 3} "
        f"of the injured were taken to hospital in {town}.\n"
    )


def write_reports(folder: Path, count: int, *, start: int = 0) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for k in range(start, start + count):
        path = folder / f"report-{k:04d}.txt"
        path.write_text(report(k), encoding="utf-8")
        paths.append(path)
    return paths
