"""Datelines and other cues that a capitalised name is a city: where a report was filed,
as news copy writes it at the head of a paragraph, and the city's own institutions and
quarters ("Dayton police said", "the Dayton Fire Department", "downtown Dayton", "a north
Dayton apartment").

"SPRINGFIELD, Ill. (AP) —", "NORTH RIVERTON (Station) –", "DAYTON, Ohio --": a name in
capitals, an optional state or country after a comma, an optional outlet in parentheses,
then a dash. The name is looked up in the gazetteer as a city; the words in capitals are
what makes it a place, so a city that is also a common word ("SPRING, Texas —") is read
here and nowhere else.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from app.extract.gazetteer import Gazetteer, Place

# A paragraph's start, or a gap of two spaces where copied pages glue the dateline to a
# caption or a time stamp before it.
_DATELINE = re.compile(
    r"(?:^|\n|\s{2,})"
    r"(?P<name>[A-Z][A-Z'’.\-]+(?: [A-Z][A-Z'’.\-]+){0,3})"
    r"(?:,\s*(?P<state>[A-Z][A-Za-z.]{1,14}(?: [A-Z][a-z.]+)?))?"
    r"\s*(?:\([^()\n]{1,40}\))?\s*(?:[-–—]{1,2}|:)\s"
)


_NAME = r"[A-Z][a-z]+(?:[- ][A-Z][a-z]+){0,2}"
# A city's own institutions, named after it.
_INSTITUTION = re.compile(
    rf"\b(?P<name>{_NAME}) (?:[Pp]olice|Fire Department|Fire Rescue|Sheriff|"
    r"Mayor|City Council|city council|mayor|firefighters|detectives|officers)\b"
)
# A quarter of the city in lower case: "downtown Dayton", "north Dayton" ("North Dayton"
# or "South Side" may be names of their own).
_QUARTER = re.compile(
    rf"\b(?:downtown|north|south|east|west|northeast|northwest|southeast|southwest|"
    rf"northern|southern|eastern|western) (?P<name>{_NAME})\b"
)


_NOT_NAMES = frozenset(
    [
        "police",
        "fire",
        "sheriff",
        "state",
        "county",
        "city",
        "mayor",
        "council",
        "the",
        "local",
        "area",
        "town",
        "village",
    ]
)
_LEADS = frozenset(
    "The A An In At On By From Of And But With For To After When".split()  # noqa: SIM905
)


@dataclass(frozen=True)
class Dateline:
    start: int
    end: int
    text: str
    place: Place


def find_datelines(text: str, gazetteer: Gazetteer) -> list[Dateline]:
    out: list[Dateline] = []
    for m in _DATELINE.finditer(text):
        name = m.group("name").strip(" .")
        if len(name) < 3:
            continue
        cities = [p for p in gazetteer.lookup(name.title()) if p.kind == "city"]
        if not cities:
            continue
        start = m.start("name")
        out.append(Dateline(start, start + len(name), text[start : start + len(name)], cities[0]))
    for rx in (_INSTITUTION, _QUARTER):
        for m in rx.finditer(text):
            name, start = m.group("name"), m.start("name")
            first, _, rest = name.partition(" ")
            if rest and first in _LEADS:  # "The Dayton Fire Department"
                name, start = rest, start + len(first) + 1
            if name.lower() in _NOT_NAMES:
                continue  # "Police officers blocked the square"
            found = gazetteer.lookup(name)
            # Only a city's own name: a larger place ranked first means another reading.
            if found and found[0].kind == "city":
                out.append(Dateline(start, start + len(name), name, found[0]))
    return out
