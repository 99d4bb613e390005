"""Spellings: what a name the reader types stands for, through the merges linking stored.

An actor is every spelling merged into it on /actors; a place is every spelling the articles
used for it and every name the gazetteer knows for it, old names and other scripts included.
The city filter and search both ask here, so a spelling means the same thing on every page.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import quote

from sqlmodel import Session, col, select

from app.extract.gazetteer import strip_accents
from app.extract.place_spellings import spelling_index, spelling_key
from app.link.actors import lookup_keys
from app.models import Actor, ActorAlias, ActorKey, Place, PlaceAlias, PlaceSpelling

# An OR of this many phrases stays cheap in FTS5 and readable in the note above the results.
MAX_PHRASES = 12
_TOKEN = re.compile(r"\w+", re.UNICODE)


def _case_variants(spelling: str) -> set[str]:
    """The few letter cases a stored spelling is likely to have, for an indexed IN lookup."""
    s = " ".join(spelling.split())
    return {s, s.lower(), s.title(), s.capitalize(), s.upper()}


def places_by_spelling(session: Session, spellings: Iterable[str]) -> dict[str, set[int]]:
    """The places each spelling names: as an article wrote it, or any gazetteer name of it.

    Indexed lookups by a few letter cases, then the gazetteer's names (old names, other
    scripts) of the places this database holds, stored when the links change.
    """
    wanted = [s for s in dict.fromkeys(" ".join(s.split()) for s in spellings) if s]
    variants: dict[str, set[str]] = defaultdict(set)
    for spelling in wanted:
        for v in _case_variants(spelling):
            variants[v].add(spelling)
    out: dict[str, set[int]] = defaultdict(set)
    if not variants:
        return out
    for place_id, name in session.exec(
        select(Place.id, Place.name).where(col(Place.name).in_(variants))
    ):
        for spelling in variants[name]:
            out[spelling].add(place_id or 0)
    for place_id, alias in session.exec(
        select(PlaceAlias.place_id, PlaceAlias.alias).where(col(PlaceAlias.alias).in_(variants))
    ):
        for spelling in variants[alias]:
            out[spelling].add(place_id)
    known = _gazetteer_names(session, wanted)
    names = {n for found in known.values() for n in found}
    if names:
        ids = dict(
            session.exec(select(Place.name, Place.id).where(col(Place.name).in_(names))).all()
        )
        for spelling, found in known.items():
            out[spelling].update(ids[n] or 0 for n in found if n in ids)
    return out


def _gazetteer_names(session: Session, wanted: list[str]) -> dict[str, tuple[str, ...]]:
    """The names of the places each spelling is written for: stored with the summaries
    (app/services/list_summaries.py); worked out from the gazetteer where none are stored
    yet (a database never linked by this version)."""
    keys = {s: spelling_key(s) for s in wanted}
    if session.exec(select(PlaceSpelling.id).limit(1)).first() is None:
        index = spelling_index(frozenset(session.exec(select(Place.name))))
        return {s: index.get(key, ()) for s, key in keys.items()}
    stored: dict[str, list[str]] = defaultdict(list)
    query = select(PlaceSpelling.key, PlaceSpelling.name).where(
        col(PlaceSpelling.key).in_(set(keys.values()))
    )
    for key, name in session.exec(query.order_by(col(PlaceSpelling.name))):
        stored[key].append(name)
    return {s: tuple(stored.get(key, ())) for s, key in keys.items()}


def place_ids_for(session: Session, *, spelling: str) -> list[int]:
    """Places known by this spelling, in any letter case, script or former name."""
    return sorted(places_by_spelling(session, [spelling]).get(" ".join(spelling.split()), ()))


def place_names_for(session: Session, *, spelling: str) -> list[str]:
    """The names of the places a spelling stands for, to tell the reader what a filter met."""
    ids = place_ids_for(session, spelling=spelling)
    return sorted(session.exec(select(Place.name).where(col(Place.id).in_(ids)))) if ids else []


@dataclass(frozen=True)
class Spellings:
    """What one run of typed words stands for, and the phrases searched for it."""

    typed: str
    name: str  # the actor's or place's name
    href: str
    phrases: tuple[str, ...]  # the typed words first, then the other spellings

    @property
    def others(self) -> tuple[str, ...]:
        return self.phrases[1:]


def _tokens(text: str) -> tuple[str, ...]:
    return tuple(_TOKEN.findall(strip_accents(text).casefold()))


def fewest_phrases(typed: str, spellings: Iterable[str]) -> tuple[str, ...]:
    """The spellings to OR together: one that holds another's words adds no article
    ("Anna-Maria Velitchko" is found by "Velitchko"), nor one FTS would tokenize alike."""
    first = _tokens(typed)
    chosen: list[tuple[str, tuple[str, ...]]] = [(typed, first)] if first else []
    for spelling in sorted(set(spellings), key=lambda s: (len(_tokens(s)), s.lower())):
        words = _tokens(spelling)
        if not words or any(_holds(words, had) for _, had in chosen):
            continue
        chosen.append((spelling, words))
    return tuple(s for s, _ in chosen[:MAX_PHRASES])


def _holds(words: tuple[str, ...], part: tuple[str, ...]) -> bool:
    n = len(part)
    return any(words[i : i + n] == part for i in range(len(words) - n + 1))


def spellings_of(session: Session, runs: Iterable[str]) -> dict[str, Spellings]:
    """For each run of words that is a spelling of an actor or a place: all its spellings.

    Indexed lookups only (the alias columns, by a few letter cases of each run), whatever
    the size of the collection; a run that names both an actor and a place is the actor.
    """
    wanted = [r for r in dict.fromkeys(" ".join(r.split()) for r in runs) if r]
    out = _actor_spellings(session, wanted)
    rest = [run for run in wanted if run not in out]
    if rest:
        out.update(_place_spellings(session, rest))
    return out


def _actor_spellings(session: Session, runs: list[str]) -> dict[str, Spellings]:
    by_key: dict[str, set[str]] = defaultdict(set)
    by_case: dict[str, set[str]] = defaultdict(set)
    for run in runs:
        by_key[spelling_key(run)].add(run)
        for v in _case_variants(run):
            by_case[v].add(run)
    owners: dict[str, set[int]] = defaultdict(set)
    # The folded keys linking stored (surnames too), and the aliases as recorded: an actor
    # split off by a correction has no keys of its own.
    for actor_id, key in session.exec(
        select(ActorKey.actor_id, ActorKey.key).where(col(ActorKey.key).in_(by_key))
    ):
        for run in by_key[key]:
            owners[run].add(actor_id)
    for actor_id, alias in session.exec(
        select(ActorAlias.actor_id, ActorAlias.alias).where(col(ActorAlias.alias).in_(by_case))
    ):
        for run in by_case[alias]:
            owners[run].add(actor_id)
    if not owners:
        return {}
    ids = set().union(*owners.values())
    actors = {a.id or 0: a for a in session.exec(select(Actor).where(col(Actor.id).in_(ids)))}
    spelt: dict[int, set[str]] = {i: {a.name} for i, a in actors.items()}
    for actor_id, alias in session.exec(
        select(ActorAlias.actor_id, ActorAlias.alias).where(col(ActorAlias.actor_id).in_(ids))
    ):
        spelt[actor_id].add(alias)
    out: dict[str, Spellings] = {}
    for run, found in owners.items():
        # A key left behind by a split spelling no longer names its old actor.
        key = spelling_key(run)
        found = {i for i in found if i in actors and key in _keys_of(actors[i], spelt[i])}
        if not found:
            continue
        # Several actors written alike: the one with most spellings names the note.
        lead = actors[max(found, key=lambda i: (len(spelt[i]), -i))]
        every = set().union(*(spelt[i] for i in found))
        out[run] = Spellings(run, lead.name, f"/actors/{lead.slug}", fewest_phrases(run, every))
    return out


def _keys_of(actor: Actor, spellings: set[str]) -> set[str]:
    return lookup_keys(spellings, actor.kind) | {spelling_key(s) for s in spellings}


def _place_spellings(session: Session, runs: list[str]) -> dict[str, Spellings]:
    by_run = places_by_spelling(session, runs)
    ids = set().union(*by_run.values()) if by_run else set()
    if not ids:
        return {}
    places = {p.id or 0: p for p in session.exec(select(Place).where(col(Place.id).in_(ids)))}
    spelt: dict[int, set[str]] = defaultdict(set)
    for place_id, alias in session.exec(
        select(PlaceAlias.place_id, PlaceAlias.alias).where(col(PlaceAlias.place_id).in_(ids))
    ):
        spelt[place_id].add(alias)
    out: dict[str, Spellings] = {}
    for run, found in by_run.items():
        if not found:
            continue
        # A city and a country written alike ("Mexico"): the note names the city.
        lead = places[max(found, key=lambda i: (places[i].kind == "city", -i))]
        every = set().union(*(spelt[i] | {places[i].name} for i in found))
        out[run] = Spellings(
            run, lead.name, f"/?city={quote(lead.name)}", fewest_phrases(run, every)
        )
    return out
