"""Stories' clusters: average-link merging over the sparse similarity graph (see
app/link/stories.py)."""

from __future__ import annotations

import heapq
from itertools import pairwise

import numpy as np
import scipy.sparse as sp
from scipy.sparse.csgraph import connected_components


def _parts(
    a_end: np.ndarray, b_end: np.ndarray, sharp: np.ndarray, n: int, threshold: float
) -> np.ndarray:
    """The part of each article in the graph of the edges that reach `threshold`.

    Two clusters merge only when an edge between them reaches `threshold` (an average over
    the edges, missing ones zero, is at most the largest), so every cluster lies inside one
    part, and an edge between two parts never counts.
    """
    strong = sharp >= threshold
    graph = sp.csr_matrix(
        (np.ones(int(strong.sum()), dtype=np.int8), (a_end[strong], b_end[strong])), shape=(n, n)
    )
    return connected_components(graph, directed=False)[1]


def average_link(
    sim: sp.csr_matrix, sharp: sp.csr_matrix, threshold: float, min_similarity: float
) -> list[list[int]]:
    """Average-link merging over the sparse graph; a missing edge counts as zero.

    The parts of the graph (`_parts`) are merged one at a time: a merge in one part changes
    nothing in another, so the clusters are those of one merging over all. At 100,000
    articles the edges of all parts at once, as Python objects, took gigabytes, and their
    one heap of millions of entries grew slower per entry as it outgrew the processor's
    caches.
    """
    n = sim.shape[0]
    r = np.repeat(np.arange(n), np.diff(sim.indptr))
    upper = r < sim.indices
    a_end, b_end = r[upper], sim.indices[upper]
    # In float64, as the merges compare them, so the first pairs pass the same tests.
    plain_v = sim.data[upper].astype(np.float64)
    sharp_v = sharp.data[upper].astype(np.float64)
    # From here on the edges are all: what spans every entry of the matrices goes (the
    # caller hands `sharp` over, so it goes too).
    del r, upper, sharp
    part = _parts(a_end, b_end, sharp_v, n, threshold)
    inside = part[a_end] == part[b_end]
    a_end, b_end, plain_v, sharp_v = a_end[inside], b_end[inside], plain_v[inside], sharp_v[inside]
    # Articles in ascending order within each part, and each part's edges together.
    nodes = np.argsort(part, kind="stable")
    node_bounds = np.searchsorted(part[nodes], np.arange(part.max() + 2))
    order = np.argsort(part[a_end], kind="stable")
    a_end, b_end, plain_v, sharp_v = a_end[order], b_end[order], plain_v[order], sharp_v[order]
    edge_bounds = np.searchsorted(part[a_end], np.arange(part.max() + 2))
    del order, inside
    # Local numbers keep the order of the articles' own, so ties are broken as they would be
    # in one merging over all.
    local = np.empty(n, dtype=np.int64)
    clusters: list[list[int]] = []
    for p in range(len(node_bounds) - 1):
        members = nodes[node_bounds[p] : node_bounds[p + 1]]
        lo, hi = edge_bounds[p], edge_bounds[p + 1]
        if lo == hi:  # no edge: every article is a story of its own
            clusters.extend([int(m)] for m in members)
            continue
        local[members] = np.arange(len(members))
        merged = _merge_part(
            local[a_end[lo:hi]],
            local[b_end[lo:hi]],
            plain_v[lo:hi],
            sharp_v[lo:hi],
            len(members),
            threshold,
            min_similarity,
        )
        clusters.extend(members[c].tolist() for c in merged)
    return clusters


def _merge_part(
    a_end: np.ndarray,
    b_end: np.ndarray,
    plain_v: np.ndarray,
    sharp_v: np.ndarray,
    n: int,
    threshold: float,
    min_similarity: float,
) -> list[list[int]]:
    """Average-link merging of articles 0 .. n - 1 over the edges (a_end < b_end).

    Each cluster keeps, for every neighbouring cluster, the sums of plain and sharpened
    similarity over the edges between them; a merge adds the sums of the smaller neighbour
    table into the larger one, so the work follows the edges, not the pairs.
    """
    # Each edge's sums sit in two flat lists under the edge's number, shared by the tables of
    # both ends; flat lists of floats also keep the garbage collector out of this loop.
    plain, sharp_sum = plain_v.tolist(), sharp_v.tolist()
    # One int object per article and per edge, shared by every table and heap entry that
    # names it: tolist() would make a new one for each mention, tens of bytes a piece.
    node, edge_no = list(range(n)), list(range(len(plain)))
    ends = np.concatenate([a_end, b_end])
    order = np.argsort(ends, kind="stable")
    others = np.concatenate([b_end, a_end])[order]
    edge = np.concatenate([np.arange(len(plain))] * 2)[order]
    bounds = np.searchsorted(ends[order], np.arange(n + 1)).tolist()
    del ends, order
    nbrs = [
        {
            node[c]: edge_no[e]
            for c, e in zip(others[lo:hi].tolist(), edge[lo:hi].tolist(), strict=True)
        }
        for lo, hi in pairwise(bounds)
    ]
    del others, edge, bounds, edge_no
    size = [1] * n
    members: dict[int, list[int]] = {i: [i] for i in node}
    # Every cluster is one article to start with: an edge's sums are its averages.
    first = np.flatnonzero((sharp_v >= threshold) & (plain_v >= min_similarity))
    heap: list[tuple[float, int, int]] = [
        (-w, node[a], node[b])
        for w, a, b in zip(
            sharp_v[first].tolist(), a_end[first].tolist(), b_end[first].tolist(), strict=True
        )
    ]
    del first, a_end, b_end, plain_v, sharp_v, node
    heapq.heapify(heap)

    def heap_key(e: int, a: int, b: int) -> float | None:
        """The heap key of a merge of a and b across edge sums e, if the merge qualifies."""
        pairs = size[a] * size[b]
        if sharp_sum[e] / pairs < threshold or plain[e] / pairs < min_similarity:
            return None
        return -sharp_sum[e] / pairs

    # Lazy keys: a merge only lowers the averages of the pairs it does not touch, so their
    # old keys stay upper bounds; each is checked when it comes up and pushed back if it
    # fell. Only the pairs whose sums grew are pushed at the merge.
    while heap:
        key, a, b = heapq.heappop(heap)
        if a not in members or b not in members:
            continue
        now = heap_key(nbrs[a][b], a, b)
        if now is None:
            continue
        if now != key:
            heapq.heappush(heap, (now, a, b))
            continue
        if len(nbrs[a]) < len(nbrs[b]):
            a, b = b, a
        del nbrs[a][b]
        moved = {c: e for c, e in nbrs[b].items() if c in members and c != a}
        for c, e in moved.items():
            # c's entry for b stays behind, dead: it is skipped wherever it is met.
            into = nbrs[a].get(c)
            if into is None:
                # b is gone: its edge to c becomes a's.
                nbrs[a][c] = e
                nbrs[c][a] = e
            else:
                plain[into] += plain[e]
                sharp_sum[into] += sharp_sum[e]
        nbrs[b] = {}
        size[a] += size[b]
        members[a].extend(members.pop(b))
        for c in moved:
            now = heap_key(nbrs[a][c], a, c)
            if now is not None:
                heapq.heappush(heap, (now, *((a, c) if a < c else (c, a))))
    return list(members.values())
