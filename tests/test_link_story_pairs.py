"""Small stories of one event joined when each is the other's nearest: on graphs of our own."""

from __future__ import annotations

import numpy as np
import pytest
import scipy.sparse as sp

from app.link.story_pairs import join_lone_pairs

DAY = 739_000.0  # an ordinal day
NONE: frozenset[str] = frozenset()
RIVERTON = frozenset({"Riverton"})


def graph(n: int, edges: dict[tuple[int, int], float]) -> sp.csr_matrix:
    rows, cols, vals = [], [], []
    for (a, b), v in edges.items():
        rows += [a, b]
        cols += [b, a]
        vals += [v, v]
    return sp.csr_matrix((vals, (rows, cols)), shape=(n, n))


def joined(
    edges: dict[tuple[int, int], float],
    clusters: list[list[int]],
    days: list[float] | None = None,
    cities: list[frozenset[str]] | None = None,
) -> set[frozenset[int]]:
    n = sum(len(c) for c in clusters)
    stamps = np.array(days if days is not None else [DAY] * n)
    places = cities if cities is not None else [NONE] * n
    out = join_lone_pairs(graph(n, edges), clusters, stamps, places)
    assert sorted(i for c in out for i in c) == list(range(n))
    return {frozenset(c) for c in out}


# Stories {0} and {1, 2}: 0 is near both of 1 and 2, nothing else is near.
PAIR = {(0, 1): 0.09, (0, 2): 0.08, (1, 2): 0.33}
TWO = [[0], [1, 2]]
ONE = {frozenset({0, 1, 2})}
APART = {frozenset({0}), frozenset({1, 2})}


@pytest.mark.parametrize(
    ("edges", "clusters", "days", "cities", "expected"),
    [
        # Each the other's nearest by far, the same days: one event.
        (PAIR, TWO, None, None, ONE),
        # Under the floor: nothing says they are one.
        ({(0, 1): 0.03, (0, 2): 0.03, (1, 2): 0.33}, TWO, None, None, APART),
        # A third story about as near to 0: which of the two is unclear.
        ({**PAIR, (0, 3): 0.08}, [[0], [1, 2], [3]], None, None, APART | {frozenset({3})}),
        # A week apart: two events of one kind.
        (PAIR, TWO, [DAY, DAY + 7, DAY + 8], None, APART),
        # Undated: twin events cannot be told apart, so nothing joins.
        (PAIR, TWO, [DAY, np.nan, DAY], None, APART),
        # Different cities named: two events.
        (PAIR, TWO, None, [RIVERTON, frozenset({"Elden"}), NONE], APART),
        # The same city, or no city on one side: one event.
        (PAIR, TWO, None, [RIVERTON, NONE, RIVERTON], ONE),
        (PAIR, TWO, None, [RIVERTON, NONE, NONE], ONE),
    ],
)
def test_link_story_pairs_join_mutual_nearest_small_stories(
    edges: dict[tuple[int, int], float],
    clusters: list[list[int]],
    days: list[float] | None,
    cities: list[frozenset[str]] | None,
    expected: set[frozenset[int]],
) -> None:
    assert joined(edges, clusters, days, cities) == expected


def test_link_story_pairs_big_story_takes_no_stray() -> None:
    # A story of six reports is no small story told in few words: a stray near it stays out.
    big = {(i, j): 0.4 for i in range(1, 7) for j in range(i + 1, 7)}
    edges = {**big, **{(0, i): 0.09 for i in range(1, 7)}}
    assert joined(edges, [[0], [1, 2, 3, 4, 5, 6]]) == {
        frozenset({0}),
        frozenset(range(1, 7)),
    }
