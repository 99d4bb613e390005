"""The reader's panels and side by side in Debian's Chromium against a real server."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser

# The seed that opens on "164 people killed": its killed figure has counterparts elsewhere.
TITLE = re.compile(r"164 people killed")


def _open_article(page: Page, server: str, width: int | None = None) -> None:
    if width is not None:
        page.set_viewport_size({"width": width, "height": 900 if width > 400 else 780})
    page.goto(server + "/")
    page.get_by_role("link", name=TITLE).first.click()
    expect(page.locator("h1")).to_contain_text("164 people killed")


def _in_viewport(page: Page, selector: str) -> bool:
    return bool(
        page.evaluate(
            """(sel) => { const r = document.querySelector(sel).getBoundingClientRect();
                 return r.top >= 0 && r.bottom <= window.innerHeight && r.height > 0; }""",
            selector,
        )
    )


@pytest.mark.parametrize("width", [1600, 360])
def test_browser_reader_killed_figure_panel_then_side_by_side(
    page: Page, server: str, artifacts: Path, width: int
) -> None:
    _open_article(page, server, width)
    killed = page.locator("a.hl.fig.m-killed", has_text="164 people killed")
    expect(killed).to_have_attribute("href", re.compile(r"^/figures/\d+$"))
    killed.click()
    panel = page.locator("#reader-panel .fig-panel")
    expect(panel).to_be_visible()
    # The URL did not change: the panel opened in place.
    expect(page).to_have_url(re.compile(r"/articles/\d+$"))
    rows = panel.locator(".row")
    expect(rows.first).to_be_visible()
    expect(panel.locator(".rel-same").first).to_be_visible()
    expect(panel).to_contain_text("At least 164 dead")
    expect(panel).to_contain_text("distinct source")
    expect(panel.locator("[data-panel-title]")).to_be_focused()
    assert page.evaluate("document.documentElement.scrollWidth") <= width + 2
    suffix = "desktop" if width > 400 else "phone"
    page.screenshot(path=str(artifacts / f"reader-article-panel-{suffix}.png"), full_page=False)

    # Escape closes the panel and gives the focus back to the highlight.
    page.keyboard.press("Escape")
    expect(panel).to_have_count(0)
    expect(killed).to_be_focused()

    # Open it again and go side by side from the row of the other outlet.
    killed.click()
    row = page.locator("#reader-panel ol.rows").first.locator(".row", has_text="At least 164 dead")
    link = row.locator("a.row-go")
    href = link.get_attribute("href") or ""
    anchor = href.split("#", 1)[1]
    link.click()
    expect(page).to_have_url(re.compile(r"/compare\?ids=\d+,\d+#fig-\d+$"))
    target = page.locator(f"#{anchor}")
    expect(target).to_be_visible()
    expect(target).to_contain_text("At least 164 dead")
    page.wait_for_timeout(200)
    assert _in_viewport(page, f"#{anchor}")
    assert page.evaluate("document.documentElement.scrollWidth") <= width + 2
    page.screenshot(path=str(artifacts / f"reader-compare-{suffix}.png"), full_page=False)


def test_browser_reader_compare_hover_lights_counterparts(
    page: Page, server: str, artifacts: Path
) -> None:
    page.set_viewport_size({"width": 1600, "height": 900})
    _open_article(page, server)
    page.get_by_role("link", name=re.compile(r"^Compare with")).click()
    expect(page.locator("article.column")).to_have_count(4)
    first = page.locator("article.column").first.locator("a.hl[data-links]").first
    links = (first.get_attribute("data-links") or "").split()
    assert links
    first.focus()
    expect(page.locator(f'[data-claim="{links[0]}"]').first).to_have_class(re.compile(r"\blit\b"))
    page.screenshot(path=str(artifacts / "reader-compare-4.png"))


def test_browser_reader_figure_link_works_without_panel(page: Page, server: str) -> None:
    """Followed as a plain link (new tab, no htmx), the figure is a full page."""
    _open_article(page, server)
    href = page.locator("a.hl.fig.m-killed").first.get_attribute("href")
    page.goto(server + (href or ""))
    expect(page.locator(".fig-panel")).to_be_visible()
    expect(page.locator("header.site")).to_be_visible()


@pytest.mark.parametrize("width", [1600, 375])
def test_browser_reader_statement_panel_says_link_strength(
    page: Page, server: str, artifacts: Path, width: int
) -> None:
    _open_article(page, server, width)
    statement = page.locator("a.hl.st").first
    expect(statement).to_have_attribute("href", re.compile(r"^/statements/\d+$"))
    # By keyboard: a linked statement is a link, Enter opens its panel in place.
    statement.focus()
    page.keyboard.press("Enter")
    panel = page.locator("#reader-panel .st-panel")
    expect(panel).to_be_visible()
    expect(page).to_have_url(re.compile(r"/articles/\d+$"))
    badge = panel.locator(".row .rel-score").first
    expect(badge).to_have_text(
        re.compile(r"(near-identical wording|strong match|moderate match) · \d+%", re.I)
    )
    expect(badge).to_have_attribute("title", re.compile(r"^Link strength: "))
    expect(panel.locator(".row-reason").first).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= width + 2
    suffix = "desktop" if width > 400 else "phone"
    page.screenshot(path=str(artifacts / f"reader-statement-panel-{suffix}.png"), full_page=False)
