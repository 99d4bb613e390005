"""Reports naming different victims of a single death: no figure links between them."""

from __future__ import annotations

import pytest

from app.link.figure_victims import Victims, read_victims, surname
from app.link.figures import FigureRef, link_figures

Count = tuple[int, str, str, float | None, str]  # article, measure, group, value, event


def victims(persons: list[tuple[int, str]], counts: list[Count]) -> Victims:
    return read_victims(persons, counts)


ODELL = [(1, "Marta Odell"), (1, "Odell")]
BRISK = [(2, "Tomas Brisk")]
ONE_ODELL: list[Count] = [(1, "killed", "marta odell", 1, "this")]
ONE_BRISK: list[Count] = [(2, "killed", "deputy brisk", 1, "this")]


@pytest.mark.parametrize(
    ("persons", "counts", "apart"),
    [
        # One deputy killed in each, each named, neither report names the other: two deaths.
        (ODELL + BRISK, ONE_ODELL + ONE_BRISK, True),
        # The second report names the first's victim too: one event.
        (ODELL + BRISK + [(2, "Marta Odell")], ONE_ODELL + ONE_BRISK, False),
        # A letter's slip in the spelling is the same person.
        ([*ODELL, (2, "Marta Odel")], [*ONE_ODELL, (2, "killed", "marta odel", 1, "this")], False),
        # One report names no victim: nothing to compare.
        (ODELL, [*ONE_ODELL, (2, "killed", "security forces", 1, "this")], False),
        # A role is no name ("the brother" is no person the article names).
        (ODELL, [*ONE_ODELL, (2, "killed", "brother", 1, "this")], False),
        # Several victims on both sides: each report may profile another one of them.
        (
            ODELL + BRISK,
            ONE_ODELL
            + ONE_BRISK
            + [(1, "killed", "total", 9, "this"), (2, "killed", "total", 9, "this")],
            False,
        ),
        # An earlier event's victim says nothing of this one.
        (ODELL + BRISK, [*ONE_ODELL, (2, "killed", "deputy brisk", 1, "other")], False),
    ],
)
def test_link_figure_victims_apart(
    persons: list[tuple[int, str]], counts: list[Count], apart: bool
) -> None:
    v = victims(persons, counts)
    assert v.apart(1, 2) is apart
    assert v.apart(2, 1) is apart


@pytest.mark.parametrize(
    ("name", "word"),
    [('Mara Belle "Bee" Quist', "quist"), ("Odell", "odell"), ("", ""), ("Ann Lee.", "lee")],
)
def test_link_figure_victims_surname(name: str, word: str) -> None:
    assert surname(name) == word


def test_link_figure_victims_keep_links_out_between_different_deaths() -> None:
    def ref(id: int, article: int, group: str = "security forces") -> FigureRef:
        return FigureRef(id, article, 1, "killed", group, "Chile", 1, None, "exact", None)

    refs = [ref(1, 1), ref(2, 2), ref(3, 3)]
    v = victims(
        ODELL + BRISK,
        ONE_ODELL + ONE_BRISK,
    )
    pairs = {
        frozenset((k.a_id, k.b_id))
        for k in link_figures(refs, is_country=lambda p: False, apart=v.apart)
    }
    # Article 3 names nobody and stays linked to both; 1 and 2 tell of different deaths.
    assert pairs == {frozenset({1, 3}), frozenset({2, 3})}
