"""The reader's corrections through the web: CSRF, the forms, and what they change.

Every test here works on its own copy of the seeded database: these forms write.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session, col, select

from app.config import Settings
from app.db import get_engine
from app.models import Actor, ActorAlias, Article, Correction, Figure, Link
from app.web.app import create_app
from app.web.csrf import COOKIE
from tests.databases import copy_db as copy_database


def copy_db(source: Path, target: Path) -> Settings:
    """A consistent copy of a test database (an SQLite file in WAL mode, or a PostgreSQL one)."""
    return Settings(db_url=copy_database(source, target))


@pytest.fixture
def own(seeded_db: Path, tmp_path: Path) -> Settings:
    return copy_db(seeded_db, tmp_path / "edit.db")


@pytest.fixture
def web(own: Settings) -> Iterator[TestClient]:
    with TestClient(create_app(own)) as c:
        c.headers["Accept"] = "text/html"
        yield c


def token(client: TestClient, url: str) -> str:
    r = client.get(url)
    assert r.status_code == 200
    found = re.search(r'name="csrf_token" value="([^"]+)"', r.text)
    assert found, "the page has no CSRF field"
    return found.group(1)


def session_for(settings: Settings) -> Session:
    return Session(get_engine(settings.db_url))


def first_article(settings: Settings) -> Article:
    with session_for(settings) as s:
        article = s.exec(select(Article).order_by(col(Article.id))).first()
        assert article is not None
        return article


# --- CSRF -----------------------------------------------------------------------------------


def test_web_edit_post_without_token_is_forbidden(web: TestClient, own: Settings) -> None:
    a = first_article(own)
    token(web, f"/articles/{a.id}/edit")  # the cookie is set, the field is missing
    r = web.post(f"/articles/{a.id}/edit", data={"title": "Hijacked"})
    assert r.status_code == 403
    assert first_article(own).title == a.title


@pytest.mark.parametrize("bad", ["", "abc", "abc.def", "x.y.z"])
def test_web_edit_post_with_forged_token_is_forbidden(
    web: TestClient, own: Settings, bad: str
) -> None:
    a = first_article(own)
    web.cookies.set(COOKIE, bad)
    r = web.post(f"/articles/{a.id}/edit", data={"title": "Hijacked", "csrf_token": bad})
    assert r.status_code == 403


def test_web_edit_token_must_match_cookie(web: TestClient, own: Settings) -> None:
    a = first_article(own)
    good = token(web, f"/articles/{a.id}/edit")
    web.cookies.clear()  # a valid token, but not this browser's cookie
    r = web.post(f"/articles/{a.id}/edit", data={"title": "Hijacked", "csrf_token": good})
    assert r.status_code == 403


@pytest.mark.parametrize(
    "url",
    [
        "/figures/1/reject",
        "/links/1/reject",
        "/actors/x/split",
        "/articles/1/delete",
        "/add/paste",
        "/corrections/1/undo",
    ],
)
def test_web_every_post_route_checks_csrf(web: TestClient, url: str) -> None:
    assert web.post(url, data={}).status_code == 403


def test_web_edit_pages_keep_csp_and_no_inline_script(web: TestClient, own: Settings) -> None:
    a = first_article(own)
    for url in (f"/articles/{a.id}/edit", "/add"):
        r = web.get(url)
        assert "script-src 'self'" in r.headers["content-security-policy"]
        assert "<script>" not in r.text and " style=" not in r.text
        assert r.headers["cache-control"] == "no-store"


# --- article metadata -----------------------------------------------------------------------


def test_web_edit_corrects_title_outlet_date(web: TestClient, own: Settings) -> None:
    a = first_article(own)
    t = token(web, f"/articles/{a.id}/edit")
    r = web.post(
        f"/articles/{a.id}/edit",
        data={
            "title": "  A better   title ",
            "outlet": "The Daily Test",
            "date": "2021-12-31",
            "csrf_token": t,
        },
        follow_redirects=False,
    )
    assert r.status_code == 303 and r.headers["location"].endswith("edit?done=saved")
    page = web.get(r.headers["location"]).text
    assert "Saved." in page and "title corrected" in page and "outlet corrected" in page
    with session_for(own) as s:
        fixed = s.get(Article, a.id)
        assert fixed is not None
        assert (fixed.title, fixed.outlet, str(fixed.date)) == (
            "A better title",
            "The Daily Test",
            "2021-12-31",
        )
        assert {fixed.title_basis, fixed.outlet_basis, fixed.date_basis} == {"corrected"}
        assert s.exec(select(Correction)).all()
    # The article page shows the new title, and search finds it.
    assert "A better title" in web.get(f"/articles/{a.id}").text
    assert "A <mark>better</mark> title" in web.get("/search?q=better").text


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"title": "", "date": ""}, "cannot be empty"),
        ({"title": "T", "date": "2022-02-30"}, "is no day of the calendar"),
        ({"title": "T", "date": "tomorrow"}, "is not a date"),
        # The years ingest takes a date in (app/ingest/metadata.py), no others.
        ({"title": "T", "date": "0001-01-01"}, "is outside the years 1800–2199"),
        ({"title": "T", "date": "9999-12-31"}, "is outside the years 1800–2199"),
    ],
)
def test_web_edit_rejects_bad_input_and_keeps_it(
    web: TestClient, own: Settings, fields: dict[str, str], message: str
) -> None:
    a = first_article(own)
    t = token(web, f"/articles/{a.id}/edit")
    r = web.post(f"/articles/{a.id}/edit", data={**fields, "outlet": "Kept", "csrf_token": t})
    assert r.status_code == 400 and message in r.text
    assert 'value="Kept"' in r.text
    assert first_article(own).title == a.title


def test_web_edit_undo_unknown_correction_is_404(web: TestClient) -> None:
    t = token(web, "/add")
    r = web.post("/corrections/99999/undo", data={"csrf_token": t})
    assert r.status_code == 404 and "no correction with id 99999" in r.text


def test_web_edit_unknown_article_is_404(web: TestClient) -> None:
    assert web.get("/articles/99999/edit").status_code == 404
    t = token(web, "/add")
    assert web.post("/articles/99999/edit", data={"title": "x", "csrf_token": t}).status_code == 404


def test_web_edit_title_is_escaped(web: TestClient, own: Settings) -> None:
    a = first_article(own)
    t = token(web, f"/articles/{a.id}/edit")
    web.post(f"/articles/{a.id}/edit", data={"title": "<script>x()</script>", "csrf_token": t})
    page = web.get(f"/articles/{a.id}/edit").text
    assert "<script>x()</script>" not in page and "&lt;script&gt;" in page


# --- figures, links, actors -----------------------------------------------------------------


def test_web_reject_figure_hides_it_everywhere(web: TestClient, own: Settings) -> None:
    with session_for(own) as s:
        figure = s.exec(
            select(Figure).where(col(Figure.id).in_(select(Link.a_id).where(Link.kind == "figure")))
        ).first()
        assert figure is not None
    t = token(web, f"/articles/{figure.article_id}/edit")
    r = web.post(f"/figures/{figure.id}/reject", data={"csrf_token": t}, follow_redirects=False)
    assert r.status_code == 303
    with session_for(own) as s:
        assert s.get(Figure, figure.id).rejected  # type: ignore[union-attr]
        links = s.exec(
            select(Link).where(
                (Link.a_id == figure.id) | (Link.b_id == figure.id), Link.kind == "figure"
            )
        ).all()
        assert links == []
    assert web.get(f"/api/figures/{figure.id}").json()["rejected"] is True
    ids = [f["id"] for f in web.get("/api/figures?limit=1000").json()["items"]]
    assert figure.id not in ids
    page = web.get(f"/articles/{figure.article_id}/edit").text
    assert "figure rejected" in page and "Undo" in page


def test_web_undo_figure_rejection(web: TestClient, own: Settings) -> None:
    with session_for(own) as s:
        figure = s.exec(select(Figure)).first()
        assert figure is not None
    here = f"/articles/{figure.article_id}/edit"
    t = token(web, here)
    web.post(f"/figures/{figure.id}/reject", data={"csrf_token": t})
    with session_for(own) as s:
        correction = s.exec(select(Correction)).one()
    r = web.post(
        f"/corrections/{correction.id}/undo",
        data={"csrf_token": t, "back": here},
        follow_redirects=False,
    )
    assert r.status_code == 303 and r.headers["location"] == here + "?done=undone"
    with session_for(own) as s:
        assert not s.get(Figure, figure.id).rejected  # type: ignore[union-attr]
        kept = s.exec(select(Correction)).one()  # the history keeps it, marked undone
        assert kept.undone_at is not None
    # A correction that exists but cannot be undone again is a bad request, not a missing one.
    again = web.post(f"/corrections/{correction.id}/undo", data={"csrf_token": t})
    assert again.status_code == 400 and "undone already" in again.text


def test_web_reject_link(web: TestClient, own: Settings) -> None:
    with session_for(own) as s:
        link = s.exec(select(Link).where(Link.kind == "figure")).first()
        assert link is not None
        a = s.get(Figure, link.a_id)
        assert a is not None
    here = f"/articles/{a.article_id}/edit"
    t = token(web, here)
    assert f'action="/links/{link.id}/reject"' in web.get(here).text
    r = web.post(
        f"/links/{link.id}/reject", data={"csrf_token": t, "back": here}, follow_redirects=False
    )
    assert r.headers["location"] == here + "?done=link"
    with session_for(own) as s:
        assert s.get(Link, link.id).rejected  # type: ignore[union-attr]
    detail = web.get(f"/api/figures/{link.a_id}").json()
    assert link.b_id not in {m["id"] for m in detail["matches"]}
    assert "figure link rejected" in web.get(here).text


def test_web_back_cannot_leave_the_site(web: TestClient, own: Settings) -> None:
    with session_for(own) as s:
        link = s.exec(select(Link)).first()
        assert link is not None
    t = token(web, "/add")
    r = web.post(
        f"/links/{link.id}/reject",
        data={"csrf_token": t, "back": "//evil.example/x"},
        follow_redirects=False,
    )
    assert r.status_code == 303 and r.headers["location"].startswith("/articles/")


def test_web_split_actor(web: TestClient, own: Settings) -> None:
    with session_for(own) as s:
        actor = next(
            a
            for a in s.exec(select(Actor))
            if len(s.exec(select(ActorAlias).where(ActorAlias.actor_id == a.id)).all()) > 1
        )
        alias = s.exec(select(ActorAlias).where(ActorAlias.actor_id == actor.id)).first()
        assert alias is not None
    page = web.get(f"/actors/{actor.slug}/edit")
    assert page.status_code == 200 and "Split off" in page.text
    t = token(web, f"/actors/{actor.slug}/edit")
    r = web.post(
        f"/actors/{actor.slug}/split",
        data={"alias": alias.alias, "csrf_token": t},
        follow_redirects=False,
    )
    assert r.status_code == 303
    with session_for(own) as s:
        owner = s.exec(select(ActorAlias).where(ActorAlias.alias == alias.alias)).one()
        assert owner.actor_id != actor.id
    page = web.get(f"/actors/{actor.slug}/edit").text
    assert "spelling split off" in page and alias.alias in page


def test_web_split_unknown_alias_or_actor(web: TestClient, own: Settings) -> None:
    with session_for(own) as s:
        actor = s.exec(select(Actor)).first()
        assert actor is not None
    t = token(web, "/add")  # one token a browser, whatever page it came from
    r = web.post(f"/actors/{actor.slug}/split", data={"alias": "Nobody At All", "csrf_token": t})
    assert r.status_code == 400 and "is not a spelling" in r.text
    assert web.get("/actors/no-such-actor/edit").status_code == 404


# --- delete and add -------------------------------------------------------------------------


def test_web_delete_needs_confirmation(web: TestClient, own: Settings) -> None:
    a = first_article(own)
    t = token(web, f"/articles/{a.id}/edit")
    assert web.post(f"/articles/{a.id}/delete", data={"csrf_token": t}).status_code == 400
    r = web.post(
        f"/articles/{a.id}/delete", data={"csrf_token": t, "confirm": "yes"}, follow_redirects=False
    )
    assert r.status_code == 303 and r.headers["location"] == "/add?done=deleted"
    assert web.get(f"/articles/{a.id}").status_code == 404
    with session_for(own) as s:
        assert s.exec(select(Figure).where(Figure.article_id == a.id)).all() == []
    assert "Article deleted" in web.get("/add?done=deleted").text
    assert f'href="/articles/{a.id}"' not in web.get("/search?q=the").text


def test_web_add_paste_with_error_keeps_text(web: TestClient) -> None:
    t = token(web, "/add")
    fields = {
        "title": "Bridge collapse in Northtown",
        "outlet": "Test Wire",
        "date": "2024-02-30",
        "text": "At least 9 people were killed when a bridge collapsed, police said.",
        "csrf_token": t,
    }
    r = web.post("/add/paste", data=fields)
    assert r.status_code == 400 and "2024-02-30&#39; is no day of the calendar" in r.text
    assert "At least 9 people were killed" in r.text  # kept in the textarea
    assert web.post("/add/paste", data={"csrf_token": t, "text": "  "}).status_code == 400


def test_web_add_paste_and_upload(web: TestClient, own: Settings) -> None:
    t = token(web, "/add")
    text = (
        "Floodwaters swept through the valley town of Eastmere on Sunday. At least 14 people "
        "were killed and 30 injured, the regional governor said."
    )
    r = web.post(
        "/add/paste",
        data={
            "title": "Floods hit Eastmere",
            "outlet": "Test Wire",
            "date": "2024-03-03",
            "text": text,
            "csrf_token": t,
        },
    )
    assert r.status_code == 200 and "added" in r.text and "Floods hit Eastmere" in r.text
    with session_for(own) as s:
        added = s.exec(select(Article).where(Article.title == "Floods hit Eastmere")).one()
        assert (added.outlet, str(added.date), added.source_file) == (
            "Test Wire",
            "2024-03-03",
            "floods-hit-eastmere.txt",
        )
        assert s.exec(select(Figure).where(Figure.article_id == added.id)).all()
    files = [
        (
            "files",
            (
                "north report.txt",
                b"title: Storm in Northvale\n\nA storm tore through "
                b"Northvale overnight, and at least 5 people died, officials said.",
                "text/plain",
            ),
        ),
        ("files", ("empty.txt", b"   ", "text/plain")),
        ("files", ("../../etc/evil.txt", text.encode(), "text/plain")),
    ]
    r = web.post("/add/upload", data={"csrf_token": t}, files=files)
    assert r.status_code == 200
    assert "Storm in Northvale" in r.text and "north_report.txt" in r.text
    assert "empty.txt" in r.text and "problem" in r.text  # the ingest error, shown
    assert "already stored" in r.text  # the same text as the paste
    assert "/etc/" not in r.text


def test_web_add_upload_needs_a_file(web: TestClient) -> None:
    t = token(web, "/add")
    r = web.post(
        "/add/upload",
        data={"csrf_token": t},
        files=[("files", ("", b"", "application/octet-stream"))],
    )
    assert r.status_code in (400, 422)


def test_web_add_brings_back_a_deleted_text(
    web: TestClient, own: Settings, seeded_db: Path
) -> None:
    a = first_article(own)
    t = token(web, f"/articles/{a.id}/edit")
    web.post(f"/articles/{a.id}/delete", data={"csrf_token": t, "confirm": "yes"})
    source = Path(__file__).resolve().parents[1] / a.source_file
    r = web.post(
        "/add/upload",
        data={"csrf_token": t},
        files=[("files", (source.name, source.read_bytes(), "text/plain"))],
    )
    assert r.status_code == 200 and "badge added" in r.text
    with session_for(own) as s:
        assert s.exec(select(Article).where(Article.content_hash == a.content_hash)).one()


def test_web_edit_page_says_where_the_date_came_from(client: TestClient) -> None:
    # Seed 003 is dated by its own "posted on" stamp; the form says so in words.
    index = client.get("/").text
    row = next(r for r in index.split("<tr>") if "003_57b7105d8ef288f9.txt" in r)
    article_id = row.split('href="/articles/')[1].split('"')[0]
    page = client.get(f"/articles/{article_id}/edit").text
    assert "(from the page&#39;s “Posted …” line)" in page


def test_web_add_upload_says_which_lines_of_a_failed_file_were_not_loaded(
    web: TestClient, own: Settings
) -> None:
    """A JSON Lines file with one bad line loads nothing: its good lines say "not loaded",
    never "already stored"."""
    good = {"title": "Quarry blast in Westholm", "text": "Two workers died in a quarry blast."}
    lines = [json.dumps(good), json.dumps({"title": "No text here", "text": ""})]
    files = [("files", ("batch.jsonl", "\n".join(lines).encode(), "application/x-ndjson"))]
    r = web.post("/add/upload", data={"csrf_token": token(web, "/add")}, files=files)
    assert r.status_code == 400 and "batch.jsonl#2" in r.text and "problem" in r.text
    assert "badge held" in r.text and "batch.jsonl#1" in r.text and "badge kept" not in r.text
    assert "loads whole or not at all" in r.text
    with session_for(own) as s:
        assert not s.exec(select(Article).where(Article.title == good["title"])).first()
