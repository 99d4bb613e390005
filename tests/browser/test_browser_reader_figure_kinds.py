"""Title, computed, casualties, other-event and preliminary figures in Chromium."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import running_server
from tests.figure_kinds import build

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def kinds_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    path = tmp_path_factory.mktemp("kinds") / "kinds.db"
    build(path)
    with running_server(path) as url:
        yield url


def _open(page: Page, server: str) -> None:
    page.set_viewport_size({"width": 1400, "height": 900})
    page.goto(server + "/articles/1")


def test_browser_reader_title_figure_opens_the_panel(
    page: Page, kinds_server: str, artifacts: Path
) -> None:
    _open(page, kinds_server)
    title = page.locator("h1 a.hl.fig.m-killed")
    expect(title).to_have_text("Five dead")
    title.click()
    panel = page.locator("#reader-panel .fig-panel")
    expect(panel).to_contain_text("In the headline")
    expect(page.locator("h1")).to_contain_text("Five dead in Brindlemoor school attack")
    page.screenshot(path=str(artifacts / "reader-title-figure.png"), full_page=False)


def test_browser_reader_computed_figure_by_keyboard(
    page: Page, kinds_server: str, artifacts: Path
) -> None:
    _open(page, kinds_server)
    chip = page.locator(".body a.hl.derived")
    expect(chip).to_have_text("= 5 killed")
    chip.focus()
    page.keyboard.press("Enter")
    panel = page.locator("#reader-panel .fig-panel")
    expect(panel).to_contain_text("sum of 2 + 3")
    expect(panel.locator("[data-panel-title]")).to_be_focused()
    # The chip follows its last part in the text.
    after = page.evaluate(
        """() => { const c = document.querySelector('.body a.hl.derived');
             const p = document.getElementById('fig-3');
             return p.compareDocumentPosition(c) & Node.DOCUMENT_POSITION_FOLLOWING; }"""
    )
    assert after
    page.screenshot(path=str(artifacts / "reader-computed-figure.png"), full_page=False)


def test_browser_reader_casualties_other_event_and_status(
    page: Page, kinds_server: str, artifacts: Path
) -> None:
    _open(page, kinds_server)
    casualties = page.locator(".body a.hl.m-casualties")
    killed = page.locator(".body a.hl.m-killed").first
    style = "getComputedStyle(el).textDecorationLine"
    assert casualties.evaluate(f"el => {style}") != killed.evaluate(f"el => {style}")
    assert casualties.evaluate("el => getComputedStyle(el).textDecorationColor") != killed.evaluate(
        "el => getComputedStyle(el).textDecorationColor"
    )
    expect(page.locator(".legend")).to_contain_text("casualties")
    casualties.click()
    panel = page.locator("#reader-panel .fig-panel")
    expect(panel.locator(".status")).to_have_text("preliminary")
    muted = page.locator(".body a.hl.other-event")
    expect(muted).to_have_attribute(
        "title", "killed: 4 — another event: an attack of an earlier year"
    )
    muted.click()
    expect(panel).to_contain_text("Another event")
    page.screenshot(path=str(artifacts / "reader-other-event.png"), full_page=False)
