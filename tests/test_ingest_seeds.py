"""Each seed as it comes: date, furniture removed, captions kept apart."""

from __future__ import annotations

import datetime as dt

import pytest

from app.ingest.readers import read_path
from tests.conftest import SEEDS


def seed(prefix: str):  # type: ignore[no-untyped-def]
    (path,) = SEEDS.glob(f"{prefix}_*.txt")
    (article,) = read_path(path)
    return article


@pytest.mark.parametrize(
    ("prefix", "date", "basis"),
    [
        ("000", dt.date(2022, 1, 7), "header"),
        ("001", dt.date(2022, 1, 9), "header"),
        # "posted on 01/08/2022" beats the date line, read as January 8 (not after the line's day)
        ("003", dt.date(2022, 1, 8), "posted-line"),
        # no stated date: its photos are of Wednesday, January 5, and it tells what was
        # "announced on Thursday": the day after
        ("004", dt.date(2022, 1, 6), "caption"),
    ],
)
def test_ingest_seed_dates(prefix: str, date: dt.date | None, basis: str) -> None:
    article = seed(prefix)
    assert (article.date, article.date_basis) == (date, basis)


def test_ingest_seed_000_drops_audio_player() -> None:
    article = seed("000")
    assert "Listen to the audio version" not in article.body
    assert article.body.startswith("The second day of the uprising")


def test_ingest_seed_001_keeps_first_line_text_and_sets_cover_caption_apart() -> None:
    article = seed("001")
    assert article.body.startswith("They would be 164 people killed")
    assert "On the cover" not in article.body
    assert any(c.startswith("On the cover") for c in article.captions)


def test_ingest_seed_002_removes_page_furniture() -> None:
    article = seed("002")
    for furniture in (
        "Pécresse",
        "Le Figaro logo",
        "ALSO ON MSN",
        "Suggested videos",
        "Leave a Comment",
        "Akismet",
        "NEXT VIDEO",
        "Mariya Gordeyeva",
    ):
        assert furniture not in article.body
    assert article.body.rstrip().endswith("Sergei Riabkov on Sunday.")
    assert "© Mariya Gordeyeva" in article.captions
    assert "In Almaty, the economic capital of Kazakhstan, on Thursday." in article.captions
    assert article.outlet == "Le Figaro"
    assert article.outlet_basis == "inferred"


def test_ingest_seed_003_strips_posted_stamp_and_credit() -> None:
    article = seed("003")
    assert "01/08/2022" not in article.body
    assert article.body.startswith("The message, posted on Twitter")
    assert "(credit: Alexandr Bogdabnov/AFP)" in article.captions
    assert "Bogdabnov" not in article.body


def test_ingest_seed_004_headline_photo_captions_and_source_line() -> None:
    article = seed("004")
    assert (
        article.title == "Riots in Kazakhstan | Moscow and its allies send a “peacekeeping force”"
    )
    assert "source site-59" not in article.body
    for credit in ("PHOTO VLADIMIR TRETYAKOV", "MADYAROV", "Police officers arrest a protester"):
        assert credit not in article.body
        assert any(credit in c for c in article.captions)
    assert "at least eight members of the security forces were killed" in article.body
