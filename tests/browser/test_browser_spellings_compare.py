"""Any spelling finds the merged actor and filters a city; j/k walk a claim across columns;
the map keeps a city and its country apart. Chromium against a real `parallax serve`."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import running_server

pytestmark = pytest.mark.browser

FLOODS = 4  # the invented reports that name the relief minister, in two spellings


@pytest.fixture(scope="module")
def spellings_server(spellings_db: Path) -> Iterator[str]:
    with running_server(spellings_db) as url:
        yield url


@pytest.mark.parametrize("width", [1600, 375])
def test_browser_search_one_spelling_finds_every_article_of_the_actor(
    page: Page, spellings_server: str, artifacts: Path, width: int
) -> None:
    page.set_viewport_size({"width": width, "height": 1000 if width > 400 else 812})
    page.goto(spellings_server + "/search")
    # Only one report writes "Velitchko"; the actor merged on /actors is in all four.
    page.fill("#search-q", "Velitchko")
    page.press("#search-q", "Enter")
    expect(page).to_have_url(re.compile(r"q=Velitchko"))
    expect(page.locator(".search-hit")).to_have_count(FLOODS)
    note = page.locator(".expanded-note")
    expect(note).to_contain_text("Radomir Velichko")
    expect(note.locator("q")).to_have_text(["Velitchko", "Velichko"])
    page.screenshot(path=str(artifacts / f"search-spellings-{width}.png"), full_page=True)
    # Searching as typed is one link away: that spelling only.
    note.get_by_role("link", name="Search only as typed").click()
    expect(page.locator(".search-hit")).to_have_count(1)
    expect(page.locator(".expanded-note")).to_have_count(0)


@pytest.mark.parametrize(("city", "count"), [("Мумбаи", FLOODS), ("Bombay", FLOODS), ("Madras", 1)])
def test_browser_city_filter_takes_old_names_and_other_scripts(
    page: Page, spellings_server: str, city: str, count: int
) -> None:
    page.set_viewport_size({"width": 1600, "height": 1000})
    page.goto(spellings_server + "/")
    page.fill("input[name=city]", city)
    page.locator("input[name=city]").press("Enter")
    expect(page).to_have_url(re.compile(r"city="))
    expect(page.locator("a[href^='/articles/']:visible")).to_have_count(count)


def test_browser_map_draws_city_and_country_apart(
    page: Page, spellings_server: str, artifacts: Path
) -> None:
    page.set_viewport_size({"width": 1600, "height": 1000})
    page.goto(spellings_server + "/places")
    city = page.locator("svg.map a.dot", has=page.locator("title", has_text="Nairobi")).locator(
        "circle"
    )
    country = page.locator("svg.map a.dot", has=page.locator("title", has_text="Kenya")).locator(
        "circle"
    )
    a, b = city.bounding_box(), country.bounding_box()
    assert a and b

    def at_centre(box: dict[str, float]) -> str:
        x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
        return str(page.evaluate(
            "([x, y]) => document.elementFromPoint(x, y).closest('a.dot').textContent", [x, y]
        ))  # fmt: skip

    # Two markers, each reached at its own centre: the city drawn over any country ring, the
    # country at the middle of its land rather than on its capital under the city.
    assert "Nairobi" in at_centre(a)
    assert "Kenya" in at_centre(b)
    page.screenshot(path=str(artifacts / "places-country-centre.png"), full_page=True)


@pytest.mark.parametrize("width", [1600, 375])
def test_browser_compare_walks_counterparts_with_j_and_k(
    page: Page, server: str, artifacts: Path, width: int
) -> None:
    page.set_viewport_size({"width": width, "height": 1000 if width > 400 else 812})
    page.goto(server + "/articles/1")
    button = page.locator("a[data-compare]")
    expect(page.locator("#compare-with")).to_contain_text("shared")
    button.click()
    expect(page).to_have_url(re.compile(r"/compare\?ids=1,\d+,\d+,\d+"))
    expect(page.locator(".shared-count").first).to_contain_text("shared with the first")
    walk = page.locator("[data-walk]")
    expect(walk).to_be_visible()
    status = walk.locator("[data-walk-status]")
    page.keyboard.press("j")
    expect(status).to_have_text(re.compile(r"^Shared claim 1 of \d+$"))
    page.keyboard.press("j")
    expect(status).to_have_text(re.compile(r"^Shared claim 2 of "))
    # Every member of the claim is marked, in two columns at least, and one has the focus.
    lit = page.locator(".walk-on")
    assert lit.count() >= 2
    assert page.evaluate("document.activeElement.dataset.no") == "2"
    page.keyboard.press("k")
    expect(status).to_have_text(re.compile(r"^Shared claim 1 of "))
    # The buttons walk too, and jump to the claim's counterpart in another column.
    walk.locator("[data-walk-step='1']").click()
    expect(status).to_have_text(re.compile(r"^Shared claim 2 of "))
    jumps = walk.locator("[data-walk-cols] button")
    assert jumps.count() >= 2
    jumps.nth(1).click()
    assert page.evaluate("document.activeElement.dataset.no") == "2"
    column = page.evaluate("document.activeElement.closest('.column').id")
    assert column != "col-1"
    expect(walk).to_be_in_viewport()
    page.screenshot(path=str(artifacts / f"compare-walk-{width}.png"))
    if width < 400:
        # A phone's header leaves the text most of the screen.
        page.goto(page.url.split("#")[0])
        top = page.locator(".columns").bounding_box()
        assert top and top["y"] < 812 * 0.4


def test_browser_compare_follows_the_open_figure(page: Page, server: str) -> None:
    page.set_viewport_size({"width": 1600, "height": 1000})
    page.goto(server + "/articles/1")
    figure = page.locator("a.hl.fig[hx-get]").first
    key = figure.get_attribute("data-claim")
    figure.click()
    expect(page.locator("#reader-panel .panel")).to_be_visible()
    button = page.locator("a[data-compare]")
    expect(button).to_have_attribute("href", f"/articles/1/compare?figure={key[4:]}")
    button.click()
    expect(page).to_have_url(re.compile(rf"/compare\?ids=1,.*#{key}$"))
