"""The reader in Debian's Chromium against a real server with the seeds ingested."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser


def test_browser_index_click_article_shows_text(page: Page, server: str, artifacts: Path) -> None:
    page.goto(server + "/")
    expect(page.get_by_role("heading", name="Articles")).to_be_visible()
    expect(page.locator("table.articles tbody tr")).to_have_count(5)
    page.screenshot(path=str(artifacts / "index-desktop.png"), full_page=True)
    # In the table: the story facet beside it may bear the same title.
    page.locator("table.articles").get_by_role(
        "link", name="Riots in Kazakhstan | Moscow and its allies"
    ).click()
    expect(page.locator("h1")).to_contain_text("Riots in Kazakhstan")
    expect(page.locator(".body")).to_contain_text("at least eight members of the security forces")
    expect(page.locator(".captions")).to_contain_text("PHOTO VLADIMIR TRETYAKOV")
    page.screenshot(path=str(artifacts / "article-desktop.png"), full_page=True)


def test_browser_index_filter_by_date_keeps_url(page: Page, server: str) -> None:
    page.goto(server + "/")
    page.fill("input[name=date_from]", "2022-01-08")
    page.fill("input[name=date_to]", "2022-01-08")
    page.get_by_role("button", name="Filter").click()
    dated = page.locator("#article-list .listing-main > table.articles tbody tr")
    expect(dated).to_have_count(1)
    expect(page).to_have_url(re.compile(r"date_from=2022-01-08"))
    page.reload()
    expect(dated).to_have_count(1)
    # The seeds that state no date are listed apart, not dropped.
    expect(page.locator("section.undated h2")).to_contain_text("Undated")


def test_browser_phone_width_is_readable(page: Page, server: str, artifacts: Path) -> None:
    page.set_viewport_size({"width": 360, "height": 800})
    page.goto(server + "/")
    expect(page.locator("table.articles tbody tr").first).to_be_visible()
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 370
    page.screenshot(path=str(artifacts / "index-phone.png"), full_page=True)
