"""Re-ingest is idempotent; the same text under another name is stored once."""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from dataclasses import replace
from pathlib import Path

import pytest
from sqlmodel import Session, select

import app.extract.run as run_module
from app.config import Settings
from app.db import get_engine
from app.link.relink import unlinked
from app.models import Article, Figure, Link, Place, Sentence
from app.pipeline import expand_paths, ingest_paths, reprocess
from tests.conftest import REPORTS, SEEDS


def test_pipeline_ingest_twice_changes_nothing(settings: Settings) -> None:
    first = ingest_paths([str(SEEDS)], settings)
    assert len(first.added) == 5 and not first.failed
    with Session(get_engine(settings.db_url)) as s:
        before = [(a.id, a.content_hash) for a in s.exec(select(Article))]
        sentences = len(s.exec(select(Sentence)).all())
    second = ingest_paths([str(SEEDS)], settings)
    assert second.added == [] and len(second.unchanged) == 5
    with Session(get_engine(settings.db_url)) as s:
        assert [(a.id, a.content_hash) for a in s.exec(select(Article))] == before
        assert len(s.exec(select(Sentence)).all()) == sentences


def test_pipeline_same_text_other_name_first_name_stays(tmp_path: Path, settings: Settings) -> None:
    text = "Fire crews said 7 homes burned. Nobody was hurt.\n"
    (tmp_path / "a.txt").write_text(text)
    (tmp_path / "b.txt").write_text(text.replace(" ", "  "))
    report = ingest_paths([str(tmp_path / "a.txt"), str(tmp_path / "b.txt")], settings)
    assert report.added == [str(tmp_path / "a.txt")]
    assert report.unchanged == [str(tmp_path / "b.txt")]


def test_pipeline_sentence_offsets_point_into_body(settings: Settings) -> None:
    ingest_paths([str(SEEDS)], settings)
    with Session(get_engine(settings.db_url)) as s:
        for article in s.exec(select(Article)):
            rows = s.exec(select(Sentence).where(Sentence.article_id == article.id)).all()
            assert rows
            for row in rows:
                piece = article.body[row.start : row.end]
                assert piece == piece.strip() and piece


def test_pipeline_expand_paths_folder_in_name_order(tmp_path: Path) -> None:
    for name in ("b.txt", "a.txt", ".hidden.txt"):
        (tmp_path / name).write_text("x")
    assert expand_paths([str(tmp_path)]) == [str(tmp_path / "a.txt"), str(tmp_path / "b.txt")]


def test_pipeline_expand_paths_follows_linked_folders_once(tmp_path: Path) -> None:
    """A linked folder's files are ingested like any others; a link back up the tree is
    walked once, never round and round."""
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "elsewhere" / "far.txt").write_text("x")
    root = tmp_path / "root"
    (root / "sub").mkdir(parents=True)
    (root / "sub" / "near.txt").write_text("x")
    (root / "linked").symlink_to(tmp_path / "elsewhere", target_is_directory=True)
    (root / "sub" / "up").symlink_to(root, target_is_directory=True)
    assert expand_paths([str(root)]) == [
        str(root / "linked" / "far.txt"),
        str(root / "sub" / "near.txt"),
    ]


def test_pipeline_ingest_region_and_city_of_one_name_are_two_places(
    settings: Settings, tmp_path: Path
) -> None:
    path = tmp_path / "lagos.txt"
    path.write_text(
        "title: Building collapse\ndate: 2023-05-02\n\n"
        "Seven people died in Lagos State after a building collapsed in Lagos, Nigeria.\n"
    )
    assert not ingest_paths([str(path)], settings).failed
    with Session(get_engine(settings.db_url)) as s:
        places = {(p.name, p.kind) for p in s.exec(select(Place))}
    assert {("Lagos state", "region"), ("Lagos", "city")} <= places


def test_pipeline_reprocess_upgrades_stored_dates_and_outlets(
    tmp_path: Path, settings: Settings
) -> None:
    path = tmp_path / "ferry.jsonl"
    rows = [
        {"url": "https://www.harbor.test/2021/06/02/ferry", "text": "A ferry sank. Two died."},
        {"text": "A second ferry sank on June 1, 2021. Three people died."},
    ]
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n")
    ingest_paths([str(path)], settings)
    # As an earlier version stored them: no date from the URL, a date taken from the text.
    with Session(get_engine(settings.db_url)) as s:
        by_url, by_text = sorted(s.exec(select(Article)), key=lambda a: a.source_file)
        by_url.date, by_url.date_basis, by_url.outlet = None, "unknown", None
        by_text.date, by_text.date_basis = dt.date(2021, 6, 1), "inferred"
        s.add_all([by_url, by_text])
        s.commit()
    reprocess(settings)
    with Session(get_engine(settings.db_url)) as s:
        by_url, by_text = sorted(s.exec(select(Article)), key=lambda a: a.source_file)
        assert (by_url.date, by_url.date_basis) == (dt.date(2021, 6, 2), "url")
        assert by_url.outlet == "harbor.test"
        assert (by_text.date, by_text.date_basis) == (None, "none")


class _Stop(Exception):
    """Stands for the process being stopped between two committed batches."""


def _two_reports(tmp_path: Path, settings: Settings) -> None:
    folder = tmp_path / "reports"
    folder.mkdir()
    for name, text in REPORTS.items():
        (folder / name).write_text(text)
    assert not ingest_paths([str(folder)], settings).failed


def _figure_links(settings: Settings) -> int:
    with Session(get_engine(settings.db_url)) as s:
        return len(s.exec(select(Link).where(Link.kind == "figure")).all())


def test_pipeline_reprocess_stopped_midway_is_finished_by_the_next_ingest(
    tmp_path: Path, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    _two_reports(tmp_path, settings)
    links = _figure_links(settings)
    assert links > 0
    monkeypatch.setattr("app.pipeline._BATCH", 1)  # one article, then a commit

    seen: list[int] = []

    def stop(article_id: int) -> None:
        seen.append(article_id)
        if len(seen) == 2:  # the first article's batch is committed
            raise _Stop

    with pytest.raises(_Stop):
        reprocess(settings, on_article=stop)
    # The first article's links went with its old figures, and it says it is unlinked ...
    assert _figure_links(settings) < links
    with Session(get_engine(settings.db_url)) as s:
        assert unlinked(s)
    # ... so the same ingest run again (nothing new to add) links it.
    report = ingest_paths([str(tmp_path / "reports")], settings)
    assert not report.added and _figure_links(settings) == links


def test_pipeline_reprocess_keeps_the_reading_of_an_article_it_fails_on(
    tmp_path: Path, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    _two_reports(tmp_path, settings)
    with Session(get_engine(settings.db_url)) as s:
        before = Counter(s.exec(select(Figure.article_id)))
    settings = replace(settings, workers=0)  # extraction in this process, where it can fail
    real = run_module.extract_text

    def fail_on_floods(job: run_module.Job, model: str) -> run_module.Extraction:
        if "mayor" in job[0]:
            raise ValueError("unreadable")
        return real(job, model)

    monkeypatch.setattr(run_module, "extract_text", fail_on_floods)
    failed: list[int | None] = []
    totals: list[int] = []
    done = reprocess(
        settings, on_total=totals.append, on_failure=lambda a, _exc: failed.append(a.id)
    )
    assert totals == [2] and done == 1 and len(failed) == 1
    with Session(get_engine(settings.db_url)) as s:
        assert Counter(s.exec(select(Figure.article_id))) == before and not unlinked(s)
