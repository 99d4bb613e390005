"""The JSON API under /api/ and the downloads under /export/."""

from __future__ import annotations

import csv
import io
import json

import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session

from app.config import Settings
from app.db import get_engine
from app.export import to_jsonl
from app.services import EXPORTERS


def test_web_api_index_lists_endpoints(client: TestClient) -> None:
    r = client.get("/api/")
    assert r.status_code == 200 and r.headers["content-type"].startswith("application/json")
    urls = {e["url"] for e in r.json()["endpoints"]}
    assert {
        "/api/articles",
        "/api/figures",
        "/api/figures/{id}",
        "/api/actors",
        "/api/stories",
        "/api/stories/{id}",
    } <= urls
    assert r.json()["docs"] == "/docs"


def test_web_api_openapi_documents_models(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    for path in ("/api/articles", "/api/figures", "/api/figures/{figure_id}", "/api/actors"):
        assert path in spec["paths"]
    assert "FigureDetailOut" in spec["components"]["schemas"]
    assert client.get("/docs").status_code == 200


def test_web_api_articles_filters_and_pages(client: TestClient) -> None:
    everything = client.get("/api/articles").json()
    assert everything["total"] == 5 and len(everything["items"]) == 5
    page = client.get("/api/articles?limit=2&offset=2").json()
    assert [a["id"] for a in page["items"]] == [a["id"] for a in everything["items"][2:4]]
    day = client.get("/api/articles?date_from=2022-01-08&date_to=2022-01-08").json()
    assert day["total"] == 1 and day["items"][0]["date"] == "2022-01-08"
    story = everything["items"][0]["story"]
    assert client.get(f"/api/articles?story={story}").json()["total"] >= 1
    assert client.get("/api/articles?city=nowhere-at-all").json()["total"] == 0


@pytest.mark.parametrize(
    ("url", "status"),
    [
        ("/api/articles?date_from=yesterday", 400),
        ("/api/articles?limit=0", 422),
        ("/api/articles?offset=-1", 422),
        ("/api/articles?story=abc", 422),
        ("/api/figures?article=0", 422),
        ("/api/figures/abc", 422),
        ("/api/figures/999999", 404),
    ],
)
def test_web_api_bad_requests_answer_json_4xx(client: TestClient, url: str, status: int) -> None:
    r = client.get(url)
    assert r.status_code == status
    assert isinstance(r.json()["detail"], str) and r.json()["detail"]


def test_web_api_figures_filter_and_detail(client: TestClient) -> None:
    killed = client.get("/api/figures?measure=killed&limit=1000").json()
    assert killed["total"] > 0 and all(f["measure"] == "killed" for f in killed["items"])
    linked = next(f for f in killed["items"] if f["matches"])
    by_topic = client.get("/api/figures", params={"topic": linked["topic"]}).json()
    assert all(f["topic"] == linked["topic"] for f in by_topic["items"])
    by_article = client.get(f"/api/figures?article={linked['article_id']}").json()
    assert all(f["article_id"] == linked["article_id"] for f in by_article["items"])
    detail = client.get(f"/api/figures/{linked['id']}").json()
    assert detail["id"] == linked["id"]
    assert {m["id"] for m in detail["matches"]} == set(linked["matches"])
    for m in detail["matches"]:
        assert m["relation"] in {"same", "differs", "earlier", "later", "scope", "about"}
        assert m["reason"] and m["article_id"] != detail["article_id"]
    agreement = detail["agreement"]
    assert agreement["topic"] == linked["topic"] and agreement["figures"] >= 1
    if agreement["values"]:
        assert agreement["min"] == min(agreement["values"])
        assert agreement["max"] == max(agreement["values"])


def test_web_api_actors_and_stories(client: TestClient) -> None:
    actors = client.get("/api/actors?limit=500").json()
    assert actors["total"] == len(actors["items"]) > 0
    assert all(a["slug"] and a["aliases"] and a["articles"] for a in actors["items"])
    stories = client.get("/api/stories").json()
    assert stories and sum(len(s["articles"]) for s in stories) == 5


def test_web_api_story_page_as_data(client: TestClient) -> None:
    story = client.get("/api/stories").json()[0]
    r = client.get(f"/api/stories/{story['id']}")
    assert r.status_code == 200
    page = r.json()
    assert page["articles"] == len(story["articles"]) and page["title"] == story["title"]
    assert {o["outlet"] for o in page["outlets"]} >= {"Le Figaro", None}
    assert all(o["first"]["id"] in story["articles"] for o in page["outlets"])
    dated = [h["date"] for h in page["headlines"] if h["date"]]
    assert dated == sorted(dated) and page["headlines"][-1]["date"] is None
    main = page["main_figures"][0]
    assert (
        main["values"][0]["relation"] == "main" and 0 < main["agreeing_outlets"] <= main["outlets"]
    )
    assert {v["relation"] for m in page["main_figures"] for v in m["values"]} >= {"same", "differs"}
    assert client.get("/api/stories/999999").status_code == 404
    assert client.get(f"/api/stories/{story['id']}?page=0").status_code == 422


@pytest.mark.parametrize("kind", list(EXPORTERS))
def test_web_export_download_equals_cli_rows(
    client: TestClient, seeded_settings: Settings, kind: str
) -> None:
    with Session(get_engine(seeded_settings.db_url)) as session:
        rows = EXPORTERS[kind](session)
    r = client.get(f"/export/{kind}.jsonl")
    assert r.status_code == 200
    assert r.headers["content-disposition"] == f'attachment; filename="parallax-{kind}.jsonl"'
    assert r.text == to_jsonl(rows)
    c = client.get(f"/export/{kind}.csv")
    assert c.status_code == 200 and c.headers["content-type"].startswith("text/csv")
    # A byte-order mark first, so that Excel reads the text as UTF-8.
    text = c.content.decode("utf-8-sig")
    assert c.content.startswith(b"\xef\xbb\xbf") and not text.startswith("\ufeff")
    assert len(list(csv.DictReader(io.StringIO(text)))) == len(rows)


def test_web_export_filters(client: TestClient) -> None:
    figures = [json.loads(x) for x in client.get("/export/figures.jsonl").text.splitlines()]
    topic = figures[0]["topic"]
    r = client.get("/export/figures.csv", params={"topic": topic})
    assert 'filename="parallax-figures-topic-' in r.headers["content-disposition"]
    got = list(csv.DictReader(io.StringIO(r.text)))
    assert got and {row["topic"] for row in got} == {topic}
    story = client.get("/api/stories").json()[0]["id"]
    in_story = client.get(f"/export/articles.jsonl?story={story}").text.splitlines()
    assert in_story and all(json.loads(x)["story"] == story for x in in_story)
    actor = next(a for a in client.get("/api/actors?limit=500").json()["items"])
    r = client.get(f"/export/articles.jsonl?actor={actor['slug']}")
    assert r.status_code == 200 and len(r.text.splitlines()) == len(actor["articles"])
    # An empty selection still has its CSV header.
    r = client.get("/export/figures.csv", params={"topic": "no|such|topic"})
    assert r.content.decode("utf-8-sig").startswith("id,article,outlet,")


@pytest.mark.parametrize(
    ("url", "status"),
    [
        ("/export/nothing.csv", 404),
        ("/export/figures.xml", 404),
        ("/export/places.csv?topic=x", 400),
        ("/export/figures.csv?story=99999", 404),
        ("/export/figures.csv?actor=no-such-actor", 404),
        ("/export/figures.csv?story=x", 422),
    ],
)
def test_web_export_bad_requests(client: TestClient, url: str, status: int) -> None:
    assert client.get(url).status_code == status


def test_web_footer_links_downloads(client: TestClient) -> None:
    r = client.get("/")
    assert 'href="/export/figures.csv"' in r.text and 'href="/add"' in r.text


def test_web_api_figures_carry_the_figure_record_fields(client: TestClient) -> None:
    page = client.get("/api/figures?limit=5").json()
    detail = client.get(f"/api/figures/{page['items'][0]['id']}").json()
    for row in [*page["items"], detail]:
        assert isinstance(row["derived"], bool) and isinstance(row["in_title"], bool)
        assert isinstance(row["parts"], list)
        assert row["event"] in ("this", "other")
        assert row["status"] in ("reported", "preliminary", "revised", "retracted", "disputed")


def test_web_api_figures_carry_their_article_and_whole_numbers(client: TestClient) -> None:
    rows = client.get("/api/figures?limit=200").json()["items"]
    detail = client.get(f"/api/figures/{rows[0]['id']}").json()
    for row in [*rows, detail]:
        assert {"outlet", "article_title", "article_date", "url", "figure_date"} <= set(row)
        assert row["value"] is None or isinstance(row["value"], int) or row["value"] % 1
    assert any(isinstance(r["value"], int) for r in rows)
