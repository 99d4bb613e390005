"""The figures overview and the stories list a page at a time: page links both ways, a page
past the end said so, and the rows of a page those the stored order puts there."""

from __future__ import annotations

import html as html_module
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session

from app.config import Settings
from app.db import get_engine
from app.services.summaries import refresh_summaries
from app.web.app import create_app
from tests.databases import db_url_for
from tests.test_services_reader_plans import _build


@pytest.fixture(scope="module")
def many(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    """A hundred made-up stories of thirty articles, three counts each."""
    path = tmp_path_factory.mktemp("many") / "many.db"
    _build(path)
    settings = Settings(db_url=db_url_for(path))
    with Session(get_engine(settings.db_url)) as s:
        refresh_summaries(s)
        s.commit()
    with TestClient(create_app(settings)) as c:
        c.headers["Accept"] = "text/html"
        yield c


def _pager(html: str) -> dict[str, str]:
    nav = re.search(r'<nav class="pager" aria-label="([^"]+)">(.*?)</nav>', html, re.S)
    assert nav, "a pager"
    links = {
        rel: html_module.unescape(href)
        for rel, href in re.findall(r'<a rel="(prev|next)" href="([^"]+)"', nav.group(2))
    }
    return {"label": nav.group(1), **links, "text": re.sub(r"<[^>]+>", " ", nav.group(2))}


@pytest.mark.parametrize(
    ("path", "label", "pages"),
    [("/figures", "Pages of figures", 15), ("/stories", "Pages of stories", 5)],
)
def test_web_summaries_pages_link_both_ways(
    many: TestClient, path: str, label: str, pages: int
) -> None:
    first = _pager(many.get(path).text)
    assert first["label"] == label and "prev" not in first
    assert f"page 1 of {pages}" in first["text"]
    assert first["next"] == f"{path}?page=2"
    second = _pager(many.get(first["next"]).text)
    assert second["prev"] == f"{path}?page=1" and second["next"] == f"{path}?page=3"
    last = _pager(many.get(f"{path}?page={pages}").text)
    assert "next" not in last and f"page {pages} of {pages}" in last["text"]


def test_web_summaries_figures_pages_keep_the_filters(many: TestClient) -> None:
    page = many.get("/figures?measure=killed&page=2").text
    assert _pager(page)["next"] == "/figures?measure=killed&page=3"
    assert 'href="/export/figures.csv?measure=killed"' in page  # a download is of every page
    rows = re.findall(r'<tr class="[a-z]+" data-topic="([^"]+)"', page)
    assert len(rows) == 20


@pytest.mark.parametrize("path", ["/figures?page=99", "/stories?page=99"])
def test_web_summaries_a_page_past_the_end_says_so(many: TestClient, path: str) -> None:
    r = many.get(path)
    assert r.status_code == 200
    assert "There is no page 99" in r.text
    assert re.search(r'<a href="/(figures|stories)(\?page=1)?">the first</a>', r.text)


def test_web_summaries_a_story_lists_its_first_articles(many: TestClient) -> None:
    page = many.get("/stories").text
    story = page[page.index('<section class="story"') :]
    story = story[: story.index("</section>")]
    assert len(re.findall(r'<li>\s*<a href="/articles/\d+">', story)) == 10
    assert re.search(r'<a href="/stories/\d+">and 20 more on its page</a>', story)
    assert "30 articles" in story


def test_web_summaries_empty_database(tmp_path: Path) -> None:
    settings = Settings(db_url=db_url_for(tmp_path / 'empty.db'))
    with TestClient(create_app(settings)) as c:
        c.headers["Accept"] = "text/html"
        assert "No figures yet" in c.get("/figures").text
        assert "No stories yet" in c.get("/stories").text
        assert 'class="pager"' not in c.get("/stories").text
