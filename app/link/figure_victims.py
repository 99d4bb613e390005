"""Reports that name different victims of a single death are two events, not two counts of one.

Two killings of one kind (two deputies shot, a year apart) read alike, and a report that
gives no date can land in the other's story. A report of a single victim names that victim;
another report of the same death names the same person, or at least the surname somewhere.
So two reports that each name the person their count is made of, where one of them tells of
that one victim alone and neither names the other's, tell of different deaths: none of their
figures is linked. Where both count several victims (a mass shooting, each report profiling
another victim) the names say nothing of which event it is, and the rule stays silent.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

# A count of people harmed: what a named victim is counted in.
HARM = frozenset({"killed", "injured", "casualties"})


def surname(name: str) -> str:
    """ "Mara Belle \"Bee\" Quist" -> "quist": the word two reports of one person share."""
    words = name.replace('"', " ").split()
    return words[-1].strip(".,'’").lower() if words else ""


@dataclass
class Victims:
    """Per article: the surnames of the persons it names, those of the victims its counts are
    made of, and its largest count of people harmed."""

    names: dict[int, set[str]] = field(default_factory=lambda: defaultdict(set))
    named: dict[int, set[str]] = field(default_factory=lambda: defaultdict(set))
    largest: dict[int, float] = field(default_factory=lambda: defaultdict(float))

    def add_person(self, article_id: int, name: str) -> None:
        if word := surname(name):
            self.names[article_id].add(word)

    def add_count(
        self, article_id: int, measure: str, group: str, value: float | None, event: str
    ) -> None:
        """A figure of the article; read after all its persons are added."""
        if measure not in HARM or event != "this" or value is None:
            return
        self.largest[article_id] = max(self.largest[article_id], value)
        word = surname(group)
        # Its group is a person the article names ("tom quist", "deputy quist"), not a role.
        if value == 1 and len(word) > 2 and word in self.names.get(article_id, ()):
            self.named[article_id].add(word)

    def apart(self, a: int, b: int) -> bool:
        """Do articles a and b tell of the deaths or injuries of different people?"""
        va, vb = self.named.get(a), self.named.get(b)
        if not va or not vb:
            return False
        if self.largest[a] > 1 and self.largest[b] > 1:
            return False  # several victims each: a report may profile any one of them
        return not _any_known(va, self.names[b]) and not _any_known(vb, self.names[a])

    def unnamed_in(self, a: int, b: int) -> bool:
        """Does a tell of one victim it names, and b name people but never that one?"""
        va, names = self.named.get(a), self.names.get(b)
        if not va or not names or self.largest[a] > 1:
            return False
        return not _any_known(va, names)


def _any_known(victims: set[str], names: set[str]) -> bool:
    """Is any victim among the names, a letter's slip allowed ("Hollis" / "Holliss")?"""
    return any(v in names or any(_one_slip(v, n) for n in names) for v in victims)


def _one_slip(a: str, b: str) -> bool:
    """Two words of four letters or more one letter apart: one added, dropped or changed."""
    if min(len(a), len(b)) < 4 or abs(len(a) - len(b)) > 1:
        return False
    if len(a) > len(b):
        a, b = b, a
    for i, (x, y) in enumerate(zip(a, b, strict=False)):
        if x != y:
            rest = i + 1 if len(a) == len(b) else i
            return a[rest:] == b[i + 1 :]
    return True


def read_victims(
    persons: Iterable[tuple[int, str]],
    figures: Iterable[tuple[int, str, str, float | None, str]],
) -> Victims:
    """`persons`: (article, a person's name as named there); `figures`: (article, measure,
    group, value, event)."""
    out = Victims()
    for article_id, name in persons:
        out.add_person(article_id, name)
    for article_id, measure, group, value, event in figures:
        out.add_count(article_id, measure, group, value, event)
    return out
