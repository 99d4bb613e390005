"""Corrections survive `parallax reprocess` and re-ingest: keyed by text, re-applied after links."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlmodel import Session, col, select

from app.config import Settings
from app.db import get_engine
from app.models import Article, Correction, Figure, Link
from app.pipeline import ingest_paths, reprocess
from app.services.corrections.keys import alias_target, article_target, figure_target, link_target
from app.services.corrections.record import (
    MetadataInput,
    correct_article,
    delete_article,
    lift_deletions,
    link_target_of,
    reject_figure,
    reject_link,
)

ARTICLES = {
    "wire.txt": (
        "title: Quake shakes Port Elden\noutlet: Test Wire\ndate: 2023-05-02\n\n"
        "A strong earthquake struck the coastal city of Port Elden on Monday. At least 27 people "
        "were killed and 80 injured, the civil defence agency said. Rescuers searched the rubble."
    ),
    "daily.txt": (
        "Port Elden mourns\n\nThe death toll from Monday's earthquake in Port Elden rose to 31 "
        "people killed, the civil defence agency said on Tuesday. More than 100 were injured. "
        "Police arrested 4 looters in the old town."
    ),
}


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    d = tmp_path / "news"
    d.mkdir()
    for name, text in ARTICLES.items():
        (d / name).write_text(text, encoding="utf-8")
    return d


@pytest.fixture
def loaded(settings: Settings, folder: Path) -> Settings:
    report = ingest_paths([str(folder)], settings)
    assert len(report.added) == 2 and not report.failed
    return settings


def session(settings: Settings) -> Session:
    return Session(get_engine(settings.db_url))


def article(s: Session, name: str) -> Article:
    return s.exec(select(Article).where(col(Article.source_file).endswith(name))).one()


def test_corrections_keys_survive_ids() -> None:
    assert article_target("h") == "article:h"
    assert figure_target("h", 12) == "figure:h:12"
    assert link_target("figure", "b:1", "a:2") == link_target("figure", "a:2", "b:1")
    assert alias_target("Mr X") == alias_target("mr x")


def test_corrections_metadata_survives_reprocess(loaded: Settings) -> None:
    with session(loaded) as s:
        daily = article(s, "daily.txt")
        changed = correct_article(
            s,
            daily,
            MetadataInput(title="Port Elden mourns", outlet="The Daily", date="2023-05-03"),
        )
        s.commit()
        assert changed == ["outlet", "date"]
    reprocess(loaded)
    with session(loaded) as s:
        daily = article(s, "daily.txt")
        assert (daily.outlet, str(daily.date)) == ("The Daily", "2023-05-03")
        assert (daily.outlet_basis, daily.date_basis, daily.title_basis) == (
            "corrected",
            "corrected",
            "inferred",
        )


def test_corrections_rejected_figure_and_link_survive_reprocess(loaded: Settings) -> None:
    with session(loaded) as s:
        wire = article(s, "wire.txt")
        figures = s.exec(select(Figure).where(Figure.article_id == wire.id)).all()
        injured = next(f for f in figures if f.measure == "injured")
        reject_figure(s, injured)
        link = s.exec(
            select(Link).where(Link.kind == "figure", col(Link.rejected).is_(False))
        ).first()
        assert link is not None, "the two tolls should be linked"
        key = link_target_of(s, link)
        reject_link(s, link)
        s.commit()
        injured_start = injured.start
    reprocess(loaded)
    with session(loaded) as s:
        wire = article(s, "wire.txt")
        again = s.exec(
            select(Figure).where(Figure.article_id == wire.id, Figure.start == injured_start)
        ).one()
        assert again.rejected
        assert not s.exec(
            select(Link).where(
                Link.kind == "figure", (Link.a_id == again.id) | (Link.b_id == again.id)
            )
        ).all()
        rejected = [lk for lk in s.exec(select(Link).where(col(Link.rejected).is_(True)))]
        assert [link_target_of(s, lk) for lk in rejected] == [key]


def test_corrections_deleted_article_stays_deleted_on_reingest(
    loaded: Settings, folder: Path
) -> None:
    with session(loaded) as s:
        daily = article(s, "daily.txt")
        digest = daily.content_hash
        delete_article(s, daily)
        s.commit()
    report = ingest_paths([str(folder)], loaded)
    assert report.added == [] and len(report.unchanged) == 2
    with session(loaded) as s:
        assert s.exec(select(Article).where(Article.content_hash == digest)).first() is None
        assert s.exec(select(Figure)).all()  # the other article keeps its figures
        lift_deletions(s, {digest})
        s.commit()
    report = ingest_paths([str(folder)], loaded)
    assert [Path(p).name for p in report.added] == ["daily.txt"]


def test_corrections_title_fix_reapplied_after_delete_and_reingest(
    loaded: Settings, folder: Path
) -> None:
    """A text removed behind the reader's back (a fresh load) gets its corrections again."""
    with session(loaded) as s:
        wire = article(s, "wire.txt")
        correct_article(
            s,
            wire,
            MetadataInput(title="Earthquake in Port Elden", outlet="Test Wire", date="2023-05-02"),
        )
        s.commit()
        from app.services.corrections.apply import remove_article_rows as remove

        remove(s, wire.id or 0)  # not a reader's deletion: no correction recorded
        s.commit()
    ingest_paths([str(folder)], loaded)
    with session(loaded) as s:
        wire = article(s, "wire.txt")
        assert (wire.title, wire.title_basis) == ("Earthquake in Port Elden", "corrected")
        assert len(s.exec(select(Correction)).all()) == 1


@pytest.mark.parametrize(
    ("kwargs", "anchor"),
    [
        ({}, "12"),
        ({"in_title": True}, "title-12"),
        ({"derived": True, "measure": "killed"}, "derived-killed-12"),
        ({"derived": True, "measure": "injured"}, "derived-injured-12"),
        ({"derived": True, "measure": "killed", "in_title": True}, "derived-killed-12-title"),
    ],
)
def test_corrections_figure_anchor_tells_title_and_derived_apart(
    kwargs: dict[str, object], anchor: str
) -> None:
    from app.services.corrections.keys import figure_anchor

    # A body figure keeps the key of earlier versions: corrections made before still apply.
    assert figure_anchor(12, **kwargs) == anchor  # type: ignore[arg-type]


def test_corrections_article_field_undo_goes_back_step_by_step(loaded: Settings) -> None:
    from app.services.corrections.record import CorrectionError, undo

    with session(loaded) as s:
        daily = article(s, "daily.txt")
        read = (daily.outlet, daily.outlet_basis, daily.title)
        fields = MetadataInput(title=daily.title, outlet="First Try", date="")
        correct_article(s, daily, fields, author="Ann")
        correct_article(s, daily, MetadataInput(daily.title, "Second Try", ""), author="Ann")
        s.commit()
        first, second = (
            c.id or 0
            for c in s.exec(
                select(Correction).where(Correction.field == "outlet").order_by(col(Correction.id))
            )
        )
        with pytest.raises(CorrectionError, match="later correction"):
            undo(s, first)
        undo(s, second, author="Bo")
        s.commit()
        assert (article(s, "daily.txt").outlet, article(s, "daily.txt").outlet_basis) == (
            "First Try",
            "corrected",
        )
    reprocess(loaded)
    with session(loaded) as s:
        assert article(s, "daily.txt").outlet == "First Try"
        undo(s, first, author="Bo")
        s.commit()
        daily = article(s, "daily.txt")
        assert (daily.outlet, daily.outlet_basis, daily.title) == read


def test_corrections_deletion_is_not_undone_here(loaded: Settings) -> None:
    from app.services.corrections.record import CorrectionError, undo

    with session(loaded) as s:
        delete_article(s, article(s, "daily.txt"))
        s.commit()
        mark = s.exec(select(Correction)).one()
        with pytest.raises(CorrectionError, match="adding the text again"):
            undo(s, mark.id or 0)
