"""Small towns below the gazetteer's floor, read where the text says "town" (sentences of our
own making, with real small towns)."""

from __future__ import annotations

import pytest

from app.extract.gazetteer import get_gazetteer
from app.extract.small_towns import situated_towns, states_named, town_in, us_state_code


@pytest.mark.parametrize(
    ("text", "code"),
    [("Tenn.", "TN"), ("TN", "TN"), ("Tennessee", "TN"), ("N.Y.", "NY"), ("W. Va.", "WV")],
)
def test_small_towns_state_spellings(text: str, code: str) -> None:
    assert us_state_code(text) == code


def test_small_towns_states_named_in_text() -> None:
    text = "Crews from Tennessee and Okla. helped; a man from Moab, UT came too. In the end."
    assert states_named(text) == {"TN", "OK", "UT"}


@pytest.mark.parametrize(
    ("name", "region", "state"),
    [("Galena", "Kansas", "KS"), ("Galena", "Ill.", "IL"), ("Marfa", "Texas", "TX")],
)
def test_small_towns_town_in_its_state(name: str, region: str, state: str) -> None:
    town = town_in(name, region, get_gazetteer())
    assert town is not None and town.region_code == state


@pytest.mark.parametrize(
    ("text", "town"),
    [
        ("A fire broke out in Marfa on Sunday, Texas officials said.", "Marfa"),
        ("Ann Cole, 48, of Lindsborg was hurt. Kansas troopers came.", "Lindsborg"),
        ("The car was found just outside of Okemah, police in Oklahoma said.", "Okemah"),
        ("The village of Galena lost power. Illinois crews came.", "Galena"),
        ("It happened in Hood River Monday. Oregon police said so.", "Hood River"),
        # Below a thousand people, known by its post office; its county names the state.
        ("A barn burned in Grainfield on Sunday, Gove County deputies said.", "Grainfield"),
        # A township shares its town's name.
        ("A party in Tobias Township drew a crowd, Saline County deputies said.", "Tobias"),
        # A common word is a town in its own county.
        ("The store in Ransom, a village in Ness County, was robbed.", "Ransom"),
    ],
)
def test_small_towns_situated_in_a_named_state(text: str, town: str) -> None:
    found = situated_towns(text, get_gazetteer(), frozenset(), frozenset(), frozenset())
    assert [t.place.name for t in found] == [town]


@pytest.mark.parametrize(
    ("text", "surnames"),
    [
        # No state named: a name after "in" may be anything.
        ("A fire broke out in Marfa on Sunday.", frozenset()),
        # The state named has no town of the name.
        ("A fire broke out in Marfa on Sunday, Ohio officials said.", frozenset()),
        # Part of a longer name.
        ("Students gathered near Marfa High School. Texas officials said.", frozenset()),
        # A person's surname in the article.
        ("They put their trust in Marfa, Texas officials said.", frozenset({"marfa"})),
        # A common word in a title-case line, even with its county named.
        ("Two Hurt in Ransom Standoff at Farm\nNess County deputies came.", frozenset()),
        # A common word with its state but not its county: a word, not surely a town.
        ("He was held in Ransom for a week. Kansas police said.", frozenset()),
    ],
)
def test_small_towns_need_state_and_whole_name(text: str, surnames: frozenset[str]) -> None:
    assert situated_towns(text, get_gazetteer(), frozenset(), frozenset(), surnames) == []


def test_small_towns_state_of_another_place_named() -> None:
    text = "It happened in Marfa on Sunday, deputies said."
    found = situated_towns(text, get_gazetteer(), frozenset(), frozenset({"TX"}), frozenset())
    assert [(t.place.name, t.place.region_code) for t in found] == [("Marfa", "TX")]


def test_small_towns_township_over_a_surname() -> None:
    text = "Ed Tobias held a party in Tobias Township. Nebraska deputies came."
    found = situated_towns(text, get_gazetteer(), frozenset(), frozenset(), frozenset({"tobias"}))
    assert [(t.text, t.place.name, t.place.region_code) for t in found] == [
        ("Tobias Township", "Tobias", "NE")
    ]
