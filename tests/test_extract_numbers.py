"""Quantities: digits, number words, vague amounts and their qualifiers."""

from __future__ import annotations

import pytest

from app.extract.numbers import digits_value, parse_quantity, scan_quantities


@pytest.mark.parametrize(
    ("text", "value", "high", "qualifier"),
    [
        # digits and separators
        ("5,800", 5800, None, "exact"),
        ("1,185,900", 1185900, None, "exact"),
        ("1 300", 1300, None, "exact"),
        ("12 500", 12500, None, "exact"),
        ("1.5 million", 1_500_000, None, "exact"),
        ("3.2 billion", 3_200_000_000, None, "exact"),
        ("2m", 2_000_000, None, "exact"),
        # number words
        ("two", 2, None, "exact"),
        ("thirty", 30, None, "exact"),
        ("a thousand", 1000, None, "exact"),
        ("twenty-six", 26, None, "exact"),
        ("ninety nine", 99, None, "exact"),
        ("hundred and five", 105, None, "exact"),
        ("a hundred and forty-two", 142, None, "exact"),
        ("one hundred", 100, None, "exact"),
        ("two dozen", 24, None, "exact"),
        ("three thousand five hundred", 3500, None, "exact"),
        ("a dozen", 12, None, "about"),
        # vague amounts have no value
        ("dozens", None, None, "about"),
        ("hundreds", None, None, "about"),
        ("thousands", None, None, "about"),
        ("scores", None, None, "about"),
        ("tens of thousands", None, None, "about"),
        ("hundreds of thousands", None, None, "about"),
        ("several hundred", None, None, "about"),
        ("at least dozens", None, None, "at_least"),
        # qualifiers before the number
        ("at least 18", 18, None, "at_least"),
        ("no fewer than 40", 40, None, "at_least"),
        ("more than 2,000", 2000, None, "more_than"),
        ("more than a thousand", 1000, None, "more_than"),
        ("over 1,300", 1300, None, "more_than"),
        ("upwards of 300", 300, None, "more_than"),
        ("in excess of 90", 90, None, "more_than"),
        ("about 850", 850, None, "about"),
        ("around 100,000", 100000, None, "about"),
        ("some 33 million", 33_000_000, None, "about"),
        ("roughly 70", 70, None, "about"),
        ("an estimated 3,000", 3000, None, "about"),
        ("approximately 45", 45, None, "about"),
        ("nearly 6,000", 6000, None, "nearly"),
        ("almost 200", 200, None, "nearly"),
        ("close to 90", 90, None, "nearly"),
        ("up to 70", 70, None, "up_to"),
        ("as many as 50", 50, None, "up_to"),
        ("fewer than 10", 10, None, "up_to"),
        # qualifiers after the number
        ("100 or more", 100, None, "at_least"),
        ("50 or so", 50, None, "about"),
        # ranges
        ("between 20 and 30", 20, 30, "range"),
        ("from 300 to 400", 300, 400, "range"),
        ("300 to 400", 300, 400, "range"),
        ("12-15", 12, 15, "range"),
        ("two or three", 2, 3, "range"),
        ("between five and seven", 5, 7, "range"),
    ],
)
def test_numbers_parse_quantity(
    text: str, value: float | None, high: float | None, qualifier: str
) -> None:
    q = parse_quantity(text)
    assert q is not None
    assert q.value == value
    assert q.value_high == high
    assert q.qualifier == qualifier


@pytest.mark.parametrize(
    "text",
    [
        "first",
        "second time",
        "the 2nd",
        "none",
        "a week",
        "many",
        # digits beyond any count: a code, or a float that overflows to infinity
        "1" + "0" * 400,
        "9" * 17,
    ],
)
def test_numbers_no_quantity(text: str) -> None:
    assert parse_quantity(text) is None


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        (
            ["16", "killed", "and", "more", "than", "1,300", "wounded"],
            [(0, 1, 16, "exact"), (3, 6, 1300, "more_than")],
        ),
        (
            ["killed", "12", "and", "injured", "30"],
            [(1, 2, 12, "exact"), (4, 5, 30, "exact")],
        ),
        (["12", "and", "30", "people"], [(0, 1, 12, "exact"), (2, 3, 30, "exact")]),
        (["at", "least", "eight", "members"], [(0, 3, 8, "at_least")]),
    ],
)
def test_numbers_scan_positions(
    words: list[str], expected: list[tuple[int, int, float, str]]
) -> None:
    found = [(q.start, q.end, q.value, q.qualifier) for q in scan_quantities(words)]
    assert found == expected


@pytest.mark.parametrize(
    ("word", "value"),
    [("5,800", 5800), ("164", 164), ("2.5", 2.5), ("1.5m", 1_500_000), ("abc", None), ("", None)],
)
def test_numbers_digits_value(word: str, value: float | None) -> None:
    assert digits_value(word) == value
