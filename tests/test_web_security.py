"""The web reader against a hostile page or user: forged origins, headers on every answer,
links that would run script, formulas in downloads, names of downloads and uploads."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlmodel import select

from app.cli import _is_loopback
from app.config import Settings
from app.models import Article
from app.web.app import create_app
from tests.test_web_edit import copy_db, session_for, token

# An article as a hostile page would send it: a script address, formulas for a spreadsheet.
HOSTILE_ARTICLE = b"""title: =HYPERLINK("http://evil.example","click")
outlet: @SUM(1+1)
date: 2031-05-06
url: javascript:alert(document.cookie)

Floodwaters swept through the river town of Lowmere on Friday. At least 9 people were killed,
the regional governor said.
"""


@pytest.fixture(scope="module")
def hostile(
    seeded_db: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[TestClient, Settings]]:
    """A copy of the seeded database with the hostile article uploaded through /add."""
    own = copy_db(seeded_db, tmp_path_factory.mktemp("hostile") / "hostile.db")
    with TestClient(create_app(own)) as c:
        c.headers["Accept"] = "text/html"
        files = [("files", ("../../etc/\n; rm -rf ~.txt", HOSTILE_ARTICLE, "text/plain"))]
        r = c.post("/add/upload", data={"csrf_token": token(c, "/add")}, files=files)
        assert r.status_code == 200 and "added" in r.text
        yield c, own


def _hostile_article(settings: Settings) -> Article:
    with session_for(settings) as s:
        found = [a for a in s.exec(select(Article)) if a.title.startswith("=HYPERLINK")]
        assert len(found) == 1
        return found[0]


def test_web_security_upload_name_is_only_shown(hostile: tuple[TestClient, Settings]) -> None:
    """The upload's name is kept (made safe) as the article's file, never used as a path."""
    a = _hostile_article(hostile[1])
    assert a.source_file.endswith("rm_-rf_.txt") and re.fullmatch(r"[\w.-]+", a.source_file)


def test_web_security_script_address_is_not_a_link(hostile: tuple[TestClient, Settings]) -> None:
    client, settings = hostile
    page = client.get(f"/articles/{_hostile_article(settings).id}").text
    assert "javascript:alert" in page  # shown, as text
    assert not re.search(r"href=\"\s*javascript:", page, re.IGNORECASE)
    assert "not a web address" in page


@pytest.mark.parametrize("kind", ["articles", "figures"])
def test_web_security_downloads_neutralise_formulas(
    hostile: tuple[TestClient, Settings], kind: str
) -> None:
    body = hostile[0].get(f"/export/{kind}.csv").content.decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(body)))
    cells = [cell for row in rows for cell in row.values() if cell]
    assert any(cell.startswith("'=HYPERLINK") for cell in cells)
    assert not [c for c in cells if c.startswith(("=", "+", "@", "\t", "\r"))]
    # A minus sign that starts text is neutralised too; negative numbers stay numbers.
    assert not [c for c in cells if c.startswith("-") and not re.fullmatch(r"-[\d.]+", c)]


# --- origins ----------------------------------------------------------------------------------


@pytest.fixture
def web(seeded_db: Path, tmp_path: Path) -> Iterator[tuple[TestClient, Settings]]:
    own = copy_db(seeded_db, tmp_path / "origin.db")
    with TestClient(create_app(own)) as c:
        c.headers["Accept"] = "text/html"
        yield c, own


@pytest.mark.parametrize(
    ("headers", "status"),
    [
        ({"Origin": "http://evil.example"}, 403),
        ({"Origin": "null"}, 403),
        ({"Origin": "http://testserver.evil.example"}, 403),
        ({"Referer": "http://evil.example/form.html"}, 403),
        ({"Origin": "http://evil.example", "Referer": "http://testserver/articles/1/edit"}, 403),
        ({"Origin": "http://testserver"}, 303),
        ({"Referer": "http://testserver/articles/1/edit"}, 303),
        ({}, 303),  # a browser that sends neither: the token decides
    ],
)
def test_web_security_post_from_another_site_is_refused(
    web: tuple[TestClient, Settings], headers: dict[str, str], status: int
) -> None:
    client, own = web
    with session_for(own) as s:
        article_id = s.exec(select(Article.id)).first()
    good = token(client, f"/articles/{article_id}/edit")
    r = client.post(
        f"/articles/{article_id}/edit",
        data={"title": "Changed by the test", "csrf_token": good},
        headers=headers,
        follow_redirects=False,
    )
    assert r.status_code == status
    with session_for(own) as s:
        title = s.get(Article, article_id).title  # type: ignore[union-attr]
    assert (title == "Changed by the test") == (status == 303)
    if status == 403:
        assert "another site" in r.text


# --- headers ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("method", "url", "status"),
    [
        ("GET", "/", 200),
        ("GET", "/docs", 200),
        ("GET", "/openapi.json", 200),
        ("GET", "/static/htmx.min.js", 200),
        ("GET", "/docs/static/swagger-ui-bundle.js", 200),
        ("GET", "/export/figures.csv", 200),
        ("GET", "/api/articles?limit=0", 422),
        ("GET", "/articles/999999", 404),
        ("GET", "/no/such/page", 404),
        ("TRACE", "/", 405),
        ("POST", "/figures/1/reject", 403),
    ],
)
def test_web_security_headers_on_every_answer(
    client: TestClient, method: str, url: str, status: int
) -> None:
    r = client.request(method, url)
    assert r.status_code == status
    assert "frame-ancestors 'none'" in r.headers["content-security-policy"]
    assert "script-src 'self';" in r.headers["content-security-policy"]
    assert r.headers["x-frame-options"] == "DENY"
    assert r.headers["x-content-type-options"] == "nosniff"
    assert r.headers["referrer-policy"] == "same-origin"


@pytest.mark.parametrize(
    ("method", "url", "allowed"),
    [
        ("TRACE", "/", {"GET", "HEAD"}),
        ("OPTIONS", "/notes", {"GET", "HEAD", "POST"}),
        ("PUT", "/articles/1/edit", {"GET", "HEAD", "POST"}),
        ("DELETE", "/api/articles", {"GET", "HEAD"}),
    ],
)
def test_web_security_wrong_method_names_the_right_ones(
    client: TestClient, method: str, url: str, allowed: set[str]
) -> None:
    r = client.request(method, url)
    assert r.status_code == 405
    assert {m.strip() for m in r.headers["allow"].split(",")} == allowed


def test_web_security_docs_load_nothing_from_elsewhere(client: TestClient) -> None:
    """/docs works offline: every script and style it names is served here, none inline."""
    page = client.get("/docs").text
    sources = re.findall(r'(?:src|href)="([^"]+)"', page)
    assert sources and all(s.startswith("/") and not s.startswith("//") for s in sources)
    assert all(client.get(s).status_code == 200 for s in sources)
    assert not re.search(r"<script>|<script [^>]*>[^<]", page)
    assert client.get("/redoc").status_code == 404  # FastAPI's CDN page is off


def test_web_security_422_body_matches_the_schema(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    declared = spec["paths"]["/api/articles"]["get"]["responses"]["422"]["content"]
    assert declared["application/json"]["schema"]["$ref"] == "#/components/schemas/Error"
    body = client.get("/api/articles?offset=-1", headers={"Accept": "application/json"}).json()
    assert set(body) == {"detail"} and isinstance(body["detail"], str)


@pytest.mark.parametrize(
    ("host", "loopback"),
    [
        ("127.0.0.1", True),
        ("127.0.0.2", True),
        ("localhost", True),
        ("::1", True),
        ("[::1]", True),
        ("0.0.0.0", False),
        ("::", False),
        ("192.168.1.20", False),
        ("reader.example", False),
    ],
)
def test_web_security_serve_warns_off_loopback(host: str, loopback: bool) -> None:
    assert _is_loopback(host) is loopback
