"""The index, the timeline and search over the made-up collection of the plan tests (3,000
articles, sixty days): their pages of stored summaries link to each other as before, a deep
page holds what it should, and a word every article holds is counted and ranked in a bound."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from app.web.app import create_app
from tests.conftest import settings_for
from tests.databases import sqlite_only
from tests.test_services_page_plans import collection  # noqa: F401  (the fixture)

# Its 3,000-article database is written with sqlite3 (tests/test_services_page_plans.py).
pytestmark = sqlite_only("its 3,000-article database is written with sqlite3")


@pytest.fixture(scope="module")
def big(collection: Path) -> Iterator[TestClient]:  # noqa: F811
    with TestClient(create_app(settings_for(collection))) as c:
        c.headers["Accept"] = "text/html"
        yield c


def _ids(html: str) -> list[int]:
    return [int(i) for i in re.findall(r'href="/articles/(\d+)"', html)]


def test_web_list_pages_index_deep_page_and_its_links(big: TestClient) -> None:
    first = big.get("/")
    assert "page 1 of 60" in first.text and 'rel="next" href="?page=2"' in first.text
    deep = big.get("/?page=55")
    assert "page 55 of 60" in deep.text
    assert 'rel="prev" href="?page=54"' in deep.text and 'rel="next" href="?page=56"' in deep.text
    last = big.get("/?page=60")
    assert 'rel="next"' not in last.text
    # Newest first: the whole list, page by page, holds every article once, in date order.
    seen = [i for p in range(1, 61) for i in _ids(big.get(f"/?page={p}").text)]
    assert sorted(seen) == list(range(1, 3001))
    days = [int(i) % 40 for i in seen]  # an article's day is its id modulo forty
    assert days == sorted(days, reverse=True)


def test_web_list_pages_timeline_in_pages_of_days(big: TestClient) -> None:
    first, second = big.get("/dates"), big.get("/dates?page=2")
    assert "page 1 of 2" in first.text and 'href="/dates?page=2"' in first.text
    assert "page 2 of 2" in second.text and 'href="/dates?page=1"' in second.text
    shown = re.findall(r'<time datetime="([0-9-]+)"', first.text + second.text)
    assert len(shown) == 60 and shown == sorted(shown)
    assert "3,000 dates in the texts could not be put on a day" in first.text
    gone = big.get("/dates?page=9")
    assert "There is no page 9" in gone.text and 'href="/dates?page=1"' in gone.text


def test_web_list_pages_search_common_word_is_bounded(big: TestClient) -> None:
    common = big.get("/search?q=report")
    assert "1,000 or more articles" in common.text and "among the latest" in common.text
    assert "page 1 of 50" in common.text
    rare = big.get("/search?q=1500")
    assert "1 article" in rare.text and "or more" not in rare.text
    assert _ids(rare.text)[0] == 1500


def test_web_list_pages_a_busy_day_in_pages(big: TestClient) -> None:
    first = big.get("/dates/2030-01-01")
    assert "A busy day:" in first.text and "shown 100 of each a page" in first.text
    assert 'rel="next" href="/dates/2030-01-01?page=2"' in first.text
    second = big.get("/dates/2030-01-01?page=2")
    figures = [re.findall(r'href="/figures/(\d+)"', r.text) for r in (first, second)]
    assert len(figures[0]) == 100 and figures[1] and not set(figures[0]) & set(figures[1])
    # A list that ended on the first page says so on the next, rather than "none".
    assert "on an earlier page" in second.text and "No article published" not in second.text
