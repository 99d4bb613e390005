"""Place candidates: runs of capitalised words in a text that the gazetteer knows, longest
first, before any reading of whether they are meant as places (app/extract/places.py).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise

from spacy.lang.en.stop_words import STOP_WORDS

from app.extract.gazetteer import Gazetteer, Match, Place


def word_set(words: str) -> frozenset[str]:
    return frozenset(words.split())


# A name word: letters, inner hyphens and apostrophes ("Nur-Sultan", "O'Hare"), or dotted
# initials ("U.S.").
_WORD_RE = re.compile(r"(?:[A-Z]\.){2,}|[^\W\d_](?:[^\W_]|[-'’ʻ](?=[^\W\d_]))*")


POSSESSIVE_RE = re.compile(r"['’]s$")


# Lower-case words that may stand inside a place name ("Rio de Janeiro").
_CONNECTORS = word_set("de del della di da do dos das du des la le el al am an es en y sur upon")


_MAX_WORDS = 4


MONTHS_AND_DAYS = word_set(
    """january february march april may june july august september october november
    december monday tuesday wednesday thursday friday saturday sunday"""
)


def without_days(words: list[str]) -> list[str]:
    """A run of capitalised words without the days and months that follow its name: "in
    Alder Creek Monday", "southeast Dayton Saturday night"."""
    end = len(words)
    while end > 1 and words[end - 1].lower() in MONTHS_AND_DAYS:
        end -= 1
    return words[:end]


@dataclass(frozen=True)
class _Word:
    start: int
    end: int
    text: str


@dataclass
class Candidate:
    start: int
    end: int
    text: str
    places: tuple[Place, ...]
    quality: int


def _words(text: str) -> list[_Word]:
    words: list[_Word] = []
    for match in _WORD_RE.finditer(text):
        word = match.group()
        end = match.end()
        possessive = POSSESSIVE_RE.search(word)
        if possessive and len(word) > 2:
            word = word[: possessive.start()]
            end = match.start() + len(word)
        words.append(_Word(match.start(), end, word))
    return words


def is_capitalised(word: str) -> bool:
    return word[:1].isupper()


def _looks_like_name(word: str) -> bool:
    """Capitalised, with lower case after the first letter or a short acronym ("US", "U.K.")."""
    if not is_capitalised(word):
        return False
    if any(ch.islower() for ch in word):
        return True
    return len(word.replace(".", "")) <= 3


def find_candidates(text: str, gazetteer: Gazetteer) -> list[Candidate]:
    """Longest runs of up to four words that the gazetteer knows, left to right."""
    words = _words(text)
    found: list[Candidate] = []
    i = 0
    while i < len(words):
        first = words[i]
        if not _looks_like_name(first.text):
            i += 1
            continue
        hit: Candidate | None = None
        for n in range(min(_MAX_WORDS, len(words) - i), 0, -1):
            run = words[i : i + n]
            if not is_capitalised(run[-1].text):
                continue
            if any(text[a.end : b.start] != " " for a, b in pairwise(run)):
                continue
            if any(not is_capitalised(w.text) and w.text not in _CONNECTORS for w in run[1:-1]):
                continue
            if n == 1 and _skip_single(first.text):
                continue
            span_text = text[first.start : run[-1].end]
            match: Match | None = gazetteer.match(span_text)
            if match:
                hit = Candidate(first.start, run[-1].end, span_text, match.places, match.quality)
                i += n
                break
        if hit is None:
            i += 1
        else:
            found.append(hit)
    return found


def _skip_single(word: str) -> bool:
    lower = word.lower()
    if lower in MONTHS_AND_DAYS:
        return True
    # A stop word in title case ("The", "May", "Of"); "US" in capitals is a country.
    return lower in STOP_WORDS and not word.isupper()


def coordinated(cand: Candidate, others: Sequence[Candidate], text: str) -> bool:
    """In a list with another place: "Uralsk and Aktobe", "Kyiv, Lviv and Odesa"."""
    for other in others:
        if other.end <= cand.start:
            gap = text[other.end : cand.start]
        elif other.start >= cand.end:
            gap = text[cand.end : other.start]
        else:
            continue
        if re.fullmatch(r"\s*(?:,|and|or|&|,\s*and|,\s*or)\s*", gap):
            return True
    return False


def choose_reading(places: tuple[Place, ...], countries: set[str]) -> Place:
    """The best-ranked candidate, or a comparably large one in a country the article names."""
    best = places[0]
    if best.kind == "country":
        return best
    for place in places[1:]:
        if (
            place.kind == "city"
            and place.official == best.official
            and place.country_code in countries
            and best.country_code not in countries
            and place.population * 3 >= best.population
        ):
            return place
    return best
