"""A story's page in Chromium against the real server over the seeds: reached from the list
of stories by keyboard, it lists the outlets that covered the story with their first and last
reports and the headlines by date, and leads to the articles and back."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, Response, expect

pytestmark = pytest.mark.browser


def test_browser_story_page_lists_outlets(page: Page, server: str) -> None:
    failed: list[str] = []

    def note(response: Response) -> None:
        if response.status >= 400:
            failed.append(f"{response.status} {response.url}")

    page.on("response", note)
    page.goto(server + "/stories")
    link = page.locator("section.story h2 a").first
    title = link.inner_text()
    link.focus()
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/stories/\d+$"))
    expect(page.locator("h1")).to_have_text(title)
    outlets = page.locator("table.coverage tbody tr")
    expect(outlets).to_have_count(2)
    expect(outlets.locator("th")).to_have_text(["unknown outlet", "Le Figaro"])
    # The unnamed outlet's first and last reports, each a dated, linked headline.
    first, last = (
        outlets.first.locator("td[data-label=First]"),
        outlets.first.locator("td[data-label=Last]"),
    )
    expect(first.locator("time")).to_have_attribute("datetime", re.compile(r"\d{4}-\d\d-\d\d"))
    expect(last.locator("a")).to_have_attribute("href", re.compile(r"/articles/\d+"))
    rows = page.locator("table.headlines tbody tr")
    expect(rows).to_have_count(5)
    expect(rows.last.locator("td.when")).to_have_text("undated")
    expect(page.locator(".main-figure").first).to_be_visible()
    headline = rows.first.locator("a")
    name = headline.inner_text()
    headline.click()
    expect(page).to_have_url(re.compile(r"/articles/\d+"))
    page.get_by_role("link", name="its coverage").click()
    expect(page.locator("table.headlines")).to_contain_text(name.rstrip("…"))
    page.goto(server + "/favicon.ico")
    assert failed == [], failed
