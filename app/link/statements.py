"""Statement links: sentences in different articles of one story that make the same claim.

Two reports of one claim rarely share their wording ("gave the order to kill" / "authorizing
his forces to shoot to kill"), so words are reduced to a crude stem and then to a concept from
a small table of news-domain synonyms (kill/shoot/open fire, arrest/detain, cut/lower/reduce).
Each statement becomes a bag of those terms plus its actors, places and numbers, weighted by
TF-IDF *within its story* (what every article of the story repeats, such as the country, says
little about which claim a sentence makes), and pairs are scored by cosine similarity.

Only pairs inside one story are scored, in sparse blocks, and each statement keeps only its
best matches per other article and overall, so a corpus of many stories stays cheap and the
reader is not flooded with weak links.
"""

from __future__ import annotations

import math
from bisect import bisect_left
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np
from scipy import sparse
from sqlalchemy import delete, insert
from sqlalchemy import select as sa_select
from sqlmodel import Session, col, select

from app.link.arrays import group_rank, locate
from app.link.statement_terms import StatementRef, fold, terms
from app.models import (
    Actor,
    ActorMention,
    Article,
    Figure,
    Link,
    Place,
    PlaceMention,
    Statement,
)


@dataclass(frozen=True)
class StatementLink:
    a_id: int
    b_id: int
    score: float
    reason: str


# ---------------------------------------------------------------------------------------------
# Scoring and choosing

_BLOCK = 2048  # rows of a story scored at once: bounds memory in stories of any size
_SHORTLIST = 32  # best candidates per statement looked at before ranking by article


@dataclass(frozen=True)
class Params:
    """How links are chosen (defaults measured on the seeds; see `parallax eval`)."""

    entity_boost: float = 0.5  # weight of a shared actor/place/number against a shared word
    concept_boost: float = 1.5  # weight of a shared news concept (kill/shoot) against a word
    min_score: float = 0.10  # cosine a direct link needs
    rank_sum: int = 3  # rank of b among a's article-B matches + rank of a among b's article-A
    closure_score: float = 0.15  # cosine a link inferred through a third article needs
    per_article: int = 3  # at most this many links kept from a statement into one article
    per_statement: int = 6  # at most this many links kept per statement


def _matrix(docs: Sequence[list[tuple[str, str]]]) -> tuple[sparse.csr_matrix, list[str]]:
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


def story_weights(docs: Sequence[list[tuple[str, str]]], params: Params) -> sparse.csr_matrix:
    """Sublinear TF times the story's smooth IDF (with entity and concept weights),
    L2-normalised rows: a row product is a cosine."""
    counts, vocab = _matrix(docs)
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
    w: sparse.csr_matrix, articles: np.ndarray, params: Params
) -> dict[tuple[int, int], float]:
    """Pairs (positions, i < j) that rank each other high within the other's article.

    Ranking per article rather than by raw score keeps a long sentence from matching
    everything, and a story-wide "hub" sentence from taking every statement's best slot.
    Each statement's shortlist is its `_SHORTLIST` best scores above `min_score` in other
    articles; its rank of a candidate is the candidate's place among the shortlisted
    statements of that candidate's article. Rows are scored a block at a time, which bounds
    memory in stories of any size, and ranked with array operations, not a loop per row."""
    n = len(articles)
    deepest = max(params.rank_sum - 1, 1)
    take = min(_SHORTLIST, n - 1)
    if take <= 0:
        return {}
    found: list[tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]] = []
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
        ok = score >= params.min_score
        row, col, score = row[ok], top[ok], score[ok]
        # Stable: within one (row, article) group the best score stays first.
        order = np.lexsort((articles[col], row))
        row, col, score = row[order], col[order], score[order]
        rank = group_rank(row, articles[col]) + 1
        ok = rank <= deepest
        found.append((row[ok], col[ok], score[ok], rank[ok]))
    row = np.concatenate([f[0] for f in found])
    col = np.concatenate([f[1] for f in found])
    score = np.concatenate([f[2] for f in found])
    rank = np.concatenate([f[3] for f in found])
    # Mutual: look up each pair's reverse among the ranked pairs.
    hit, at = locate(row.astype(np.int64) * n + col, col.astype(np.int64) * n + row)
    back_rank = np.where(hit, rank[at], params.rank_sum + 1)
    ok = (row < col) & hit & (rank + back_rank <= params.rank_sum)
    return dict(
        zip(
            zip(row[ok].tolist(), col[ok].tolist(), strict=True),
            score[ok].tolist(),
            strict=True,
        )
    )


def _closure(
    pairs: dict[tuple[int, int], float],
    w: sparse.csr_matrix,
    articles: np.ndarray,
    params: Params,
) -> dict[tuple[int, int], float]:
    """Add a-c where a-b and b-c are linked across three articles and a, c are similar enough.

    Outlets word one claim differently, so two of them may each match a third better than
    each other ("gave the order to kill" ~ "shoot to kill" ~ "open fire without warning")."""
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
    ok = sims >= params.closure_score
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
    w = story_weights(docs, params)
    pairs = _direct(w, articles, params)
    if params.closure_score < 1.0:
        pairs = _closure(pairs, w, articles, params)
    return _cap(pairs, articles, params)


@dataclass(frozen=True)
class _Shown:
    """What a reason names of one statement, worked out once however many links it has."""

    actors: dict[str, str]  # folded -> as written
    places: dict[str, str]
    words: dict[str, str]  # term -> the word as written


def _shown(ref: StatementRef, doc: list[tuple[str, str]]) -> _Shown:
    words: dict[str, str] = {}
    for t, w in doc:
        if t[0] not in "@#":
            words.setdefault(t, w)
    return _Shown(
        actors={fold(x): x for x in ref.actors},
        places={fold(x): x for x in ref.places},
        words=words,
    )


def _reason(a: StatementRef, b: StatementRef, sa: _Shown, sb: _Shown) -> str:
    """One line a reader can check: the actors, places, numbers and words both share."""
    parts: list[str] = []
    actors = sorted(x for k, x in sa.actors.items() if k in sb.actors)
    if actors:
        parts.append("both name " + ", ".join(actors))
    places = sorted(x for k, x in sa.places.items() if k in sb.places)
    if places:
        parts.append("both in " + ", ".join(places))
    numbers = sorted(a.numbers & b.numbers)
    if numbers:
        parts.append("both give " + ", ".join(f"{n:g}" for n in numbers))
    shared: list[str] = []
    seen: set[tuple[str, str]] = set()
    for t, wa in sa.words.items():
        wb = sb.words.get(t)
        if wb is None or (wa, wb) in seen:
            continue
        seen.add((wa, wb))
        shared.append(wa if wa == wb else f"{wa}~{wb}")
    if shared:
        parts.append("shared words: " + ", ".join(shared[:8]))
    return "; ".join(parts) or "similar wording"


def link_statements(
    items: Sequence[StatementRef],
    params: Params | None = None,
) -> list[StatementLink]:
    """Links between statements of different articles of the same story that make one claim.

    Statements are compared only within their story; those without a story are never
    linked. See `Params` for how a pair qualifies."""
    params = params or Params()
    by_story: dict[int, list[StatementRef]] = defaultdict(list)
    for ref in items:
        if ref.story_id is not None:
            by_story[ref.story_id].append(ref)
    links: list[StatementLink] = []
    for story_id in sorted(by_story):
        refs = sorted(by_story[story_id], key=lambda r: r.id)
        if len({r.article_id for r in refs}) < 2:
            continue
        docs = [terms(r) for r in refs]
        shown: dict[int, _Shown] = {}
        for (i, j), s in sorted(story_pairs(refs, docs, params).items()):
            a, b = refs[i], refs[j]
            for k in (i, j):
                if k not in shown:
                    shown[k] = _shown(refs[k], docs[k])
            reason = _reason(a, b, shown[i], shown[j])
            links.append(StatementLink(a.id, b.id, round(s, 4), reason))
    return links


# ---------------------------------------------------------------------------------------------
# Database


class _Spans:
    """The labelled spans of one article, sorted, so a statement finds its own by bisection
    rather than by a scan of every span of its article."""

    def __init__(self) -> None:
        self.spans: list[tuple[int, int, str]] = []
        self.starts: list[int] = []
        self.longest = 0

    def add(self, start: int, end: int, label: str) -> None:
        self.spans.append((start, end, label))
        self.longest = max(self.longest, end - start)

    def done(self) -> None:
        self.spans.sort()
        self.starts = [s for s, _, _ in self.spans]

    def overlapping(self, start: int, end: int) -> frozenset[str]:
        lo = bisect_left(self.starts, start - self.longest)
        hi = bisect_left(self.starts, end)
        return frozenset(label for _, e, label in self.spans[lo:hi] if e > start)


def _spans_by_article(rows: Iterable[tuple[int, int, int, str]]) -> dict[int, _Spans]:
    out: dict[int, _Spans] = defaultdict(_Spans)
    for article_id, start, end, label in rows:
        out[article_id].add(start, end, label)
    for spans in out.values():
        spans.done()
    return out


def statement_refs(session: Session) -> list[StatementRef]:
    """Every stored statement with its story and the actors, places and numbers inside it."""
    actors = _spans_by_article(
        session.exec(
            select(ActorMention.article_id, ActorMention.start, ActorMention.end, Actor.name).join(
                Actor, col(Actor.id) == ActorMention.actor_id
            )
        )
    )
    places = _spans_by_article(
        session.exec(
            select(PlaceMention.article_id, PlaceMention.start, PlaceMention.end, Place.name)
            .join(Place, col(Place.id) == PlaceMention.place_id)
            .where(col(PlaceMention.in_title).is_(False))  # offsets in the body only
        )
    )
    figures: dict[int, list[tuple[int, int, float]]] = defaultdict(list)
    for article_id, start, end, value in session.exec(
        select(Figure.article_id, Figure.start, Figure.end, Figure.value).where(
            col(Figure.rejected).is_(False), col(Figure.value).is_not(None)
        )
    ):
        if value is not None and math.isfinite(value):
            figures[article_id].append((start, end, float(value)))
    refs: list[StatementRef] = []
    # Plain rows, not ORM objects: a big corpus holds hundreds of thousands of statements.
    rows = session.execute(
        sa_select(
            col(Statement.id),
            col(Statement.article_id),
            col(Statement.start),
            col(Statement.end),
            col(Statement.text),
            col(Article.story_id),
        ).join(Article, col(Article.id) == Statement.article_id)
    )
    for sid, article_id, start, end, text, story_id in rows:
        refs.append(
            StatementRef(
                id=sid,
                article_id=article_id,
                story_id=story_id,
                text=text,
                actors=actors[article_id].overlapping(start, end),
                places=places[article_id].overlapping(start, end),
                numbers=frozenset(v for s, e, v in figures[article_id] if s >= start and e <= end),
            )
        )
    return refs


def relink_statements(session: Session) -> int:
    """Rewrite all statement links from the stored statements; returns how many were made."""
    links = link_statements(statement_refs(session))
    session.execute(delete(Link).where(col(Link.kind) == "statement"))
    if links:
        session.execute(
            insert(Link),
            [
                {
                    "kind": "statement",
                    "a_id": k.a_id,
                    "b_id": k.b_id,
                    "relation": "same",
                    "score": k.score,
                    "reason": k.reason,
                    "rejected": False,
                }
                for k in links
            ],
        )
    return len(links)
