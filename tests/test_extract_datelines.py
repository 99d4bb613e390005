"""Datelines in capitals name the city a report comes from (lines written for the tests)."""

from __future__ import annotations

import pytest

from app.extract.datelines import find_datelines
from app.extract.gazetteer import get_gazetteer


@pytest.mark.parametrize(
    ("text", "city"),
    [
        ("PITTSBURGH (Station 4) – Police are looking for a driver.", "Pittsburgh"),
        ("Posted 5:40 PM  DAYTON, Ohio -- Two men were hurt.", "Dayton"),
        ("Intro line.\nSAN ANTONIO - A crash closed the road.", "San Antonio"),
        ("HOUSTON, Texas (AP) — The storm moved east.", "Houston"),
    ],
)
def test_extract_datelines_city_in_capitals(text: str, city: str) -> None:
    assert [d.place.name for d in find_datelines(text, get_gazetteer())] == [city]


@pytest.mark.parametrize(
    "text",
    [
        "POLICE SAID – nothing more.",
        "The mayor of Dayton spoke on Monday.",
    ],
)
def test_extract_datelines_none(text: str) -> None:
    assert find_datelines(text, get_gazetteer()) == []


@pytest.mark.parametrize(
    ("text", "city"),
    [
        ("Dayton police said the driver fled.", "Dayton"),
        ("The Dayton Fire Department put out the blaze.", "Dayton"),
        ("A crowd gathered in downtown Dayton on Monday.", "Dayton"),
    ],
)
def test_extract_datelines_city_institutions_and_quarters(text: str, city: str) -> None:
    assert [d.place.name for d in find_datelines(text, get_gazetteer())] == [city]


@pytest.mark.parametrize(
    "text",
    [
        "The North Carolina governor spoke.",
        "Police said two men were shot on the South Side.",
        "Officer Jane Dayton police union said nothing.",
    ],
)
def test_extract_datelines_no_city_cue(text: str) -> None:
    assert find_datelines(text, get_gazetteer()) == []


@pytest.mark.parametrize(
    ("text", "town", "state"),
    [
        # A small town in a dateline with its state, as AP writes it or by postal code.
        ("MARFA, Texas (AP) — A fire closed the courthouse.", "Marfa", "TX"),
        ("HOOD RIVER, Ore. (KXYZ 4) — A bridge was shut.", "Hood River", "OR"),
        ("LINDSBORG, KS (WNEW) – Two people were hurt.", "Lindsborg", "KS"),
        # The state picks among towns of one name.
        ("GALENA, Ind. — The road reopened.", "Galena", "IN"),
        # A town and its state in running text.
        ("A crash was reported in Okemah, Oklahoma, on Sunday.", "Okemah", "OK"),
        ("The driver, of Moab, Utah, was not hurt.", "Moab", "UT"),
        ("Two men from Taos, N.M. were arrested.", "Taos", "NM"),
        # A small town's institutions, in the state the text names.
        ("Sitka police said the boat sank. Alaska troopers helped.", "Sitka", "AK"),
        ("The Lindsborg Police Department closed the street.", "Lindsborg", "KS"),
        # A quarter of a city in a dateline.
        ("DOWNTOWN DAYTON — Police closed a street.", "Dayton", "OH"),
        # A hamlet below a thousand people, known by its post office.
        ("BUCKLIN, Kan. (KXYZ) — A grain bin collapsed.", "Bucklin", "KS"),
        # A byline or menu glued before the town and its state.
        ("Story by Mara Quinn Bucklin, Kan. Share", "Bucklin", "KS"),
        # A volunteer fire department is the town's own.
        ("The Lindsborg Volunteer Fire Department came.", "Lindsborg", "KS"),
        # A city's quarter, where the name is also a state's.
        ("Shots were fired in southeast Washington Saturday night.", "Washington", "DC"),
        ("The victim, 23, was of Southeast, Washington, D.C.", "Washington", "DC"),
    ],
)
def test_extract_datelines_small_towns_by_state(text: str, town: str, state: str) -> None:
    found = find_datelines(text, get_gazetteer())
    assert [(d.place.name, d.place.region_code) for d in found] == [(town, state)]


@pytest.mark.parametrize(
    "text",
    [
        # A small town in capitals with no state: too little to say which, or whether.
        "MARFA — A fire closed the courthouse.",
        # A name the state does not have a town of.
        "A crash was reported in Okemah, Vermont, on Sunday.",
        # Names that are English words: a force, not a town.
        "Campus police said the hall was closed.",
        "Transit Police patrolled the station.",
        # "eastern", "west" divide states too: the state, which is no town.
        "Wheat growers in eastern Washington fear a drought.",
    ],
)
def test_extract_datelines_small_towns_need_their_cue(text: str) -> None:
    assert find_datelines(text, get_gazetteer()) == []


@pytest.mark.parametrize(
    "text",
    [
        "As police arrived, the crowd left.",
        "A retired St. Lindsborg police officer spoke.",
    ],
)
def test_extract_datelines_institution_needs_the_whole_name(text: str) -> None:
    assert find_datelines(text, get_gazetteer()) == []


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("D.C. police closed the street.", ["D.C."]),
        ("A crash in D.C. slowed traffic.", ["D.C."]),
        ("D.C. United won at home.", []),
    ],
)
def test_extract_datelines_capital_short_name(text: str, found: list[str]) -> None:
    lines = find_datelines(text, get_gazetteer())
    assert [d.text for d in lines] == found
    assert all(d.place.name == "Washington" and d.place.region_code == "DC" for d in lines)
