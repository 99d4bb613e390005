"""Statement terms: the words of a claim reduced to what two reports of it share.

Each word becomes its stem or its concept (app/link/statement_lexicon.py), beside the
statement's actors, places and numbers; `claim_pairs` finds a claim's predicate beside its
arguments. The linking itself (app/link/statement_scoring.py) weighs and compares these terms.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise
from typing import TypeVar

from app.link.statement_lexicon import (
    CASED_WORD,
    CONCEPTS,
    IRREGULAR,
    STOP,
    WORD,
    fold,
    phrase_head,
    phrase_terms,
    stem,
    words_of,
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
    figures: frozenset[tuple[str, float]] = frozenset()  # (measure, value) of its figures


T = TypeVar("T")


def read_once(refs: Sequence[StatementRef], read: Callable[[StatementRef], T]) -> list[T]:
    """`read(ref)` for each statement, worked out once per wording: copies (wire stories,
    syndication) repeat whole sentences, and a story gathers its copies."""
    done: dict[
        tuple[str, frozenset[str], frozenset[str], frozenset[float], frozenset[tuple[str, float]]],
        T,
    ] = {}
    out: list[T] = []
    for r in refs:
        key = (r.text, r.actors, r.places, r.numbers, r.figures)
        if key not in done:
            done[key] = read(r)
        out.append(done[key])
    return out


# ---------------------------------------------------------------------------------------------
# Words to terms


def word_terms(text: str) -> list[tuple[str, str]]:
    """(term, surface word) for each content word; synonyms share one `~concept` term."""
    out: list[tuple[str, str]] = []
    words = WORD.findall(fold(text))
    for k, word in enumerate(words):
        found = _in_phrase(words, k) if phrase_head(word) else None
        if found is not None:  # shown with the word that decides it: "open fire", "call on"
            out.extend((t, f"{word} {_around(words, k)[2]}") for t in found)
            continue
        for part in word.replace("'", "-").split("-"):
            out.extend((t, part) for t in _part_terms(part))
    return out


def _around(words: Sequence[str], k: int) -> tuple[str, str, str]:
    """The word before, the word, the word after ("" beyond the ends)."""
    return (words[k - 1] if k else "", words[k], words[k + 1] if k + 1 < len(words) else "")


def _in_phrase(words: Sequence[str], k: int) -> tuple[str, ...] | None:
    """`phrase_terms` of words[k] (folded) with its neighbours."""
    return phrase_terms(*(fold(w) for w in _around(words, k)))


@lru_cache(maxsize=1 << 18)
def _part_terms(part: str) -> tuple[str, ...]:
    # Cached: a corpus repeats a small vocabulary many times over.
    if len(part) < 2 or part in STOP or part == "s":
        return ()
    s = stem(part)
    concepts = CONCEPTS.get(part) or CONCEPTS.get(s)
    return tuple(f"~{c}" for c in concepts) if concepts else (s,)


def _words_in_order(text: str) -> list[str]:
    return text.split()


_NUMBER_WORDS = {
    w: float(i)
    for i, w in enumerate(
        _words_in_order(
            "zero one two three four five six seven eight nine ten eleven twelve thirteen"
            " fourteen fifteen sixteen seventeen eighteen nineteen twenty"
        )
    )
}
_MONTHS = (
    "jan feb mar apr may jun jul aug sep sept oct nov dec january february march april june"
    " july august september october november december"
)
_MONTH = rf"(?:{'|'.join(_MONTHS.split())})\.?"
_STATED = re.compile(
    rf"(?<![\w.,])(\d{{1,3}}(?:,\d{{3}})+|\d+(?:\.\d+)?|{'|'.join(_NUMBER_WORDS)})(?![\w])",
    re.IGNORECASE,
)
_DATED = re.compile(rf"{_MONTH}\s+$|^(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH}\b", re.IGNORECASE)


def _as_number(word: str) -> float | None:
    """The value of a number in digits ("1,300") or in words up to twenty ("twelve")."""
    if word[:1].isdigit():
        try:
            return float(word.replace(",", ""))
        except ValueError:
            return None
    return _NUMBER_WORDS.get(word.lower())


def stated_numbers(text: str) -> frozenset[float]:
    """The numbers a sentence states, in digits or words up to twenty, leaving out years and
    days of a month ("in 2019", "July 13"): two sentences that state different numbers report
    different counts, whatever their words share."""
    out: set[float] = set()
    for m in _STATED.finditer(text):
        raw = m.group(1)
        word = _NUMBER_WORDS.get(raw.lower())
        value = word if word is not None else float(raw.replace(",", ""))
        if word is None and raw.isdigit() and len(raw) == 4 and 1800 <= value <= 2100:
            continue  # a year
        before, after = text[max(0, m.start() - 12) : m.start()], text[m.end() : m.end() + 14]
        if _DATED.search(before) or _DATED.search(after):
            continue
        out.add(value)
    return frozenset(out)


def _number_key(value: float) -> str:
    return f"#{value:g}"


def terms(ref: StatementRef) -> list[tuple[str, str]]:
    """Every term of a statement with the words that show it in a reason."""
    out = word_terms(ref.text)
    out.extend((f"@actor:{fold(a)}", a) for a in ref.actors)
    out.extend((f"@place:{fold(p)}", p) for p in ref.places)
    out.extend((_number_key(n), f"{n:g}") for n in ref.numbers)
    return out


def name_terms(ref: StatementRef) -> frozenset[str]:
    """The word terms of the statement's actors and places: a shared name is one piece of
    evidence (its `@` term), not one per word of it."""
    return frozenset(t for name in ref.actors | ref.places for t in _name_terms(name))


@lru_cache(maxsize=1 << 16)
def _name_terms(name: str) -> frozenset[str]:
    return frozenset(t for t, _ in word_terms(name))


# Concepts that are something done (a predicate) rather than someone or something it is done
# to; "say" is left out: who said it is the attribution, not the claim.
_DOING = words_of(
    "kill die injure order arrest reduce block rise dismiss protect leave send support train close"
    " ask keep start"
)
# Concepts that direct someone to do something: their claim is what they direct.
DIRECTING = ("~order", "~ask")


def _doing(word: str, found: tuple[str, ...]) -> bool:
    """Whether a word reads as a predicate: a concept of doing, or a verb form by its ending
    ("blocked", "rising") or an irregular past ("gave", "shot")."""
    concepts = [t[1:] for t in found if t[:1] == "~"]
    if concepts:  # the concept decides: "told" is a verb, but saying is not the claim
        return any(c in _DOING for c in concepts)
    return word.endswith(("ed", "ing")) or word in IRREGULAR


@lru_cache(maxsize=1 << 18)
def _word_slots(word: str) -> tuple[tuple[tuple[str, ...], bool], ...]:
    """(terms, is a predicate) for each part of a word as written; cached, since a corpus
    repeats a small vocabulary many times over."""
    number = _as_number(word)
    if number is not None:  # "killing 12" / "shot dead 12": a count beside its predicate
        return (((_number_key(number),), False),)
    out: list[tuple[tuple[str, ...], bool]] = []
    for part in fold(word).replace("'", "-").split("-"):
        found = _part_terms(part)
        if found:
            out.append((found, _doing(part, found)))
    return tuple(out)


def claim_pairs(ref: StatementRef, window: int) -> frozenset[str]:
    """Pairs of terms that stand within `window` content words of each other, one of them a
    predicate ("closed the border", "rise in bread prices"): a claim's predicate sits beside
    its arguments, so two reports of one claim share such a pair while two sentences that
    merely share a story's vocabulary share words scattered apart, or only its nouns ("bread
    protests"). Two names, or two words of names and titles ("President Radomir Velitchko"), are
    not a pair: a name says who, not what was done."""
    slots = _text_slots(ref.text)
    names = name_terms(ref)
    if names:
        names = names & frozenset(x for found, _, _ in slots for x in found)
    return _pairs(ref.text, names, window)


@lru_cache(maxsize=1 << 14)
def _text_slots(text: str) -> tuple[tuple[tuple[str, ...], bool, bool], ...]:
    """(terms, is a predicate, is capitalised inside the sentence) for each word part."""
    out: list[tuple[tuple[str, ...], bool, bool]] = []
    words = CASED_WORD.findall(text)
    for i, word in enumerate(words):
        # A capital inside the sentence marks a name or a title; the first word says nothing.
        cased = i > 0 and word[:1].isupper()
        found = _in_phrase(words, i) if phrase_head(word) else None
        if found is not None:
            if found:
                out.append((found, any(t[1:] in _DOING for t in found), cased))
            continue
        out.extend((found, doing, cased) for found, doing in _word_slots(word))
    return tuple(out)


# An insert between two commas, two dashes or in brackets ("the bridge of the port, its oldest,
# stays shut"; "to, if they must, use tear gas"): what stands on either side of it is one
# phrase. Which two commas bound an insert only a parse could tell ("Still, the bridge of the
# port, its oldest, stays shut"), so each span between two neighbouring commas is tried apart.
_COMMA = re.compile(r"\s*,\s*")
_BRACKETED = re.compile(r"\s+[–—]\s[^;:.!?()\[\]–—]{1,100}\s[–—]\s+|\s*[(\[][^()\[\]]{1,100}[)\]]")
_CLAUSE_WORDS = words_of("who whom whose which that where when while and but or as because")
_LONGEST_INSERT = 100  # characters: a longer span between commas is a clause, not an insert


def _without_inserts(text: str) -> list[str]:
    """The text without each of its inserts in turn (the bracketed ones all at once)."""
    bare = _BRACKETED.sub(" ", text)
    out = [bare] if bare != text else []
    commas = list(_COMMA.finditer(bare))
    for left, right in pairwise(commas):
        after = bare[right.end() : right.end() + 8].split(" ", 1)[0].lower()
        # What follows a relative word or a conjunction is a clause of its own ("unrest, with
        # many calling for the former leader, who resigned"), not the insert's other side.
        if right.start() - left.end() <= _LONGEST_INSERT and after not in _CLAUSE_WORDS:
            out.append(bare[: left.start()] + " " + bare[right.end() :])
    return out


@lru_cache(maxsize=1 << 14)
def _pairs(text: str, names: frozenset[str], window: int) -> frozenset[str]:
    # Cached by wording: copies of one story (wire stories, syndication) repeat sentences.
    out = set(_pairs_in(text, names, window))
    for bare in _without_inserts(text):
        out |= _pairs_in(bare, names, window)
    return frozenset(out)


def _pairs_in(text: str, names: frozenset[str], window: int) -> frozenset[str]:
    slots = [
        (found, name, doing and not name)
        for found, doing, cased in _text_slots(text)
        for name in [cased or (bool(names) and any(x in names for x in found))]
    ]
    out: set[str] = set()
    for i, (here, here_name, here_doing) in enumerate(slots):
        for there, there_name, there_doing in slots[i + 1 : i + 1 + window]:
            if (here_name and there_name) or not (here_doing or there_doing):
                continue
            for a in here:
                for b in there:
                    if a != b:
                        out.add(f"{a}|{b}" if a < b else f"{b}|{a}")
        if not here_name and any(x in here for x in DIRECTING):
            out.update(_directed(here, slots[i + 1 : i + 1 + _DIRECTED_REACH]))
    return frozenset(out)


# How far an order reaches for what it orders ("told the guards and the wardens to, if they
# must, lock the gates"): further than `window`, since whom it orders stands between.
_DIRECTED_REACH = 8


def _directed(order: tuple[str, ...], after: list[tuple[tuple[str, ...], bool, bool]]) -> set[str]:
    """The order beside each predicate within reach after it: an order's claim is what it
    orders ("ordered the troops to open fire" / "gave the order to shoot"). Which of them is
    the one ordered only a parse could tell ("ordered the border guards to open fire")."""
    return {
        f"{a}|{b}" if a < b else f"{b}|{a}"
        for there, _, there_doing in after
        if there_doing
        for a in order
        for b in there
        if a != b
    }
