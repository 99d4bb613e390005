"""One way to name an article on every page: outlet, date, title."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

import pytest

from app.services.labels import article_label, byline, date_basis_words, label_of

DAY = dt.date(2021, 6, 2)


@pytest.mark.parametrize(
    ("outlet", "date", "title", "source_file", "label"),
    [
        (
            "River Gazette",
            DAY,
            "Valley floods",
            "a/001_ab12.txt",
            "River Gazette · 2021-06-02 · Valley floods",
        ),
        (None, DAY, "Valley floods", "a/001_ab12.txt", "2021-06-02 · Valley floods"),
        (
            "rivergazette.test",
            DAY,
            "Valley floods reach the town - River Gazette: News, Weather",
            "",
            "rivergazette.test · 2021-06-02 · Valley floods reach the town",
        ),
        ("example.com", None, "Valley floods", "x.txt", "example.com · undated · Valley floods"),
        ("  ", None, "", "a/001_ab12.txt", "undated · 001_ab12.txt"),
        (
            "Wire",
            DAY,
            "Flood waters rose overnight in the valley and reached the old town by the morning",
            "",
            "Wire · 2021-06-02 · Flood waters rose overnight in the valley and reached the old "
            "town by…",
        ),
    ],
)
def test_labels_article_label(
    outlet: str | None, date: dt.date | None, title: str, source_file: str, label: str
) -> None:
    assert article_label(outlet, date, title, source_file) == label


def test_labels_label_of_any_record_with_the_fields() -> None:
    row = SimpleNamespace(outlet="Wire", date=DAY, title="Valley floods")  # no source_file
    assert label_of(row) == "Wire · 2021-06-02 · Valley floods"


@pytest.mark.parametrize(
    ("outlet", "date", "line"),
    [
        ("Wire", DAY, "Wire · 2021-06-02"),
        (None, DAY, "2021-06-02"),
        ("Wire", None, "Wire · undated"),
    ],
)
def test_labels_byline(outlet: str | None, date: dt.date | None, line: str) -> None:
    assert byline(outlet, date) == line


@pytest.mark.parametrize(
    ("basis", "words"),
    [
        ("url", "from the URL"),
        ("posted-line", "from the page's “Posted …” line"),
        ("none", "no date found"),
    ],
)
def test_labels_date_basis_words(basis: str, words: str) -> None:
    assert date_basis_words(basis) == words
