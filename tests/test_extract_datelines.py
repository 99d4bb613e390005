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
