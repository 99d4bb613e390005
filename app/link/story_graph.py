"""The similarity graph of the story grouping (app/link/stories.py): each article's nearest
articles, in time that grows with the corpus, not with its square.

The plain way multiplies the article vectors by their transpose, keeping each row's best
entries. That product costs, feature by feature, the square of the number of articles that
hold it, and a common word ("said", "police", a weekday) is in most articles: at 100,000
articles it is most of the linking time.

Above a few thousand articles the nearest are found in two steps instead:

1. Candidates through the rare features only, those held by at most `rare_df` articles (a
   name, a number, an uncommon word). Each adds at most `rare_df` entries per article that
   holds it, so that product grows with the corpus. Two reports of one event share such
   features — its names, its places, its figures —, while the words two unrelated reports
   share are common ones. Each row keeps its `candidates` best by this partial similarity.
2. Each candidate pair is scored with the full similarity: the rare part from step 1 plus the
   common features' part, a dot product of the two rows on the pair alone.

Then both ways go on alike: the date fade and each row's `max_neighbours` best.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

import numpy as np
import scipy.sparse as sp
from sparse_dot_topn import sp_matmul_topn

from app.link.arrays import group_rank
from app.link.story_time import Continuity, fade

if TYPE_CHECKING:
    from app.link.stories import StoryParams

# Rows whose neighbours are found at once: bounds the shortlist held (rows x 201 entries).
_GRAPH_ROWS = 8192
# Rows whose candidates are scored at once: bounds the rows gathered (64 x 300 candidates,
# each with its common features) and the dense copy (64 x the common features).
_DOT_ROWS = 64


def similarity_graph(
    x: sp.csr_matrix,
    days: np.ndarray,
    p: StoryParams,
    follows: Continuity | None = None,
) -> sp.csr_matrix:
    """Symmetric sparse similarity: pairs at or above the floor, top `max_neighbours` a row.

    The products are taken by sparse_dot_topn, which keeps only each row's best entries as it
    goes, in native threads: a dense block of similarities is never built. They are taken a
    block of rows at a time, each block cut to its rows' final edges before the next: a row's
    edges depend on that row alone, and the whole shortlist of 100,000 rows with its faded
    copies cost gigabytes.
    """
    n = x.shape[0]
    keep = min(p.max_neighbours, n - 1)
    known = days[np.isfinite(days)]
    # The fade can reorder a row only when the dates span more than the window; then a
    # wider shortlist is faded and cut again.
    fades = len(known) > 1 and float(known.max() - known.min()) > p.date_window_days
    shortlist = (2 * keep if fades else keep) + 1  # + 1: the row itself is in its list
    nearest = _Exact(x, p) if n < p.exact_below else _Candidates(x, p)
    parts = []
    for lo in range(0, n, _GRAPH_ROWS):
        hi = min(n, lo + _GRAPH_ROWS)
        r, c, v = nearest.rows(lo, hi, shortlist)
        parts.append(_cut(r, c, v, days, p, keep, fades, follows))
    del nearest
    r, c, v = (np.concatenate([part[i] for part in parts]) for i in range(3))
    del parts
    sim = sp.csr_matrix((v, (r, c)), shape=(n, n))
    del r, c, v
    return sim.maximum(sim.T).tocsr()


Edges = tuple[np.ndarray, np.ndarray, np.ndarray]


def _floor(p: StoryParams) -> float:
    """The floor as sparse_dot_topn's threshold: the library keeps "> threshold"."""
    return float(np.nextafter(np.float32(p.floor), np.float32(0)))


class _Exact:
    """The full product, each row's shortlist kept as it is taken."""

    def __init__(self, x: sp.csr_matrix, p: StoryParams) -> None:
        self.x, self.xt, self.floor = x, x.T.tocsr(), _floor(p)

    def rows(self, lo: int, hi: int, shortlist: int) -> Edges:
        """Rows lo .. hi - 1: (row, column, similarity), best first in each row."""
        # Sorted: each row's entries come best first, so ranks need no sort of their own.
        g = sp_matmul_topn(
            self.x[lo:hi],
            self.xt,
            top_n=shortlist,
            threshold=self.floor,
            sort=True,
            n_threads=_threads(),
        )
        return _entries(g, lo)


class _Candidates:
    """Candidates through the rare features, scored with the full similarity."""

    def __init__(self, x: sp.csr_matrix, p: StoryParams) -> None:
        held_by = np.bincount(x.indices, minlength=x.shape[1])
        rare = held_by <= p.rare_df
        self.rare = x[:, np.flatnonzero(rare)].tocsr()
        self.rare_t = self.rare.T.tocsr()
        self.common = x[:, np.flatnonzero(~rare)].tocsr()
        self.width, self.floor = p.candidates, p.floor

    def rows(self, lo: int, hi: int, shortlist: int) -> Edges:
        g = sp_matmul_topn(
            self.rare[lo:hi],
            self.rare_t,
            top_n=max(self.width, shortlist),
            threshold=0.0,
            sort=False,
            n_threads=_threads(),
        )
        r, c, v = _entries(g, lo)
        del g
        v = v + _dots_of_rows(self.common, r, c)
        ok = v >= self.floor
        r, c, v = _best_first(r[ok], c[ok], v[ok])
        ok = group_rank(r) < shortlist
        return r[ok], c[ok], v[ok]


def _dots_of_rows(m: sp.csr_matrix, r: np.ndarray, c: np.ndarray) -> np.ndarray:
    """m[r[i]] . m[c[i]] for each pair i, the pairs sorted by r.

    A few rows r at a time are made dense, and the rows c of their pairs gathered: each
    pair costs the entries of its row c, where a product of the two rows as sparse matrices
    would cost both rows' and a copy of each."""
    out = np.empty(len(r), dtype=np.float64)
    if not len(r):
        return out
    width = max(1, m.shape[1])
    for first in range(int(r[0]), int(r[-1]) + 1, _DOT_ROWS):
        s, e = np.searchsorted(r, [first, first + _DOT_ROWS])
        if s == e:
            continue
        dense = m[first : first + _DOT_ROWS].toarray().ravel()
        g = m[c[s:e]]
        # Row c of pair i reads the dense row r[i]: its columns moved to that row's cells.
        starts = ((r[s:e] - first) * width).astype(g.indices.dtype)
        cells = g.indices + np.repeat(starts, np.diff(g.indptr))
        shifted = sp.csr_matrix((g.data, cells, g.indptr), shape=(e - s, len(dense)))
        out[s:e] = shifted @ dense
    return out


def _entries(g: sp.csr_matrix, lo: int) -> Edges:
    """The stored entries of rows lo, lo + 1, ... as (row, column, value) arrays."""
    r = np.repeat(np.arange(lo, lo + g.shape[0], dtype=np.int64), np.diff(g.indptr))
    return r, g.indices.astype(np.int64), g.data.astype(np.float64)


def _cut(
    r: np.ndarray,
    c: np.ndarray,
    v: np.ndarray,
    days: np.ndarray,
    p: StoryParams,
    keep: int,
    fades: bool,
    follows: Continuity | None,
) -> Edges:
    """The edges (row, column, similarity) of a shortlist, best first in each row: itself
    left out, the dates faded, `keep` a row."""
    ok = r != c
    r, c, v = r[ok], c[ok], v[ok]
    if fades:
        gap = np.nan_to_num(np.abs(days[r] - days[c]), nan=0.0)
        factor = fade(gap, p.date_window_days, p.date_half_life_days)
        apart = np.flatnonzero(gap > p.date_window_days)
        if follows is not None and len(apart):
            kept = apart[follows.kept(days, r[apart], c[apart])]
            factor[kept] = fade(gap[kept], p.kept_window_days, p.kept_half_life_days)
        v = v * factor
        ok = v >= p.floor
        r, c, v = _best_first(r[ok], c[ok], v[ok])
    ok = group_rank(r) < keep
    return r[ok].astype(np.int32), c[ok].astype(np.int32), v[ok].astype(np.float32)


def _best_first(r: np.ndarray, c: np.ndarray, v: np.ndarray) -> Edges:
    """The edges ordered by row, each row's best first (as `group_rank` counts them)."""
    order = np.lexsort((-v, r))
    return r[order], c[order], v[order]


def _threads() -> int:
    return max(1, min(4, os.cpu_count() or 1))
