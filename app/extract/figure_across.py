"""Totals a report makes across its sentences: the dead of an event when it tells the
killer's death apart from his victims, and a death it adds with "also".

Within one sentence figure_derived adds up what the text lists; here a later sentence adds
to an earlier one, so only where the text says so.

The killer:

"The gunman killed 12 people at the fair." ... "The gunman was shot dead by officers." A
toll of victims leaves the killer out; told in another sentence, his death makes the dead
of the event one more: a derived figure whose parts are the toll and the killer's death.
Within one sentence figure_derived does the same ("killed two and then himself").

"Also": "Officer Lena Ruiz was shot and killed on Friday." ... "A neighbor was also killed."
The second death is one more: a derived figure of the nearest death before it and this one.

An ordinal: "Four people were taken to hospitals." ... "A fifth person was treated at the
scene." The fifth makes them five, where a count of the four before him is told.

Only where the text ties the two together: the killer's death is told of a word for the
doer ("the shooter", "Gunman Jon Roe"), of his suicide ("killed himself"), or of a person
another sentence makes the doer ("Roe shot and killed two tellers", "killed by Jon Roe",
"identified the gunman as Jon Roe"); and the toll's sentence names the doer too, or, where
the killer's death is told of a word that says he killed (not "the suspect", who may be
one of an arson), the toll is of a shooting ("two guards were shot and killed"; "the
shooting left five dead"). A toll that already counts him ("including the gunman") gets
nothing.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from functools import lru_cache

from app.extract.figure_lexicon import HARM_MEASURES, ORDINALS
from app.extract.figure_named import name_key
from app.extract.figure_perpetrator import PERPETRATORS, REFLEXIVE
from app.extract.types import FoundFigure

_DOERS = sorted(PERPETRATORS - REFLEXIVE)
_DOER = re.compile(r"\b(?:" + "|".join(_DOERS) + r")s?\b", re.I)
_TITLED = re.compile(r"\b(?:" + "|".join(_DOERS) + r")\s+$", re.I)
_DOER_ALT = "|".join(_DOERS)
# Doer words that say he killed; "the suspect" may be one of another crime (an arson).
_SHOOTER_WORDS = PERPETRATORS - REFLEXIVE - {"suspect"}
# Words of a shooting: a toll of it counts victims of a doer.
_SHOOTING = re.compile(
    r"\b(?:shot|shoot(?:s|ing|ings)?|gunfire|gunshots?|gunned|slain|murder(?:s|ed)?|massacre|"
    r"rampage|victims?)\b",
    re.I,
)
# "a murder-suicide left three dead": the toll may count the killer already.
_SUICIDE = re.compile(r"\bsuicide\b", re.I)
_COUNTS_HIM = re.compile(
    r"\b(?:including|includ(?:es|ed)|plus|counting|and)\s+(?:the\s+|a\s+)?(?:"
    + "|".join(_DOERS)
    + r")|\b(?:himself|herself|themselves)\b",
    re.I,
)


def _killer_kind(text: str, f: FoundFigure) -> str | None:
    """How the text makes `f` (one death) the killer's: "shooter" where the words say he
    killed (a gunman, a name the text makes the doer, a suicide), "doer" for a weaker
    word ("the suspect"), else None."""
    if f.measure != "killed" or f.value != 1 or f.derived or f.event != "this":
        return None
    if f.group in PERPETRATORS:
        return "doer" if f.group not in _SHOOTER_WORDS else "shooter"
    if f.text.lower() in REFLEXIVE:
        return "shooter"  # "... and killed himself": a suicide after the killing
    # "Gunman Jon Roe was killed": a name under the doer's title.
    if _TITLED.search(text[max(f.sentence_start, f.start - 12) : f.start]):
        return "shooter"
    # "Officers killed Jon Roe." ... "Roe shot and killed two tellers.": a named person
    # whom another sentence makes the doer of a killing.
    surname = name_key(f)
    if surname is None:
        return None
    outside = text[: f.sentence_start] + " " + text[f.sentence_end :]
    if _named_doer(surname).search(outside) or _named_as_doer(surname).search(text):
        return "shooter"
    return None


@lru_cache(maxsize=256)
def _named_doer(surname: str) -> re.Pattern[str]:
    """The surname as the subject of an active killing verb, a few words on ("Roe, 44, shot
    and killed", "Roe of Elmwood then opened fire"), or its agent ("killed by Jon Roe"); not
    "Roe was shot" (a victim)."""
    # "slain by Roe's husband": a possessive names someone else.
    name = re.escape(surname) + r"\b(?!['’]s?\b)"
    return re.compile(
        rf"\b{name}(?:,?\s+(?!(?:was|were|is|are|been|being|had|has)\b)[\w'’-]+,?){{0,4}}?\s+"
        r"(?:shot and killed|fatally shot|shot dead|gunned down|killed|murdered|opened fire)\b"
        rf"|\b(?:killed|shot|murdered|slain|gunned down)\s+by\s+(?:[\w'’-]+\s+){{0,2}}?{name}",
        re.I,
    )


@lru_cache(maxsize=256)
def _named_as_doer(surname: str) -> re.Pattern[str]:
    """The surname named as the doer, in any sentence, his death's included: "Roe, who
    police believe was the gunman", "Roe was the shooter", "identified the suspect as Jon
    Roe"; not "Roe, the suspect's brother"."""
    name = re.escape(surname)
    return re.compile(
        rf"\b{name}\b,?\s+(?:who\s+)?(?:[\w'’]+\s+){{0,3}}?(?:to be|was|is|as)\s+the\s+"
        rf"(?:{_DOER_ALT})\b(?!['’])"
        rf"|\bidentified\s+the\s+(?:{_DOER_ALT})\s+as\s+(?:[\w'’.-]+\s+){{0,3}}?{name}\b",
        re.I,
    )


def _victims_toll(text: str, f: FoundFigure, killer: FoundFigure, kind: str = "doer") -> bool:
    if (
        f.measure != "killed"
        or f.event != "this"
        or f.value is None
        or f.value < 2
        or f.group.startswith("additional")
        or f.sentence_start == killer.sentence_start
    ):
        return False
    sentence = text[f.sentence_start : f.sentence_end]
    name = name_key(killer)  # none for "the gunman", "he", "himself"
    named = bool(_DOER.search(sentence)) or (name is not None and name in sentence.lower())
    if not named and kind == "shooter":
        # A shooting's victims had a doer, unnamed here.
        named = _SHOOTING.search(sentence) is not None
    return named and not _COUNTS_HIM.search(sentence) and not _SUICIDE.search(sentence)


def killer_totals(text: str, figures: Sequence[FoundFigure]) -> list[FoundFigure]:
    """At most one derived figure: the largest toll of the killer's victims and his death."""
    kinds = [(i, kind) for i, f in enumerate(figures) if (kind := _killer_kind(text, f))]
    if not kinds:
        return []
    k, kind = kinds[0]
    tolls = [
        i
        for i, f in enumerate(figures)
        if (not f.derived or _sentence_list(f, k)) and _victims_toll(text, f, figures[k], kind)
    ]
    # His sentence may count him already ("the gunman and both victims were dead"): its sum
    # stands unless another sentence counts more than it does, him aside (a toll of three
    # beside "two children and then himself" may count him too).
    own = [f.value or 0 for f in figures if f.derived and k in f.parts]
    if not tolls or (own and max(own) >= max(figures[i].value or 0 for i in tolls)):
        return []
    t = max(tolls, key=lambda i: figures[i].value or 0)
    return [_sum_of(figures, t, k)]


def _sentence_list(f: FoundFigure, killer: int) -> bool:
    """ "A woman and her three children were shot dead": a sentence's sum of its victims
    (not one made across sentences, nor one that counts the killer) is their toll."""
    return " … " not in f.text and killer not in f.parts


def _sum_of(figures: Sequence[FoundFigure], t: int, k: int) -> FoundFigure:
    """A derived total of an earlier count `t` and a later one `k`, told in two sentences."""
    first, second = figures[t], figures[k]
    return replace(
        first,
        start=min(first.start, second.start),
        end=max(first.end, second.end),
        text=f"{first.text} … {second.text}",
        value=(first.value or 0) + (second.value or 0),
        value_high=None,
        group="total",
        derived=True,
        parts=[t, k],
    )


_ALSO = re.compile(
    r"^\W{0,3}(?:\w+\W+){0,3}?(?:was|were|has been|have been|had been)\s+also\s+"
    r"(?:killed|slain|shot dead|shot and killed|fatally shot|found dead|pronounced dead)\b"
    r"|^\W{0,3}also\s+(?:died|was killed|were killed)\b",
    re.I,
)
# "A woman was also shot": one more of those hit, not a death.
_ALSO_HURT = re.compile(
    r"^\W{0,3}(?:\w+\W+){0,3}?(?:was|were|has been|have been|had been)\s+also\s+"
    r"(?:shot|wounded|injured|hurt|hit|struck)\b(?!\s+(?:and\s+killed|dead)\b)",
    re.I,
)
_HURT = ("injured", "casualties")


def _also_added(text: str, f: FoundFigure, figures: Sequence[FoundFigure]) -> bool:
    if f.derived or f.event != "this" or f.value is None:
        return False
    after = text[f.end : f.sentence_end]
    if f.measure == "killed":
        return bool(_ALSO.search(after))
    # One more person hit, where the report counts none of them: a lead's "five people
    # were shot" holds the ones its later sentences tell "also" of.
    return (
        f.measure in _HURT
        and f.value == 1
        and not any(_hurt_count(g) for g in figures)
        and bool(_ALSO_HURT.search(after))
    )


def _hurt_count(g: FoundFigure) -> bool:
    return g.measure in _HURT and g.event == "this" and not g.derived and (g.value or 0) >= 2


def _same_harm(a: FoundFigure, b: FoundFigure) -> bool:
    """The dead add up with the dead, the hurt with those hit."""
    return a.measure == b.measure or (a.measure in _HURT and b.measure in _HURT)


def also_totals(text: str, figures: Sequence[FoundFigure]) -> list[FoundFigure]:
    """ "... A woman was also killed": the nearest death told before it, plus this one;
    "... A woman was also shot": the nearest count of those hit before it, plus her."""
    out: list[FoundFigure] = []
    for k, f in enumerate(figures):
        if not _also_added(text, f, figures):
            continue
        before = [
            i
            for i, g in enumerate(figures[:k])
            if _same_harm(g, f)
            and g.event == "this"
            and g.value is not None
            and g.sentence_end <= f.sentence_start
            and not g.group.startswith("additional")
        ]
        if not before:
            continue
        # The nearest sentence's largest count: its own total if it made one.
        last = max(figures[i].sentence_start for i in before)
        t = max(
            (i for i in before if figures[i].sentence_start == last),
            key=lambda i: figures[i].value or 0,
        )
        if f.measure != "killed" and any(
            g.measure == "killed" and g.event == "this" and g.sentence_start == last
            for g in figures
        ):
            # "... killed two guards and wounded a deputy. Deputy Roe was also hurt": the
            # "also" may set him beside the dead, and he may be the deputy told before.
            continue
        total = _sum_of(figures, t, k)
        if figures[t].measure != f.measure:
            total = replace(total, measure="casualties")
        out.append(total)
    return out


# "A fifth person"; not a school's "second-grader".
_ORDINAL = re.compile(
    r"\b(" + "|".join(ORDINALS) + r"|(\d{1,2})(?:nd|rd|th))\b(?![-\s]?grade)", re.I
)


def _ordinal(f: FoundFigure) -> int | None:
    """ "A fifth person", "the third man killed": the place of one victim among them."""
    if f.value != 1 or f.derived or f.event != "this" or f.measure not in HARM_MEASURES:
        return None
    m = _ORDINAL.search(f.text)
    if m is None:
        return None
    return int(m.group(2)) if m.group(2) else ORDINALS[m.group(1).lower()]


def ordinal_totals(figures: Sequence[FoundFigure]) -> list[FoundFigure]:
    """ "Four people were taken to hospitals. A fifth person was treated at the scene": the
    fifth of them makes them five, where an earlier count of the four says who came before.
    The hurt and the dead together are those hit. Where the report counts none of them
    ("a third victim drove himself to a clinic"), the ordinal alone says there were
    at least that many."""
    out: list[FoundFigure] = []
    for k, f in enumerate(figures):
        n = _ordinal(f)
        if n is None:
            continue
        before = [
            i
            for i, g in enumerate(figures[:k])
            if g.value == n - 1
            and g.event == "this"
            and g.measure in HARM_MEASURES
            and g.end <= f.start
        ]
        if before:
            t = before[-1]
            total = _sum_of(figures, t, k)
            if figures[t].measure != f.measure:
                total = replace(total, measure="casualties")
            out.append(total)
        elif (alone := _ordinal_alone(figures, k, n)) is not None:
            out.append(alone)
    return out


def _ordinal_alone(figures: Sequence[FoundFigure], k: int, n: int) -> FoundFigure | None:
    """The `n`th victim (`figures[k]`) where no count of the event reaches `n`: at least
    `n` of his kind; of those hit where the report tells of the dead and the hurt both."""
    f = figures[k]
    mine = [g for g in figures if g.event == "this" and g.measure in HARM_MEASURES and g is not f]
    if any((g.value or 0) >= n for g in mine):
        return None
    dead = f.measure == "killed"
    mixed = any((g.measure == "killed") != dead for g in mine)
    return replace(
        f,
        value=float(n),
        value_high=None,
        qualifier="at_least",
        measure="casualties" if mixed else f.measure,
        group="total",
        derived=True,
        parts=[k],
    )


def fate_told_later(figures: Sequence[FoundFigure]) -> None:
    """ "Ada Voss was taken to a hospital." ... "Voss died on Tuesday.": the fate told later
    decides the measure of the named person; someone who died is no injured survivor."""
    dead = {
        key: f.start for f in figures if f.measure == "killed" and (key := name_key(f)) is not None
    }
    in_totals = {p for f in figures if f.derived for p in f.parts}
    for i, f in enumerate(figures):
        key = name_key(f) if f.measure in ("injured", "casualties") else None
        if key is not None and i not in in_totals and dead.get(key, -1) > f.start:
            f.measure = "killed"


# A death the report tells anywhere ("killed", "died", "fatal", "homicide"), once denials
# are set aside ("no one was killed", "no deaths").
_DEATH = re.compile(
    r"\b(?:kill(?:s|ed|ing)?|dead|died|dies|dying|deaths?|deadly|fatal(?:ly|ity|ities)?|"
    r"murder(?:s|ed)?|homicides?|slain|succumbed|lost (?:his|her|their) li(?:fe|ves))\b",
    re.I,
)
_NO_DEATH = re.compile(
    r"\b(?:no one|nobody|none of them|no)\s+(?:\w+\s+){0,3}?"
    r"(?:was|were|has been|have been|had been)?\s*(?:killed|dead|died|deaths?|fatalities)\b"
    r"|\bno (?:deaths|fatalities)\b|\bnon-?fatal\b|\bnon-life-threatening\b"
    # "there wasn't (a) death", "without any deaths", "no lives were lost"
    r"|\b(?:(?:was|were|is|are)\s*n[o'’]t|without)\s+(?:\(?an?\)?\s+|any\s+)?"
    r"(?:deaths?|fatalit(?:y|ies))\b|\bno lives (?:were|have been) lost\b",
    re.I,
)


def all_survived(text: str, figures: Sequence[FoundFigure]) -> list[FoundFigure]:
    """ "Five people were shot outside a bar" in a report (`text`: its title and body, and
    `figures`: all of theirs) that tells of no death: all five are the injured, derived from
    the count of those shot (an early report may say fewer dead than a later one, but this
    one says none)."""
    if _DEATH.search(_NO_DEATH.sub(" ", text)):
        return []
    # Only wholes: "5 adults, 2 minors shot" gives the 7 injured, not 5 and 2 apart as well.
    parts = {p for g in figures if g.measure == "casualties" for p in g.parts}
    return [
        replace(f, measure="injured", derived=True, parts=[k])
        for k, f in enumerate(figures)
        if f.measure == "casualties" and f.event == "this" and f.value and k not in parts
    ]
