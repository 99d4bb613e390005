"""The index, the timeline and search over a made-up collection of 3,000 articles, in Chromium
against the real server: their pagers are followed with the keyboard, deep pages included,
and the pages are shot at a desktop's and a phone's width to be looked at."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import shoot_pages
from tests.databases import sqlite_only
from tests.real_processes import running_server
from tests.test_services_page_plans import collection  # noqa: F401  (the fixture)

# Its 3,000-article database is written with sqlite3 (tests/test_services_page_plans.py).
_SQLITE = sqlite_only("its 3,000-article database is written with sqlite3")

pytestmark = [pytest.mark.browser, _SQLITE]


@pytest.fixture(scope="module")
def big_server(collection: Path) -> Iterator[str]:  # noqa: F811
    with running_server(collection) as url:
        yield url


def _follow(page: Page, rel: str) -> None:
    """Tab to the pager's link and press Enter, as a reader without a mouse does."""
    link = page.locator(f'nav.pager a[rel="{rel}"]')
    link.focus()
    expect(link).to_be_focused()
    page.keyboard.press("Enter")


def test_browser_list_pages_index_pager_by_keyboard(page: Page, big_server: str) -> None:
    page.goto(big_server + "/?page=55")
    expect(page.locator("nav.pager")).to_contain_text("page 55 of 60")
    first = page.locator("table.articles tbody a").first.inner_text()
    _follow(page, "next")
    expect(page).to_have_url(re.compile(r"page=56"))
    expect(page.locator("nav.pager")).to_contain_text("page 56 of 60")
    _follow(page, "prev")
    expect(page.locator("nav.pager")).to_contain_text("page 55 of 60")
    expect(page.locator("table.articles tbody a").first).to_have_text(first)


def test_browser_list_pages_timeline_pager_by_keyboard(page: Page, big_server: str) -> None:
    page.goto(big_server + "/dates")
    expect(page.locator("nav.pager")).to_contain_text("page 1 of 2")
    last_of_first = page.locator("li.day time").last.get_attribute("datetime") or ""
    _follow(page, "next")
    expect(page.locator("nav.pager")).to_contain_text("page 2 of 2")
    first_of_second = page.locator("li.day time").first.get_attribute("datetime") or ""
    assert last_of_first < first_of_second


SHOTS = {
    "list-index-deep": "/?page=55",
    "list-dates": "/dates",
    "list-search-common": "/search?q=report",
    "list-figures-days": "/figures?date_from=2030-01-11&date_to=2030-01-12",
    "list-figures-place": "/figures?city=town+4",
    "list-places": "/places",
}


@pytest.mark.parametrize("width", [1600, 375])
def test_browser_list_pages_screenshots(
    page: Page, big_server: str, artifacts: Path, width: int
) -> None:
    shoot_pages(page, big_server, SHOTS, artifacts, width)
