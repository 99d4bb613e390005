"""Facets on / and /figures in Chromium against the real server: a value filters the list and
the URL keeps it, its × restores the list, a field changed afterwards keeps it too."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import Locator, Page, expect

pytestmark = pytest.mark.browser


def _narrowing_value(page: Page, param: str, total: int) -> tuple[Locator, str, int]:
    """A value of one facet that keeps fewer rows than there are: its link, label, count."""
    items = page.locator(f"section[aria-labelledby=facet-{param}] li:has(a)")
    for i in range(items.count()):
        item = items.nth(i)
        count = int(item.locator(".n").inner_text().replace(",", ""))
        if count < total:
            return item.locator("a"), item.locator(".facet-label").inner_text(), count
    raise AssertionError(f"no value of {param} narrows the list")


def _articles(page: Page) -> int:
    return page.locator(".listing-main > table.articles tbody tr").count()


def test_browser_facet_filters_articles_and_removing_restores(page: Page, server: str) -> None:
    page.goto(server + "/")
    total = _articles(page)
    link, label, count = _narrowing_value(page, "city", total)
    link.focus()
    page.keyboard.press("Enter")  # a facet is a link: the keyboard works as a click
    expect(page).to_have_url(re.compile(r"[?&]city=" + re.escape(label).replace(r"\ ", r"\+")))
    expect(page.locator(".listing-main > table.articles tbody tr")).to_have_count(count)
    chip = page.locator("section[aria-labelledby=facet-city] li.selected")
    expect(chip).to_contain_text(label)
    expect(page.locator("input[name=city]")).to_have_value(label)
    page.reload()  # the URL alone holds the filter
    expect(page.locator(".listing-main > table.articles tbody tr")).to_have_count(count)
    chip.get_by_role("link", name=re.compile("Remove the filter place")).click()
    expect(page).not_to_have_url(re.compile(r"city="))
    expect(page.locator(".listing-main > table.articles tbody tr")).to_have_count(total)


def test_browser_facet_kept_when_a_field_changes(page: Page, server: str) -> None:
    page.goto(server + "/")
    link, label, count = _narrowing_value(page, "measure", _articles(page))
    link.click()
    expect(page).to_have_url(re.compile(f"measure={label}"))
    page.fill("input[name=date_from]", "2000-01-01")
    page.get_by_role("button", name="Filter").click()
    expect(page).to_have_url(re.compile(rf"date_from=2000-01-01.*measure={label}"))
    chip = page.locator("section[aria-labelledby=facet-measure] li.selected")
    expect(chip).to_contain_text(label)
    # Undated articles leave under a date filter: the list is the chip's count, at most.
    shown = int(chip.locator(".n").inner_text())
    assert shown <= count
    expect(page.locator(".listing-main > table.articles tbody tr")).to_have_count(shown)


def test_browser_facet_filters_figures(page: Page, server: str) -> None:
    page.goto(server + "/figures")
    values = page.locator("table.topics ul.values a.value")
    total = values.count()
    link, label, count = _narrowing_value(page, "source", total)
    link.click()
    expect(page).to_have_url(re.compile(r"[?&]source="))
    expect(values).to_have_count(count)
    expect(page.locator("section[aria-labelledby=facet-source] li.selected")).to_contain_text(label)
    page.locator("section[aria-labelledby=facet-source] a.facet-remove").click()
    expect(page).not_to_have_url(re.compile(r"source="))
    expect(values).to_have_count(total)


@pytest.mark.parametrize("width", [1600, 375])
def test_browser_facets_screenshots(page: Page, server: str, artifacts: Path, width: int) -> None:
    page.set_viewport_size({"width": width, "height": 900})
    for name, path in {
        "facets-articles": "/?measure=killed",
        "facets-figures": "/figures?measure=killed",
    }.items():
        page.goto(server + path)
        expect(page.locator(".facets")).to_be_visible()
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 1, f"{path} overflows by {overflow}px at {width}"
        page.screenshot(path=str(artifacts / f"{name}-{width}.png"), full_page=True)
