"""What the extractors return: plain typed records with offsets into the article body.

Extractors are pure: text (or a spaCy Doc of it) in, records out. Storing them is
the pipeline's job.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

# `casualties`: killed and injured together, where the text does not split them ("five shot").
MEASURES = ("killed", "injured", "casualties", "arrested", "troops", "other")
EVENTS = ("this", "other")
# The kinds of actor (app/extract/actors.py).
PERSON = "person"
ORG = "organization"
STATUSES = ("reported", "preliminary", "revised", "retracted", "disputed")
QUALIFIERS = ("exact", "at_least", "more_than", "about", "nearly", "up_to", "range")


@dataclass(frozen=True)
class SentenceSpan:
    start: int
    end: int


@dataclass
class FoundFigure:
    start: int
    end: int
    text: str
    sentence_start: int
    sentence_end: int
    value: float | None
    value_high: float | None = None
    qualifier: str = "exact"
    measure: str = "other"
    group: str = "total"
    place: str | None = None  # canonical place name (city, else country)
    source: str = "unknown"
    ref_date: dt.date | None = None
    # A figure computed from others (a total of stated parts, killed split from "five shot,
    # two fatally"); `parts` are indices into the same article's figure list, in both
    # directions: a derived figure's inputs, or the parts the text names for a whole.
    derived: bool = False
    parts: list[int] = field(default_factory=list)
    event: str = "this"  # this | other (a roundup, an earlier incident, a past year)
    event_reason: str = ""
    status: str = "reported"  # reported | preliminary | revised | retracted | disputed
    in_title: bool = False  # offsets then point into the article's title, not its body


@dataclass
class FoundStatement:
    start: int
    end: int
    text: str


@dataclass(slots=True)
class FoundMention:
    """A mention of an actor or a place; `key` is the name it is grouped under."""

    start: int
    end: int
    text: str
    key: str
    kind: str  # person | organization | city | country
    in_title: bool = False  # start/end then point into the article's title, not its body


@dataclass
class FoundPlace:
    name: str
    kind: str  # city | country
    country: str | None
    lat: float | None
    lon: float | None
    aliases: set[str] = field(default_factory=set)


@dataclass
class FoundDate:
    start: int
    end: int
    text: str
    value: dt.date | None
    basis: str  # stated | relative | unresolved
