"""Statement scoring: which sentences of one story make the same claim.

Each statement is a bag of terms (app/link/statement_terms.py) weighted by TF-IDF *within its
story* (what every article of the story repeats, such as the country, says little about which
claim a sentence makes), and pairs are scored by cosine similarity. A high cosine is not enough:
a pair must also share a predicate with its argument (`claim_pairs`: "closed the border" /
"border closure"), not only a story's nouns or a name, and two counts must agree on their
values (different counts are figure relations, shown as such, not one statement); see
app/link/statement_evidence.py.

Only pairs inside one story are scored, in sparse blocks, and each statement keeps only its
best matches per other article and overall, so a corpus of many stories stays cheap and the
reader is not flooded with weak links.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from scipy import sparse

from app.link.arrays import group_rank, locate
from app.link.statement_evidence import Evidence, gather_evidence, term_matrix
from app.link.statement_terms import StatementRef

_BLOCK = 2048  # rows of a story scored at once: bounds memory in stories of any size
_SHORTLIST = 32  # best candidates per statement looked at before ranking by article


@dataclass(frozen=True)
class Params:
    """How links are chosen (defaults measured on the seeds; see `parallax eval`)."""

    entity_boost: float = 0.5  # weight of a shared actor/place/number against a shared word
    concept_boost: float = 1.5  # weight of a shared news concept (kill/shoot) against a word
    min_score: float = 0.2  # cosine a direct link needs
    directed_score: float = 0.15  # ... when both give one order or appeal with what it asks
    # for ("asks his followers to rally behind her" / "called on voters to back her"): the
    # who-did-what at its plainest, often inside a long quote that lowers the cosine
    rank_sum: int = 2  # rank of b among a's article-B matches + rank of a among b's article-A
    closure_score: float = 0.15  # cosine a link inferred through a third article needs
    per_article: int = 2  # at most this many links kept from a statement into one article
    per_statement: int = 6  # at most this many links kept per statement
    min_shared: int = 2  # distinct shared words or concepts (not names or numbers) needed
    window: int = 3  # content words apart that two terms may stand and still make a pair
    min_pairs: int = 2  # shared pairs of nearby terms a direct link needs (see `claim_pairs`);
    # a pair of two concepts ("shut the internet" / "a web blackout") counts twice
    closure_pairs: int = 2  # ... and a link inferred through a third article
    second_claim_score: float = 0.35  # cosine a statement's second link into one article
    # needs, when it matches another of the statement's claims (`Evidence.another_claim`)


def story_weights(
    counts: sparse.csr_matrix, vocab: Sequence[str], params: Params
) -> sparse.csr_matrix:
    """Sublinear TF times the story's smooth IDF (with entity and concept weights),
    L2-normalised rows: a row product is a cosine."""
    n = counts.shape[0]
    df = np.asarray((counts > 0).sum(axis=0)).ravel()
    idf = np.log((1.0 + n) / (1.0 + df)) + 1.0
    kind = np.array([t[:1] for t in vocab] or [""])
    idf = idf * np.where(
        np.isin(kind, ["@", "#"]),
        params.entity_boost,
        np.where(kind == "~", params.concept_boost, 1.0),
    )
    w = counts.astype(np.float64)
    w.data = 1.0 + np.log(w.data)
    w = sparse.csr_matrix(w.multiply(idf))
    norms = np.sqrt(np.asarray(w.multiply(w).sum(axis=1)).ravel())
    norms[norms == 0] = 1.0
    return sparse.csr_matrix(sparse.diags(1.0 / norms) @ w)


def _direct(
    w: sparse.csr_matrix,
    articles: np.ndarray,
    refs: Sequence[StatementRef],
    content: sparse.csr_matrix,
    index: dict[str, int],
    params: Params,
) -> tuple[dict[tuple[int, int], float], Evidence | None]:
    """Pairs (positions, i < j) that make one claim and rank each other high within the
    other's article; with the evidence worked out for the candidates.

    Ranking per article rather than by raw score keeps a long sentence from matching
    everything, and a story-wide "hub" sentence from taking every statement's best slot.
    Each statement's shortlist is its `_SHORTLIST` best scores above `min_score` in other
    articles, less those that do not share a claim (`Evidence.allowed`); its rank of a
    candidate is the candidate's place among the shortlisted statements of that candidate's
    article. Rows are scored a block at a time, which bounds memory in stories of any size,
    and ranked with array operations, not a loop per row."""
    n = len(articles)
    deepest = max(params.rank_sum - 1, 1)
    take = min(_SHORTLIST, n - 1)
    if take <= 0:
        return {}, None
    floor = min(params.min_score, params.directed_score)
    found: list[tuple[np.ndarray, np.ndarray, np.ndarray]] = []
    for lo in range(0, n, _BLOCK):
        block = (w[lo : lo + _BLOCK] @ w.T).toarray()
        rows = np.arange(lo, lo + block.shape[0])
        block[articles[rows][:, None] == articles[None, :]] = -1.0
        top = np.argpartition(-block, take - 1, axis=1)[:, :take]
        score = np.take_along_axis(block, top, axis=1)
        best_first = np.argsort(-score, axis=1, kind="stable")
        top = np.take_along_axis(top, best_first, axis=1).ravel()
        score = np.take_along_axis(score, best_first, axis=1).ravel()
        row = np.repeat(rows, take)
        ok = score >= floor
        found.append((row[ok], top[ok], score[ok]))
    row = np.concatenate([f[0] for f in found])
    col = np.concatenate([f[1] for f in found])
    score = np.concatenate([f[2] for f in found])
    if not len(row):
        return {}, None
    evidence = gather_evidence(refs, content, index, np.unique(np.r_[row, col]), params.window)
    ok = evidence.allowed(row, col, params.min_shared, params.min_pairs)
    weak = score < params.min_score
    ok[weak] &= evidence.same_directive(row[weak], col[weak])
    row, col, score = row[ok], col[ok], score[ok]
    # Stable: within one (row, article) group the best score stays first.
    order = np.lexsort((articles[col], row))
    row, col, score = row[order], col[order], score[order]
    rank = group_rank(row, articles[col]) + 1
    rank = evidence.another_claim(row, col, rank, score >= params.second_claim_score)
    ok = rank <= deepest
    row, col, score, rank = row[ok], col[ok], score[ok], rank[ok]
    # Mutual: look up each pair's reverse among the ranked pairs.
    hit, at = locate(row.astype(np.int64) * n + col, col.astype(np.int64) * n + row)
    back_rank = np.where(hit, rank[at], params.rank_sum + 1)
    ok = (row < col) & hit & (rank + back_rank <= params.rank_sum)
    pairs = dict(
        zip(
            zip(row[ok].tolist(), col[ok].tolist(), strict=True),
            score[ok].tolist(),
            strict=True,
        )
    )
    return pairs, evidence


def _closure(
    pairs: dict[tuple[int, int], float],
    w: sparse.csr_matrix,
    articles: np.ndarray,
    evidence: Evidence,
    params: Params,
) -> dict[tuple[int, int], float]:
    """Add a-c where a-b and b-c are linked across three articles and a, c are similar enough.

    Outlets word one claim differently, so two of them may each match a third better than
    each other ("ordered them to shoot" ~ "shoot on sight" ~ "told them to open fire")."""
    out = dict(pairs)
    if not pairs:
        return out
    n = len(articles)
    ends = np.array(list(pairs), dtype=np.int64)
    one = np.ones(len(ends) * 2, dtype=np.float32)
    linked = sparse.csr_matrix(
        (one, (np.r_[ends[:, 0], ends[:, 1]], np.r_[ends[:, 1], ends[:, 0]])), shape=(n, n)
    )
    # Two statements with a linked statement in common: the paths of length two.
    via = sparse.triu(linked @ linked, k=1).tocoo()
    left, right = via.row.astype(np.int64), via.col.astype(np.int64)
    known = np.minimum(ends[:, 0], ends[:, 1]) * n + np.maximum(ends[:, 0], ends[:, 1])
    ok = (articles[left] != articles[right]) & ~np.isin(left * n + right, known)
    left, right = left[ok], right[ok]
    if not len(left):
        return out
    sims = np.asarray(w[left].multiply(w[right]).sum(axis=1)).ravel()
    allowed = evidence.allowed(left, right, params.min_shared, params.closure_pairs)
    ok = (sims >= params.closure_score) & allowed
    out.update(
        zip(
            zip(left[ok].tolist(), right[ok].tolist(), strict=True),
            sims[ok].tolist(),
            strict=True,
        )
    )
    return out


def _cap(
    pairs: dict[tuple[int, int], float], articles: np.ndarray, params: Params
) -> dict[tuple[int, int], float]:
    """Keep a pair only if, for both its statements, it is among their `per_article` best
    links into the other's article and their `per_statement` best links overall."""
    if not pairs:
        return {}
    ends = np.array(list(pairs), dtype=np.int64)
    score = np.array(list(pairs.values()), dtype=np.float64)
    i, j = ends[:, 0], ends[:, 1]
    # Each link twice, once from each end; best first, ties broken by the pair's positions.
    node = np.r_[i, j]
    other_article = articles[np.r_[j, i]]
    li, lj, ls = np.r_[i, i], np.r_[j, j], np.r_[score, score]
    order = np.lexsort((-lj, -li, -ls, other_article, node))
    per_article = group_rank(node[order], other_article[order]) < params.per_article
    order = order[per_article]
    chosen_sorted = np.lexsort((-lj[order], -li[order], -ls[order], node[order]))
    order = order[chosen_sorted]
    chosen = order[group_rank(node[order]) < params.per_statement]
    kept = np.zeros(len(node), dtype=bool)
    kept[chosen] = True
    both = kept[: len(i)] & kept[len(i) :]
    return {p: s for p, s, k in zip(pairs, score.tolist(), both.tolist(), strict=True) if k}


def story_pairs(
    refs: Sequence[StatementRef],
    docs: Sequence[list[tuple[str, str]]],
    params: Params,
) -> dict[tuple[int, int], float]:
    """Linked pairs (positions into refs) of one story, with their scores."""
    articles = np.array([r.article_id for r in refs])
    counts, vocab = term_matrix(docs)
    w = story_weights(counts, vocab, params)
    # Words and concepts, not names or numbers: what `min_shared` counts.
    words = np.array([t[:1] not in "@#" for t in vocab] or [False])
    content = sparse.csr_matrix(counts @ sparse.diags(words.astype(np.float64)))
    content.eliminate_zeros()
    content.data[:] = 1.0
    index = {t: k for k, t in enumerate(vocab)}
    pairs, evidence = _direct(w, articles, refs, content, index, params)
    if evidence is not None and params.closure_score < 1.0:
        pairs = _closure(pairs, w, articles, evidence, params)
    return _cap(pairs, articles, params)
