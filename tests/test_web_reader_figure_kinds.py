"""The reader draws each kind of figure apart: a title figure in the title, a computed figure
after its last part, casualties in their own style, another event muted, a status as a badge."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session

from app.config import Settings
from app.db import get_engine
from app.services.reader import article_page, figure_panel
from app.web.app import create_app
from tests.figure_kinds import BODY, TITLE, build


@pytest.fixture
def kinds_url(tmp_path: Path) -> str:
    return build(tmp_path / "kinds.db")


@pytest.fixture
def kinds_client(kinds_url: str) -> Iterator[TestClient]:
    with TestClient(create_app(Settings(db_url=kinds_url))) as c:
        c.headers["Accept"] = "text/html"
        yield c


def test_web_reader_figure_kinds_title_cut_by_its_figures(kinds_url: str) -> None:
    with Session(get_engine(kinds_url)) as s:
        page = article_page(s, article_id=1)
    assert page is not None
    text = page.text
    assert "".join(seg.text for seg in text.title) == TITLE
    assert [seg.figure.id for seg in text.title if seg.figure] == [1]
    # Body figures stay in the body, and the body is the body exactly.
    body = "".join(seg.text for b in text.blocks for seg in b.segments)
    assert body == BODY
    assert 1 not in {seg.figure.id for b in text.blocks for seg in b.segments if seg.figure}


def test_web_reader_figure_kinds_derived_after_its_last_part(kinds_url: str) -> None:
    with Session(get_engine(kinds_url)) as s:
        page = article_page(s, article_id=1)
    assert page is not None
    (derived,) = page.text.derived
    assert derived.how == "sum of 2 + 3" and derived.after == 3
    hosts = [seg for b in page.text.blocks for seg in b.segments if seg.derived]
    assert [seg.figure.id for seg in hosts if seg.figure] == [3]


@pytest.mark.parametrize(
    ("figure_id", "wanted"),
    [
        (4, ["sum of 2 + 3", "Computed"]),
        (2, ["Part of", "5 killed"]),
        (4, ["2 killed (guards)", "3 killed (pupils)"]),
        (5, ['class="status status-preliminary"', "m-casualties"]),
        (6, ["Another event", "an attack of an earlier year"]),
        (1, ["In the headline", "</mark> in Brindlemoor school attack"]),
    ],
)
def test_web_reader_figure_kinds_panel(
    kinds_client: TestClient, figure_id: int, wanted: list[str]
) -> None:
    html = kinds_client.get(f"/figures/{figure_id}", headers={"HX-Request": "true"}).text
    for piece in wanted:
        assert piece in html, piece


def test_web_reader_figure_kinds_article_page(kinds_client: TestClient) -> None:
    html = kinds_client.get("/articles/1").text
    h1 = re.search(r"<h1 data-reader-title>(.*?)</h1>", html, re.S)
    assert h1 and 'id="fig-1"' in h1.group(1) and 'hx-get="/figures/1"' in h1.group(1)
    # The computed total: one chip after its last part (with the id), one entry in the list.
    assert html.count('data-claim="fig-4"') == 2 and html.count('id="fig-4"') == 1
    assert "= 5 killed" in html and "sum of 2 + 3" in html
    assert re.search(r'class="hl fig m-casualties[^"]*"', html)
    assert re.search(r'class="hl fig m-killed other-event"[^>]*id="fig-6"', html)
    assert "another event" in html  # the legend says what the muted figure is


def test_web_reader_figure_kinds_panel_label_of_other_event(kinds_url: str) -> None:
    with Session(get_engine(kinds_url)) as s:
        panel = figure_panel(s, figure_id=6)
    assert panel is not None and panel.figure.event == "other"
    assert panel.derived is None and panel.wholes == []
