"""The index and article pages through the test client."""

from __future__ import annotations

import re
from html import unescape
from pathlib import Path
from urllib.parse import parse_qs

import pytest
from fastapi.testclient import TestClient

from app.config import Settings
from app.pipeline import ingest_paths
from app.web.app import create_app
from tests.databases import db_url_for


def test_web_index_lists_seeds(client: TestClient) -> None:
    r = client.get("/")
    assert r.status_code == 200
    assert "5 articles" in r.text
    assert "Riots in Kazakhstan | Moscow and its allies send a “peacekeeping force”" in r.text
    assert r.headers["vary"] == "HX-Request"
    assert "default-src 'self'" in r.headers["content-security-policy"]


def test_web_index_htmx_gets_fragment_only(client: TestClient) -> None:
    r = client.get("/", headers={"HX-Request": "true"})
    assert r.status_code == 200
    assert "<html" not in r.text and "<table" in r.text


def test_web_index_filters_by_date(client: TestClient) -> None:
    r = client.get("/?date_from=2022-01-08&date_to=2022-01-08")
    dated, undated = r.text.split('class="undated"')
    assert "1 article in these dates" in dated and "003_57b7105d8ef288f9.txt" in dated
    # an article without a date is not dropped: it is listed apart, as undated
    assert "002_50badfb87c9a4047.txt" not in dated and "002_50badfb87c9a4047.txt" in undated
    assert "Undated" in undated


def test_web_index_without_date_filter_lists_undated_among_the_rest(client: TestClient) -> None:
    r = client.get("/")
    assert 'class="undated"' not in r.text and "002_50badfb87c9a4047.txt" in r.text


@pytest.mark.parametrize("page", ["/", "/figures"])
def test_web_reversed_date_range_says_so(client: TestClient, page: str) -> None:
    r = client.get(f"{page}?date_from=2022-01-10&date_to=2022-01-05")
    assert r.status_code == 200
    assert "The date range is reversed" in r.text
    swap = re.search(r'href="\?([^"]+)">Swap the two dates', r.text)
    assert swap is not None
    query = parse_qs(unescape(swap.group(1)))
    assert (query["date_from"], query["date_to"]) == (["2022-01-05"], ["2022-01-10"])


def test_web_index_empty_filter_fields_are_no_filter(client: TestClient) -> None:
    assert "5 articles" in client.get("/?date_from=&date_to=&outlet=&city=").text


def test_web_index_filter_with_no_match_says_so(client: TestClient) -> None:
    r = client.get("/?date_from=2030-01-01")
    assert "articles match these filters" in r.text


def test_web_malformed_parameters_answer_4xx(client: TestClient) -> None:
    r = client.get("/?date_from=yesterday")
    assert r.status_code == 400 and "YYYY-MM-DD" in r.text
    assert client.get("/?page=0").status_code == 400
    assert client.get("/articles/abc").status_code == 422
    r = client.get("/articles/9999")
    assert r.status_code == 404 and "no article with id 9999" in r.text


def test_web_article_shows_body_metadata_and_captions(client: TestClient) -> None:
    index = client.get("/").text
    article_id = int(index.split('href="/articles/')[1].split('"')[0])
    r = client.get(f"/articles/{article_id}")
    assert r.status_code == 200
    assert 'class="body"' in r.text and '<dl class="meta">' in r.text


def test_web_article_captions_set_apart(client: TestClient, seeded_settings: Settings) -> None:
    from sqlmodel import Session, select

    from app.db import get_engine
    from app.models import Article

    with Session(get_engine(seeded_settings.db_url)) as s:
        a = s.exec(
            select(Article).where(Article.source_file.endswith("004_1d290a1cb429b61b.txt"))
        ).one()  # type: ignore[attr-defined]
    html = client.get(f"/articles/{a.id}").text
    body, captions = html.split('class="captions"')
    assert "PHOTO VLADIMIR TRETYAKOV" not in body and "PHOTO VLADIMIR TRETYAKOV" in captions


def test_web_empty_database_has_empty_state(tmp_path: Path) -> None:
    with TestClient(create_app(Settings(db_url=db_url_for(tmp_path / 'e.db')))) as c:
        r = c.get("/", headers={"Accept": "text/html"})
    assert "No articles yet" in r.text


def test_web_script_in_article_is_shown_as_text(tmp_path: Path) -> None:
    settings = Settings(db_url=db_url_for(tmp_path / 'x.db'))
    f = tmp_path / "evil.txt"
    f.write_text(
        "title: <script>alert(1)</script>\n\nA report <script>alert('x')</script> of 3 injured.\n"
    )
    assert not ingest_paths([str(f)], settings).failed
    with TestClient(create_app(settings)) as c:
        index = c.get("/", headers={"Accept": "text/html"}).text
        page = c.get("/articles/1", headers={"Accept": "text/html"}).text
    for html in (index, page):
        assert "<script>alert" not in html
        assert "&lt;script&gt;alert" in html


def test_web_index_filters_by_city_any_spelling(client: TestClient) -> None:
    for spelling in ("Nur-Sultan", "astana", "Nursultan"):
        assert "3 articles" in client.get(f"/?city={spelling}").text
    met = client.get("/?city=Janaozen").text
    assert "1 article that names Zhanaozen (asked as “Janaozen”)<" in met
    assert "No articles match" in client.get("/?city=Atlantis").text


def test_web_figures_date_filter_counts_undated_figures(client: TestClient) -> None:
    # Two seeds state no date: their figures without a day of their own are counted apart.
    r = client.get("/figures?date_from=2022-01-08&date_to=2022-01-08")
    note = re.search(r"(\d+) figures? from undated articles", r.text)
    assert note is not None and int(note.group(1)) > 0
    assert 'href="/figures?">See every date' in r.text
    assert "from undated articles" not in client.get("/figures").text
