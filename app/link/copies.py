"""Near-copies: the same text carried by several outlets (a wire story reprinted, syndication).

Five outlets printing one agency's story are one report, not five that agree. Each text is cut
into overlapping runs of words (shingles), summarised by a MinHash signature, and candidate
pairs come from locality-sensitive hashing (datasketch), so the cost grows with the number of
articles, not with the number of pairs. A pair is a copy when the signatures estimate that
most of their shingles are shared. In a family of copies the earliest article (by date, then
by arrival) is the original; each later one names the earliest family member it copies.
"""

from __future__ import annotations

import datetime as dt
import re
import zlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np
from datasketch import MinHash, MinHashLSH
from sqlalchemy import delete, insert
from sqlmodel import Session, col, select

from app.models import Article, ArticleCopy

SHINGLE = 5  # words: long enough that two reports of one event rarely share many by chance
NUM_PERM = 64
# Shared shingles (Jaccard) from which two texts are one text: a copy with its own headline,
# a trimmed paragraph or a local line added stays above it; two outlets' own reports of the
# same event, quoting the same statement, stay far below.
COPY_SIMILARITY = 0.5
MIN_SHINGLES = 20  # a text shorter than this says too little to call it a copy
_SEED = 1
_WORD = re.compile(r"\w+")
_MASK = np.uint64(0xFFFFFFFF)
_MIX = np.uint64(1_000_003)


class WordHashes(dict[str, int]):
    """A word's hash, computed once per run: most words recur across thousands of texts."""

    def __missing__(self, word: str) -> int:
        value = self[word] = zlib.crc32(word.encode())
        return value


def shingles(text: str, hashes: WordHashes | None = None) -> np.ndarray:
    """The distinct hashes of the runs of SHINGLE words of a text (case and punctuation aside)."""
    words = _WORD.findall(text.lower())
    if len(words) < SHINGLE:
        return np.zeros(0, dtype=np.uint64)
    lookup = (hashes if hashes is not None else WordHashes()).__getitem__
    hashed = np.fromiter(map(lookup, words), dtype=np.uint64, count=len(words))
    n = len(hashed) - SHINGLE + 1
    runs = hashed[:n].copy()
    with np.errstate(over="ignore"):
        for i in range(1, SHINGLE):
            runs = runs * _MIX ^ hashed[i : i + n]
    return np.unique(runs & _MASK)


@dataclass(frozen=True)
class CopyDoc:
    key: int
    text: str
    date: dt.date | None


@dataclass(frozen=True)
class Copy:
    article: int
    original: int  # the earliest article of its family it is a near-copy of
    family: int  # the first article of its family
    similarity: float


def _order(doc: CopyDoc) -> tuple[int, int]:
    return (doc.date.toordinal() if doc.date else dt.date.max.toordinal(), doc.key)


def find_copies(docs: Iterable[CopyDoc]) -> list[Copy]:
    """Every article that is a near-copy of an earlier one, with its original."""
    template = MinHash(num_perm=NUM_PERM, seed=_SEED)
    lsh = MinHashLSH(threshold=COPY_SIMILARITY, num_perm=NUM_PERM, weights=(0.3, 0.7))
    signatures: dict[int, MinHash] = {}
    order: dict[int, tuple[int, int]] = {}
    hashes = WordHashes()
    for doc in docs:
        found = shingles(doc.text, hashes)
        if len(found) < MIN_SHINGLES:
            continue
        m = MinHash(
            num_perm=NUM_PERM,
            permutations=template.permutations,
            hashfunc=int,
            scheme=template.scheme,
        )
        m.update_batch(found.tolist())
        signatures[doc.key] = m
        order[doc.key] = _order(doc)
        lsh.insert(doc.key, m)
    pairs: list[tuple[int, int, float]] = []
    for key, m in signatures.items():
        # The earliest earlier text it repeats is its original: candidates oldest first, and
        # the first that holds ends the search (a family of fifty reprints stays linear).
        earlier = sorted((o for o in lsh.query(m) if order[o] < order[key]), key=order.__getitem__)
        for other in earlier:
            same = np.count_nonzero(m.hashvalues == signatures[other].hashvalues)
            if (similarity := same / NUM_PERM) >= COPY_SIMILARITY:
                pairs.append((key, other, similarity))
                break
    return _families(pairs, order)


def _families(
    pairs: Sequence[tuple[int, int, float]], order: dict[int, tuple[int, int]]
) -> list[Copy]:
    """Each copy with the article it copies (one pair a copy) and the first of its family."""
    parent: dict[int, int] = {}

    def root(k: int) -> int:
        while parent.get(k, k) != k:
            parent[k] = parent.get(parent[k], parent[k])
            k = parent[k]
        return k

    for later, earlier, _ in pairs:
        a, b = root(later), root(earlier)
        if a != b:
            first, second = (a, b) if order[a] < order[b] else (b, a)
            parent[second] = first
    return [
        Copy(later, earlier, root(later), round(similarity, 3))
        for later, earlier, similarity in sorted(pairs)
    ]


def relink_copies(session: Session) -> int:
    """Find the near-copies among all articles anew and store them."""
    rows = session.exec(
        select(col(Article.id), Article.title, Article.body, col(Article.date)).execution_options(
            yield_per=2000
        )
    )
    docs = (CopyDoc(aid, f"{title}\n{body}", date) for aid, title, body, date in rows if aid)
    copies = find_copies(docs)
    session.execute(delete(ArticleCopy))
    if copies:
        session.execute(
            insert(ArticleCopy),
            [
                {
                    "article_id": c.article,
                    "original_id": c.original,
                    "family_id": c.family,
                    "similarity": c.similarity,
                }
                for c in copies
            ],
        )
    return len(copies)


def independent(article_ids: Iterable[int], families: dict[int, int]) -> int:
    """How many independent reports among these articles: copies of one family count once."""
    return len({families.get(a, a) for a in article_ids})


def families_of(session: Session, article_ids: Iterable[int]) -> dict[int, int]:
    """The family of each of these articles that is a copy (the others are their own)."""
    ids = list(set(article_ids))
    if not ids:
        return {}
    rows = session.exec(
        select(ArticleCopy.article_id, ArticleCopy.family_id).where(
            col(ArticleCopy.article_id).in_(ids)
        )
    )
    return dict(rows.all())
