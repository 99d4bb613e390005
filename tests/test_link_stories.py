"""Story grouping on small corpora of our own making, plus the five seeds."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from app.link.stories import StoryDoc, StoryParams, group_stories, name_tokens

SEEDS = Path(__file__).resolve().parents[1] / "seeds"
D = dt.date

SHOOTING = [
    "Gunman kills four at Denver shopping mall. A gunman opened fire at the Cherry Creek mall "
    "in Denver on Saturday, killing four people and wounding seven before police shot him, "
    "officials said. Police Chief Maria Alvarez said the suspect, 34, acted alone.",
    "Denver mall shooting leaves 4 dead. Four people were killed and seven wounded when a man "
    "fired into crowds at Cherry Creek shopping centre in Denver, police said. Chief Maria "
    "Alvarez said officers killed the gunman within minutes.",
    "Vigil held for victims of Cherry Creek shooting. Hundreds gathered in Denver on Sunday to "
    "mourn the four people killed at the Cherry Creek mall. Police Chief Maria Alvarez named "
    "the gunman and said he had bought the rifle legally.",
]
FLOOD = [
    "Floods swamp Porto Alegre after record rain. Rivers burst their banks in Porto Alegre "
    "after three days of rain; the Guaiba river reached 5.3 metres and 12,000 residents were "
    "evacuated, the Rio Grande do Sul civil defence said.",
    "Thousands flee as Guaiba river floods Porto Alegre. The civil defence of Rio Grande do Sul "
    "said 12,000 people had left their homes as the Guaiba rose to 5.3 metres, flooding the "
    "centre of Porto Alegre. Governor Eduardo Leite asked for federal help.",
    "Porto Alegre airport closed by flood waters. Governor Eduardo Leite said the airport of "
    "Porto Alegre would stay shut while the Guaiba river stays above five metres; the civil "
    "defence counts 12,000 people evacuated across Rio Grande do Sul.",
]
# A second shooting of the same kind: same vocabulary, other city, names and numbers.
OTHER_SHOOTING = [
    "Gunman kills two at Leeds supermarket. A gunman opened fire in a supermarket in Leeds on "
    "Tuesday, killing two people and wounding three, West Yorkshire Police said. Detective "
    "Superintendent Owen Pryce said a 51-year-old man had been arrested.",
    "Two dead in Leeds supermarket shooting. Two people were killed and three wounded when a "
    "man fired a shotgun inside a supermarket in Leeds, West Yorkshire Police said. Owen Pryce "
    "said the 51-year-old suspect knew one of the victims.",
    "Leeds mourns supermarket shooting victims. Flowers were laid outside the Leeds "
    "supermarket where two people were shot dead on Tuesday. Superintendent Owen Pryce of West "
    "Yorkshire Police said the 51-year-old suspect was charged with murder.",
]


def docs_of(*groups: list[str], start: int = 100) -> list[StoryDoc]:
    out: list[StoryDoc] = []
    for texts in groups:
        for text in texts:
            out.append(StoryDoc(key=start + len(out), text=text))
    return out


def as_sets(stories: list[list[int]]) -> set[frozenset[int]]:
    return {frozenset(s) for s in stories}


def test_empty_and_single() -> None:
    assert group_stories([]) == []
    assert group_stories([StoryDoc(key=7, text="Nothing much happened.")]) == [[7]]


def test_one_event_stays_one_story() -> None:
    docs = docs_of(SHOOTING)
    assert group_stories(docs) == [[100, 101, 102]]


@pytest.mark.parametrize(
    ("groups", "expected_sizes"),
    [
        ((SHOOTING, FLOOD), [3, 3]),
        ((FLOOD, SHOOTING), [3, 3]),
        ((SHOOTING, FLOOD, OTHER_SHOOTING), [3, 3, 3]),
    ],
)
def test_unrelated_events_split(groups: tuple[list[str], ...], expected_sizes: list[int]) -> None:
    docs = docs_of(*groups)
    stories = group_stories(docs)
    assert sorted(len(s) for s in stories) == sorted(expected_sizes)
    # Each story holds the articles of exactly one event.
    expected, k = set(), 100
    for texts in groups:
        expected.add(frozenset(range(k, k + len(texts))))
        k += len(texts)
    assert as_sets(stories) == expected


def test_keys_are_returned_not_positions() -> None:
    docs = [StoryDoc(key=k, text=t) for k, t in zip((9, 3, 41), SHOOTING, strict=True)]
    assert group_stories(docs) == [[3, 9, 41]]


def test_far_apart_dates_split_similar_texts() -> None:
    close = [StoryDoc(i, t, D(2024, 3, 2 + i)) for i, t in enumerate(SHOOTING)]
    assert len(group_stories(close)) == 1
    # The same reports, one of them two years later: not one story any more.
    late = [*close[:2], StoryDoc(2, SHOOTING[2], D(2026, 3, 4))]
    assert as_sets(group_stories(late)) == {frozenset({0, 1}), frozenset({2})}


# A second shooting in the same city a fortnight later: the same words, other people.
SECOND_DENVER = [
    "Two shot outside Denver nightclub. Two men were shot outside a nightclub in Denver early "
    "on Sunday, police said. Sergeant Tom Reyes said the shooter fled in a grey pickup.",
    "Denver nightclub shooting: two wounded. Police in Denver said two men were wounded by "
    "gunfire outside a nightclub on Sunday; Sergeant Tom Reyes asked witnesses to call.",
]


def _mall(**names: frozenset[str]) -> list[StoryDoc]:
    return [StoryDoc(i, t, D(2024, 3, 2 + i), **names) for i, t in enumerate(SHOOTING)]


def test_link_stories_same_city_days_apart_is_two_stories_unless_about_one_person() -> None:
    chief = frozenset({"Maria Alvarez"})
    mall = _mall(persons=chief, principals=chief)
    # Five days after the last report of the mall: a shooting of its own, other people.
    club = [
        StoryDoc(10 + i, t, D(2024, 3, 9), persons=frozenset({"Tom Reyes"}))
        for i, t in enumerate(SECOND_DENVER)
    ]
    assert as_sets(group_stories(mall + club)) == {frozenset({0, 1, 2}), frozenset({10, 11})}
    # A report two months on about the same person stays with her story.
    trial = StoryDoc(20, SHOOTING[2], D(2024, 5, 2), persons=chief)
    assert frozenset({0, 1, 2, 20}) in as_sets(group_stories([*mall, trial]))
    # Without a person in common the same report two months on is a story of its own.
    alone = StoryDoc(20, SHOOTING[2], D(2024, 5, 2))
    assert frozenset({20}) in as_sets(group_stories([*mall[:2], alone]))


@pytest.mark.parametrize(
    ("earlier", "later"),
    [
        # A spokesman or an activist named once in each: the city's voices, not the event's.
        ({"persons": frozenset({"Maria Alvarez"})}, {"persons": frozenset({"Maria Alvarez"})}),
        # A lone surname may be anyone's.
        (
            {"persons": frozenset({"Alvarez"}), "principals": frozenset({"Alvarez"})},
            {"persons": frozenset({"Alvarez"}), "principals": frozenset({"Alvarez"})},
        ),
    ],
)
def test_link_stories_passing_names_do_not_hold_a_story_over_months(
    earlier: dict[str, frozenset[str]], later: dict[str, frozenset[str]]
) -> None:
    report = StoryDoc(20, SHOOTING[2], D(2024, 5, 2), **later)
    assert frozenset({20}) in as_sets(group_stories([*_mall(**earlier), report]))


def test_unknown_dates_do_not_split() -> None:
    docs = [
        StoryDoc(0, SHOOTING[0], D(2024, 3, 2)),
        StoryDoc(1, SHOOTING[1], None),
        StoryDoc(2, SHOOTING[2], D(2024, 3, 3)),
    ]
    assert len(group_stories(docs)) == 1


def test_canonical_names_count() -> None:
    # Without shared canonical names these two short notes are too far apart; with the same
    # place and actor found by the extractors they join.
    a = "Protest in the capital turns violent; dozens detained by riot police."
    b = "Officers detain demonstrators after clashes near parliament building."
    bare = [StoryDoc(0, a), StoryDoc(1, b)]
    named = [
        StoryDoc(0, a, places=frozenset({"Tbilisi"}), actors=frozenset({"Irakli Kobakhidze"})),
        StoryDoc(1, b, places=frozenset({"Tbilisi"}), actors=frozenset({"Irakli Kobakhidze"})),
    ]
    assert len(group_stories(bare)) == 2
    assert len(group_stories(named)) == 1


def test_threshold_is_a_parameter() -> None:
    docs = docs_of(SHOOTING, FLOOD)
    assert len(group_stories(docs, StoryParams(threshold=0.99))) == 6
    assert len(group_stories(docs, StoryParams(threshold=0.0, min_similarity=0.0))) <= 2


def test_the_five_seeds_are_one_story() -> None:
    texts = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]
    assert len(texts) == 5
    docs = [StoryDoc(key=i, text=t) for i, t in enumerate(texts)]
    assert group_stories(docs) == [[0, 1, 2, 3, 4]]


def test_seeds_stay_apart_from_other_events() -> None:
    texts = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]
    docs = [StoryDoc(key=i, text=t) for i, t in enumerate(texts)]
    docs += docs_of(SHOOTING, FLOOD, start=10)
    assert as_sets(group_stories(docs)) == {
        frozenset(range(5)),
        frozenset({10, 11, 12}),
        frozenset({13, 14, 15}),
    }


@pytest.mark.parametrize(
    ("text", "present", "absent"),
    [
        ("Rain fell on Porto Alegre on Monday.", {"porto_alegre", "porto", "monday"}, {"rain"}),
        ("Police said 1,200 people fled.", {"#1200"}, {"police"}),
        ("He met the Emir of Qatar in Doha.", {"emir_qatar", "doha"}, {"he"}),
        ("Troops left on Friday. Officials said so.", {"friday"}, {"friday_officials"}),
        ("The U.S. Navy sent 3 ships.", {"u.s", "#3"}, {"the"}),
    ],
)
def test_name_tokens(text: str, present: set[str], absent: set[str]) -> None:
    got = set(name_tokens(text))
    assert present <= got
    assert not absent & got


def test_link_stories_follow_up_stating_the_day_of_its_event_stays_with_it() -> None:
    mall = _mall()
    # Two months on, nobody in common: the day it states is the mall's first report's.
    later = StoryDoc(20, SHOOTING[2], D(2024, 5, 2), stated_dates=frozenset({D(2024, 3, 2)}))
    assert frozenset({0, 1, 2, 20}) in as_sets(group_stories([*mall, later]))
    # A day of no report of the mall: a story of its own.
    other = StoryDoc(20, SHOOTING[2], D(2024, 5, 2), stated_dates=frozenset({D(2024, 2, 20)}))
    assert frozenset({20}) in as_sets(group_stories([*mall, other]))


# Two short reports of one shooting that word its toll apart.
BRIEFS = [
    "One dead, three hurt in Brambleford. A man died and three others were taken to hospital "
    "after shots rang out late on Friday, police said.",
    "Man killed, 3 wounded. A gunman opened fire into a crowd in Brambleford, killing a man "
    "and wounding three people, officers said.",
]
TOLL = frozenset({"killed:1", "injured:3"})


@pytest.mark.parametrize(
    ("tolls", "bar"),
    [
        # The same toll counts for more than the words alone...
        ((TOLL, TOLL), 0.3),
        # ...and another toll for less.
        ((frozenset(), frozenset()), 0.2),
    ],
)
def test_link_stories_same_toll_however_worded(
    tolls: tuple[frozenset[str], frozenset[str]], bar: float
) -> None:
    def together(first: frozenset[str], second: frozenset[str]) -> bool:
        docs = [StoryDoc(0, BRIEFS[0], tolls=first), StoryDoc(1, BRIEFS[1], tolls=second)]
        docs += docs_of(FLOOD, SHOOTING, OTHER_SHOOTING, start=10)
        stories = group_stories(docs, StoryParams(min_similarity=bar))
        return frozenset({0, 1}) in as_sets(stories)

    assert together(*tolls)
    if tolls[0]:
        assert not together(frozenset(), frozenset())
    else:
        assert not together(TOLL, frozenset({"killed:2", "injured:5"}))


def test_link_stories_a_trial_years_on_stays_with_its_event() -> None:
    # The sentencing three years on names the person the first reports were about.
    chief = frozenset({"Maria Alvarez"})
    mall = _mall(persons=chief, principals=chief)
    trial = StoryDoc(20, SHOOTING[2], D(2027, 3, 20), persons=chief, principals=chief)
    assert frozenset({0, 1, 2, 20}) in as_sets(group_stories([*mall, trial]))
