"""Small stories that are one event told in few and different words (see app/link/stories.py).

Local news reports a shooting in a handful of short texts, each in its own words: their
similarity stays under the merging floor, and one incident becomes two or three stories.
Two such small stories are one event when each is the other's nearest by far, their
reports fall within the same few days and they name no different cities: one event, not
two of one kind (those have other neighbours as near, lie days apart, or name other
cities). Undated reports never join this way:
without a date, twin events of one kind cannot be told apart.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp


@dataclass(frozen=True)
class PairParams:
    max_size: int = 4  # reports a story may have to be joined this way
    floor: float = 0.07  # average similarity of the two stories' reports
    margin: float = 1.5  # how much nearer the chosen story is than the next one, both ways
    window_days: int = 3  # all reports of both within this many days


DEFAULT_PAIRS = PairParams()


def join_lone_pairs(
    sim: sp.csr_matrix,
    clusters: list[list[int]],
    days: np.ndarray,
    cities: Sequence[frozenset[str]],
    p: PairParams = DEFAULT_PAIRS,
) -> list[list[int]]:
    """`clusters` (lists of rows of `sim`) with mutual nearest small stories joined; `days`
    and `cities` per row."""
    label = np.empty(sim.shape[0], dtype=np.int64)
    for c, members in enumerate(clusters):
        label[members] = c
    size = np.array([len(m) for m in clusters])
    small = size <= p.max_size
    rows = np.repeat(np.arange(sim.shape[0]), np.diff(sim.indptr))
    a, b = label[rows], label[sim.indices]
    # A small story chooses among all its neighbours; only a small one can choose it back.
    keep = (a != b) & small[a]
    # Every edge appears in both rows of the symmetric matrix: each direction sums alike.
    sums: dict[tuple[int, int], float] = defaultdict(float)
    for x, y, v in zip(a[keep].tolist(), b[keep].tolist(), sim.data[keep].tolist(), strict=True):
        sums[(x, y)] += v
    best: dict[int, list[tuple[float, int]]] = defaultdict(list)
    for (x, y), total in sums.items():
        best[x].append((total / (size[x] * size[y]), y))
    choice = {x: _clear_choice(options, p) for x, options in best.items()}
    joined: list[list[int]] = []
    taken: set[int] = set()
    for x, y in choice.items():
        if y is None or x in taken or y in taken or choice.get(y) != x:
            continue
        if not _close_in_time(days, clusters[x] + clusters[y], p.window_days):
            continue
        if _other_cities(cities, clusters[x], clusters[y]):
            continue
        taken |= {x, y}
        joined.append(clusters[x] + clusters[y])
    return joined + [m for c, m in enumerate(clusters) if c not in taken]


def _clear_choice(options: list[tuple[float, int]], p: PairParams) -> int | None:
    """The nearest story, if it reaches the floor and stands out from the next."""
    options.sort(reverse=True)
    near, story = options[0]
    runner_up = options[1][0] if len(options) > 1 else 0.0
    if near < p.floor or near < p.margin * runner_up:
        return None
    return story


def _close_in_time(days: np.ndarray, members: Sequence[int], window: int) -> bool:
    stamps = days[list(members)]
    if not np.isfinite(stamps).all():
        return False
    return float(stamps.max() - stamps.min()) <= window


def _other_cities(cities: Sequence[frozenset[str]], a: Sequence[int], b: Sequence[int]) -> bool:
    """Both stories name cities, and none of them the same one."""
    in_a = frozenset().union(*(cities[i] for i in a))
    in_b = frozenset().union(*(cities[i] for i in b))
    return bool(in_a) and bool(in_b) and not in_a & in_b
