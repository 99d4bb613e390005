"""Statement links: sentences in different articles of one story that make the same claim.

Two reports of one claim rarely share their wording ("ordered the guards to shoot" / "allowed
his police to open fire"), so words are reduced to a crude stem and then to a concept from
a small table of news-domain synonyms (app/link/statement_lexicon.py); which pairs make one claim
is decided in app/link/statement_scoring.py. This module names what a link shares, in words a
reader can check, and reads and writes the links.
"""

from __future__ import annotations

import math
from bisect import bisect_left
from collections import defaultdict
from collections.abc import Collection, Iterable, Iterator, Sequence
from dataclasses import dataclass, field

from sqlalchemy import delete
from sqlalchemy import select as sa_select
from sqlmodel import Session, col, select

from app.link.rows import insert_plain
from app.link.statement_lexicon import fold
from app.link.statement_scoring import Params, story_pairs
from app.link.statement_terms import StatementRef, claim_pairs, read_once, terms
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

# Articles whose statements are read and linked at once: enough to keep the queries few, few
# enough that a database of 100,000 articles never holds all its statements in memory.
BATCH_ARTICLES = 2_000
MAX_IDS = 10_000  # ids in one query's IN list (SQLite allows 32,766 bound values)

__all__ = ["Params", "StatementLink", "StatementRef", "link_statements", "relink_statements"]


@dataclass(frozen=True)
class StatementLink:
    a_id: int
    b_id: int
    score: float
    reason: str


@dataclass(frozen=True)
class _Shown:
    """What a reason names of one statement, worked out once however many links it has."""

    actors: dict[str, str]  # folded -> as written
    places: dict[str, str]
    words: dict[str, str]  # term -> the word as written
    pairs: frozenset[str]  # predicate-argument pairs (`claim_pairs`)
    at: dict[str, int]  # term -> where it first stands
    said: dict[str, str] = field(default_factory=dict)  # pair -> as written, once worked out


def _shown(ref: StatementRef, doc: list[tuple[str, str]], window: int) -> _Shown:
    words: dict[str, str] = {}
    at: dict[str, int] = {}
    for k, (t, w) in enumerate(doc):
        if t[0] not in "@#":
            words.setdefault(t, w)
        at.setdefault(t, k)
    return _Shown(
        actors={fold(x): x for x in ref.actors},
        places={fold(x): x for x in ref.places},
        words=words,
        pairs=claim_pairs(ref, window),
        at=at,
    )


def _said(pair: str, shown: _Shown) -> str:
    """A pair of terms as the sentence writes them, in its order ("shut bridges"); a
    statement's pairs recur in each of its links."""
    said = shown.said.get(pair)
    if said is None:
        terms = sorted(pair.split("|"), key=lambda t: shown.at.get(t, 0))
        said = shown.said[pair] = " ".join(shown.words.get(t, t.lstrip("#")) for t in terms)
    return said


def _acts(sa: _Shown, sb: _Shown, most: int = 2) -> str:
    """What both sentences say was done, the who-did-what that makes the link: "shut
    bridges ~ bridge shut". Pairs of two concepts first (two reports in their own words);
    a pair with a number ("8 caused", from "on 8 October") only when there is no other."""
    shared = sorted(sa.pairs & sb.pairs, key=lambda x: ("#" in x, -x.count("~"), x))
    out: list[str] = []
    for pair in shared:
        left, right = _said(pair, sa), _said(pair, sb)
        said = left if left == right else f"{left} ~ {right}"
        if said not in out:
            out.append(said)
        if len(out) == most:
            break
    return ", ".join(out)


def _reason(a: StatementRef, b: StatementRef, sa: _Shown, sb: _Shown) -> str:
    """One line a reader can check: what both say was done, then the actors, places,
    numbers and words both share."""
    parts: list[str] = []
    acts = _acts(sa, sb)
    if acts:
        parts.append("both say " + acts)
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
        docs = read_once(refs, terms)
        shown: dict[int, _Shown] = {}
        for (i, j), s in sorted(story_pairs(refs, docs, params).items()):
            a, b = refs[i], refs[j]
            for k in (i, j):
                if k not in shown:
                    shown[k] = _shown(refs[k], docs[k], params.window)
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


def statement_refs(session: Session, article_ids: Collection[int]) -> list[StatementRef]:
    """The statements of these articles with their story and the actors, places and numbers
    inside them."""
    ids = list(article_ids)
    if len(ids) > MAX_IDS:  # one story bigger than a batch: bound the queries' id lists
        parts = [ids[i : i + MAX_IDS] for i in range(0, len(ids), MAX_IDS)]
        return [ref for part in parts for ref in statement_refs(session, part)]
    actors = _spans_by_article(
        session.exec(
            select(ActorMention.article_id, ActorMention.start, ActorMention.end, Actor.name)
            .join(Actor, col(Actor.id) == ActorMention.actor_id)
            .where(col(ActorMention.article_id).in_(ids))
        )
    )
    places = _spans_by_article(
        session.exec(
            select(PlaceMention.article_id, PlaceMention.start, PlaceMention.end, Place.name)
            .join(Place, col(Place.id) == PlaceMention.place_id)
            .where(col(PlaceMention.article_id).in_(ids))
            .where(col(PlaceMention.in_title).is_(False))  # offsets in the body only
        )
    )
    figures: dict[int, list[tuple[int, int, float, str]]] = defaultdict(list)
    for article_id, start, end, value, measure in session.execute(
        sa_select(
            col(Figure.article_id),
            col(Figure.start),
            col(Figure.end),
            col(Figure.value),
            col(Figure.measure),
        ).where(
            col(Figure.article_id).in_(ids),
            col(Figure.rejected).is_(False),
            col(Figure.value).is_not(None),
        )
    ):
        if value is not None and math.isfinite(value):
            figures[article_id].append((start, end, float(value), measure))
    refs: list[StatementRef] = []
    # Plain rows, not ORM objects: a batch holds tens of thousands of statements.
    rows = session.execute(
        sa_select(
            col(Statement.id),
            col(Statement.article_id),
            col(Statement.start),
            col(Statement.end),
            col(Statement.text),
            col(Article.story_id),
        )
        .join(Article, col(Article.id) == Statement.article_id)
        .where(col(Statement.article_id).in_(ids))
    )
    for sid, article_id, start, end, text, story_id in rows:
        inside = [f for f in figures[article_id] if f[0] >= start and f[1] <= end]
        refs.append(
            StatementRef(
                id=sid,
                article_id=article_id,
                story_id=story_id,
                text=text,
                actors=actors[article_id].overlapping(start, end),
                places=places[article_id].overlapping(start, end),
                numbers=frozenset(v for s, e, v, _ in inside),
                figures=frozenset((m, v) for _, _, v, m in inside),
            )
        )
    return refs


def story_batches(session: Session, size: int = BATCH_ARTICLES) -> Iterator[list[int]]:
    """The ids of the articles that have a story, whole stories at a time, in story order,
    about `size` articles a batch."""
    rows = session.execute(
        sa_select(col(Article.story_id), col(Article.id))
        .where(col(Article.story_id).is_not(None))
        .order_by(col(Article.story_id), col(Article.id))
    ).all()
    batch: list[int] = []
    current = None
    for story_id, article_id in rows:
        if story_id != current and len(batch) >= size:
            yield batch
            batch = []
        current = story_id
        batch.append(article_id)
    if batch:
        yield batch


def relink_statements(session: Session, *, batch_articles: int = BATCH_ARTICLES) -> int:
    """Rewrite all statement links from the stored statements; returns how many were made.

    Links never cross a story, so stories are linked a batch at a time: memory holds one
    batch's statements and spans, not the whole database's."""
    session.execute(delete(Link).where(col(Link.kind) == "statement"))
    made = 0
    for batch in story_batches(session, batch_articles):
        links = link_statements(statement_refs(session, batch))
        _store(session, links)
        made += len(links)
    return made


def _store(session: Session, links: Sequence[StatementLink]) -> None:
    insert_plain(
        session,
        "link",
        ("kind", "a_id", "b_id", "relation", "score", "reason", "rejected"),
        (("statement", k.a_id, k.b_id, "same", k.score, k.reason, False) for k in links),
    )
