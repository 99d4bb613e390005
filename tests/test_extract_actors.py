"""Actors: spelling keys, finding people and organisations, merging them across articles."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from spacy.language import Language
from spacy.tokens import Span

from app.config import Settings
from app.extract.actor_merge import ActorCluster, merge_actors
from app.extract.actors import find_actors, mention_key
from app.extract.names import (
    org_initials,
    parse_org,
    parse_person,
    translit_key,
)
from app.extract.nationalities import is_nationality
from app.extract.nlp import get_nlp
from app.extract.slips import close_keys
from app.extract.types import FoundMention

ROOT = Path(__file__).resolve().parents[1]
DATA = Path(__file__).resolve().parent / "data"


@pytest.fixture(scope="module")
def nlp() -> Iterator[Language]:
    yield get_nlp(Settings().spacy_model)


# --- spelling keys ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "spellings",
    [
        ("Zelensky", "Zelenskyy", "Selenskyj", "Zelenskiy"),
        ("Gorbachev", "Gorbatchev", "Gorbatschow"),
        ("Medvedev", "Medwedew"),
        ("Navalny", "Nawalny"),
        ("Shoigu", "Schoigu", "Choigou"),
        ("Dmitry", "Dmitri", "Dmitrij"),
        ("Sergey", "Sergei"),
        ("Yuri", "Juri", "Iouri"),
        ("Aleksandr", "Alexandr"),
        ("Rachmaninoff", "Rachmaninov"),
        ("Ahmadinejad", "Ahmadinedjad"),
        ("Volodymyr", "Wolodymyr"),
    ],
)
def test_translit_key_meets_spelling_variants(spellings: tuple[str, ...]) -> None:
    keys = {translit_key(s) for s in spellings}
    assert len(keys) == 1, keys


@pytest.mark.parametrize(
    ("a", "b"),
    [("Ivanov", "Ivanova"), ("Putin", "Pushkin"), ("Johnson", "Jonas"), ("Kohl", "Kuhn")],
)
def test_translit_key_keeps_different_names_apart(a: str, b: str) -> None:
    assert translit_key(a) != translit_key(b)


@pytest.mark.parametrize(
    ("text", "given_count", "lone"),
    [
        ("President Volodymyr Zelensky", 1, False),
        ("Vladimir Vladimirovich Putin", 1, False),  # the patronymic is not a first name
        ("Aliyev", 0, True),
        ("Mr. Aliyev", 0, True),
        ("Bakytuly Tursunov", 0, True),  # a Kazakh patronymic only: a lone surname
        ("Ursula von der Leyen", 1, False),
    ],
)
def test_parse_person_shapes(text: str, given_count: int, lone: bool) -> None:
    name = parse_person(text)
    assert name is not None
    assert len(name.given) == given_count
    assert name.lone is lone


@pytest.mark.parametrize(
    "spellings",
    [
        ("Ministry of Health", "Health Ministry", "the Ministry of Health"),
        ("Ministry of Foreign Affairs", "Foreign Ministry"),
        ("Ministry of Defence", "Defense Ministry", "Ministry of the Defense"),
        ("Ministry of Internal Affairs", "Interior Ministry", "Ministry of the Interior"),
        ("Department of State", "State Department"),
        ("Organisation of American States", "Organization of American States"),
    ],
)
def test_org_key_word_order(spellings: tuple[str, ...]) -> None:
    assert len({parse_org(s).key for s in spellings}) == 1


def test_org_key_keeps_nationality_as_qualifier() -> None:
    german = parse_org("German Health Ministry")
    plain = parse_org("Health Ministry")
    assert german.core == plain.core
    assert german.qualifier and not plain.qualifier


@pytest.mark.parametrize(
    ("long_form", "acronym"),
    [
        ("World Health Organization", "WHO"),
        ("North Atlantic Treaty Organization", "NATO"),
        ("Organization of the Petroleum Exporting Countries", "OPEC"),
        ("Organisation for Security and Co-operation in Europe", "OSCE"),
        ("Médecins Sans Frontières", "MSF"),
        ("Deutsche Presse news agency", "DPA"),  # head noun first, as in "Agentur"
    ],
)
def test_org_initials(long_form: str, acronym: str) -> None:
    assert acronym in org_initials(long_form)


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("Ukrainian", True),
        ("Kazakh", True),
        ("Uzbeks", True),
        ("Pakistani", True),
        ("French", True),
        ("Chinese", True),
        ("Germany", False),
        ("Zelensky", False),
        ("Chan", False),
    ],
)
def test_is_nationality(word: str, expected: bool) -> None:
    assert is_nationality(word) is expected


# --- finding mentions -------------------------------------------------------------------------


def _found(nlp: Language, text: str) -> list[FoundMention]:
    doc = nlp(text)
    found = find_actors(doc)
    for m in found:
        assert text[m.start : m.end] == m.text
    return found


@pytest.mark.parametrize(
    ("text", "expected", "absent"),
    [
        (
            "Ukrainian President Volodymyr Zelensky said on Monday that the talks had failed. "
            "Zelensky's office later denied the report.",
            {("person", "Volodymyr Zelensky"), ("person", "Zelensky")},
            {"Ukrainian"},
        ),
        (
            "The World Health Organization (WHO) warned on Tuesday that cases were rising. "
            "WHO officials said 40 people had died.",
            {("organization", "World Health Organization"), ("organization", "WHO")},
            {"World Health Organization (WHO"},
        ),
        (
            "A Kazakh journalist wrote on Twitter that the Russians had left.",
            set(),
            {"Kazakh", "Russians", "Twitter"},
        ),
        (
            "PHOTO JOHN SMITH, REUTERS\nThe army said 12 soldiers were killed near the border.",
            set(),
            {"JOHN SMITH", "REUTERS"},
        ),
        (
            "Health Minister Jens Spahn said the Ministry of Health would publish the figures.",
            {("person", "Jens Spahn"), ("organization", "Ministry of Health")},
            set(),
        ),
        (
            "The Reuters news agency reported that Gazprom, the Russian energy company, "
            "had cut supplies.",
            {("organization", "Reuters news agency"), ("organization", "Gazprom")},
            set(),
        ),
        (
            "The price of LPG and LNG rose, and the GDP figures showed an HIV clinic had closed.",
            set(),
            {"LPG", "LNG", "GDP", "HIV"},
        ),
        (
            "Former Soviet leader Mikhail Gorbachev met Chancellor Helmut Kohl in Bonn.",
            {("person", "Mikhail Gorbachev"), ("person", "Helmut Kohl")},
            {"Soviet", "Bonn"},
        ),
        (
            # A rank ends no name: the force and the rank belong to the person named next.
            "Two men were hurt, according to NYPD Sgt. Dana Whitlock, who spoke at the scene.",
            {("person", "Dana Whitlock")},
            {"NYPD Sgt"},
        ),
        (
            "Both were taken to Mount Hope Hospital, where Dana Whitlock died.",
            {("organization", "Mount Hope Hospital"), ("person", "Dana Whitlock")},
            set(),
        ),
        # A hospital, a park, a school or a day named after someone is not that person.
        (
            "One man was taken to Harold T. Wexley, Jr. Hospital of Brook County, where he died.",
            set(),
            {"Harold T. Wexley"},
        ),
        ("Four people were shot at Harold Wexley Jr. Memorial Park.", set(), {"Harold Wexley Jr."}),
        ("The parade on Harold Wexley Jr. Day drew thousands.", set(), {"Harold Wexley Jr. Day"}),
        (
            "A gunman opened fire at Dana Whitlock High School on Friday.",
            {("organization", "Dana Whitlock High School")},
            set(),
        ),
        # The same suffix on a person goes on being a person.
        (
            "Harold Wexley Jr. was arrested on Friday, police said.",
            {("person", "Harold Wexley Jr.")},
            set(),
        ),
    ],
)
def test_find_actors(
    nlp: Language, text: str, expected: set[tuple[str, str]], absent: set[str]
) -> None:
    found = _found(nlp, text)
    got = {(m.kind, m.text) for m in found}
    assert expected <= got, got
    assert not absent & {m.text for m in found}


def test_find_actors_a_name_ending_in_a_body_is_no_person(nlp: Language) -> None:
    # The small model sometimes tags a hospital named after someone as a person.
    doc = nlp("The boy was taken to Harold Wexley Hospital in critical condition.")
    doc.ents = [Span(doc, 5, 8, label="PERSON")]
    assert doc.ents[0].text == "Harold Wexley Hospital"
    assert {(m.kind, m.text) for m in find_actors(doc)} == {
        ("organization", "Harold Wexley Hospital")
    }


def test_find_actors_reads_a_credit_line_as_furniture(nlp: Language) -> None:
    text = "Rescue teams searched the rubble overnight.\n\nMaria IVANOVA\nThe mayor said more."
    assert not [m for m in _found(nlp, text) if "IVANOVA" in m.text]


# --- merging across articles ------------------------------------------------------------------


def _mentions(spec: dict[str, list[tuple[str, str]]]) -> dict[str, list[FoundMention]]:
    out: dict[str, list[FoundMention]] = {}
    for article, names in spec.items():
        out[article] = [
            FoundMention(i * 10, i * 10 + len(text), text, mention_key(text, kind), kind)
            for i, (text, kind) in enumerate(names)
        ]
    return out


def _cluster_sets(clusters: list[ActorCluster]) -> set[frozenset[str]]:
    return {frozenset(c.aliases) for c in clusters}


P, O = "person", "organization"  # noqa: E741

MERGE_CASES = [
    pytest.param(
        {
            "a": [("Volodymyr Zelensky", P), ("Zelensky", P)],
            "b": [("Zelenskyy", P)],
            "c": [("Wolodymyr Selenskyj", P), ("Selenskyj", P)],
        },
        [{"Volodymyr Zelensky", "Zelensky", "Zelenskyy", "Wolodymyr Selenskyj", "Selenskyj"}],
        id="transliterations",
    ),
    pytest.param(
        {"a": [("Mikhail Gorbachev", P)], "b": [("Mikhaïl Gorbatchev", P), ("Gorbatchev", P)]},
        [{"Mikhail Gorbachev", "Mikhaïl Gorbatchev", "Gorbatchev"}],
        id="french-spelling",
    ),
    pytest.param(
        {
            "a": [("Boris Johnson", P), ("Johnson", P)],
            "b": [("Lyndon Johnson", P)],
            "c": [("Johnson", P)],
        },
        [{"Boris Johnson", "Johnson"}, {"Lyndon Johnson"}, {"Johnson"}],
        id="shared-surname-stays-apart",
    ),
    pytest.param(
        {"a": [("Jens Stoltenberg", P)], "b": [("Stoltenbrg", P)]},
        [{"Jens Stoltenberg", "Stoltenbrg"}],
        id="typo-on-long-surname",
    ),
    pytest.param(
        {"a": [("Ivan Petrov", P)], "b": [("Ivan Petrova", P)]},
        [{"Ivan Petrov"}, {"Ivan Petrova"}],
        id="short-names-no-fuzzy",
    ),
    pytest.param(
        {"a": [("Bakyt Tursunov", P)], "b": [("Saparbekuly Tursunov", P)]},
        [{"Bakyt Tursunov", "Saparbekuly Tursunov"}],
        id="patronymic-is-no-first-name",
    ),
    pytest.param(
        {
            "a": [("World Health Organization", O), ("WHO", O)],
            "b": [("WHO", O)],
            "c": [("William Harold Owens", P)],
        },
        [{"World Health Organization", "WHO"}, {"William Harold Owens"}],
        id="acronym-never-a-person",
    ),
    pytest.param(
        {
            "a": [("Centers for Disease Control", O)],
            "b": [("Caribbean Development Corporation", O)],
            "c": [("CDC", O)],
        },
        [{"Centers for Disease Control"}, {"Caribbean Development Corporation"}, {"CDC"}],
        id="ambiguous-acronym-left-alone",
    ),
    pytest.param(
        {
            "a": [("North Atlantic Treaty Organization", O)],
            "b": [("Organization of the North Atlantic Treaty", O), ("NATO", O)],
        },
        [
            {
                "North Atlantic Treaty Organization",
                "Organization of the North Atlantic Treaty",
                "NATO",
            }
        ],
        id="inverted-long-form",
    ),
    pytest.param(
        {
            "a": [("Ukrainian Health Ministry", O), ("Health Ministry", O)],
            "b": [("Russian Health Ministry", O), ("Ministry of Health", O)],
        },
        [
            {"Ukrainian Health Ministry", "Health Ministry"},
            {"Russian Health Ministry", "Ministry of Health"},
        ],
        id="bare-ministry-joins-its-own-country",
    ),
    pytest.param(
        {
            "a": [("Ministry of Health", O)],
            "b": [("Health Ministry", O)],
            "c": [("Brazilian Health Ministry", O)],
        },
        [{"Ministry of Health", "Health Ministry", "Brazilian Health Ministry"}],
        id="ministry-word-order",
    ),
    pytest.param(
        {
            "a": [("Agence France-Presse", O)],
            "b": [("AFP", O)],
            "c": [("Deutsche Presse news agency", O)],
            "d": [("DPA", O)],
        },
        [{"Agence France-Presse", "AFP"}, {"Deutsche Presse news agency", "DPA"}],
        id="news-agency-acronyms",
    ),
    pytest.param(
        {"a": [("Ford", O)], "b": [("Gerald Ford", P)]},
        [{"Ford"}, {"Gerald Ford"}],
        id="person-and-company-apart",
    ),
    # A short form joins the one longer name of its own article, and only there: elsewhere
    # "the Security Council" may be another body.
    pytest.param(
        {
            "a": [("National Security Council", O), ("Security Council", O)],
            "b": [("Security Council", O)],
        },
        [{"National Security Council", "Security Council"}, {"Security Council"}],
        id="short-form-in-its-article",
    ),
    pytest.param(
        {
            "a": [
                ("UN Security Council", O),
                ("National Security Council", O),
                ("Security Council", O),
            ]
        },
        [{"UN Security Council"}, {"National Security Council"}, {"Security Council"}],
        id="short-form-of-two-stays-apart",
    ),
    pytest.param(
        {"a": [("Israel Defense Forces", O), ("Defense Forces", O)]},
        [{"Israel Defense Forces", "Defense Forces"}],
        id="short-form-drops-the-country",
    ),
]


@pytest.mark.parametrize(("spec", "expected"), MERGE_CASES)
def test_merge_actors(spec: dict[str, list[tuple[str, str]]], expected: list[set[str]]) -> None:
    clusters = merge_actors(_mentions(spec))
    assert _cluster_sets(clusters) == {frozenset(e) for e in expected}


def test_merge_actors_keeps_articles_and_fullest_name() -> None:
    clusters = merge_actors(
        _mentions({"x": [("Zelensky", P)], "y": [("Volodymyr Zelensky", P), ("Zelensky", P)]})
    )
    assert len(clusters) == 1
    cluster = clusters[0]
    assert cluster.name == "Volodymyr Zelensky"
    assert cluster.kind == P
    assert cluster.articles == ["x", "y"]
    assert len(cluster.mentions["y"]) == 2


@pytest.mark.parametrize(
    ("spec", "name"),
    [
        # The spelling most articles use, whatever one article repeats.
        (
            {"a": ["Ivar Kolbecke"] * 3, "b": ["Ivar Kolbeck"], "c": ["Ivar Kolbeck"]},
            "Ivar Kolbeck",
        ),
        # A tie goes to the spelling whose surname more articles write.
        ({"a": ["Ivar Kolbecke"], "b": ["Ivar Kolbeck"], "c": ["Kolbeck"]}, "Ivar Kolbeck"),
        # A non-ASCII spelling that wins narrowly gives way to the ASCII one...
        (
            {"a": ["Ivar Kölbeck"], "b": ["Ivar Kölbeck"], "c": ["Ivar Kölbeck"]}
            | {"d": ["Ivar Kolbeck"], "e": ["Ivar Kolbeck"]},
            "Ivar Kolbeck",
        ),
        # ...but not one that clearly wins.
        (
            {k: ["Ivar Kölbeck"] for k in "abcd"} | {"e": ["Ivar Kolbeck"]},
            "Ivar Kölbeck",
        ),
        # The full name, not the surname alone, even where the surname is more common.
        ({"a": ["Kolbeck"], "b": ["Kolbeck"], "c": ["Ivar Kolbeck"]}, "Ivar Kolbeck"),
    ],
)
def test_merge_actors_names_an_actor_by_the_spelling_most_articles_use(
    spec: dict[str, list[str]], name: str
) -> None:
    clusters = merge_actors(_mentions({a: [(t, P) for t in ts] for a, ts in spec.items()}))
    assert [c.name for c in clusters] == [name]


# --- the seeds --------------------------------------------------------------------------------


def _seed_body(path: Path) -> str:
    from app.ingest.readers import read_path

    return read_path(path)[0].body


@pytest.fixture(scope="module")
def seed_clusters(nlp: Language) -> list[ActorCluster]:
    found = {}
    for path in sorted((ROOT / "seeds").glob("*.txt")):
        found[path.name] = find_actors(nlp(_seed_body(path)))
    return merge_actors(found)


def _holds(alias: str, spelling: str) -> bool:
    return bool(re.search(rf"(?<!\w){re.escape(spelling)}(?!\w)", alias, re.I))


def _owners(clusters: list[ActorCluster], spelling: str) -> set[int]:
    equal = {
        i for i, c in enumerate(clusters) if spelling.lower() in {a.lower() for a in c.aliases}
    }
    return equal or {
        i for i, c in enumerate(clusters) if any(_holds(a, spelling) for a in c.aliases)
    }


def test_seed_actors_merged_without_wrong_merges(seed_clusters: list[ActorCluster]) -> None:
    gold = json.loads((DATA / "seeds_entities.json").read_text())
    owner: dict[int, set[str]] = {}
    for name, actor in gold["actors"].items():
        sets = [_owners(seed_clusters, s) for s in actor["spellings"]]
        assert set.intersection(*sets), (name, sets)
        for cs in sets:
            for i in cs:
                owner.setdefault(i, set()).add(name)
    assert all(len(names) == 1 for names in owner.values()), owner


def test_seed_furniture_names_are_no_actors(seed_clusters: list[ActorCluster]) -> None:
    gold = json.loads((DATA / "seeds_entities.json").read_text())
    aliases = [a for c in seed_clusters for a in c.aliases]
    assert not [f for f in gold["not_actors"] for a in aliases if _holds(a, f)]


def test_seed_given_name_that_is_a_city_stays_a_person(seed_clusters: list[ActorCluster]) -> None:
    person = [c for c in seed_clusters if "Nursultan Nazarbayev" in c.aliases]
    assert person and person[0].kind == P


@pytest.mark.parametrize(
    ("a", "b", "close"),
    [
        ("varenkov", "varenkov", True),
        ("varenkov", "varenkof", True),  # one letter changed
        ("varenkov", "varenko", True),  # one dropped
        ("varenkov", "varrenkov", True),  # one added
        ("varenkov", "vorenkof", False),  # two changed
        ("varenkov", "varen", False),
        ("short", "shirt", False),  # under the length where a slip is forgiven
    ],
)
def test_extract_actors_close_keys_one_slip(a: str, b: str, close: bool) -> None:
    assert close_keys(a, b) is close
    assert close_keys(b, a) is close


def test_extract_actors_close_keys_of_long_words_in_one_pass() -> None:
    # A "name" of thousands of letters (a text of long words): no edit-distance table over
    # the product of the lengths, which took minutes over one long text.
    a = "ab" * 50_000
    assert close_keys(a, a[:-1] + "c") and close_keys(a, a[1:])
    assert not close_keys(a, "c" + a[2:] + "c")
