"""The injured of a whole report: those hit who lived, read across its sentences and title.

A report tells who was shot in one place and who died in another; the injured (shot and
alive) then follow from the two together, never from one sentence alone:

- "Five people were shot outside a bar" in a report that tells of no death of its own: all
  five are injured (figure_across.all_survived). Deaths in sentences about another event
  ("in a similar shooting three years ago, two died") are not this event's.
- "A clerk was killed." ... "Three other people were shot, too.": the others, set apart from
  the dead, lived; a count of them is of the injured (figure_fate.others_than_dead does the
  same within one sentence).
- "Five people were shot." ... "One of them, a cook, died at a hospital." (a toll of 1): the
  shot who are left once the dead are taken out are the injured, 4 (derived, its parts the
  count of the shot and the toll).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from app.extract.figure_across import all_survived
from app.extract.figure_later_death import hurt_then_dead
from app.extract.figure_lexicon import ORDINALS
from app.extract.figure_perpetrator import PERPETRATORS
from app.extract.types import FoundFigure

# A count relative to others named before it: "three others", "two other people".
_OTHERS = re.compile(r"\bothers?\b", re.I)
# "she and three others": others than a person the sentence joins them to, not the dead.
_JOINED = re.compile(r"\b(?:and|with)\s+$", re.I)
# A death told of someone already named: "the man", "one of the victims" (not "he", who
# is as often the gunman).
_NAMED_BEFORE = re.compile(r"(?:the|one of)\b", re.I)
# "three victims" are as often the dead as those hit: no count of all who were shot.
_VICTIMS = re.compile(r"\bvictims?\b", re.I)
# A sentence that tells of people hit, not only of victims found or named.
_HIT = re.compile(r"\b(?:shot|wounded|struck|hit|injured|hurt)\b", re.I)
# "a fourth victim": one more hit than a count of those before him (not "the city's 64th
# homicide victim of the year", a place in another count).
_ORDINAL_HIT = re.compile(
    r"\b(" + "|".join(ORDINALS) + r")\s+(?:(?!homicide|murder|shooting)\w+\s+)?"
    r"(?:victim|person|man|woman|boy|girl|teen|teenager|child)\b",
    re.I,
)
_HARM = ("killed", "injured", "casualties")


def _blank(text: str, spans: Sequence[tuple[int, int]]) -> str:
    chars = list(text)
    for s, e in spans:
        chars[s:e] = " " * (e - s)
    return "".join(chars)


def told_of_this_event(body: str, title: str, figures: Sequence[FoundFigure]) -> str:
    """The report's body and title with the sentences that count another event's toll
    blanked: what is left tells of this event's deaths, if any (all_survived sets aside
    the deaths it denies)."""
    other = [f for f in figures if f.event == "other" and f.measure in _HARM]
    body = _blank(body, [(f.sentence_start, f.sentence_end) for f in other if not f.in_title])
    title = _blank(title, [(f.sentence_start, f.sentence_end) for f in other if f.in_title])
    return body + "\n" + title


def _before(a: FoundFigure, b: FoundFigure) -> bool:
    """Whether `a` is told before `b`: a title before the body, else by position."""
    if a.in_title != b.in_title:
        return a.in_title
    return a.sentence_end <= b.sentence_start


def _text_of(f: FoundFigure, body: str, title: str) -> str:
    return title if f.in_title else body


def others_after_dead(body: str, title: str, figures: Sequence[FoundFigure]) -> None:
    """ "A clerk was shot and killed." ... "Two other people were shot, too.": a count of
    others hit, told after a death of this event and given no fate of its own in its
    sentence, is of the injured."""
    dead = [f for f in figures if f.measure == "killed" and f.event == "this" and f.value]
    for f in figures:
        if f.measure != "casualties" or f.event != "this" or f.derived:
            continue
        if not _OTHERS.search(f.text) or not any(_before(d, f) for d in dead):
            continue
        told = _text_of(f, body, title)
        if _JOINED.search(told[f.sentence_start : f.start]):
            continue
        if not _HIT.search(told[f.sentence_start : f.sentence_end]):
            continue
        # "three others were shot, one of them fatally": the sentence tells their fate.
        same = [
            g
            for g in figures
            if g.in_title == f.in_title and g.sentence_start == f.sentence_start and g is not f
        ]
        if not any(g.measure == "killed" for g in same):
            f.measure = "injured"


def _same_sentence(a: FoundFigure, b: FoundFigure) -> bool:
    return a.in_title == b.in_title and a.sentence_start == b.sentence_start


def _of_those_shot(dead: FoundFigure, shot: FoundFigure) -> bool:
    """Whether a death is told of some of those a count of the shot counts: in the
    sentence of a double, triple... shooting ("teen killed in quadruple shooting"), or, in
    a later one, of someone already named ("the man", "one of the victims"). "A man
    was killed" elsewhere in the report may be another's death (last week's, a roundup's)."""
    if _same_sentence(dead, shot):
        # "a teen killed in a triple shooting"; but "one killed and three shot" may count
        # the three apart from the one.
        return "shooting" in shot.text.lower()
    return _before(shot, dead) and bool(_NAMED_BEFORE.match(dead.text))


def _toll(figures: Sequence[FoundFigure], shot: FoundFigure) -> tuple[int, FoundFigure] | None:
    """The largest count of this event's dead among those `shot` counts, leaving the killer
    out (his own death is no count of those he shot): its index and the figure."""
    best: tuple[int, FoundFigure] | None = None
    for k, f in enumerate(figures):
        if f.measure != "killed" or f.event != "this" or not f.value or f.group in PERPETRATORS:
            continue
        if not _of_those_shot(f, shot):
            continue
        if best is None or f.value > (best[1].value or 0):
            best = (k, f)
    return best


def _ordinal_beyond(text: str, value: float) -> bool:
    """Whether the report tells of a victim past `value` ("three victims ... a fourth
    victim"): the count is then of some of those hit, not all."""
    return any(ORDINALS[m.group(1).lower()] > value for m in _ORDINAL_HIT.finditer(text))


def shot_less_dead(text: str, figures: Sequence[FoundFigure]) -> list[FoundFigure]:
    """ "Five people were shot." ... "The man died at a hospital.": the injured are those
    shot less the dead (4), derived from the count of all who were shot (the largest) and
    the toll; `text` is the report's body and title."""
    parts = {p for f in figures for p in f.parts if not f.derived}
    shot = [
        (k, f)
        for k, f in enumerate(figures)
        if f.measure == "casualties"
        and f.event == "this"
        and not f.derived
        and k not in parts
        # "three others were shot": others than the dead, they do not count them.
        and f.group == "total"
        and not _OTHERS.search(f.text)
        and not _VICTIMS.search(f.text)
        and f.value
    ]
    if not shot:
        return []
    k, whole = max(shot, key=lambda kf: kf[1].value or 0)
    toll = _toll(figures, whole)
    if toll is None:
        return []
    t, dead = toll
    left = (whole.value or 0) - (dead.value or 0)
    told = {f.value for f in figures if f.measure == "injured"}
    if left <= 0 or left in told or _ordinal_beyond(text, whole.value or 0):
        return []
    return [replace(whole, measure="injured", value=left, derived=True, parts=[k, t])]


def hurt_sums(figures: Sequence[FoundFigure]) -> None:
    """A sum of those hit whose parts all turn out injured is of the injured: "one was hurt
    in a fall, and the five others who were shot" gives 6 hit, and 6 injured once another
    sentence tells the five others apart from the dead."""
    for f in figures:
        if not f.derived or f.measure != "casualties" or not f.parts:
            continue
        if all(0 <= p < len(figures) and figures[p].measure == "injured" for p in f.parts):
            f.measure = "injured"


def article_injured(body: str, title: str, figures: list[FoundFigure]) -> list[FoundFigure]:
    """The injured a report tells across its sentences and title (see the module's
    docstring): counts of others set to injured in place, and the derived figures to add."""
    hurt_then_dead(body, title, figures)
    others_after_dead(body, title, figures)
    hurt_sums(figures)
    told = told_of_this_event(body, title, figures)
    found = all_survived(told, figures)
    return found + shot_less_dead(body + "\n" + title, figures + found)
