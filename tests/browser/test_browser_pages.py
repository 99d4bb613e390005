"""Figures overview, actors, dates, stories and places in Chromium against the real server."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import shoot_pages

pytestmark = pytest.mark.browser

PAGES = {
    "figures": "/figures",
    "actors": "/actors",
    "actor": "/actors/kassym-jomart-tokayev",
    "dates": "/dates",
    "date": "/dates/2022-01-08",
    "stories": "/stories",
    "story": "/stories/1",
    "places": "/places",
}


def _places_of_rows(page: Page) -> list[str]:
    topics = page.locator("table.topics tbody tr").evaluate_all(
        "rows => rows.map(r => r.dataset.topic)"
    )
    return [t.split("|")[2] for t in topics]


def test_browser_figures_filter_by_city_keeps_url(page: Page, server: str) -> None:
    page.goto(server + "/figures")
    all_rows = page.locator("table.topics tbody tr").count()
    page.fill("input[name=city]", "almaty")
    page.get_by_role("button", name="Filter").click()
    expect(page).to_have_url(re.compile(r"city=almaty"))
    expect(page.locator("table.topics tbody tr").first).to_be_visible()
    places = _places_of_rows(page)
    assert places and set(places) == {"Almaty"} and len(places) < all_rows
    page.reload()  # the pushed URL reloads as a full page with the same rows
    expect(page.locator("h1")).to_have_text("Figures")
    assert set(_places_of_rows(page)) == {"Almaty"}
    expect(page.locator("input[name=city]")).to_have_value("almaty")


def test_browser_figures_filter_by_date_range(page: Page, server: str) -> None:
    page.goto(server + "/figures")
    page.fill("input[name=date_from]", "2022-01-08")
    page.fill("input[name=date_to]", "2022-01-08")
    page.get_by_role("button", name="Filter").click()
    expect(page).to_have_url(re.compile(r"date_from=2022-01-08.*date_to=2022-01-08"))
    rows = page.locator("table.topics tbody tr")
    expect(rows.filter(has_text="checkpoints")).to_have_count(1)
    expect(rows.filter(has_text="russian troops")).to_have_count(0)
    # Every value shown is of that day.
    days = page.locator("ul.values li").evaluate_all("items => items.map(i => i.dataset.day)")
    assert days and set(days) == {"2022-01-08"}


def test_browser_figures_value_leads_to_figure_page(page: Page, server: str) -> None:
    page.goto(server + "/figures")
    link = page.locator("ul.values a.value").first
    href = link.get_attribute("href") or ""
    assert re.fullmatch(r"/figures/\d+", href)


def test_browser_actor_reached_by_spelling_variant(page: Page, server: str) -> None:
    page.goto(server + "/actors/tokajev")
    expect(page).to_have_url(server + "/actors/kassym-jomart-tokayev")
    expect(page.locator("h1")).to_contain_text("Kassym-Jomart Tokayev")
    spellings = page.locator("ul.spellings li")
    for name in ("Kassym-Jomart Tokajev", "Tokajev", "Tokayev"):
        expect(spellings.filter(has_text=re.compile(f"^{name}$"))).to_have_count(1)
    expect(page.locator("ul.actor-statements mark").first).to_be_visible()


def test_browser_actors_filter_by_kind(page: Page, server: str) -> None:
    page.goto(server + "/actors")
    page.select_option("select[name=kind]", "person")
    expect(page).to_have_url(re.compile(r"kind=person"))
    kinds = page.locator("#actor-list td .kind").all_inner_texts()
    assert kinds and set(kinds) == {"person"}


def test_browser_places_map_click_leads_to_filtered_index(page: Page, server: str) -> None:
    page.goto(server + "/places")
    circles = page.locator("svg.map .dot circle")
    assert circles.count() >= 5
    page.locator('svg.map a.dot[href="/?city=Almaty"] circle').click()
    expect(page).to_have_url(re.compile(r"/\?city=Almaty$"))
    expect(page.locator("table.articles tbody tr").first).to_be_visible()
    expect(page.locator("input[name=city]")).to_have_value("Almaty")


def test_browser_places_circles_are_keyboard_reachable(page: Page, server: str) -> None:
    page.goto(server + "/places")
    page.locator('svg.map a.dot[href="/?city=Almaty"]').focus()
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"city=Almaty"))


def test_browser_dates_day_link(page: Page, server: str) -> None:
    page.goto(server + "/dates")
    page.get_by_role("link", name=re.compile("Saturday 8 January 2022")).click()
    expect(page).to_have_url(server + "/dates/2022-01-08")
    expect(page.locator("h1")).to_contain_text("Saturday 8 January 2022")


def test_browser_stories_compare_link(page: Page, server: str) -> None:
    page.goto(server + "/stories")
    href = page.locator("a.compare").first.get_attribute("href") or ""
    assert re.fullmatch(r"/compare\?ids=\d+(,\d+){3}", href)


@pytest.mark.parametrize("width", [1600, 360])
def test_browser_pages_screenshots(page: Page, server: str, artifacts: Path, width: int) -> None:
    shoot_pages(page, server, PAGES, artifacts, width)
