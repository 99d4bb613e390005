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
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
from scipy import sparse
from sqlalchemy import delete, insert
from sqlalchemy import select as sa_select
from sqlmodel import Session, col, select

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
class StatementRef:
    id: int
    article_id: int
    story_id: int | None
    text: str
    actors: frozenset[str] = frozenset()
    places: frozenset[str] = frozenset()
    numbers: frozenset[float] = frozenset()


@dataclass(frozen=True)
class StatementLink:
    a_id: int
    b_id: int
    score: float
    reason: str


# ---------------------------------------------------------------------------------------------
# Words to terms

# Irregular forms a suffix stripper cannot reach (general English, not any one story's words).
_IRREGULAR = {
    "gave": "give",
    "given": "give",
    "said": "say",
    "told": "tell",
    "sent": "send",
    "shot": "shoot",
    "began": "begin",
    "begun": "begin",
    "left": "leave",
    "took": "take",
    "taken": "take",
    "held": "hold",
    "fled": "flee",
    "fought": "fight",
    "brought": "bring",
    "caught": "catch",
    "struck": "strike",
    "spoke": "speak",
    "spoken": "speak",
    "rose": "rise",
    "risen": "rise",
    "fell": "fall",
    "fallen": "fall",
    "met": "meet",
    "led": "lead",
    "won": "win",
    "lost": "lose",
    "died": "die",
    "dead": "die",
    "death": "die",
    "deaths": "die",
}

_VOWELS = set("aeiouy")


def _words(text: str) -> frozenset[str]:
    """A set of words written as one string (long vocabularies stay readable)."""
    return frozenset(text.split())


def stem(word: str) -> str:
    """A crude suffix stripper: enough to meet "arrested", "arrests" and "arrest" in one term.

    Both sides of a comparison go through it, so an odd stem costs nothing as long as it is
    the same for the forms of one word."""
    w = _IRREGULAR.get(word, word)
    if len(w) <= 3:
        return w
    for suffix, repl in (
        ("ational", "ate"),
        ("ization", "ize"),
        ("isation", "ize"),
        ("ations", "ate"),
        ("ation", "ate"),
        ("ments", ""),
        ("ment", ""),
        ("ness", ""),
        ("ies", "y"),
        ("ied", "y"),
        ("ing", ""),
        ("ers", ""),
        ("ors", ""),
        ("er", ""),
        ("or", ""),
        ("ed", ""),
        ("es", ""),
        ("ly", ""),
        ("s", ""),
    ):
        if w.endswith(suffix) and len(w) - len(suffix) >= 3:
            base = w[: len(w) - len(suffix)] + repl
            if not (set(base) & _VOWELS):
                continue
            # "stopped" -> "stopp" -> "stop"; "killing" -> "kill" stays (ll is a real double).
            if (
                repl == ""
                and len(base) > 3
                and base[-1] == base[-2]
                and base[-1] not in "lsz"
                and base[-1] not in _VOWELS
            ):
                base = base[:-1]
            if suffix in ("es", "ed") and base.endswith(("at", "iz", "us")):
                base += "e"
            return _trim_e(base)
    return _trim_e(w)


def _trim_e(w: str) -> str:
    # "arrive"/"arriv(ed)", "raise"/"rais(ed)": drop a final e so both meet.
    return w[:-1] if len(w) > 4 and w.endswith("e") else w


# News-domain synonyms: each group becomes one concept term. A word may belong to two
# groups ("cut" is both a reduction and a shutdown). Kept general: verbs and nouns of
# violence, detention, prices, protests, deployments and official acts, in any story.
_SYNONYMS: dict[str, str] = {
    "kill": (
        "kill killing shoot shooting shot fire gunfire slay slain execute massacre lethal deadly"
    ),
    "die": "die dead death fatality fatalities toll perish",
    "injure": "injure injured injury wound wounded hurt",
    "order": "order orders authorize authorise authorization command instruct decree",
    "arrest": (
        "arrest detain detention detainee apprehend custody jail jailed imprison capture round-up"
    ),
    "reduce": "reduce reduction lower lowering cut decrease slash cap concede",
    "block": (
        "block blocked blockade shutdown shut outage blackout cut restrict suspend disrupt "
        "disconnect offline"
    ),
    "rise": "rise rising increase hike raise surge soar jump climb spike expensive",
    "price": "price cost tariff fare",
    "fuel": "gas lng lpg gasoline petrol fuel diesel",
    "dismiss": "dismiss dismissal sack oust ouster remove depose resign resignation",
    "troops": (
        "troops troop forces force army military soldier soldiers peacekeeper peacekeepers "
        "peacekeeping enforcement servicemen contingent"
    ),
    "protest": (
        "protest protester demonstrator demonstration unrest riot rioter uprising rally "
        "insurrection"
    ),
    "protect": "protect protection guard secure safeguard defend",
    "building": "building installation facility site structure infrastructure",
    "leave": "leave departure depart withdraw withdrawal exit pullout",
    "send": "send dispatch deploy deployment",
    "support": "support back backing gather rally unite",
    "terror": "terrorist terrorism terror",
    "train": "train training trained",
    "difficult": "difficult hard",
    "chief": "chief head leader director",
    "close": "close closure closed shut",
    "internet": "internet web online",
    "government": "government cabinet",
    "coup": "coup putsch",
    "say": "say tell state announce declare",
}


def _concepts() -> dict[str, tuple[str, ...]]:
    table: dict[str, list[str]] = defaultdict(list)
    for concept, words in _SYNONYMS.items():
        for word in _words(words):
            for key in {word, stem(word)}:
                if concept not in table[key]:
                    table[key].append(concept)
    return {k: tuple(v) for k, v in table.items()}


_CONCEPTS = _concepts()
# Function words only: a general stop list (scikit-learn's) also drops "fire", "call",
# "back", "first" and "give", which carry claims in news ("open fire", "first time").
_STOP = _words(
    """a about above after again against all almost also although am among an and any are as
    at be because been before being below between both but by can could did do does doing
    down during each either else even ever every few for from further had has have having he
    her here hers herself him himself his how however i if in into is it its itself just me
    might mine more most much must my myself neither no nor not now of off on once only or
    other others otherwise our ours ourselves out over own per same shall she should since so
    some still such than that the their theirs them themselves then there these they this
    those though through thus to too under until up upon us very was we were what whatever
    when where whether which while who whom whose why will with within without would yet you
    your yours yourself mr mrs ms said says say monday tuesday wednesday thursday friday
    saturday sunday yesterday today tomorrow"""
)
_WORD = re.compile(r"[a-z][a-z'-]*[a-z]|[a-z]")


def _fold(text: str) -> str:
    """Lower case without accents, so transliterations with diacritics meet plain ones."""
    if text.isascii():
        return text.lower()
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def word_terms(text: str) -> list[tuple[str, str]]:
    """(term, surface word) for each content word; synonyms share one `~concept` term."""
    out: list[tuple[str, str]] = []
    for word in _WORD.findall(_fold(text)):
        for part in word.replace("'", "-").split("-"):
            out.extend((t, part) for t in _part_terms(part))
    return out


@lru_cache(maxsize=1 << 18)
def _part_terms(part: str) -> tuple[str, ...]:
    # Cached: a corpus repeats a small vocabulary many times over.
    if len(part) < 2 or part in _STOP or part == "s":
        return ()
    s = stem(part)
    concepts = _CONCEPTS.get(part) or _CONCEPTS.get(s)
    return tuple(f"~{c}" for c in concepts) if concepts else (s,)


def _number_key(value: float) -> str:
    return f"#{value:g}"


def terms(ref: StatementRef) -> list[tuple[str, str]]:
    """Every term of a statement with the words that show it in a reason."""
    out = word_terms(ref.text)
    out.extend((f"@actor:{_fold(a)}", a) for a in ref.actors)
    out.extend((f"@place:{_fold(p)}", p) for p in ref.places)
    out.extend((_number_key(n), f"{n:g}") for n in ref.numbers)
    return out


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


def _score_rows(w: sparse.csr_matrix) -> Iterator[tuple[int, np.ndarray]]:
    """Each statement's cosine scores against the whole story, a block of rows at a time."""
    n = w.shape[0]
    for lo in range(0, n, _BLOCK):
        block = (w[lo : lo + _BLOCK] @ w.T).toarray()
        for k in range(block.shape[0]):
            yield lo + k, block[k]


def _direct(
    rows: Iterable[tuple[int, np.ndarray]], articles: np.ndarray, params: Params
) -> dict[tuple[int, int], float]:
    """Pairs (positions, i < j) that rank each other high within the other's article.

    Ranking per article rather than by raw score keeps a long sentence from matching
    everything, and a story-wide "hub" sentence from taking every statement's best slot."""
    n = len(articles)
    deepest = max(params.rank_sum - 1, 1)
    ranks: dict[tuple[int, int], int] = {}
    scores: dict[tuple[int, int], float] = {}
    take = min(_SHORTLIST, n - 1)
    if take <= 0:
        return {}
    for i, row in rows:
        row = np.where(articles == articles[i], -1.0, row)
        top = np.argpartition(-row, take - 1)[:take]
        per: dict[int, int] = defaultdict(int)
        for j in top[np.argsort(-row[top], kind="stable")]:
            s = float(row[j])
            if s < params.min_score:
                break
            art = int(articles[j])
            if per[art] < deepest:
                per[art] += 1
                ranks[(i, int(j))] = per[art]
                scores[(i, int(j))] = s
    out: dict[tuple[int, int], float] = {}
    for (i, j), r in ranks.items():
        back = ranks.get((j, i))
        if i < j and back is not None and r + back <= params.rank_sum:
            out[(i, j)] = scores[(i, j)]
    return out


def _closure(
    pairs: dict[tuple[int, int], float],
    w: sparse.csr_matrix,
    articles: np.ndarray,
    params: Params,
) -> dict[tuple[int, int], float]:
    """Add a-c where a-b and b-c are linked across three articles and a, c are similar enough.

    Outlets word one claim differently, so two of them may each match a third better than
    each other ("gave the order to kill" ~ "shoot to kill" ~ "open fire without warning")."""
    neighbours: dict[int, set[int]] = defaultdict(set)
    for i, j in pairs:
        neighbours[i].add(j)
        neighbours[j].add(i)
    todo: set[tuple[int, int]] = set()
    for around in neighbours.values():
        for i in around:
            for j in around:
                if i < j and articles[i] != articles[j] and (i, j) not in pairs:
                    todo.add((i, j))
    out = dict(pairs)
    if not todo:
        return out
    left, right = zip(*sorted(todo), strict=True)
    sims = np.asarray(w[list(left)].multiply(w[list(right)]).sum(axis=1)).ravel()
    for i, j, s in zip(left, right, sims, strict=True):
        if s >= params.closure_score:
            out[(i, j)] = float(s)
    return out


def _cap(
    pairs: dict[tuple[int, int], float], articles: np.ndarray, params: Params
) -> dict[tuple[int, int], float]:
    """Keep a pair only if, for both its statements, it is among their `per_article` best
    links into the other's article and their `per_statement` best links overall."""
    ranked: dict[int, list[tuple[float, int, int]]] = defaultdict(list)
    for (i, j), s in pairs.items():
        ranked[i].append((s, i, j))
        ranked[j].append((s, i, j))
    kept: dict[int, set[tuple[int, int]]] = {}
    for k, links in ranked.items():
        per: dict[int, int] = defaultdict(int)
        chosen: set[tuple[int, int]] = set()
        for _, i, j in sorted(links, reverse=True):
            other = int(articles[j if i == k else i])
            if per[other] < params.per_article and len(chosen) < params.per_statement:
                per[other] += 1
                chosen.add((i, j))
        kept[k] = chosen
    return {p: s for p, s in pairs.items() if p in kept[p[0]] and p in kept[p[1]]}


def story_pairs(
    refs: Sequence[StatementRef],
    docs: Sequence[list[tuple[str, str]]],
    params: Params,
) -> dict[tuple[int, int], float]:
    """Linked pairs (positions into refs) of one story, with their scores."""
    articles = np.array([r.article_id for r in refs])
    w = story_weights(docs, params)
    pairs = _direct(_score_rows(w), articles, params)
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
        actors={_fold(x): x for x in ref.actors},
        places={_fold(x): x for x in ref.places},
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


def _spans_by_article(
    rows: Iterable[tuple[int, int, int, str]],
) -> dict[int, list[tuple[int, int, str]]]:
    out: dict[int, list[tuple[int, int, str]]] = defaultdict(list)
    for article_id, start, end, label in rows:
        out[article_id].append((start, end, label))
    return out


def _overlapping(spans: list[tuple[int, int, str]], start: int, end: int) -> frozenset[str]:
    return frozenset(label for s, e, label in spans if s < end and e > start)


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
            select(PlaceMention.article_id, PlaceMention.start, PlaceMention.end, Place.name).join(
                Place, col(Place.id) == PlaceMention.place_id
            )
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
                actors=_overlapping(actors[article_id], start, end),
                places=_overlapping(places[article_id], start, end),
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
