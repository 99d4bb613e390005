"""Correcting figures, adding a missed one and writing notes, in Chromium against a real
`parallax serve` over a database of two made-up reports of this module's own (these forms
write), with `parallax reprocess` run in between as a reader would."""

from __future__ import annotations

import csv
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from app.config import Settings
from app.pipeline import ingest_paths
from tests.browser.conftest import running_server
from tests.databases import db_url_for
from tests.test_corrections_figures import RIVER, VALLEY

pytestmark = pytest.mark.browser

MISSED = "The missing numbered 6"


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("floods")
    (folder / "river.txt").write_text(RIVER, encoding="utf-8")
    (folder / "valley.txt").write_text(VALLEY, encoding="utf-8")
    path = folder / "floods.db"
    report = ingest_paths([str(folder)], Settings(db_url=db_url_for(path)))
    assert len(report.added) == 2, report
    return path


@pytest.fixture(scope="module")
def site(db: Path) -> Iterator[str]:
    with running_server(db) as url:
        yield url


def reprocess(db: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "app.cli", "reprocess", "--db", db_url_for(db)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr


def open_river(page: Page, site: str) -> None:
    page.goto(site + "/")
    page.locator("table.articles").get_by_role("link", name="Floods hit Marrowby").first.click()
    expect(page.locator("h1")).to_contain_text("Floods hit Marrowby")


def fits(page: Page, width: int) -> None:
    scroll = page.evaluate("document.documentElement.scrollWidth")
    assert scroll <= width, f"the page scrolls sideways at {width} px ({scroll})"


def test_browser_corrected_measure_survives_reprocess(
    page: Page, site: str, db: Path, artifacts: Path
) -> None:
    page.set_viewport_size({"width": 1600, "height": 1000})
    open_river(page, site)
    page.get_by_role("link", name="Correct this article").click()
    row = page.locator("li.fix-row", has=page.locator("strong", has_text="At least 12 people"))
    row.get_by_text("Correct this figure").click()
    row.get_by_label("Measure").select_option("injured")
    row.get_by_label("Your name").fill("Ann Tester")
    row.get_by_role("button", name="Save this figure").click()
    expect(page.locator(".notice")).to_contain_text("Figure corrected")
    history = page.locator(".corrections li").first
    expect(history).to_contain_text("figure measure corrected")
    expect(history).to_contain_text("by Ann Tester")
    page.screenshot(path=str(artifacts / "correct-figure-desktop.png"), full_page=True)
    reprocess(db)
    open_river(page, site)
    toll = page.locator("a.hl.fig", has_text="At least 12 people")
    expect(toll).to_have_class(re.compile(r"\bm-injured\b.*\bby-reader\b"))
    toll.click()
    expect(page.locator("#reader-panel .measure-tag")).to_have_text("injured")
    expect(page.locator("#reader-panel")).to_contain_text("Corrected by a reader")
    page.set_viewport_size({"width": 375, "height": 812})
    page.goto(page.url.split("#")[0] + "/edit")
    page.locator("li.fix-row").first.get_by_text("Correct this figure").click()
    fits(page, 375)
    page.screenshot(path=str(artifacts / "correct-figure-phone.png"), full_page=True)


def test_browser_note_added_listed_and_exported(page: Page, site: str, artifacts: Path) -> None:
    page.set_viewport_size({"width": 1600, "height": 1000})
    open_river(page, site)
    page.locator("a.hl.fig", has_text="Two of the dead").click()
    page.locator("#reader-panel").get_by_role("link", name="Add a note").click()
    page.get_by_label("Note").fill("Both were pupils of the river school.\nAsk the council.")
    page.get_by_label("Your name").fill("Bo Reader")
    page.get_by_role("button", name="Save note").click()
    expect(page.locator(".notice")).to_contain_text("Note saved")
    note = page.locator(".note").first
    expect(note).to_contain_text("Both were pupils of the river school.")
    expect(note).to_contain_text("Two of the dead")
    expect(note).to_contain_text("Bo Reader")
    page.screenshot(path=str(artifacts / "notes-desktop.png"), full_page=True)
    with page.expect_download() as download:
        page.get_by_role("link", name="CSV").first.click()
    rows = list(csv.DictReader(download.value.path().open(encoding="utf-8")))
    assert [(r["on"], r["quote"], r["author"]) for r in rows] == [
        ("figure", "Two of the dead", "Bo Reader")
    ]
    assert rows[0]["text"].startswith("Both were pupils")
    open_river(page, site)
    expect(page.locator(".article-notes")).to_contain_text("Both were pupils")
    page.set_viewport_size({"width": 375, "height": 812})
    page.goto(site + "/notes")
    fits(page, 375)
    page.screenshot(path=str(artifacts / "notes-phone.png"), full_page=True)


def _select(page: Page, words: str) -> None:
    """Select words of the article's text as a reader's mouse would leave them."""
    page.evaluate(
        """(words) => {
          const walker = document.createTreeWalker(
            document.querySelector('[data-reader-text]'), NodeFilter.SHOW_TEXT);
          while (walker.nextNode()) {
            const t = walker.currentNode, i = t.data.indexOf(words);
            if (i < 0) continue;
            const r = document.createRange();
            r.setStart(t, i); r.setEnd(t, i + words.length);
            const s = window.getSelection(); s.removeAllRanges(); s.addRange(r);
            return;
          }
          throw new Error('words not in the text: ' + words);
        }""",
        words,
    )


@pytest.mark.parametrize(
    ("width", "words", "value"), [(1600, MISSED, "6"), (375, "Sandbags: 900", "900")]
)
def test_browser_missed_figure_added_by_selection(
    page: Page, site: str, artifacts: Path, width: int, words: str, value: str
) -> None:
    page.set_viewport_size({"width": width, "height": 1000 if width > 400 else 812})
    open_river(page, site)
    assert not page.locator("a.hl.fig", has_text=words).count(), "the program must miss them"
    _select(page, words)
    tool = page.get_by_role("link", name="Add as a figure")
    expect(tool).to_be_visible()
    page.screenshot(path=str(artifacts / f"select-figure-{width}.png"))
    tool.click()
    panel = page.locator("#reader-panel")
    expect(panel.locator("mark.picked")).to_have_text(words)
    expect(panel.get_by_label("Value")).to_have_value(value)
    page.screenshot(path=str(artifacts / f"add-figure-{width}.png"))
    panel.get_by_label("Who is counted").fill("missing")
    panel.get_by_role("button", name="Add this figure").click()
    added = page.locator("a.hl.fig.by-reader", has_text=words)
    expect(added).to_be_visible()
    expect(added).to_have_attribute("title", re.compile("added by a reader"))
    page.screenshot(path=str(artifacts / f"added-figure-{width}.png"))


def test_browser_missed_figure_by_keyboard(page: Page, site: str) -> None:
    """Without a mouse: the link opens the form, the words are typed, Enter finds them."""
    page.set_viewport_size({"width": 1600, "height": 1000})
    open_river(page, site)
    link = page.get_by_role("link", name="Add a missed figure")
    link.focus()
    page.keyboard.press("Enter")
    field = page.get_by_label(re.compile("words of the figure"))
    expect(field).to_be_focused()
    page.keyboard.type("Volunteers reported 7")
    page.keyboard.press("Enter")
    expect(page.locator("mark.picked")).to_have_text("Volunteers reported 7")


def test_browser_undo_restores(page: Page, site: str, artifacts: Path) -> None:
    page.set_viewport_size({"width": 1600, "height": 1000})
    open_river(page, site)
    page.get_by_role("link", name="Correct this article").click()
    row = page.locator("li.fix-row", has=page.locator("strong", has_text="40 injured"))
    row.get_by_text("Correct this figure").click()
    row.get_by_label("Event").select_option("other")
    row.get_by_role("button", name="Save this figure").click()
    expect(row.locator(".facts")).to_contain_text("another event")
    last = page.locator(".corrections li").first
    expect(last).to_contain_text("figure event corrected")
    last.get_by_role("button", name="Undo").click()
    expect(page.locator(".notice")).to_contain_text("Undone")
    expect(row.locator(".facts")).not_to_contain_text("another event")
    expect(page.locator(".corrections li").first).to_contain_text("undone")
    page.screenshot(path=str(artifacts / "undo-desktop.png"), full_page=True)
    open_river(page, site)
    expect(page.locator("a.hl.fig", has_text="40 injured")).not_to_have_class(
        re.compile("other-event")
    )
