"""Named victims: who a one-person figure names, and the dead a report names one by one.

A report often never counts its dead: "Ada Voss died at the scene." ... "Ben Ortiz died
at a hospital on Sunday." Two different people, each told dead, are two dead of the event:
a derived figure whose parts are their deaths. Within one sentence figure_derived adds up
such a list; here the names stand in sentences of their own.

A person is named more than once, and not always the same way: "Ada Voss", "Voss",
"Officer Voss", "Ada". A name that is a part of a fuller one is that person, and so is a
name that is a part of just one fuller name that the report gives anyone it counts
("Ben Ortiz was shot" ... "Ben died"). Only where the report states no toll of its own
(a count of two or more dead): where it does, the names are of those it counted.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from app.extract.figure_lexicon import GROUP_OF_NOUN
from app.extract.figure_people import VICTIM_NOUNS
from app.extract.types import FoundFigure

# Groups of a described victim, not a name: "the man", "a deputy".
_NOT_NAMES = VICTIM_NOUNS | set(GROUP_OF_NOUN.values()) | {"person", "person named before"}
# Words of a group that are no part of the name: "officer ada voss", "mother ada voss".
_TITLES = VICTIM_NOUNS | set(GROUP_OF_NOUN) | {"sgt", "sgt.", "lt", "lt.", "dr", "dr.", "mr", "mrs"}


def name_key(f: FoundFigure) -> str | None:
    """The surname of one victim the text names ("Ada Voss": "voss"), else None."""
    if f.value != 1 or f.derived or f.event != "this" or not f.text[:1].isupper():
        return None
    if f.text.split()[0].lower() in ("a", "an", "the", "his", "her", "their", "one"):
        return None
    if f.group in _NOT_NAMES or not f.group.replace(" ", "").replace("-", "").isalpha():
        return None
    return f.group.split()[-1]


def _name(f: FoundFigure) -> frozenset[str]:
    """The words of the name a one-person figure gives, without titles."""
    if name_key(f) is None:
        return frozenset()
    return frozenset(w for w in f.group.split() if w not in _TITLES)


def _person(name: frozenset[str], fuller: Sequence[frozenset[str]]) -> frozenset[str]:
    """The fullest name of the person `name` names: itself, or the one fuller name it is
    a part of (none where it is a part of several: "Voss" beside "Ada Voss" and "Ed Voss")."""
    over = {n for n in fuller if name < n}
    return over.pop() if len(over) == 1 else name


def named_totals(figures: Sequence[FoundFigure]) -> list[FoundFigure]:
    """At most one derived figure: the distinct people a report names dead, where it names
    two or more of them and states no toll."""
    this = [f for f in figures if f.event == "this" and not f.in_title]
    if any(f.measure == "killed" and not f.derived and (f.value or 0) >= 2 for f in this):
        return []
    fuller = [n for f in this if (n := _name(f))]
    people: dict[frozenset[str], int] = {}
    for k, f in enumerate(figures):
        if f.measure != "killed" or f.in_title or not (name := _name(f)):
            continue
        people.setdefault(_person(name, fuller), k)
    # One person named in two ways the names cannot tell apart ("Voss" and "Ada"): the
    # shorter is the fuller one's.
    distinct = [n for n in people if not any(n < m for m in people)]
    if len(distinct) < 2:
        return []
    total = float(len(distinct))
    if any(f.measure == "killed" and f.value == total for f in this):
        return []  # a sentence's own list of them, or a toll that is theirs
    idx = sorted(people[n] for n in distinct)
    first, last = figures[idx[0]], figures[idx[-1]]
    return [
        replace(
            first,
            end=max(figures[i].end for i in idx),
            text=" … ".join(figures[i].text for i in idx),
            value=total,
            value_high=None,
            qualifier="exact",
            group="total",
            derived=True,
            parts=idx,
            place=first.place if first.place == last.place else None,
        )
    ]
