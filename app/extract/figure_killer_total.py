"""The dead of an event when a report tells the killer's death apart from his victims.

"The gunman killed 12 people at the fair." ... "The gunman was shot dead by officers." A
toll of victims leaves the killer out; told in another sentence, his death makes the dead
of the event one more: a derived figure whose parts are the toll and the killer's death.
Within one sentence figure_derived does the same ("killed two and then himself").

Only where the text ties the two together: the killer's death is told of a word for the
doer ("the shooter", "Gunman Jon Roe") and the toll's sentence names the doer too; a toll
that already counts him ("including the gunman") gets nothing.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from app.extract.figure_perpetrator import PERPETRATORS, REFLEXIVE
from app.extract.types import FoundFigure

_DOERS = sorted(PERPETRATORS - REFLEXIVE)
_DOER = re.compile(r"\b(?:" + "|".join(_DOERS) + r")s?\b", re.I)
_TITLED = re.compile(r"\b(?:" + "|".join(_DOERS) + r")\s+$", re.I)
_COUNTS_HIM = re.compile(
    r"\b(?:including|includ(?:es|ed)|plus|counting|and)\s+(?:the\s+|a\s+)?(?:"
    + "|".join(_DOERS)
    + r")|\b(?:himself|herself|themselves)\b",
    re.I,
)


def _killer_death(text: str, f: FoundFigure) -> bool:
    if f.measure != "killed" or f.value != 1 or f.derived or f.event != "this":
        return False
    if f.group in PERPETRATORS:
        return True
    # "Gunman Jon Roe was killed": a name under the doer's title.
    return bool(_TITLED.search(text[max(f.sentence_start, f.start - 12) : f.start]))


def _victims_toll(text: str, f: FoundFigure, killer: FoundFigure) -> bool:
    if (
        f.measure != "killed"
        or f.derived
        or f.event != "this"
        or f.value is None
        or f.value < 2
        or f.group.startswith("additional")
        or f.sentence_start == killer.sentence_start
    ):
        return False
    sentence = text[f.sentence_start : f.sentence_end]
    name = killer.group if killer.group not in PERPETRATORS else None
    named = _DOER.search(sentence) or (
        name is not None and name.split()[-1] in sentence.lower()
    )
    return bool(named) and not _COUNTS_HIM.search(sentence)


def killer_totals(text: str, figures: Sequence[FoundFigure]) -> list[FoundFigure]:
    """At most one derived figure: the largest toll of the killer's victims and his death."""
    killers = [i for i, f in enumerate(figures) if _killer_death(text, f)]
    if not killers:
        return []
    k = killers[0]
    if any(k in f.parts for f in figures if f.derived):
        return []  # his sentence counted him already
    tolls = [i for i, f in enumerate(figures) if _victims_toll(text, f, figures[k])]
    if not tolls:
        return []
    t = max(tolls, key=lambda i: figures[i].value or 0)
    toll, killer = figures[t], figures[k]
    start, end = min(toll.start, killer.start), max(toll.end, killer.end)
    return [
        replace(
            toll,
            start=start,
            end=end,
            text=f"{toll.text} … {killer.text}",
            value=(toll.value or 0) + 1,
            value_high=None,
            group="total",
            derived=True,
            parts=[t, k],
        )
    ]
