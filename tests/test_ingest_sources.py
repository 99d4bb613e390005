"""Who published a text and when, from its address and its dateline."""

from __future__ import annotations

import datetime as dt

import pytest

from app.ingest.sources import (
    date_from_url,
    dateline_date,
    dateline_outlet,
    is_url_line,
    outlet_from_url,
    without_dateline,
)


@pytest.mark.parametrize(
    ("url", "day"),
    [
        ("https://www.example.com/2019/02/20/river-rises/", dt.date(2019, 2, 20)),
        ("http://example.com:80/news/local/2019/2/3/river-rises", dt.date(2019, 2, 3)),
        ("http://news.example.org/2019/feb/20/world/river-rises", dt.date(2019, 2, 20)),
        ("http://www.example.com/news/ex-river-rises-20190219-story.html", dt.date(2019, 2, 19)),
        ("http://www.example.com/news/20190219_River_rises.html?c=r", dt.date(2019, 2, 19)),
        ("https://example.tv/story/2019-07-21/river-rises/", dt.date(2019, 7, 21)),
        # an identifier is no date; nor is a day that does not exist
        ("http://www.example.com/story/24426895/river-rises", None),
        ("http://www.example.com/news/20191345/river-rises", None),
        ("http://www.example.com/news/2019/river-rises", None),
        ("http://www.example.com/a/1201920190219/river", None),
        # the calendar's ends are no news day
        ("http://www.example.com/9999/12/31/river-rises", None),
        ("http://www.example.com/0001/01/01/river-rises", None),
    ],
)
def test_sources_date_from_url(url: str, day: dt.date | None) -> None:
    assert date_from_url(url) == day


@pytest.mark.parametrize(
    ("url", "outlet"),
    [
        ("https://www.example.com/2019/02/20/x/", "example.com"),
        ("http://www.example.com:80/story/1", "example.com"),
        ("http://local.example.com/story/1", "example.com"),
        ("http://news.example.co.uk/2/hi/1.stm", "example.co.uk"),
        ("www.example.net/story", "example.net"),
        ("http://127.0.0.1:8000/story", None),
        ("not a url", None),
    ],
)
def test_sources_outlet_from_url(url: str, outlet: str | None) -> None:
    assert outlet_from_url(url) == outlet


@pytest.mark.parametrize(
    ("line", "is_url"),
    [
        ("https://www.example.com/2019/02/20/x/", True),
        ("  www.example.com/x  ", True),
        ("See https://www.example.com/x for more.", False),
        ("River rises in the valley", False),
    ],
)
def test_sources_url_line(line: str, is_url: bool) -> None:
    assert is_url_line(line) is is_url


@pytest.mark.parametrize(
    ("paragraph", "outlet", "day"),
    [
        ("RIVERTON, Ore. (AP) — The river rose.", "AP", None),
        ("RIVERTON (Wire Service) - The river rose.", "Wire Service", None),
        ("RIVERTON, Ind. (Feb. 20, 2019) – The river rose.", None, dt.date(2019, 2, 20)),
        ("RIVERTON (December 26, 2019)— The river rose.", None, dt.date(2019, 12, 26)),
        ("The river (AP) rose — the town said.", None, None),
        ("Riverton (AP) — in lower case it is a sentence.", None, None),
    ],
)
def test_sources_dateline(paragraph: str, outlet: str | None, day: dt.date | None) -> None:
    assert dateline_outlet([paragraph]) == outlet
    assert dateline_date([paragraph]) == day


def test_sources_without_dateline_starts_at_the_sentence() -> None:
    assert without_dateline("RIVERTON, Ore. (AP) — The river rose.") == "The river rose."
    assert without_dateline("The river rose.") == "The river rose."
