"""Articles without a header still known by outlet and date; undated ones kept under a date
filter; a reversed range said plainly. In Chromium against a real server over its own data."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from app.pipeline import ingest_paths
from tests.browser.conftest import running_server, shoot_pages
from tests.conftest import settings_for

pytestmark = pytest.mark.browser

# Made up for these tests: one report as copied from a page (its address on the first line,
# no header), one with a header, one that states no date of its own.
ARTICLES = {
    "copied.txt": (
        "https://www.harbor-ledger.test/news/2021/06/02/ferry-capsizes-off-port-elden/\n"
        "Ferry capsizes off Port Elden\n"
        "\n"
        "PORT ELDEN — Three people were killed when a ferry capsized off Port "
        "Elden on Tuesday, the coast guard said.\n"
        "\n"
        "Twelve passengers were rescued from the water, officials said.\n"
    ),
    "header.txt": (
        "title: Ferry toll rises to four in Port Elden\n"
        "outlet: Coastal Daily\n"
        "date: 2021-06-03\n"
        "\n"
        "Four people were killed when a ferry capsized off Port Elden on Tuesday, the coast "
        "guard said on Wednesday. Twelve passengers were rescued.\n"
    ),
    "undated.txt": (
        "Ferry operator suspends crossings after Port Elden capsizing\n"
        "\n"
        "The operator suspended all crossings after the ferry capsized off Port Elden, where "
        "three people were killed in the accident on June 1, 2021.\n"
    ),
}
COPIED_LABEL = "harbor-ledger.test · 2021-06-02 · Ferry capsizes off Port Elden"


@pytest.fixture(scope="module")
def named_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    folder = tmp_path_factory.mktemp("named")
    texts = folder / "texts"
    texts.mkdir()
    for name, text in ARTICLES.items():
        (texts / name).write_text(text, encoding="utf-8")
    db = folder / "named.db"
    report = ingest_paths([str(texts)], settings_for(db))
    assert not report.failed, report.failed
    with running_server(db) as url:
        yield url


def test_browser_article_without_header_named_on_figures(page: Page, named_server: str) -> None:
    page.goto(named_server + "/figures")
    link = page.get_by_role("link", name=COPIED_LABEL)
    expect(link.first).to_be_visible()
    # No file name stands for an article.
    expect(page.locator("#topic-list")).not_to_contain_text("copied.txt")
    link.first.click()
    expect(page.locator("h1")).to_have_text("Ferry capsizes off Port Elden")
    meta = page.locator("dl.meta")
    expect(meta).to_contain_text("harbor-ledger.test")  # the outlet, from the URL
    expect(meta.locator("[data-date-basis=url]")).to_contain_text("2021-06-02 (from the URL)")
    expect(meta).to_contain_text("copied.txt")  # the file name stays in the details
    # The address is the article's URL, not a line of its text.
    expect(meta).to_contain_text("harbor-ledger.test/news/2021/06/02")
    expect(page.locator("[data-reader-text]")).not_to_contain_text("https://")


def test_browser_date_filter_lists_undated_apart(page: Page, named_server: str) -> None:
    page.goto(named_server + "/?date_from=2021-06-01&date_to=2021-06-02")
    expect(page.locator("#article-list .count")).to_contain_text("1 article in these dates")
    undated = page.locator("section.undated")
    expect(undated.locator("h2")).to_contain_text("Undated")
    expect(undated).to_contain_text("Ferry operator suspends crossings")
    # The date the text mentions (June 1) is not taken for its publication date.
    expect(undated).to_contain_text("undated")


def test_browser_reversed_range_says_so_and_swaps(page: Page, named_server: str) -> None:
    page.goto(named_server + "/")
    page.fill("input[name=date_from]", "2021-06-03")
    page.fill("input[name=date_to]", "2021-06-01")
    page.get_by_role("button", name="Filter").click()
    notice = page.locator(".reversed-range")
    expect(notice).to_contain_text("The date range is reversed")
    notice.get_by_role("link", name="Swap the two dates").click()
    expect(page).to_have_url(re.compile(r"date_to=2021-06-03"))
    expect(page.locator("#article-list .count")).to_contain_text("2 articles in these dates")


@pytest.mark.parametrize("width", [1600, 375])
def test_browser_articles_named_screenshots(
    page: Page, named_server: str, artifacts: Path, width: int
) -> None:
    shots = {
        "named-figures": "/figures",
        "named-figures-dated": "/figures?date_from=2021-06-02&date_to=2021-06-03",
        "named-index-dated": "/?date_from=2021-06-01&date_to=2021-06-02",
        "named-index-reversed": "/?date_from=2021-06-03&date_to=2021-06-01",
        "named-stories": "/stories",
        "named-dates": "/dates",
    }
    shoot_pages(page, named_server, shots, artifacts, width)
    page.goto(named_server + "/figures")
    page.get_by_role("link", name=COPIED_LABEL).first.click()
    expect(page.locator("h1")).to_be_visible()
    page.screenshot(path=str(artifacts / f"named-article-{width}.png"), full_page=True)
