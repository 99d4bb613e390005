"""Average-link merging against a plain implementation that compares every pair of clusters."""

from __future__ import annotations

import numpy as np
import pytest
import scipy.sparse as sp

from app.link.story_merge import average_link


def naive_average_link(
    plain: np.ndarray, sharp: np.ndarray, threshold: float, min_similarity: float
) -> set[frozenset[int]]:
    """Merge the qualifying pair with the best average sharpened similarity until none is left."""
    clusters = [[i] for i in range(len(plain))]
    while True:
        best: tuple[float, int, int] | None = None
        for x in range(len(clusters)):
            for y in range(x + 1, len(clusters)):
                pairs = len(clusters[x]) * len(clusters[y])
                s = sharp[np.ix_(clusters[x], clusters[y])].sum() / pairs
                p = plain[np.ix_(clusters[x], clusters[y])].sum() / pairs
                if s >= threshold and p >= min_similarity and (best is None or s > best[0]):
                    best = (s, x, y)
        if best is None:
            return {frozenset(c) for c in clusters}
        _, x, y = best
        clusters[x].extend(clusters.pop(y))


def random_graph(n: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """Several groups of strongly tied nodes, weak edges between groups, many pairs no edge."""
    rng = np.random.default_rng(seed)
    group = rng.integers(0, max(2, n // 5), n)
    same = group[:, None] == group[None, :]
    plain = np.where(same, rng.uniform(0.1, 0.6, (n, n)), rng.uniform(0.0, 0.19, (n, n)))
    plain *= rng.random((n, n)) < 0.6  # missing edges
    plain = np.triu(plain, 1)
    plain = (plain + plain.T).astype(np.float32)
    sharp = (plain * rng.uniform(0.5, 1.2, (n, n)).astype(np.float32)) * (plain > 0)
    sharp = np.triu(sharp, 1)
    return plain, (sharp + sharp.T).astype(np.float32)


@pytest.mark.parametrize("seed", range(8))
def test_link_story_merge_equals_merging_every_pair(seed: int) -> None:
    plain, sharp = random_graph(40, seed)
    got = average_link(sp.csr_matrix(plain), sp.csr_matrix(sharp), 0.2, 0.12)
    expected = naive_average_link(plain.astype(np.float64), sharp.astype(np.float64), 0.2, 0.12)
    assert {frozenset(c) for c in got} == expected
    assert 1 < len(expected) < 40  # some merges, not all


def test_link_story_merge_weak_edges_between_groups_still_count() -> None:
    """An edge below the threshold joins nothing alone, yet lowers or raises the averages
    inside one group: dropping the edges that cannot matter keeps these."""
    # 0-1 strong, 1-2 strong, 0-2 weak: the average of {0, 1} with 2 is (0.3 + 0.05) / 2.
    plain = np.zeros((3, 3), dtype=np.float32)
    sharp = np.zeros((3, 3), dtype=np.float32)
    for (a, b), v in {(0, 1): 0.5, (1, 2): 0.3, (0, 2): 0.05}.items():
        plain[a, b] = plain[b, a] = sharp[a, b] = sharp[b, a] = v
    clusters = average_link(sp.csr_matrix(plain), sp.csr_matrix(sharp), 0.2, 0.12)
    assert sorted(sorted(c) for c in clusters) == [[0, 1], [2]]
    # Without the weak edge the average falls to 0.15, with it 0.175: both stay apart at
    # 0.2; at 0.17 only the weak edge lets 2 in.
    clusters = average_link(sp.csr_matrix(plain), sp.csr_matrix(sharp), 0.17, 0.12)
    assert sorted(sorted(c) for c in clusters) == [[0, 1, 2]]


@pytest.mark.parametrize("seed", range(4))
def test_link_story_merge_parts_interleaved_equal_merging_every_pair(seed: int) -> None:
    """Parts merged one at a time, their articles spread over the whole range of numbers
    (as a corpus in order of arrival has them), give the clusters of one merging over all."""
    first, second = random_graph(30, seed), random_graph(30, seed + 100)
    n = 60
    spread = np.random.default_rng(seed).permutation(n)
    plain = np.zeros((n, n), dtype=np.float32)
    sharp = np.zeros((n, n), dtype=np.float32)
    for offset, (p, s) in ((0, first), (30, second)):
        at = spread[offset : offset + 30]
        plain[np.ix_(at, at)], sharp[np.ix_(at, at)] = p, s
    got = average_link(sp.csr_matrix(plain), sp.csr_matrix(sharp), 0.2, 0.12)
    expected = naive_average_link(plain.astype(np.float64), sharp.astype(np.float64), 0.2, 0.12)
    assert {frozenset(c) for c in got} == expected
    assert sum(len(c) > 1 for c in expected) >= 4  # merges in both parts
