"""The title without the site's name, a headline repeated as the first body line, and which
part of a title to read figures from."""

from __future__ import annotations

import pytest

from app.ingest.headline import headline_of, repeats_title, title_to_read


@pytest.mark.parametrize(
    ("title", "outlet", "headline"),
    [
        ("Two hurt in Fenwick crash - The Daily Herald", None, "Two hurt in Fenwick crash"),
        ("Man shot on Elm Street | WXYZ", None, "Man shot on Elm Street"),
        ("Store robbed overnight :: KQRS.com", None, "Store robbed overnight"),
        (
            "3 shot near park - KTXX 9 News Marlow, Weather, Sports",
            None,
            "3 shot near park",
        ),
        ("Girl, 6, wounded - | WQQQ Lakeside", None, "Girl, 6, wounded"),
        ("Gunfire at mall - Action News 5 - Harbor City, Oregon", None, "Gunfire at mall"),
        ("Two dead after standoff - Brookvale Ledger", "brookvaleledger.com",
         "Two dead after standoff"),
        # A section before the headline, or a headline with a dash of its own, stays.
        ("Floods in Ruritania | Rescuers reach the valley towns", None,
         "Floods in Ruritania | Rescuers reach the valley towns"),
        ("Man shot - 2 others injured", None, "Man shot - 2 others injured"),
        ("Deputies: 9-year-old shot in Fenwick County", None,
         "Deputies: 9-year-old shot in Fenwick County"),
        ("Fire at the docks - police say it was set", None,
         "Fire at the docks - police say it was set"),
        ("Plain headline", None, "Plain headline"),
    ],
)  # fmt: skip
def test_ingest_headline_site_name_dropped(title: str, outlet: str | None, headline: str) -> None:
    assert headline_of(title, outlet) == headline


@pytest.mark.parametrize(
    ("line", "title", "repeats"),
    [
        ("Two hurt in Fenwick crash", "Two hurt in Fenwick crash - The Daily Herald", True),
        ("TWO HURT IN FENWICK CRASH.", "Two hurt in Fenwick crash", True),
        ("Two  hurt in Fenwick’s crash", "Two hurt in Fenwick's crash", True),
        ("Two hurt in Fenwick crash, police said.", "Two hurt in Fenwick crash", False),
        ("", "Two hurt", False),
    ],
)
def test_ingest_headline_repeats_title(line: str, title: str, repeats: bool) -> None:
    assert repeats_title(line, title) is repeats


@pytest.mark.parametrize(
    ("title", "body", "read"),
    [
        ("Three hurt in Fenwick - WXYZ", "Police said three people were hurt.",
         "Three hurt in Fenwick"),
        # A title made from the body's first sentence is not read twice.
        ("Three people were hurt in Fenwick on…", "Three people were hurt in Fenwick on Monday.",
         ""),
        ("Three hurt in Fenwick", "Three hurt in Fenwick, police said on Monday.", ""),
        ("", "Three people were hurt.", ""),
    ],
)  # fmt: skip
def test_ingest_headline_title_to_read(title: str, body: str, read: str) -> None:
    assert title_to_read(title, body) == read
