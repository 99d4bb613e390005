"""Array helpers shared by the linking steps (numpy)."""

from __future__ import annotations

import numpy as np


def group_rank(*keys: np.ndarray) -> np.ndarray:
    """0, 1, 2 ... within each run of equal keys (the arrays sorted by those keys).

    With entries sorted best first inside each group, `group_rank(...) < k` keeps the k best
    of every group without a loop over the groups.
    """
    size = len(keys[0])
    same = np.ones(size, dtype=bool)
    for k in keys:
        same[1:] &= k[1:] == k[:-1]
    same[:1] = False
    starts = np.flatnonzero(~same)
    return np.arange(size) - np.repeat(starts, np.diff(np.r_[starts, size]))


def locate(keys: np.ndarray, wanted: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """For each wanted key: whether `keys` holds it, and its index in `keys` (meaningful
    only where it does)."""
    if not len(keys):
        return np.zeros(len(wanted), dtype=bool), np.zeros(len(wanted), dtype=np.int64)
    order = np.argsort(keys, kind="stable")
    pos = np.clip(np.searchsorted(keys[order], wanted), 0, len(keys) - 1)
    at = order[pos]
    return keys[at] == wanted, at
