"""Datelines: where a report was filed, as news copy writes it at the head of a paragraph.

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
    return out
