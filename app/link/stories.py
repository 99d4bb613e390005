"""Group articles into stories (one real-world event each), without comparing every pair.

How two articles are compared:

- Words: TF-IDF over the whole text (sublinear tf, English stop words dropped).
- Names: TF-IDF over capitalised word runs inside sentences, numbers, the canonical
  places and actors the extractors found, and the tolls they counted ("killed:1" however
  the text words it). Two events of one kind (two quakes, two shootings) share their
  vocabulary but not their names, places and numbers, so the similarity is 70 % words,
  30 % names.
- Dates: when both dates are known, similarity fades once they are more than a window
  apart, at two speeds. Two reports of which one follows the other's event (story_time.py:
  the same person, the victim, the accused, the minister, named by full name in both, more
  than once in one; or the day of the other's event stated) fade slowly: a trial a year
  on, an unrest followed for weeks. Two that share only their vocabulary, their city and
  its institutions fade within days: two shootings in one city a week apart are two
  stories, though both name the city's police, its hospital or an activist in passing.

Clustering is average-link agglomeration over a sparse graph. Only pairs whose similarity
reaches a floor become edges (at most `max_neighbours` a row, kept while the product is
taken; in a large corpus found through the rare features first, story_graph.py); a missing
edge counts as zero. Each edge is sharpened by the
neighbourhoods of its ends (shared-nearest-neighbour, Jarvis & Patrick 1973): an article
on one of two twin events has its own event's articles as nearest neighbours, so twins share
few neighbours even when their raw similarity is close. A neighbourhood is the `k` nearest
articles plus every article above `strong` similarity; the second part keeps a story of
hundreds of articles from looking sparse. Two clusters merge while the average sharpened
similarity across them reaches `threshold` and the average plain similarity reaches
`min_similarity` (the latter keeps two unrelated events in a tiny corpus apart, where every
article is every other's neighbour).
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS, TfidfVectorizer

from app.link.arrays import locate
from app.link.story_graph import similarity_graph
from app.link.story_merge import average_link
from app.link.story_pairs import join_lone_pairs
from app.link.story_time import continuity, date_ordinals


@dataclass(frozen=True)
class StoryDoc:
    key: int
    text: str  # title + body
    date: dt.date | None = None
    places: frozenset[str] = frozenset()
    actors: frozenset[str] = frozenset()
    # The persons it names, and those it is about: named more than once. A name met once in
    # passing (a spokesman, an activist) recurs across a city's events.
    persons: frozenset[str] = frozenset()
    principals: frozenset[str] = frozenset()
    # Days the text states ("on May 3, 2021"): a follow-up states the day of its event.
    stated_dates: frozenset[dt.date] = frozenset()
    # The counts of harm it reports ("killed:1", "injured:4"), however the text words them.
    tolls: frozenset[str] = frozenset()
    # The cities among its places: two small stories in different cities stay apart.
    cities: frozenset[str] = frozenset()


@dataclass(frozen=True)
class StoryParams:
    threshold: float = 0.2  # average sharpened similarity for a merge
    min_similarity: float = 0.12  # average plain similarity for a merge; neighbour floor
    names_weight: float = 0.3  # share of the names block in the similarity
    k: int = 5  # nearest neighbours in a neighbourhood
    strong: float = 0.3  # similarity above which an article is always a neighbour
    floor: float = 0.05  # below this a pair is no edge
    max_neighbours: int = 100  # edges kept per article
    date_window_days: int = 3  # reports of one event within days: no penalty
    date_half_life_days: float = 14.0  # beyond it similarity halves every fortnight
    # Reports of which one follows the other's event: a month without penalty, then halving
    # every two years (a trial two years on still names the accused).
    kept_window_days: int = 30
    kept_half_life_days: float = 730.0
    # A name met in more articles than this share (and this many) says nothing of one event.
    kept_name_share: float = 0.01
    kept_name_floor: int = 20
    # From this many articles on, the neighbours are found through the rare features first
    # (story_graph.py): those held by at most `rare_df` articles, `candidates` a row. Below
    # it the full product costs no more. Measured on the BBC texts and the corpora, copied
    # to 100,000 articles: stories B-cubed 0.997 against the full product's (0.991 with
    # 400, 0.999 with 1,600), at a sixth of its time (a third with 1,600).
    exact_below: int = 10_000
    rare_df: int = 800
    candidates: int = 201


DEFAULT_PARAMS = StoryParams()

# A capitalised run: words starting upper-case, joined by spaces or short particles.
_WORD = r"[A-Z](?:[\w'’-]|\.(?=\w))*"  # a dot only inside (U.S), never at a sentence end
_CAP_RUN = re.compile(
    rf"{_WORD}(?:[ \t]+(?:(?:of|de|del|la|le|al|el|van|von|der|bin|ibn)[ \t]+)?{_WORD})*"
)
_NUMBER = re.compile(r"\d[\d,.]*\d|\d")
# A sentence (or a quote) starts after terminal punctuation and optional closing quotes, or
# after an opening quote; a capital there says nothing about being a name.
_SENTENCE_START = re.compile(r"(?:[.!?…][\"'”’»)\]]*\s+|[\"'“‘«(\[]\s*)$")
# Rows whose neighbourhood overlaps are counted at once.
_BLOCK_ROWS = 2048


def group_stories(
    docs: Sequence[StoryDoc], params: StoryParams = DEFAULT_PARAMS
) -> list[list[int]]:
    """Cluster `docs` into stories; returns lists of keys, largest story first.

    The documents are let go once their vectors are made: a caller that hands over its only
    reference frees the texts before the clustering."""
    n = len(docs)
    if n == 0:
        return []
    if n == 1:
        return [[docs[0].key]]
    keys = [d.key for d in docs]
    x = _vectors(docs, params.names_weight)
    days, follows = date_ordinals(docs), continuity(docs, params)
    cities = [d.cities for d in docs]
    del docs
    sim = similarity_graph(x, days, params, follows)
    del x, follows
    clusters = average_link(sim, _sharpen(sim, params), params.threshold, params.min_similarity)
    clusters = join_lone_pairs(sim, clusters, days, cities)
    del sim
    out = [sorted(keys[i] for i in members) for members in clusters]
    out.sort(key=lambda c: (-len(c), c[0]))
    return out


def name_tokens(text: str) -> list[str]:
    """Capitalised runs inside sentences (and their words) and numbers, lower-cased."""
    out: list[str] = []
    for m in _CAP_RUN.finditer(text):
        words = m.group().split()
        # First word of a sentence: its capital says nothing, keep the run from word two.
        words = words[1:] if _at_sentence_start(text, m.start()) else words
        words = [w.strip(".'’-").lower() for w in words]
        words = [w for w in words if w and w not in ENGLISH_STOP_WORDS]
        if not words:
            continue
        if len(words) > 1:
            out.append("_".join(words))
        out.extend(words)
    out.extend("#" + n.replace(",", "").rstrip(".") for n in _NUMBER.findall(text))
    return out


def _at_sentence_start(text: str, pos: int) -> bool:
    head = text[max(0, pos - 6) : pos]
    if pos == 0 or "\n" in head[-2:]:
        return True
    return _SENTENCE_START.search(head) is not None


def _features(doc: StoryDoc) -> list[str]:
    feats = name_tokens(doc.text)
    # Canonical names unify spellings the text tokens miss (Yeltsin / Jelzin).
    feats.extend("@p:" + p.lower() for p in doc.places)
    feats.extend("@a:" + a.lower() for a in doc.actors)
    feats.extend("@f:" + t for t in doc.tolls)
    return feats


def _vectors(docs: Sequence[StoryDoc], names_weight: float) -> sp.csr_matrix:
    """Rows whose dot products are the combined cosine similarity."""
    words = TfidfVectorizer(sublinear_tf=True, stop_words="english", dtype=np.float32)
    names = TfidfVectorizer(sublinear_tf=True, analyzer=_features, dtype=np.float32)
    blocks = []
    for vec, weight, items in (
        (words, 1.0 - names_weight, [d.text for d in docs]),
        (names, names_weight, list(docs)),
    ):
        if weight <= 0:
            continue
        try:
            m = vec.fit_transform(items)
        except ValueError:  # empty vocabulary: nothing of this kind in any article
            continue
        blocks.append(m * math.sqrt(weight))
    if not blocks:
        return sp.csr_matrix((len(docs), 1), dtype=np.float32)
    return sp.hstack(blocks, format="csr", dtype=np.float32)


def _sharpen(sim: sp.csr_matrix, p: StoryParams) -> sp.csr_matrix:
    """sqrt(similarity x neighbourhood overlap) on every edge of `sim`."""
    n = sim.shape[0]
    nb_rows: list[np.ndarray] = []
    nb_cols: list[np.ndarray] = []
    for i in range(n):
        lo, hi = sim.indptr[i], sim.indptr[i + 1]
        idx, val = sim.indices[lo:hi], sim.data[lo:hi]
        # Only plausible same-story articles count as neighbours: in a tiny corpus the k
        # nearest would otherwise take in every other event.
        plausible = val >= p.min_similarity
        idx, val = idx[plausible], val[plausible]
        if len(idx) > p.k:
            chosen = idx[(val >= p.strong) | (val >= np.partition(val, -p.k)[-p.k])]
        else:
            chosen = idx
        nb_cols.append(np.append(chosen, i))
        nb_rows.append(np.full(len(chosen) + 1, i))
    cols = np.concatenate(nb_cols)
    a = sp.csr_matrix(
        (np.ones(len(cols), dtype=np.float32), (np.concatenate(nb_rows), cols)), shape=(n, n)
    )
    size = np.asarray(a.sum(axis=1)).ravel()
    # CSR on both sides: a CSC right side would be converted anew for every block, a pass
    # over all the neighbourhoods per block, which grows with the square of the articles.
    at = a.T.tocsr()
    sim.sort_indices()
    # The sharpened edges a block of rows at a time, so that no temporary spans all edges:
    # the overlaps on the edges of `sim` (entries may be missing where the neighbourhoods do
    # not overlap, which means zero).
    data = np.empty(sim.nnz, dtype=np.float32)
    for lo in range(0, n, _BLOCK_ROWS):
        hi = min(n, lo + _BLOCK_ROWS)
        edges = slice(sim.indptr[lo], sim.indptr[hi])
        overlap = _on_pattern(a[lo:hi] @ at, sim[lo:hi])
        r = np.repeat(np.arange(lo, hi), np.diff(sim.indptr[lo : hi + 1]))
        overlap /= np.sqrt(size[r] * size[sim.indices[edges]])
        data[edges] = np.sqrt(sim.data[edges] * overlap)
    # The pattern of `sim`, shared rather than copied.
    return sp.csr_matrix((data, sim.indices, sim.indptr), shape=sim.shape)


def _on_pattern(values: sp.csr_matrix, pattern: sp.csr_matrix) -> np.ndarray:
    """Values of `values` at the stored positions of `pattern` (zero where absent)."""
    n = pattern.shape[1]
    values = values.tocsr()
    values.sum_duplicates()
    r_v = np.repeat(np.arange(values.shape[0]), np.diff(values.indptr)).astype(np.int64)
    r_p = np.repeat(np.arange(pattern.shape[0]), np.diff(pattern.indptr)).astype(np.int64)
    hit, at = locate(r_v * n + values.indices, r_p * n + pattern.indices)
    out = np.zeros(len(hit), dtype=np.float64)
    out[hit] = values.data[at[hit]]
    return out
