"""Figures corrected and added, and notes, through the web: the forms, CSRF, who and when,
undo, and the exports. Each test works on its own database of two made-up reports."""

from __future__ import annotations

import csv
import importlib
import io
import json
import pkgutil
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.routing import APIRoute
from fastapi.testclient import TestClient
from sqlmodel import Session, select

from app.config import Settings
from app.db import get_engine
from app.models import Correction, Figure, Note
from app.pipeline import ingest_paths, reprocess
from app.web import views
from app.web.app import create_app
from app.web.csrf import require_csrf
from tests.databases import db_url_for
from tests.test_corrections_figures import RIVER, VALLEY, figure_at, river
from tests.test_web_edit import token

MISSED = "The missing numbered 6"


@pytest.fixture
def own(tmp_path: Path) -> Settings:
    folder = tmp_path / "floods"
    folder.mkdir()
    (folder / "river.txt").write_text(RIVER, encoding="utf-8")
    (folder / "valley.txt").write_text(VALLEY, encoding="utf-8")
    settings = Settings(db_url=db_url_for(tmp_path / 'web.db'), author="Desk")
    assert not ingest_paths([str(folder)], settings).failed
    return settings


@pytest.fixture
def web(own: Settings) -> Iterator[TestClient]:
    with TestClient(create_app(own)) as c:
        c.headers["Accept"] = "text/html"
        yield c


def db(settings: Settings) -> Session:
    return Session(get_engine(settings.db_url))


def form_of(f: Figure, **changes: str) -> dict[str, str]:
    fields = {
        "value": f"{f.value:g}" if f.value is not None else "",
        "measure": f.measure,
        "group": f.group,
        "place": f.place or "",
        "source": f.source,
        "event": f.event,
    }
    return {**fields, **changes}


def test_web_every_post_route_checks_csrf_by_construction() -> None:
    """Every form that writes, new ones included, carries the CSRF dependency."""
    modules = [
        importlib.import_module(f"app.web.views.{m.name}")
        for m in pkgutil.iter_modules(views.__path__)
    ]
    posts = [
        r
        for module in modules
        for r in module.router.routes
        if isinstance(r, APIRoute) and "POST" in r.methods
    ]
    assert len(posts) >= 12
    for route in posts:
        calls = [d.call for d in route.dependant.dependencies]
        assert require_csrf in calls, route.path


@pytest.mark.parametrize(
    "url",
    [
        "/figures/1/correct",
        "/articles/1/figures/add",
        "/notes",
        "/notes/1/delete",
        "/notes/1/restore",
    ],
)
def test_web_new_forms_refuse_without_token(web: TestClient, url: str) -> None:
    assert web.post(url, data={}).status_code == 403


def test_web_correct_figure_measure_and_undo(web: TestClient, own: Settings) -> None:
    with db(own) as s:
        toll = figure_at(s, "At least 12 people")
    here = f"/articles/{toll.article_id}/edit"
    t = token(web, here)
    r = web.post(
        f"/figures/{toll.id}/correct",
        data={**form_of(toll, measure="injured"), "author": "Ann", "csrf_token": t},
        follow_redirects=False,
    )
    assert r.status_code == 303
    assert r.headers["location"] == f"{here}?done=corrected#fig-{toll.id}"
    page = web.get(here).text
    assert "figure measure corrected" in page and "by Ann" in page
    assert web.get(f"/api/figures/{toll.id}").json()["measure"] == "injured"
    # The name is remembered for the next form.
    assert 'value="Ann"' in web.get(here).text
    reprocess(own)
    with db(own) as s:
        again = figure_at(s, "At least 12 people")
        assert (again.measure, again.topic.split("|")[0]) == ("injured", "injured")
        mark = s.exec(select(Correction).where(Correction.field == "measure")).one()
    r = web.post(f"/corrections/{mark.id}/undo", data={"csrf_token": t, "back": here})
    assert r.status_code == 200
    with db(own) as s:
        assert figure_at(s, "At least 12 people").measure == "killed"
    assert "undone by Ann" in web.get(here).text


def test_web_correct_figure_refuses_bad_value_and_keeps_it(web: TestClient, own: Settings) -> None:
    with db(own) as s:
        toll = figure_at(s, "At least 12 people")
    t = token(web, f"/articles/{toll.article_id}/edit")
    r = web.post(
        f"/figures/{toll.id}/correct",
        data={**form_of(toll, value="twelve-ish"), "csrf_token": t},
    )
    assert r.status_code == 400
    assert "not a number" in r.text and 'value="twelve-ish"' in r.text
    with db(own) as s:
        assert s.exec(select(Correction)).all() == []


def test_web_correct_figure_unchanged_says_so(web: TestClient, own: Settings) -> None:
    with db(own) as s:
        toll = figure_at(s, "At least 12 people")
    t = token(web, f"/articles/{toll.article_id}/edit")
    r = web.post(
        f"/figures/{toll.id}/correct",
        data={**form_of(toll), "csrf_token": t},
        follow_redirects=False,
    )
    assert "done=same" in r.headers["location"]


def test_web_mark_part_of_shows_in_panel(web: TestClient, own: Settings) -> None:
    with db(own) as s:
        toll, part = figure_at(s, "At least 12 people"), figure_at(s, "Two of the dead")
    t = token(web, f"/articles/{toll.article_id}/edit")
    web.post(
        f"/figures/{part.id}/correct",
        data={**form_of(part), "part_of": str(toll.id), "csrf_token": t},
    )
    assert web.get(f"/api/figures/{toll.id}").json()["parts"] == [part.id]
    panel = web.get(f"/figures/{part.id}", headers={"HX-Request": "true"}).text
    assert "Part of" in panel and f'href="/figures/{toll.id}"' in panel
    assert "marked a part of another figure" in web.get(f"/articles/{toll.article_id}/edit").text


def test_web_add_missed_figure(web: TestClient, own: Settings) -> None:
    with db(own) as s:
        article = river(s)
        start = article.body.index(MISSED)
    url = f"/articles/{article.id}/figures/new?start={start}&end={start + len(MISSED)}"
    form = web.get(url + f"&quote={MISSED}", headers={"HX-Request": "true"})
    assert form.status_code == 200 and "<html" not in form.text
    assert f'<mark class="picked">{MISSED}</mark>' in form.text
    assert 'name="value" type="text" inputmode="numeric" value="6"' in form.text
    t = re.search(r'name="csrf_token" value="([^"]+)"', form.text).group(1)  # type: ignore[union-attr]
    r = web.post(
        f"/articles/{article.id}/figures/add",
        data={
            "start": str(start),
            "end": str(start + len(MISSED)),
            "value": "6",
            "measure": "other",
            "group": "missing",
            "csrf_token": t,
        },
        follow_redirects=False,
    )
    assert r.status_code == 303
    added_id = int(r.headers["location"].rsplit("#fig-", 1)[1])
    page = web.get(f"/articles/{article.id}").text
    assert re.search(rf'class="hl fig m-other[^"]*by-reader"\s+href="/figures/{added_id}"', page)
    row = next(
        json.loads(line)
        for line in web.get("/export/figures.jsonl").text.splitlines()
        if json.loads(line)["id"] == added_id
    )
    assert (row["text"], row["value"], row["group"], row["added"]) == (MISSED, 6, "missing", True)
    with db(own) as s:
        mark = s.exec(select(Correction)).one()
        assert (mark.field, mark.author) == ("added", "Desk")  # the setting signs it


@pytest.mark.parametrize(
    ("query", "message"),
    [("quote=nowhere+in+it", "not in the article"), ("quote=", "The words of the figure")],
)
def test_web_add_figure_form_without_words(
    web: TestClient, own: Settings, query: str, message: str
) -> None:
    with db(own) as s:
        article = river(s)
    r = web.get(f"/articles/{article.id}/figures/new?{query}")
    assert r.status_code == 200 and message in r.text
    assert 'id="add-quote"' in r.text  # the keyboard's way: type the words


def test_web_notes_add_list_delete_restore_export(web: TestClient, own: Settings) -> None:
    with db(own) as s:
        toll = figure_at(s, "At least 12 people")
    empty = web.get("/notes").text
    assert "No notes yet" in empty
    t = token(web, f"/notes/new?on=figure&id={toll.id}")
    r = web.post(
        "/notes",
        data={
            "on": "figure",
            "id": str(toll.id),
            "text": "Ask the fire service",
            "author": "Bo",
            "csrf_token": t,
        },
        follow_redirects=False,
    )
    assert r.status_code == 303 and r.headers["location"].startswith("/notes?done=added#note-")
    listing = web.get("/notes").text
    assert "Ask the fire service" in listing and "At least 12 people" in listing and "Bo" in listing
    assert "Ask the fire service" in web.get(f"/articles/{toll.article_id}").text
    assert "Ask the fire service" in web.get(f"/figures/{toll.id}").text
    reprocess(own)
    assert "Ask the fire service" in web.get(f"/figures/{figure_id(own)}").text
    rows = list(csv.DictReader(io.StringIO(web.get("/export/notes.csv").text)))
    assert [(r["on"], r["quote"], r["text"], r["author"]) for r in rows] == [
        ("figure", "At least 12 people", "Ask the fire service", "Bo")
    ]
    with db(own) as s:
        note = s.exec(select(Note)).one()
    web.post(f"/notes/{note.id}/delete", data={"csrf_token": t})
    assert "Deleted notes" in web.get("/notes").text
    assert web.get("/export/notes.jsonl").text == ""
    web.post(f"/notes/{note.id}/restore", data={"csrf_token": t})
    assert len(web.get("/export/notes.jsonl").text.splitlines()) == 1


def figure_id(settings: Settings) -> int:
    with db(settings) as s:
        return figure_at(s, "At least 12 people").id or 0


@pytest.mark.parametrize(
    ("data", "status"),
    [
        ({"on": "figure", "id": "999999", "text": "x"}, 404),
        ({"on": "article", "id": "1", "text": "   "}, 400),
        ({"on": "article", "id": "1", "text": "x" * 5001}, 400),
    ],
)
def test_web_notes_refused(web: TestClient, data: dict[str, str], status: int) -> None:
    t = token(web, "/notes/new?on=article&id=1")
    assert web.post("/notes", data={**data, "csrf_token": t}).status_code == status


def test_web_notes_on_unknown_things(web: TestClient) -> None:
    assert web.get("/notes/new?on=figure&id=999999").status_code == 404
    assert web.get("/notes/new?on=actor&id=1").status_code == 400
    assert web.get("/notes?article=999999").status_code == 404


def test_web_corrections_export(web: TestClient, own: Settings) -> None:
    with db(own) as s:
        toll = figure_at(s, "At least 12 people")
    t = token(web, f"/articles/{toll.article_id}/edit")
    web.post(
        f"/figures/{toll.id}/correct", data={**form_of(toll, group="residents"), "csrf_token": t}
    )
    rows = [json.loads(line) for line in web.get("/export/corrections.jsonl").text.splitlines()]
    assert [(r["on"], r["field"], r["value"], r["author"]) for r in rows] == [
        ("figure", "group", "residents", "Desk")
    ]
    assert rows[0]["article"].endswith("river.txt") and rows[0]["undone_at"] is None
