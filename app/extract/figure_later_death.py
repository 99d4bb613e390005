"""One person a report tells hurt in one sentence and dead in another: not of the injured.

A report often opens with the death and then goes back over the scene ("A 6-year-old boy
has died after he was shot in Marlow." ... "Officers found the boy wounded in the yard."),
or tells the scene first and the death after ("the child was hurt" ... "the boy was later
pronounced dead at a hospital"). The sentence of the scene tells of one person hit; the
report, of one person who did not live. The injured are those hit who lived
(figure_survivors), so the scene's count is left as one of those hit (`casualties`), and
the death is counted once, by its own sentence.

Only where the text ties the two together: the death is told as coming after the harm
("later died", "died after she was shot", "has died", "succumbed"), the hurt person is
named by the same word for a person as the dead one, or by a word for a child where the
dead is a boy or a girl ("the child" ... "the boy"), and the report tells of no other
person hurt by that word ("another boy was wounded" is someone else).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from app.extract.figure_lexicon import words
from app.extract.types import FoundFigure

# A death told as the end of a harm told before it.
_LATER = re.compile(
    r"\blater\W+(?:\w+\W+){0,2}?(?:died|dies|pronounced dead|succumbed|declared dead)"
    r"|\b(?:died|dies|has died|succumbed)\b\W+(?:\w+\W+){0,3}?(?:after|from)\W+"
    r"(?:\w+\W+){0,2}?(?:shot|wounded|injured|hurt|struck|hit|shooting|gunshot|wounds?|injuries)\b"
    r"|\bhas died\b|\bsuccumbed\b",
    re.I,
)
# Words for one person a report uses again for the same person; a child's word also names
# a boy or a girl.
_PERSONS = words(
    """man woman boy girl teen teenager child toddler baby infant kid youth son daughter
    mother father husband wife brother sister grandmother grandfather officer deputy
    trooper clerk guard driver passenger student"""
)
_CHILD = words("child toddler baby infant kid")
_SEXED_CHILD = words("boy girl")
# Another person than one told before: "another girl", "a second boy", "two other boys".
_ANOTHER = re.compile(r"\b(?:another|other|second|third|fourth|both)\b", re.I)
_WORD = re.compile(r"[a-z]+\b(?!['’]s\b)")
_INDEFINITE = re.compile(r"^(?:a|an|one)\b", re.I)


def _person_word(f: FoundFigure) -> str | None:
    """The word for the one person a figure counts: "the child injured" -> "child" (not
    a possessor's: "the boy's uncle" is no boy)."""
    words = [w for w in _WORD.findall(f.text.lower()) if w in _PERSONS]
    return words[-1] if len(words) == 1 else None


def _same_person(hurt: str, dead: str) -> bool:
    if hurt == dead:
        return True
    return (hurt in _CHILD and dead in _SEXED_CHILD) or (dead in _CHILD and hurt in _SEXED_CHILD)


def _one_person(f: FoundFigure) -> bool:
    return (
        f.event == "this"
        and f.value == 1
        and not f.derived
        and not f.group.startswith("additional")
        and not _ANOTHER.search(f.text)
    )


def _sentence(f: FoundFigure, body: str, title: str) -> str:
    return (title if f.in_title else body)[f.sentence_start : f.sentence_end]


def hurt_then_dead(body: str, title: str, figures: Sequence[FoundFigure]) -> None:
    """Set to `casualties`, in place, the injured count of one person whom another sentence
    of the report tells dead after the harm (see the module's docstring)."""
    deaths = [
        word
        for f in figures
        if f.measure == "killed"
        and _one_person(f)
        and (word := _person_word(f)) is not None
        and _LATER.search(_sentence(f, body, title))
    ]
    if not deaths:
        return
    hurt = [(f, _person_word(f)) for f in figures if f.measure == "injured" and _one_person(f)]
    for f, word in hurt:
        if word is None or not any(_same_person(word, d) for d in deaths):
            continue
        # "a boy" hurt twice over ("a boy" ... "a boy"): two people, and which one died is
        # not told; "the boy" again is the same one.
        alike = [g for g, w in hurt if w is not None and _same_person(w, word)]
        if sum(1 for g in alike if _INDEFINITE.match(g.text)) > 1:
            continue
        if any(
            g.measure == "killed" and _person_word(g) == word and _together(f, g) for g in figures
        ):
            continue  # "a girl died and a girl was hurt": one sentence tells two people
        f.measure = "casualties"


def _together(a: FoundFigure, b: FoundFigure) -> bool:
    return a.in_title == b.in_title and a.sentence_start == b.sentence_start
