"""Figures of the title: read once, with offsets into the title, kept through corrections."""

from __future__ import annotations

import json
from pathlib import Path

from sqlmodel import Session, select

from app.config import Settings
from app.db import get_engine
from app.models import Article, Figure
from app.pipeline import ingest_paths, reprocess
from app.services import EXPORTERS
from app.services.corrections.record import MetadataInput, correct_article, reject_figure
from tests.databases import db_url_for

ROWS = [
    {
        "title": "Four killed in Fenwick warehouse blast - The Daily Herald",
        # The body's first figure starts where the title's does: at offset 0.
        "text": "Four killed in Fenwick warehouse blast\n\nFour workers were killed and 11 were"
        " injured when an explosion tore through a warehouse in Fenwick on Monday, the fire"
        " service said.",
    },
    # No title: the one made from the first sentence is not read a second time.
    {"text": "Two men were arrested in Fenwick on Tuesday after the blast, police said."},
]


def _ingest(tmp_path: Path) -> Settings:
    f = tmp_path / "t.jsonl"
    f.write_text("".join(json.dumps(r) + "\n" for r in ROWS))
    settings = Settings(db_url=db_url_for(tmp_path / 't.db'))
    assert not ingest_paths([str(f)], settings).failed
    return settings


def test_pipeline_title_figures_read_once(tmp_path: Path) -> None:
    settings = _ingest(tmp_path)
    with Session(get_engine(settings.db_url)) as s:
        rows = EXPORTERS["figures"](s)
        titles = {a.source_file: a.title for a in s.exec(select(Article))}
    in_title = [r for r in rows if r["in_title"]]
    assert [(r["text"], r["measure"], r["value"]) for r in in_title] == [
        ("Four killed", "killed", 4)
    ]
    (head,) = in_title
    title = titles[head["article"]]
    assert title[head["start"] : head["end"]] == "Four killed"
    assert head["sentence"] == "Four killed in Fenwick warehouse blast"
    # The headline repeated as the body's first line is not a report of its own.
    body = [r for r in rows if r["article"] == head["article"] and not r["in_title"]]
    assert sorted(r["value"] for r in body) == [4, 11]
    second = [r for r in rows if r["article"].endswith("#2")]
    assert second and not any(r["in_title"] for r in second)


def test_pipeline_title_figure_rejection_survives_reprocess(tmp_path: Path) -> None:
    settings = _ingest(tmp_path)
    engine = get_engine(settings.db_url)
    with Session(engine) as s:
        head = s.exec(select(Figure).where(Figure.in_title)).one()
        article_id = head.article_id
        twins = s.exec(select(Figure).where(Figure.article_id == article_id, Figure.start == 0))
        assert sorted(f.in_title for f in twins) == [False, True]
        reject_figure(s, head)
        s.commit()
    reprocess(settings)
    with Session(engine) as s:
        figures = s.exec(select(Figure).where(Figure.article_id == article_id)).all()
    # The body's figure at the same offset is not the one the reader rejected.
    assert [(f.in_title, f.start) for f in figures if f.rejected] == [(True, 0)]


def test_pipeline_title_figures_follow_a_corrected_title(tmp_path: Path) -> None:
    settings = _ingest(tmp_path)
    engine = get_engine(settings.db_url)
    with Session(engine) as s:
        head = s.exec(select(Figure).where(Figure.in_title)).one()
        article = s.get(Article, head.article_id)
        assert article is not None
        correct_article(
            s, article, MetadataInput(title="Blast at Fenwick warehouse", outlet="", date="")
        )
        s.commit()
        left = s.exec(select(Figure).where(Figure.in_title)).all()
    # The old title's figures are gone: their offsets no longer point into the title.
    assert left == []
    reprocess(settings)
    with Session(engine) as s:
        assert s.exec(select(Figure).where(Figure.in_title)).all() == []


def test_pipeline_title_case_headline_read_as_a_sentence(tmp_path: Path) -> None:
    f = tmp_path / "c.jsonl"
    row = {
        "title": "Three Workers Dead After Blast At Fenwick Plant",
        "text": "Firefighters said three workers were found dead after a blast at a plant in"
        " Fenwick on Monday.",
    }
    f.write_text(json.dumps(row) + "\n")
    settings = Settings(db_url=db_url_for(tmp_path / 'c.db'))
    assert not ingest_paths([str(f)], settings).failed
    with Session(get_engine(settings.db_url)) as s:
        rows = EXPORTERS["figures"](s)
    # Quoted as the title writes it, counted as the sentence it is.
    assert [(r["text"], r["measure"], r["value"]) for r in rows if r["in_title"]] == [
        ("Three Workers Dead", "killed", 3)
    ]


def test_pipeline_title_case_headline_keeps_its_places(tmp_path: Path) -> None:
    f = tmp_path / "p.jsonl"
    row = {
        "title": "Four Workers Hurt In Warehouse Blast In Grand Rapids",
        "text": "Firefighters said four workers were hurt after a blast at a warehouse on Monday.",
    }
    f.write_text(json.dumps(row) + "\n")
    settings = Settings(db_url=db_url_for(tmp_path / 'p.db'))
    assert not ingest_paths([str(f)], settings).failed
    with Session(get_engine(settings.db_url)) as s:
        places = {r["name"] for r in EXPORTERS["places"](s)}
        figures = [(r["value"], r["measure"]) for r in EXPORTERS["figures"](s) if r["in_title"]]
    # The city only the headline names lists the article, and its count is read as a sentence.
    assert "Grand Rapids" in places
    assert figures == [(4, "injured")]
