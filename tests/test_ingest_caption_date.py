"""A report dated by its photos' captions and the weekdays its lead names (our own lines)."""

from __future__ import annotations

import datetime as dt

import pytest

from app.ingest.caption_date import caption_date

D = dt.date


@pytest.mark.parametrize(
    ("captions", "body", "expected"),
    [
        # The photo's day, and the report's "on Thursday" the day after it.
        (
            ["Crowds gather in Dorvik on Wednesday, March 3, 2027. (Photo: Lee Ames)"],
            "The council announced on Thursday that the bridge would close.",
            D(2027, 3, 4),
        ),
        # No weekday in the lead: the photo's day.
        (["Firefighters at work, 14 June 2026."], "The blaze was put out.", D(2026, 6, 14)),
        # The latest of two photos.
        (
            ["Jan. 2, 2025: the dam.", "January 4, 2025: the flooded square."],
            "Water rose over the weekend.",
            D(2025, 1, 4),
        ),
    ],
)
def test_ingest_caption_date_from_photos_and_weekdays(
    captions: list[str], body: str, expected: dt.date
) -> None:
    assert caption_date(captions, body) == expected


@pytest.mark.parametrize(
    ("captions", "body"),
    [
        # A file photo is of another day.
        (["FILE - In this May 4, 2019 photo, the mill stands empty."], "It closed on Monday."),
        # A date an event wears, recalled in a follow-up's caption.
        (
            ["Ada Brisk, 41, in a court photo taken before the May 4, 2019, fire at the mill."],
            "She was charged on Tuesday.",
        ),
        # No full date in any caption.
        (["The mill on Monday."], "It closed on Monday."),
        ([], "It closed on Monday, May 4, 2026."),
    ],
)
def test_ingest_caption_date_none(captions: list[str], body: str) -> None:
    assert caption_date(captions, body) is None
