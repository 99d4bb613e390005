"""A report without a date joins another's counts only where the two have something in common.

Two events of one kind (two quakes on one island, two shootings in one county) read alike, and
a report that gives no date can land in the other's story. Between two dated reports time
tells a count that moved from one that belongs elsewhere; with no date on one side nothing
does, and "five hurt" beside "80 hurt" may be an early count or another event. A reader then
looks for what the two share: a count they give alike (the same number of dead, of hurt, or
of the same things, wherever each report places it and however it words who was hit), or a
person both name. One dead in each is no count in common where one report names its victim
and the other, naming people, never names that one: two deaths of one kind. A report that
says its toll rose ("the toll rose to 31") follows an earlier count of its story's event, and
stays linked to it. Two reports of
which one is undated and that share neither tell of events nobody can show to be one: none
of their figures is linked.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from app.extract.figure_lexicon import HARM_MEASURES
from app.link.figure_groups import normalise_group

# A count as two reports of one event give it alike: its measure, what it counts (only for
# other than harm: "three bank clerks killed" and "three dead" are one toll), its values.
CountKey = tuple[str, str, float, float | None]


@dataclass
class Common:
    """Per article: whether it is dated, the counts of this event it gives and the persons
    it names by full name."""

    dated: set[int] = field(default_factory=set)
    # Names of places: a person's name that is one of them is not a person (a city read as one).
    places: frozenset[str] = frozenset()
    # The articles that may meet an undated one (in its story); None: all. The others are
    # never asked about, and at 100,000 dated articles their counts would fill memory.
    among: set[int] | None = None
    counts: dict[int, set[CountKey]] = field(default_factory=lambda: defaultdict(set))
    persons: dict[int, set[str]] = field(default_factory=lambda: defaultdict(set))
    # Does one of two reports tell of a single victim it names, whom the other never names
    # (figure_victims.py)? Then "one killed" in both is no count in common.
    other_victim: Callable[[int, int], bool] = lambda _a, _b: False
    # Undated articles that say a toll of theirs rose: a sequel of an earlier report.
    follows: set[int] = field(default_factory=set)
    _seen: dict[tuple[int, int], bool] = field(default_factory=dict)

    def _reads(self, article_id: int) -> bool:
        return self.among is None or article_id in self.among

    def add_person(self, article_id: int, name: str) -> None:
        if not self._reads(article_id):
            return
        name = " ".join(name.lower().split())
        # A full name: a lone given name or surname may be anyone's.
        if len(name.split()) > 1 and name not in self.places:
            self.persons[article_id].add(name)

    def add_count(
        self,
        article_id: int,
        measure: str,
        group: str,
        value: float | None,
        high: float | None,
        event: str,
    ) -> None:
        if value is None or event != "this" or not self._reads(article_id):
            return
        counted = "" if measure in HARM_MEASURES else normalise_group(group)
        self.counts[article_id].add((measure, counted, value, high))

    def apart(self, a: int, b: int) -> bool:
        """Is one of a and b undated, with no count and no person in common?"""
        if (a in self.dated and b in self.dated) or a in self.follows or b in self.follows:
            return False
        key = (a, b) if a < b else (b, a)
        found = self._seen.get(key)
        if found is None:
            counts = self.counts.get(a, set()) & self.counts.get(b, set())
            if all(_one_harmed(c) for c in counts) and self.other_victim(a, b):
                counts = set()  # one dead in each, but not the same one
            shared = counts or self.persons.get(a, set()) & self.persons.get(b, set())
            found = self._seen[key] = not shared
        return found


# A toll said to have grown: "rose to 31", "has climbed to", "the number of dead increased".
GROWN = re.compile(r"\b(?:rose|risen|rises|climbed|climbs|jumped|increased|mounted|grew)\b", re.I)


def _one_harmed(count: CountKey) -> bool:
    return count[0] in HARM_MEASURES and count[2] == 1


def read_common(
    dated: Iterable[int],
    persons: Iterable[tuple[int, str]],
    counts: Iterable[tuple[int, str, str, float | None, float | None, str]],
    places: Iterable[str] = (),
) -> Common:
    """`dated`: the articles with a date; `persons`: (article, a person's name as named
    there); `counts`: (article, measure, group, value, upper value, event); `places`: names
    of places, which a person's name that is one of them is not (a city read as a person)."""
    out = Common(dated=set(dated), places=frozenset(p.lower() for p in places))
    for article_id, name in persons:
        out.add_person(article_id, name)
    for count in counts:
        out.add_count(*count)
    return out
