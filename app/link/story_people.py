"""Who a report is about: the people that let two reports weeks apart stay one story.

A report is about the persons it names by full name, more than once in at least one of two
reports; a name met in passing (a spokesman, a hospital, an activist) recurs across a city's
events and says nothing of one event (see app/link/stories.py, dates).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import numpy as np
import scipy.sparse as sp

if TYPE_CHECKING:
    from app.link.stories import StoryDoc, StoryParams


def named_people(docs: Sequence[StoryDoc], p: StoryParams) -> tuple[sp.csr_matrix, sp.csr_matrix]:
    """Which people each article names, and which it is about (rows per article): full names
    only (a lone given name or surname may be anyone's), leaving out those so common that
    sharing them tells nothing (a head of state in a year of news)."""
    index: dict[str, int] = {}
    rows: list[int] = []
    cols: list[int] = []
    about: list[float] = []
    for i, d in enumerate(docs):
        for name in d.persons | d.principals:
            if len(name.split()) < 2:
                continue
            rows.append(i)
            cols.append(index.setdefault(name, len(index)))
            about.append(1.0 if name in d.principals else 0.0)
    shape = (len(docs), max(1, len(index)))
    named = sp.csr_matrix((np.ones(len(rows), dtype=np.float32), (rows, cols)), shape=shape)
    principal = sp.csr_matrix((np.array(about, dtype=np.float32), (rows, cols)), shape=shape)
    counts = np.asarray((named > 0).sum(axis=0)).ravel()
    cap = max(p.kept_name_floor, p.kept_name_share * len(docs))
    keep = np.flatnonzero(counts <= cap)
    return named[:, keep].tocsr(), principal[:, keep].tocsr()


# Pairs compared at once for a shared name: bounds the memory of the row products.
_PAIR_BLOCK = 200_000


def share_a_person(
    named: tuple[sp.csr_matrix, sp.csr_matrix], r: np.ndarray, c: np.ndarray
) -> np.ndarray:
    """For each pair (r[i], c[i]): do the two reports concern one person, named in both and
    more than once in at least one of them?"""
    everyone, principal = named
    out = np.zeros(len(r), dtype=bool)
    for lo in range(0, len(r), _PAIR_BLOCK):
        hi = min(len(r), lo + _PAIR_BLOCK)
        left, right = r[lo:hi], c[lo:hi]
        both = principal[left].multiply(everyone[right]) + everyone[left].multiply(principal[right])
        out[lo:hi] = np.asarray(both.sum(axis=1)).ravel() > 0
    return out
