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

from spacy.lang.en.stop_words import STOP_WORDS

from app.extract.gazetteer import VERBATIM, Gazetteer, Place, exact_key
from app.extract.place_candidates import without_days, word_set
from app.extract.small_towns import REGION_AFTER, states_named, town_in, towns_named
from app.extract.vocabulary import common_words

# A paragraph's start, or a gap of two spaces where copied pages glue the dateline to a
# caption or a time stamp before it.
_DATELINE = re.compile(
    r"(?:^|\n|\s{2,})"
    r"(?P<name>[A-Z][A-Z'’.\-]+(?: [A-Z][A-Z'’.\-]+){0,3})"
    r"(?:,\s*(?P<state>[A-Z][A-Za-z.]{1,14}(?: [A-Z][a-z.]+)?))?"
    r"\s*(?:\([^()\n]{1,40}\))?\s*(?:[-–—]{1,2}|:)\s"
)


_NAME = r"[A-Z][a-z]+(?:[- ][A-Z][a-z]+){0,2}"
# A city's own institutions, named after it (the shortest name before them: "Volunteer"
# belongs to the fire department).
_INSTITUTION = re.compile(
    rf"\b(?P<name>{_NAME}?) (?:[Pp]olice|(?:Volunteer )?Fire Department|Fire Rescue|Sheriff|"
    r"Mayor|City Council|city council|mayor|firefighters|detectives|officers)\b"
)
# A quarter of the city in lower case: "downtown Dayton", "north Dayton" ("North Dayton"
# or "South Side" may be names of their own).
_QUARTER = re.compile(
    rf"\b(?:downtown|north|south|east|west|northeast|northwest|southeast|southwest|"
    rf"northern|southern|eastern|western) (?P<name>{_NAME})\b"
)


# The US capital's short name, with its dots ("DC" alone is as often a brand), not within a
# longer name ("D.C. United") nor after its own name ("Washington, D.C.").
_DC = re.compile(r"(?<!, )(?<![\w.])D\.C\.(?! [A-Z])")
# What a police force may be named for that is no town.
_GUARDED = word_set(
    """campus metro capitol tribal university college school port harbor harbour airport
    railroad railway housing military border park parks transit township borough village
    county state city"""
)
# A capitalised word or abbreviation right before a name: the name goes on to the left.
_WORD_BEFORE = re.compile(r"([A-Z][\w.]*) $")
# A city large enough to be divided into named quarters in its own news, and the words of
# a city's quarters; "eastern", "west" also divide states ("eastern Washington").
_QUARTERED_CITY = 500_000
_CITY_QUARTERS = frozenset(["downtown", "northeast", "northwest", "southeast", "southwest"])
_QUARTER_WORDS = word_set("downtown north south east west northeast northwest southeast southwest")
# A town and its state or country: "in Alder Creek, Ore.", "Tilden, Kenya".
# The region is looked ahead at, so that a name of both may be either: "of Southeast,
# Washington, D.C." holds "Washington, D.C.".
_TOWN_REGION = re.compile(rf"\b(?P<name>{_NAME}),\s(?=(?P<region>{REGION_AFTER}))")

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
        name, start = m.group("name").strip(" ."), m.start("name")
        first, _, rest = name.partition(" ")
        # "DOWNTOWN DAYTON —": a quarter of the city it names.
        if rest and first.lower() in _QUARTER_WORDS and not _dateline_town(name, None, gazetteer):
            name, start = rest, start + len(first) + 1
        if len(name) < 3:
            continue
        town = _dateline_town(name, m.group("state"), gazetteer)
        if town is not None:
            out.append(Dateline(start, start + len(name), text[start : start + len(name)], town))
    for m in _TOWN_REGION.finditer(text):
        name, start = _without_lead(m.group("name"), m.start("name"))
        # The longest run of the words before the comma that is a town there: a byline
        # or a menu glued before it ("By Ann Lee Dayton, Ohio") is not part of the name.
        while True:
            town = town_in(name, m.group("region"), gazetteer)
            first, _, rest = name.partition(" ")
            if town is not None or not rest:
                break
            name, start = rest, start + len(first) + 1
        if town is not None:
            out.append(Dateline(start, start + len(name), name, town))
    # "D.C." on its own is the US capital: "D.C. police", "a D.C. drive-by shooting".
    capital = town_in("Washington", "D.C.", gazetteer)
    for m in _DC.finditer(text):
        if capital is not None:
            out.append(Dateline(m.start(), m.end(), m.group(), capital))
    states = states_named(text)
    for rx in (_INSTITUTION, _QUARTER):
        for m in rx.finditer(text):
            name, start = _without_lead(m.group("name"), m.start("name"))
            name = " ".join(without_days(name.split(" ")))
            if name.lower() in _NOT_NAMES or name.lower() in STOP_WORDS:
                continue  # "Police officers blocked the square", "As police arrived"
            before = _WORD_BEFORE.search(text, max(0, start - 30), start)
            if before and before.group(1) not in _LEADS:
                continue  # "St. Ives police", "Officer Ives police union": a longer name
            quartered = rx is _QUARTER and m.group().split(" ")[0] in _CITY_QUARTERS
            town = _named_town(name, gazetteer, states, quarter=quartered)
            if town is not None:
                out.append(Dateline(start, start + len(name), name, town))
    return out


def _without_lead(name: str, start: int) -> tuple[str, int]:
    """ "The Dayton Fire Department", "In Dayton, Ohio": the name without the word before it."""
    first, _, rest = name.partition(" ")
    if rest and first in _LEADS:
        return rest, start + len(first) + 1
    return name, start


def _dateline_town(name: str, state: str | None, gazetteer: Gazetteer) -> Place | None:
    """The town a dateline names: the one in the state it gives, else the gazetteer's city
    (a small town only with its state: a word in capitals alone says too little)."""
    if state:
        town = town_in(name.title(), state, gazetteer)
        if town is not None:
            return town
    cities = [p for p in gazetteer.lookup(name.title()) if p.kind == "city"]
    return cities[0] if cities else None


def _named_town(
    name: str, gazetteer: Gazetteer, states: frozenset[str], *, quarter: bool = False
) -> Place | None:
    """The town whose institution or quarter the text names."""
    match = gazetteer.match(name)
    found = match.places if match and match.quality == VERBATIM else ()
    if found:
        if found[0].kind == "city":
            return found[0]
        # A larger place ranked first means another reading, except where a city of the
        # name is quartered ("southeast Washington", "downtown New York"): a state or
        # country has regions, not quarters.
        city = next((p for p in found if p.kind == "city" and p.official), None)
        if quarter and city is not None and city.population >= _QUARTERED_CITY:
            return city
        return None
    # A small town only under a name that is no English adjective or verb ("Transit
    # Police") nor what a force guards ("Campus police"); one in a state the text names first.
    if " " not in name and exact_key(name) in common_words() | _GUARDED:
        return None
    towns = towns_named(name, gazetteer)
    return next((t for t in towns if t.region_code in states), towns[0] if towns else None)
