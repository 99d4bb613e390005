"""Statement links: same claim, different articles, same story — and nothing else."""

from __future__ import annotations

from collections import Counter
from itertools import count
from pathlib import Path

import pytest
from sqlmodel import Session, select

from app.config import Settings
from app.db import get_engine
from app.link.statement_terms import claim_pairs, stated_numbers, word_terms
from app.link.statements import (
    Params,
    StatementLink,
    StatementRef,
    link_statements,
    relink_statements,
    story_batches,
)
from app.models import Link
from app.pipeline import ingest_paths
from tests.conftest import REPORTS

_ids = count(1)


def ref(
    article: int,
    text: str,
    story: int | None = 1,
    actors: tuple[str, ...] = (),
    places: tuple[str, ...] = (),
    numbers: tuple[float, ...] = (),
) -> StatementRef:
    return StatementRef(
        id=next(_ids),
        article_id=article,
        story_id=story,
        text=text,
        actors=frozenset(actors),
        places=frozenset(places),
        numbers=frozenset(numbers),
    )


def pairs(links: list[StatementLink]) -> set[frozenset[int]]:
    return {frozenset((k.a_id, k.b_id)) for k in links}


# Story 1: a miners' strike put down by police (three outlets). Story 2: a flood (two outlets)
# whose toll happens to equal the strike's.
SHOOT_A = ref(
    1,
    "Police opened fire on striking miners at the Lanza copper mine, killing 12 people.",
    actors=("Lanza Mining",),
    numbers=(12.0,),
)
SHOOT_B = ref(
    2,
    "Security forces shot dead 12 workers during the strike at the Lanza mine.",
    actors=("Lanza Mining",),
    numbers=(12.0,),
)
SHOOT_C = ref(3, "Officers were told to shoot at the striking miners, witnesses said.")
ARREST_A = ref(
    1,
    "Union leader Maria Oduya was arrested on Wednesday and charged with sedition.",
    actors=("Maria Oduya",),
)
ARREST_B = ref(
    2,
    "Authorities detained Maria Oduya, head of the miners' union, on sedition charges.",
    actors=("Maria Oduya",),
)
FARE_A = ref(
    3,
    "The regional government lowered bus fares after the first week of protests.",
)
FARE_B = ref(
    1,
    "Officials conceded a cut in bus fares once the demonstrations had spread.",
)
FILLER = [
    ref(1, "The mine has exported copper to three continents since it opened in 1987."),
    ref(2, "Talks between the company and the union resumed in the capital on Friday."),
    ref(3, "A reporter for the station was turned back at a checkpoint on the main road."),
    ref(2, "Shares in the mining group fell sharply on the stock exchange."),
]
FLOOD_A = ref(
    11,
    "Floods killed 12 people in the river town of Brena after two days of rain.",
    story=2,
    places=("Brena",),
    numbers=(12.0,),
)
FLOOD_B = ref(
    12,
    "Rescue teams pulled survivors from roofs as the river burst its banks in Brena.",
    story=2,
    places=("Brena",),
)
CORPUS = [
    SHOOT_A,
    SHOOT_B,
    SHOOT_C,
    ARREST_A,
    ARREST_B,
    FARE_A,
    FARE_B,
    *FILLER,
    FLOOD_A,
    FLOOD_B,
]


@pytest.mark.parametrize(
    ("a", "b"),
    [
        (SHOOT_A, SHOOT_B),  # opened fire / shot dead, same number
        (ARREST_A, ARREST_B),  # arrested / detained, same person
        (FARE_A, FARE_B),  # lowered / conceded a cut; protests / demonstrations
    ],
)
def test_paraphrases_link(a: StatementRef, b: StatementRef) -> None:
    assert frozenset((a.id, b.id)) in pairs(link_statements(CORPUS))


def test_equal_numbers_in_other_stories_never_link() -> None:
    for link in link_statements(CORPUS):
        stories = {r.story_id for r in CORPUS if r.id in (link.a_id, link.b_id)}
        assert len(stories) == 1
    assert frozenset((SHOOT_A.id, FLOOD_A.id)) not in pairs(link_statements(CORPUS))


def test_same_article_never_links() -> None:
    twin = ref(1, "Police opened fire on striking miners at the Lanza mine, killing 12 people.")
    links = link_statements([*CORPUS, twin])
    article = {r.id: r.article_id for r in [*CORPUS, twin]}
    assert all(article[k.a_id] != article[k.b_id] for k in links)


def test_no_story_no_link() -> None:
    loose = [
        ref(21, "Police arrested the mayor of Tarvo on Monday.", story=None),
        ref(22, "The mayor of Tarvo was arrested by police on Monday.", story=None),
    ]
    assert link_statements(loose) == []


def test_links_are_capped() -> None:
    # Twelve outlets each repeating one claim three times: without a cap every statement
    # would match 33 others.
    texts = [
        "Customs officers seized 40 tonnes of cocaine hidden in banana crates at the port.",
        "At the port, 40 tonnes of cocaine were seized by customs in crates of bananas.",
        "Customs seized cocaine, 40 tonnes of it, in banana crates at the port.",
    ]
    refs = [ref(100 + a, t, story=7, numbers=(40.0,)) for a in range(12) for t in texts]
    params = Params()
    links = link_statements(refs, params)
    assert links
    degree: Counter[int] = Counter()
    into: Counter[tuple[int, int]] = Counter()
    article = {r.id: r.article_id for r in refs}
    for k in links:
        degree[k.a_id] += 1
        degree[k.b_id] += 1
        into[(k.a_id, article[k.b_id])] += 1
        into[(k.b_id, article[k.a_id])] += 1
    assert max(degree.values()) <= params.per_statement
    assert max(into.values()) <= params.per_article


def test_unrelated_statements_in_one_story_stay_apart() -> None:
    linked = {i for p in pairs(link_statements(CORPUS)) for i in p}
    assert not linked & {FILLER[0].id, FILLER[2].id}


def test_reason_names_what_is_shared() -> None:
    link = next(
        k for k in link_statements(CORPUS) if {k.a_id, k.b_id} == {ARREST_A.id, ARREST_B.id}
    )
    assert "Maria Oduya" in link.reason
    assert "arrested~detained" in link.reason or "detained~arrested" in link.reason
    # First what both say was done, in each one's words: the who-did-what, not a word list.
    acts = link.reason.split(";")[0]
    assert acts.startswith("both say ")
    assert "arrested" in acts and "detained" in acts
    assert 0.0 < link.score <= 1.0


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("troops opened fire", "soldiers shot"),
        ("she was arrested", "police detained her"),
        ("prices were lowered", "a reduction in prices"),
        ("the internet was blocked", "a total internet blackout"),
        ("the minister resigned", "the minister was sacked"),
    ],
)
def test_synonyms_share_a_concept(one: str, other: str) -> None:
    concepts = {t for t, _ in word_terms(one) if t.startswith("~")}
    assert concepts & {t for t, _ in word_terms(other) if t.startswith("~")}


def test_inflections_meet() -> None:
    assert {t for t, _ in word_terms("evacuated villages")} == {
        t for t, _ in word_terms("evacuating the village")
    }


def _story(*texts: str, numbers: tuple[tuple[float, ...], ...] = ()) -> list[StatementRef]:
    """One story, one article per text, with filler so that the story has a background."""
    refs = [
        ref(200 + k, t, story=9, numbers=numbers[k] if k < len(numbers) else ())
        for k, t in enumerate(texts)
    ]
    filler = [ref(200 + k % len(texts), f.text, story=9) for k, f in enumerate(FILLER)]
    return refs + filler


@pytest.mark.parametrize(
    ("one", "other", "numbers"),
    [
        # Counts with different values are figure relations, not one statement.
        (
            "Police said 12 miners were killed in the clashes at the Lanza mine.",
            "Police said 30 miners were killed in the clashes at the Lanza mine.",
            ((12.0,), (30.0,)),
        ),
        (
            "The strike at the mine has lasted 12 days, the union said.",
            "The strike at the mine has lasted 19 days, the union said.",
            (),
        ),
        # One shared name is never a claim.
        (
            "Maria Oduya addressed a rally of miners in the main square.",
            "Maria Oduya was seen leaving the court with her lawyers.",
            (),
        ),
        # Shared nouns with no shared predicate beside them: two claims about one topic.
        (
            "The union says the mine owners ignored safety rules for years.",
            "Safety inspectors from the capital visited the mine to meet union officials.",
            (),
        ),
    ],
)
def test_not_the_same_claim_never_links(
    one: str, other: str, numbers: tuple[tuple[float, ...], ...]
) -> None:
    refs = _story(one, other, numbers=numbers)
    assert frozenset((refs[0].id, refs[1].id)) not in pairs(link_statements(refs))


def test_same_count_same_claim_links() -> None:
    refs = _story(
        "Police said 12 miners were killed in the clashes at the Lanza mine.",
        "Twelve miners were killed when police broke up the clashes at the Lanza mine.",
        numbers=((12.0,), (12.0,)),
    )
    assert frozenset((refs[0].id, refs[1].id)) in pairs(link_statements(refs))


@pytest.mark.parametrize(
    ("text", "numbers"),
    [
        ("Police arrested 1,300 people and 18.5 percent of them were freed.", {1300.0, 18.5}),
        ("Twelve people died, and two of them were children.", {12.0, 2.0}),
        ("He ruled from 1989 to 2019.", set()),  # years
        ("The airport reopens on January 10, or on 12 March at the latest.", set()),  # dates
        ("No number is stated here.", set()),
    ],
)
def test_stated_numbers_leave_out_years_and_dates(text: str, numbers: set[float]) -> None:
    assert stated_numbers(text) == numbers


def test_claim_pairs_join_a_predicate_and_its_argument() -> None:
    blocked = claim_pairs(ref(1, "The authorities blocked the internet on Monday."), 3)
    blackout = claim_pairs(ref(2, "Officials ordered a total internet blackout."), 3)
    assert "~block|~internet" in blocked & blackout
    # A title and a name are one who, not a who-did-what.
    names = claim_pairs(ref(3, "On Monday President Ana Liro met union leaders."), 3)
    assert not any({"president", "ana"} <= set(p.split("|")) for p in names)
    # Nouns alone make no pair: "gas protests" says what about, not what happened.
    assert claim_pairs(ref(4, "Gas protests in the capital."), 3) == frozenset()


def _concept_pairs(text: str) -> frozenset[str]:
    return claim_pairs(ref(1, text), Params().window)


def _term(word: str) -> str:
    return word_terms(word)[0][0]


@pytest.mark.parametrize(
    ("text", "pair"),
    [
        # An apposition between commas stands between the subject and its predicate.
        (
            "The old bridge over the river, the longest in the valley and a listed monument,"
            " remains closed to traffic.",
            ("bridge", "closed"),
        ),
        # ... or between an infinitive's "to" and its verb; or a bracket, or dashes.
        (
            "The guards were told to, if the crowd refused to disperse, open fire on the convoy.",
            ("shoot", "told"),  # "open fire" is shooting
        ),
        ("The depot (a warehouse of the state grain board) was closed.", ("depot", "closed")),
        (
            "The port – the busiest container terminal on the coast – was blocked by strikers.",
            ("port", "blocked"),
        ),
    ],
)
def test_claim_pairs_reach_across_an_insert(text: str, pair: tuple[str, str]) -> None:
    a, b = sorted(_term(w) for w in pair)
    assert f"{a}|{b}" in _concept_pairs(text)


def test_claim_pairs_do_not_join_a_clause_after_an_insert() -> None:
    # "..., who resigned" belongs to the name before it, not to the unrest.
    text = (
        "The price rise set off unrest in the north, with crowds chanting against the former"
        " governor, who resigned in disgrace years ago."
    )
    assert "~dismiss|~protest" not in _concept_pairs(text)


@pytest.mark.parametrize(
    "text",
    [
        "The general gave orders to the police and the border guards to, if needed, open fire.",
        "The minister authorised the riot squads in the capital to shoot at looters.",
        "He gave the order to kill.",
    ],
)
def test_claim_pairs_join_an_order_and_what_it_orders(text: str) -> None:
    assert "~kill|~order" in _concept_pairs(text)


def test_a_sentence_of_two_claims_links_to_each_counterpart() -> None:
    both = ref(
        301,
        "After failing to calm the riots by cutting bus fares, the governor blamed agitators"
        " trained abroad for the violence.",
        story=30,
    )
    fares = ref(
        302,
        "The governor had first tried to calm the rioters by conceding a cut in bus fares.",
        story=30,
    )
    agitators = ref(
        302, "The governor says agitators who were trained abroad are behind the riots.", story=30
    )
    filler = [ref(301 + k % 2, f.text, story=30) for k, f in enumerate(FILLER)]
    found = pairs(link_statements([both, fares, agitators, *filler]))
    assert frozenset((both.id, fares.id)) in found
    assert frozenset((both.id, agitators.id)) in found


def test_one_claim_said_twice_in_an_article_links_once() -> None:
    claim = ref(311, "Customs officers seized two tonnes of cocaine at the port.", story=31)
    again = [
        ref(312, "Officers of the customs seized two tonnes of cocaine in the port.", story=31),
        ref(312, "At the port, customs seized cocaine weighing two tonnes.", story=31),
    ]
    filler = [ref(311 + k % 2, f.text, story=31) for k, f in enumerate(FILLER)]
    found = pairs(link_statements([claim, *again, *filler]))
    assert sum(frozenset((claim.id, x.id)) in found for x in again) == 1


# Two invented events, two reports each: two stories whose reports repeat one claim.
TWO_STORIES = {
    **REPORTS,
    "fire_a.txt": """title: Fire shuts chemical plant in Lyon
outlet: Rhone Courier
date: 2031-06-10

A fire broke out at a chemical plant in Lyon on Monday, the prefect said. The prefect said the \
plant would stay closed until the inspectors finish their work.
""",
    "fire_b.txt": """title: Lyon plant closed after blaze
outlet: Alpine Wire
date: 2031-06-11

The chemical plant in Lyon will stay closed until inspectors finish their work, the prefect \
said on Tuesday after a fire broke out there on Monday.
""",
}


def _stored_links(session: Session) -> list[tuple[int, int, float, str]]:
    query = select(Link.a_id, Link.b_id, Link.score, Link.reason).where(Link.kind == "statement")
    return sorted(session.exec(query).all())


@pytest.mark.parametrize(("batch", "sizes"), [(1, [2, 2]), (2, [2, 2]), (3, [4])])
def test_statements_relink_by_batches_of_stories_keeps_every_link(
    settings: Settings, tmp_path: Path, batch: int, sizes: list[int]
) -> None:
    """However few articles a batch holds, the links are those of one pass over all."""
    for name, text in TWO_STORIES.items():
        (tmp_path / "reports").mkdir(exist_ok=True)
        (tmp_path / "reports" / name).write_text(text)
    assert not ingest_paths([str(tmp_path / "reports")], settings).failed
    with Session(get_engine(settings.db_url)) as session:
        whole = relink_statements(session, batch_articles=10**6)
        expected = _stored_links(session)
        assert whole == len(expected) > 0
        # Whole stories in a batch, however small the batch is asked to be.
        assert [len(b) for b in story_batches(session, batch)] == sizes
        assert relink_statements(session, batch_articles=batch) == whole
        assert _stored_links(session) == expected
