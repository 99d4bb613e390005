"""The hurt told by their condition, a sentence for each: "Three victims are in critical
condition. Two others are in stable condition." gives the 5 hurt, where the report counts
them nowhere else.

A hospital's report sorts those it treats by condition, and a story often passes it on
group by group without the sum. The second group must say it is more people ("others",
"two more"), and both sentences must rate a condition: "Five people were shot. Two others
were arrested" is no split of the hurt. Where a count of the hurt already reaches the sum,
the groups are parts of it, and nothing is added.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from app.extract.types import FoundFigure

_HURT = ("injured", "casualties")
_CONDITION = re.compile(
    r"\b(?:critical|serious|stable|good|fair|grave|satisfactory)"
    r"(?:\s+(?:but|and)\s+\w+)?\s+condition\b"
    r"|\bnon-?life-threatening\b|\bminor injuries\b|\btreated and released\b",
    re.I,
)


def _counted(f: FoundFigure) -> bool:
    return f.measure in _HURT and f.event == "this" and not f.derived and f.value is not None


def _more(f: FoundFigure) -> bool:
    """ "Two others", "two more men": people besides those told before."""
    return f.group == "others" or f.group.startswith("additional")


def condition_totals(text: str, figures: Sequence[FoundFigure]) -> list[FoundFigure]:
    """A derived count of the hurt from two groups told by condition in sentences side by
    side; `figures` are the body's, in order."""
    out: list[FoundFigure] = []
    for k, b in enumerate(figures):
        if not (_counted(b) and _more(b)):
            continue
        if not _CONDITION.search(text[b.sentence_start : b.sentence_end]):
            continue
        before = [
            i
            for i, a in enumerate(figures[:k])
            if _counted(a)
            and a.sentence_end <= b.sentence_start
            and not text[a.sentence_end : b.sentence_start].strip()
            and _CONDITION.search(text[a.sentence_start : a.sentence_end])
        ]
        if not before:
            continue
        t = max(before, key=lambda i: figures[i].value or 0)
        a = figures[t]
        total = (a.value or 0) + (b.value or 0)
        if any(_counted(g) and (g.value or 0) >= total for g in figures):
            continue
        out.append(
            replace(
                a,
                end=b.end,
                text=f"{a.text} … {b.text}",
                value=total,
                value_high=None,
                qualifier="at_least" if "at_least" in (a.qualifier, b.qualifier) else a.qualifier,
                measure="injured",
                group="total",
                derived=True,
                parts=[t, k],
            )
        )
    return out
