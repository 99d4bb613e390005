"""What the extractors return: plain typed records with offsets into the article body.

Extractors are pure: text (or a spaCy Doc of it) in, records out. Storing them is
the pipeline's job.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

MEASURES = ("killed", "injured", "arrested", "troops", "other")
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


@dataclass
class FoundStatement:
    start: int
    end: int
    text: str


@dataclass
class FoundMention:
    """A mention of an actor or a place; `key` is the name it is grouped under."""

    start: int
    end: int
    text: str
    key: str
    kind: str  # person | organization | city | country


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
