"""Reader pages are served from a cache that a change of the data invalidates."""

from __future__ import annotations

from pathlib import Path

from fastapi.testclient import TestClient
from sqlmodel import Session, select

from app.config import Settings
from app.db import get_engine
from app.generation import current_generation
from app.models import Article, Figure
from app.pipeline import ingest_paths
from app.web.app import create_app
from tests.databases import db_url_for

TEXT = "title: Quake toll\n\nOfficials said 30 people were killed in the quake on Monday.\n"


def test_web_cache_change_of_data_shows_at_once(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(TEXT)
    settings = Settings(db_url=db_url_for(tmp_path / 'c.db'))
    assert not ingest_paths([str(tmp_path / "a.txt")], settings).failed
    engine = get_engine(settings.db_url)
    with TestClient(create_app(settings)) as client:
        client.headers["Accept"] = "text/html"
        first = client.get("/articles/1").text
        assert "Quake toll" in first
        assert client.get("/articles/1").text == first
        with Session(engine) as s:
            before = current_generation(s.connection())
            article = s.exec(select(Article)).one()
            article.title = "Earthquake toll"
            s.add(article)
            s.commit()
            assert current_generation(s.connection()) != before
        assert "Earthquake toll" in client.get("/articles/1").text


def test_web_cache_keeps_page_and_fragment_apart(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(TEXT)
    settings = Settings(db_url=db_url_for(tmp_path / 'c.db'))
    assert not ingest_paths([str(tmp_path / "a.txt")], settings).failed
    with Session(get_engine(settings.db_url)) as s:
        figure_id = s.exec(select(Figure.id)).first()
    with TestClient(create_app(settings)) as client:
        client.headers["Accept"] = "text/html"
        fragment = client.get(f"/figures/{figure_id}", headers={"HX-Request": "true"})
        page = client.get(f"/figures/{figure_id}")
        again = client.get(f"/figures/{figure_id}", headers={"HX-Request": "true"})
    assert "<html" not in fragment.text and "<html" in page.text
    assert again.text == fragment.text
    assert again.headers["vary"] == "HX-Request"
