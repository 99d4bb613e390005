"""Figures into the tables and out of the export: derived figures, parts as ids, event,
status and title figures; and a database of the previous version still opens."""

from __future__ import annotations

import csv
import io
import sqlite3
from pathlib import Path

import pytest
from sqlmodel import Session, select

from app.db import get_engine
from app.export import to_csv
from app.extract.run import Extraction
from app.extract.types import FoundFigure
from app.ingest.readers import RawArticle
from app.ingest.store import store_article
from app.models import Figure, FigurePart
from app.persist import clear_extraction, save_extraction
from app.services import EXPORTERS
from tests.databases import db_url_for, sqlite_only

BODY = "Gunmen killed two guards and three pupils in Ostrava on Monday, police said."
TITLE = "Five dead in Ostrava school attack"


def found(text: str, start: int, value: float, **kw: object) -> FoundFigure:
    return FoundFigure(start, start + len(text), text, 0, len(BODY), value, **kw)  # type: ignore[arg-type]


def extraction() -> Extraction:
    guards = found("two guards", BODY.index("two"), 2, measure="killed", group="guards")
    pupils = found("three pupils", BODY.index("three"), 3, measure="killed", group="pupils")
    total = found("three pupils", BODY.index("three"), 5, measure="killed", derived=True)
    total.parts = [0, 1]
    title = FoundFigure(0, 4, "Five", 0, len(TITLE), 5, measure="killed", in_title=True)
    title.status = "preliminary"
    past = found("Monday", BODY.index("Monday"), 1, event="other", event_reason="an earlier day")
    return Extraction(figures=[guards, pupils, total, title, past])


def _stored(tmp_path: Path) -> str:
    url = db_url_for(tmp_path / 'p.db')
    with Session(get_engine(url)) as s:
        article = store_article(s, RawArticle("a.txt", BODY, title=TITLE))
        assert article is not None
        save_extraction(s, article, extraction())
        s.commit()
    return url


def test_persist_figures_parts_become_ids(tmp_path: Path) -> None:
    url = _stored(tmp_path)
    with Session(get_engine(url)) as s:
        figures = list(s.exec(select(Figure).order_by(Figure.id)))  # type: ignore[arg-type]
        parts = list(s.exec(select(FigurePart)))
    ids = [f.id for f in figures]
    assert {(p.figure_id, p.part_id) for p in parts} == {(ids[2], ids[0]), (ids[2], ids[1])}
    assert [f.derived for f in figures] == [False, False, True, False, False]


@pytest.mark.parametrize(
    ("index", "field", "value"),
    [
        (2, "derived", True),
        (0, "derived", False),
        (3, "in_title", True),
        (3, "status", "preliminary"),
        (3, "sentence", TITLE),
        (0, "status", "reported"),
        (4, "event", "other"),
        (4, "event_reason", "an earlier day"),
        (0, "event", "this"),
        (0, "parts", []),
    ],
)
def test_persist_figures_export_fields(
    tmp_path: Path, index: int, field: str, value: object
) -> None:
    with Session(get_engine(_stored(tmp_path))) as s:
        rows = EXPORTERS["figures"](s)
    assert rows[index][field] == value


def test_persist_figures_export_parts_csv(tmp_path: Path) -> None:
    with Session(get_engine(_stored(tmp_path))) as s:
        rows = EXPORTERS["figures"](s)
    assert rows[2]["parts"] == [rows[0]["id"], rows[1]["id"]]
    cells = list(csv.DictReader(io.StringIO(to_csv(rows))))
    assert cells[2]["parts"] == f"{rows[0]['id']}|{rows[1]['id']}"
    assert cells[2]["derived"] == "true" and cells[2]["in_title"] == "false"
    assert cells[3]["in_title"] == "true" and cells[0]["parts"] == ""


def test_persist_figures_cleared_with_their_parts(tmp_path: Path) -> None:
    url = _stored(tmp_path)
    with Session(get_engine(url)) as s:
        article_id = s.exec(select(Figure.article_id)).first()
        assert article_id is not None
        clear_extraction(s, article_id)
        s.commit()
        assert s.exec(select(FigurePart)).first() is None


def test_persist_figures_bad_part_index_is_skipped(tmp_path: Path) -> None:
    url = db_url_for(tmp_path / 'p.db')
    bad = found("two guards", 0, 2, measure="killed")
    bad.parts = [0, 7, -1]  # itself, past the end, negative
    with Session(get_engine(url)) as s:
        article = store_article(s, RawArticle("a.txt", BODY))
        assert article is not None
        save_extraction(s, article, Extraction(figures=[bad]))
        s.commit()
        assert s.exec(select(FigurePart)).first() is None


OLD_FIGURE = """CREATE TABLE figure (
    id INTEGER PRIMARY KEY, article_id INTEGER NOT NULL, start INTEGER NOT NULL,
    "end" INTEGER NOT NULL, text VARCHAR NOT NULL, sentence_start INTEGER NOT NULL,
    sentence_end INTEGER NOT NULL, value FLOAT, value_high FLOAT, qualifier VARCHAR NOT NULL,
    measure VARCHAR NOT NULL, "group" VARCHAR NOT NULL, place VARCHAR, source VARCHAR NOT NULL,
    source_actor_id INTEGER, ref_date DATE, topic VARCHAR NOT NULL, rejected BOOLEAN NOT NULL)"""


@sqlite_only("an SQLite file made by an earlier version opens")
def test_persist_figures_database_of_the_previous_version_opens(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    with sqlite3.connect(path) as conn:
        conn.execute(OLD_FIGURE)
        conn.execute(
            "INSERT INTO figure VALUES (1, 1, 0, 3, 'two', 0, 9, 2, NULL, 'exact', 'killed',"
            " 'total', NULL, 'unknown', NULL, NULL, '', 0)"
        )
    with Session(get_engine(db_url_for(path))) as s:
        old = s.get(Figure, 1)
    assert old is not None
    assert (old.derived, old.event, old.status, old.in_title, old.event_reason) == (
        False,
        "this",
        "reported",
        False,
        "",
    )
