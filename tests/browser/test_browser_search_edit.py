"""Search and the reader's corrections in Chromium against a real `parallax serve`.

Searching reads the shared seeded server; corrections write, so they run against a
server of this module's own, over a copy of the seeded database.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import running_server
from tests.databases import copy_db

PIPELINE_MS = 180_000  # a paste runs the whole pipeline in the server

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def own_server(seeded_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    db = tmp_path_factory.mktemp("edit") / "edit.db"
    copy_db(seeded_db, db)
    with running_server(db) as url:
        yield url


def test_browser_search_shows_ranked_snippets(page: Page, server: str, artifacts: Path) -> None:
    page.set_viewport_size({"width": 1600, "height": 1000})
    page.goto(server + "/")
    page.fill("#site-q", "killed police")
    page.press("#site-q", "Enter")
    expect(page).to_have_url(re.compile(r"/search\?q=killed\+police"))
    hits = page.locator(".search-hit")
    expect(hits.first).to_be_visible()
    assert hits.count() >= 2
    expect(hits.first.locator("mark").first).to_be_visible()
    expect(page.locator(".count")).to_contain_text("best match first")
    page.screenshot(path=str(artifacts / "search-desktop.png"), full_page=True)
    # Typing in the page's own box swaps the results in place and keeps the URL.
    page.fill("#search-q", "curfew")
    expect(page).to_have_url(re.compile(r"q=curfew"), timeout=5000)
    expect(page.locator(".search-hit mark").first).to_have_text(re.compile("curfew", re.I))
    page.reload()
    expect(page.locator(".search-hit").first).to_be_visible()
    # A statement hit leads into the article.
    page.goto(server + "/search?q=killed")
    page.locator(".hit-statements a").first.click()
    expect(page).to_have_url(re.compile(r"/articles/\d+#st-\d+"))


def test_browser_search_phone_and_empty(page: Page, server: str, artifacts: Path) -> None:
    page.set_viewport_size({"width": 360, "height": 800})
    page.goto(server + '/search?q="unbalanced')
    expect(page.locator(".empty")).to_contain_text("Nothing found")
    page.goto(server + "/search?q=troops")
    expect(page.locator(".search-hit").first).to_be_visible()
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 360, f"the page scrolls sideways at 360 px ({width})"
    page.screenshot(path=str(artifacts / "search-phone.png"), full_page=True)


def test_browser_edit_article_and_reject_figure(
    page: Page, own_server: str, artifacts: Path
) -> None:
    page.set_viewport_size({"width": 1600, "height": 1000})
    page.goto(own_server + "/articles/1/edit")
    expect(page.get_by_role("heading", name=re.compile("Correct this article"))).to_be_visible()
    page.fill("#f-outlet", "A Tested Outlet")
    page.get_by_role("button", name="Save corrections").click()
    expect(page.locator(".notice")).to_contain_text("Saved")
    expect(page.locator(".badge.corrected").first).to_contain_text("outlet corrected")
    first_reject = page.locator("form[action$='/reject'] button").first
    first_reject.click()
    expect(page.locator(".notice")).to_contain_text("Figure rejected")
    expect(page.locator(".badge.rejected").first).to_be_visible()
    page.screenshot(path=str(artifacts / "edit-desktop.png"), full_page=True)
    page.set_viewport_size({"width": 360, "height": 800})
    page.reload()
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 360, f"the page scrolls sideways at 360 px ({width})"
    page.screenshot(path=str(artifacts / "edit-phone.png"), full_page=True)
    page.goto(own_server + "/articles/1")
    expect(page.locator(".meta")).to_contain_text("A Tested Outlet")


def test_browser_add_by_paste(page: Page, own_server: str, artifacts: Path) -> None:
    page.set_viewport_size({"width": 1600, "height": 1000})
    page.goto(own_server + "/add")
    page.fill("#p-title", "Landslide blocks Hillford road")
    page.fill("#p-outlet", "Browser Test Wire")
    page.fill("#p-date", "2024-06-01")
    page.fill(
        "#p-text",
        "A landslide buried the main road into Hillford on Saturday. At least 6 people were "
        "killed and 11 injured, the mayor said.",
    )
    # The whole pipeline runs in the server, its language model loaded by this first paste:
    # on a busy machine that takes longer than a page's usual 30 s.
    page.get_by_role("button", name="Add article").click(timeout=PIPELINE_MS)
    expect(page.locator(".results")).to_contain_text(
        "Landslide blocks Hillford road", timeout=PIPELINE_MS
    )
    page.screenshot(path=str(artifacts / "add-desktop.png"), full_page=True)
    page.locator(".results a", has_text="Landslide").click()
    expect(page.locator("h1")).to_contain_text("Landslide blocks Hillford road")
