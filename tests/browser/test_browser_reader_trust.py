"""The panels say what a number is, in words: a part of a toll, a retracted figure, a count
that grew over the days, and a wire copy that is not an independent report."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import running_server
from tests.trust_corpus import build

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def trust(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, dict[str, int]]]:
    base = tmp_path_factory.mktemp("trust")
    ids = build(base / "in", base / "trust.db")
    with running_server(base / "trust.db") as url:
        yield url, ids


@pytest.mark.parametrize("width", [1600, 375])
def test_browser_reader_trust_toll_panel_says_part_copy_and_retraction(
    page: Page, trust: tuple[str, dict[str, int]], artifacts: Path, width: int
) -> None:
    server, ids = trust
    page.set_viewport_size({"width": width, "height": 1000 if width > 400 else 800})
    page.goto(f"{server}/articles/{ids['wire.txt']}")
    page.locator("a.hl.fig", has_text="At least 12 soldiers").click()
    panel = page.locator("#reader-panel .fig-panel")
    expect(panel).to_be_visible()
    # The part is named as a part, and listed beside the toll, not as a rival value of it.
    expect(panel.locator(".derived-note")).to_contain_text(
        "Named parts: the report names a part of this count"
    )
    expect(panel.locator(".derived-note")).to_contain_text("beheaded")
    agreement = panel.locator(".agreement")
    expect(agreement).to_contain_text("Range12")
    # Five outlets' worth of reprints are one report: four articles, three independent.
    expect(agreement).to_contain_text("4 articles (4 named outlets), 3 independent reports")
    expect(panel.locator(".row-copy").first).to_contain_text(
        "This article is a copy of Northern Wire, 2029-04-03"
    )
    # The retracted 40 is shown so, kept out of the range, and is never the latest report.
    expect(panel.locator(".row", has_text="40 soldiers")).to_contain_text(
        "retracted by its report: not counted"
    )
    expect(agreement).to_contain_text("Not in the range1 retracted figure")
    expect(agreement.locator("div", has_text="Earliest report")).to_contain_text(
        "Northern Wire · 2029-04-03 · Soldiers killed in Varnholm attack: at least 12"
    )
    latest = agreement.locator("div", has_text="Latest report")
    expect(latest).to_contain_text("Coastal Post")
    expect(latest).to_contain_text(": 12")
    assert page.evaluate("document.documentElement.scrollWidth") <= width + 2
    panel.scroll_into_view_if_needed()
    page.screenshot(path=str(artifacts / f"trust-toll-panel-{width}.png"), full_page=False)


def test_browser_reader_trust_series_and_retracted_panels(
    page: Page, trust: tuple[str, dict[str, int]], artifacts: Path
) -> None:
    server, ids = trust
    page.set_viewport_size({"width": 1600, "height": 1000})
    page.goto(f"{server}/figures/{ids['wire.txt:more than 150 people']}")
    expect(page.locator(".agreement")).to_contain_text(
        "A series, not a dispute: the count rose from more than 150 on 3 Apr to 4,200 on 7 Apr."
    )
    page.screenshot(path=str(artifacts / "trust-series-panel-1600.png"), full_page=False)
    page.goto(f"{server}/figures/{ids['retracted.txt:40 soldiers']}")
    expect(page.locator(".status-note")).to_contain_text("Retracted by its own report")
    # "since the unrest began" is the start of the period counted: the count is of 5 April.
    page.goto(f"{server}/figures?measure=arrested")
    series = page.locator("table.topics tr.series")
    expect(series).to_contain_text("rose from more than 150 on 3 Apr to 4,200 on 7 Apr")
    expect(series.locator("td.num")).to_contain_text("3 independent")
    expect(page.locator("tr.disputed")).to_have_count(0)


@pytest.mark.parametrize("width", [1600, 375])
def test_browser_reader_trust_copy_names_its_original(
    page: Page, trust: tuple[str, dict[str, int]], artifacts: Path, width: int
) -> None:
    server, ids = trust
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(f"{server}/articles/{ids['reprint.txt']}")
    note = page.locator(".copy-note")
    expect(note).to_contain_text("This article is a copy of Northern Wire, 2029-04-03")
    note.get_by_role("link", name="read the original").click()
    expect(page.locator("h1")).to_contain_text("Soldiers killed in Varnholm attack")
    expect(page.locator(".copy-note")).to_have_count(0)
    page.goto(f"{server}/figures")
    page.screenshot(path=str(artifacts / f"trust-figures-{width}.png"), full_page=False)
