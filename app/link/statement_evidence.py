"""Statement evidence: what two sentences must share, besides a high cosine, to make one claim.

A predicate beside its argument (`claim_pairs`), at least two words or concepts, agreeing
counts, no toll beside a sentence that counts nothing, and for a weaker cosine the same order
or appeal. Worked out for the candidates of a story only (app/link/statement_scoring.py).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from scipy import sparse

from app.link.statement_terms import (
    DIRECTING,
    StatementRef,
    claim_pairs,
    read_once,
    stated_numbers,
)


@dataclass(frozen=True)
class Evidence:
    """What a pair must share besides a high cosine, for the statements of a story that have
    a candidate at all (worked out for those only: most statements have none)."""

    where: np.ndarray  # story position -> row below, or -1
    content: sparse.csr_matrix  # distinct words and concepts (not names, not numbers)
    pairs: sparse.csr_matrix  # pairs of nearby terms, weighted
    has_pair: sparse.csr_matrix  # the same, 1 where present
    numbers: sparse.csr_matrix  # the values the statement states
    counted: np.ndarray  # how many values the statement states
    tolls: sparse.csr_matrix  # the concepts its figures count (kill for a toll of the killed)
    directs: sparse.csr_matrix  # its pairs of an order or appeal and what it asks for

    def allowed(
        self, left: np.ndarray, right: np.ndarray, min_shared: int, min_pairs: int
    ) -> np.ndarray:
        """Whether each pair left[k]~right[k] (story positions) may link.

        Two statements share at least `min_shared` words or concepts (one word is never a
        claim) and `min_pairs` (weighted) predicate-argument pairs
        (`claim_pairs`): the same who-did-what, not the same vocabulary. Two statements that
        both state numbers share at least half of the values of the one with fewer: counts
        with different values are figure relations, not one statement; and so is a count beside
        a sentence that names what it counts without a count ("eight officers were killed" /
        "he ordered the troops to shoot to kill"): a toll is a figure, told apart by its value."""
        a, b = self.where[left], self.where[right]

        def common(m: sparse.csr_matrix, other: sparse.csr_matrix | None = None) -> np.ndarray:
            return np.asarray(m[a].multiply((other if other is not None else m)[b]).sum(axis=1))

        words = self.content[a].multiply(self.content[b])
        shared = np.asarray(words.sum(axis=1)).ravel()
        near = common(self.pairs, self.has_pair).ravel()
        same_number = common(self.numbers).ravel()
        fewer = np.minimum(self.counted[a], self.counted[b])
        ta, tb = self.tolls[a], self.tolls[b]
        one_side = ta + tb - 2 * ta.multiply(tb)  # counted by one of the two only
        toll_apart = np.asarray(words.multiply(one_side).sum(axis=1)).ravel() > 0
        return (
            (shared >= min_shared) & (near >= min_pairs) & (2 * same_number >= fewer) & ~toll_apart
        )

    def same_directive(self, left: np.ndarray, right: np.ndarray) -> np.ndarray:
        """Whether both give the same order or appeal with what it asks for."""
        a, b = self.where[left], self.where[right]
        return np.asarray(self.directs[a].multiply(self.directs[b]).sum(axis=1)).ravel() > 0

    def another_claim(
        self, row: np.ndarray, col: np.ndarray, rank: np.ndarray, strong: np.ndarray
    ) -> np.ndarray:
        """Ranks (1 = best in its article) with a second-placed candidate raised to first
        where it shares none of its predicate-argument pairs with the first-placed one: a
        sentence that makes two claims ("cut the price and blamed foreign agitators") has a
        best counterpart for each, and the second is not a weaker match of the first.

        Only a `strong` candidate is raised: a weak second match is more often a sentence
        that shares a name and a verb with the first claim's surroundings than a claim of its
        own. `row`, `col`, `rank` and `strong` are sorted by (row, article), best first within
        each."""
        out = rank.copy()
        second = np.flatnonzero((rank == 2) & strong)
        if not len(second):
            return out
        r, first, cand = (
            self.where[row[second]],
            self.where[col[second - 1]],
            self.where[col[second]],
        )
        with_row = self.has_pair[r].multiply(self.has_pair[cand])
        own = np.asarray(with_row.sum(axis=1)).ravel()
        common = np.asarray(with_row.multiply(self.has_pair[first]).sum(axis=1)).ravel()
        # Two pairs of its own at least: one pair of words beside the first claim is chance.
        out[second[(common == 0) & (own >= 2)]] = 1
        return out


# The concepts a figure of each measure counts: a sentence with such a figure reports a toll.
_TOLLS = {
    "killed": ("~kill", "~die"),
    "injured": ("~injure",),
    "casualties": ("~kill", "~die", "~injure"),
    "arrested": ("~arrest",),
}


def _tolls(
    chosen: Sequence[StatementRef], stated: Sequence[frozenset[float]], index: dict[str, int]
) -> sparse.csr_matrix:
    """The concepts each statement counts with a number it states ("eight officers were
    killed"); a victim counted from a name alone ("Officer Ruiz was killed") is no toll."""
    rows: list[int] = []
    cols: list[int] = []
    for r, (ref, values) in enumerate(zip(chosen, stated, strict=True)):
        found = {
            index[c] for m, v in ref.figures if v in values for c in _TOLLS.get(m, ()) if c in index
        }
        rows.extend([r] * len(found))
        cols.extend(found)
    data = np.ones(len(rows), dtype=np.float64)
    return sparse.csr_matrix((data, (rows, cols)), shape=(len(chosen), max(len(index), 1)))


def gather_evidence(
    refs: Sequence[StatementRef],
    content: sparse.csr_matrix,
    index: dict[str, int],
    members: np.ndarray,
    window: int,
) -> Evidence:
    where = np.full(len(refs), -1, dtype=np.int64)
    where[members] = np.arange(len(members))
    chosen = [refs[k] for k in members.tolist()]
    c = sparse.csr_matrix(content[members])
    found = read_once(chosen, lambda r: claim_pairs(r, window))
    near, vocab = term_matrix([[(x, x) for x in pairs] for pairs in found])
    near.data[:] = 1.0
    # Synonyms (or a count) met on both terms are two reports of one predicate and its
    # argument in their own words: stronger than one pair of words both happen to use.
    strong = np.array([_strong(x) for x in vocab] or [False])
    near = sparse.csr_matrix(near @ sparse.diags(np.where(strong, 2.0, 1.0)))
    has_pair = near.copy()
    has_pair.data[:] = 1.0
    directive = strong & np.array(
        [any(t in DIRECTING for t in x.split("|")) for x in vocab] or [False]
    )
    directs = sparse.csr_matrix(has_pair @ sparse.diags(directive.astype(np.float64)))
    directs.eliminate_zeros()
    in_text = read_once(chosen, lambda r: stated_numbers(r.text))
    stated = [r.numbers | t for r, t in zip(chosen, in_text, strict=True)]
    nums, _ = term_matrix([[(f"{v:g}", "") for v in values] for values in stated])
    nums.data[:] = 1.0
    counted = np.asarray(nums.sum(axis=1)).ravel()
    tolls = _tolls(chosen, in_text, index)
    return Evidence(where, c, near, has_pair, nums, counted, tolls, directs)


def _strong(pair: str) -> bool:
    """A pair of two concepts, or of a concept and a count ("~kill|#12")."""
    return all(t[:1] in "~#" for t in pair.split("|"))


def term_matrix(docs: Sequence[list[tuple[str, str]]]) -> tuple[sparse.csr_matrix, list[str]]:
    index: dict[str, int] = {}
    rows: list[int] = []
    cols: list[int] = []
    for r, doc in enumerate(docs):
        for term, _ in doc:
            rows.append(r)
            cols.append(index.setdefault(term, len(index)))
    data = np.ones(len(rows), dtype=np.float64)
    counts = sparse.csr_matrix((data, (rows, cols)), shape=(len(docs), max(len(index), 1)))
    counts.sum_duplicates()
    return counts, list(index)
