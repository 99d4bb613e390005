"""Title Case headlines read as sentences: the body tells which words are names.

Headlines and bodies are written for these tests (towns and people invented).
"""

from __future__ import annotations

import pytest

from app.extract.title_case import sentence_case
from app.extract.vocabulary import common_words

BODY = (
    "Deputies said four people were found dead near Kelloway on Sunday. A mother and her "
    "toddler were shot inside a home in Port Ambrose, and the Dunmore County Sheriff said "
    "the gunman fled."
)

CASES = [
    ("Four People Dead North of Kelloway", "four people dead north of Kelloway"),
    (
        "Mother, Toddler Killed In Shooting In Port Ambrose",
        "mother, toddler killed in shooting in Port Ambrose",
    ),
    ("6 Shot, 2 Dead After Party", "6 shot, 2 dead after party"),
    ("Dunmore County Sheriff Says Gunman Fled", "Dunmore County Sheriff says gunman fled"),
    ("Update: Four Dead In Kelloway", "Update: four dead in Kelloway"),
    # An adverb of a known adjective is a common word too.
    ("Gunman Fatally Shoots Three In Kelloway", "gunman fatally shoots three in Kelloway"),
    ("Toddler Critically Hurt In Port Ambrose", "toddler critically hurt in Port Ambrose"),
    # Already a sentence, or in capitals: left as written.
    ("Four people found dead near Kelloway", "Four people found dead near Kelloway"),
    ("FOUR DEAD IN KELLOWAY", "FOUR DEAD IN KELLOWAY"),
]


# A headline written as a sentence: only a first word for a person is lowered, unless it
# heads a name or the body writes it as one.
PERSON_CASES = [
    (
        "Stepfather suspected of shooting neighbor dies in Kelloway",
        "stepfather suspected of shooting neighbor dies in Kelloway",
    ),
    (
        "Teens grazed at Port Ambrose fair: Gunman flees",
        "teens grazed at Port Ambrose fair: gunman flees",
    ),
    ("Deputy Ruth Amsel wounded near Kelloway", "Deputy Ruth Amsel wounded near Kelloway"),
    ("Sheriff says two were hurt", "Sheriff says two were hurt"),
    ("Kelloway man wounded", "Kelloway man wounded"),
]


@pytest.mark.parametrize(("title", "expected"), PERSON_CASES, ids=[t for t, _ in PERSON_CASES])
def test_extract_title_case_lowers_a_first_person_noun(title: str, expected: str) -> None:
    out = sentence_case(title, BODY, common_words())
    assert out == expected
    assert len(out) == len(title)


@pytest.mark.parametrize(("title", "expected"), CASES, ids=[t for t, _ in CASES])
def test_extract_title_case_lowers_common_words(title: str, expected: str) -> None:
    out = sentence_case(title, BODY, common_words())
    assert out == expected
    assert len(out) == len(title)
