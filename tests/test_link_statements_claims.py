"""Statement links that read a claim as news tells it: an appeal and what it asks for, what set
an event off, who kept power, and a toll that is a figure rather than a statement."""

from __future__ import annotations

from itertools import count

import pytest

from app.link.statement_terms import claim_pairs, word_terms
from app.link.statements import Params, StatementLink, StatementRef, link_statements

_ids = count(1000)

# Sentences of a story that make other claims: the background a story's IDF is taken over.
_BACKGROUND = [
    "The harbour has shipped grain to four countries since the new quay opened.",
    "Talks between the port authority and the dockers resumed in the capital on Friday.",
    "A reporter for the radio station was turned back at a checkpoint on the coast road.",
    "Shares in the shipping group fell sharply on the stock exchange.",
]


def _ref(article: int, text: str, figures: tuple[tuple[str, float], ...] = ()) -> StatementRef:
    return StatementRef(
        id=next(_ids),
        article_id=article,
        story_id=1,
        text=text,
        numbers=frozenset(v for _, v in figures),
        figures=frozenset(figures),
    )


def _link(
    one: str,
    other: str,
    figures: tuple[tuple[tuple[str, float], ...], ...] = ((), ()),
) -> StatementLink | None:
    """The link between two sentences of two articles of a story, if they are linked."""
    a, b = _ref(1, one, figures[0]), _ref(2, other, figures[1])
    filler = [_ref(1 + k % 2, t) for k, t in enumerate(_BACKGROUND)]
    links = link_statements([a, b, *filler], Params())
    return next((k for k in links if {k.a_id, k.b_id} == {a.id, b.id}), None)


@pytest.mark.parametrize(
    ("one", "other", "shown"),
    [
        # An appeal quoted and reported: "urges ... to rally behind" / "called on ... to back".
        (
            "His office posted a letter in which the old governor, at home in the hills, urges"
            " his supporters to rally behind the new mayor through the winter.",
            "In a radio address, the old governor called on the dockers to back the new mayor.",
            "urges~called on",
        ),
        # What set the unrest off: "sparked by" / "began after".
        (
            "Riots sparked by a jump in bread prices have spread along the coast.",
            "Unrest began in the port on Monday, days after a rise in the price of bread.",
            "riots sparked ~ unrest began",
        ),
        # Who held on to power, told two ways.
        (
            "The old governor remained powerful as chairman of the harbour council.",
            "Through the harbour council, which he chaired, the old governor retained his"
            " influence.",
            "remained powerful ~ retained influence",
        ),
    ],
)
def test_link_statements_same_claim_in_other_words_links(one: str, other: str, shown: str) -> None:
    link = _link(one, other)
    assert link is not None
    assert shown in link.reason  # linked on the claim, not on the words around it


@pytest.mark.parametrize(
    ("one", "other", "figures"),
    [
        # A toll beside an order to kill: who was killed is not who was told to kill.
        (
            "Nine dockers were killed by the guards at the harbour gate, the union said.",
            "The governor told the guards at the harbour gate to kill the strikers if need be.",
            ((("killed", 9.0),), ()),
        ),
        # A toll beside a sentence that names the killing without counting it.
        (
            "At least nine dockers were killed when the guards fired on the strike at the harbour.",
            "The guards fired on the strike at the harbour, killing dockers, witnesses said.",
            ((("killed", 9.0),), ()),
        ),
    ],
)
def test_link_statements_toll_never_links_a_sentence_without_its_count(
    one: str, other: str, figures: tuple[tuple[tuple[str, float], ...], ...]
) -> None:
    assert _link(one, other, figures) is None


def test_link_statements_victim_named_without_a_number_still_links() -> None:
    # A figure counted from a name ("Officer Ana Roth" is one killed) states no count: the
    # two sentences report one death.
    assert (
        _link(
            "Officer Ana Roth was shot dead by a gunman at the harbour gate on Monday.",
            "A gunman shot dead Officer Ana Roth at the harbour gate on Monday night.",
            ((("killed", 1.0),), ()),
        )
        is not None
    )


def _concepts(text: str) -> set[str]:
    return {t for t, _ in word_terms(text) if t.startswith("~")}


@pytest.mark.parametrize(
    ("text", "present", "absent"),
    [
        ("Guards opened fire on the crowd.", {"~kill"}, set()),
        ("Guards fired on the crowd.", {"~kill"}, set()),
        ("Two warehouses were on fire by dawn.", set(), {"~kill"}),
        ("The mayor called on residents to stay home.", {"~ask"}, set()),
        ("The mayor called the plan reckless.", set(), {"~ask"}),
        ("They closed the road in order to clear it.", set(), {"~order"}),
        ("The deputy is second in command of the guard.", set(), {"~order"}),
        ("The protest began at noon.", {"~start", "~protest"}, set()),
        ("Rioters began throwing stones.", {"~protest"}, {"~start"}),
        ("Public anger grew.", {"~protest"}, set()),
        ("He remained influential.", {"~keep", "~power"}, set()),
        ("Crowds gathered at the head of state's residence.", set(), {"~say"}),
    ],
)
def test_link_statements_words_read_with_their_neighbours(
    text: str, present: set[str], absent: set[str]
) -> None:
    found = _concepts(text)
    assert present <= found
    assert not absent & found


def test_link_statements_appeal_joins_what_it_asks_for() -> None:
    pairs = claim_pairs(
        _ref(1, "The mayor called on the dockers and the crews to, if they can, go home."), 3
    )
    assert any("~ask" in p.split("|") and "go" in p.split("|") for p in pairs)
