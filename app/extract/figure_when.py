"""When a figure holds, against the article: a tally of a period ("so far this year", "since
January", "a year"), or an earlier time ("in 2012", "last year", "three years ago", "in March"
months back).

Dates alone are weak evidence of another event: follow-ups, trials and anniversaries are
written about an earlier event ("a man was charged in a shooting last month that wounded
three"). So an earlier time makes a figure `other` only outside the article's lead, and only
when the lead does not itself speak of that past (an anniversary, the same year); a tally is
never one event's toll, in the lead or not.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass

from spacy.tokens import Span, Token

from app.extract.figure_context import resolve_day
from app.extract.figure_lexicon import MONTHS
from app.extract.figure_measure import pobj_of
from app.extract.figure_scope import subtree_text
from app.extract.nlp import ents_in
from app.extract.numbers import ONES
from app.extract.types import FoundFigure

_NUM_WORDS = {"a": 1, **ONES}
_TALLY = re.compile(
    r"\b(?:so far (?:this|in)\b|(?<!earlier )this year|year[- ]to[- ]date"
    r"|(?:since|through|from) (?:the (?:start|beginning|end) of )?"
    r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?(?: 1)?\b"
    r"|since the (?:start|beginning) of)",
    re.I,
)
_AGO = re.compile(r"\b(a|one|two|three|four|five|six|\d+) (?:years?|decades?) ago\b", re.I)
_ANNIVERSARY_LEAD = re.compile(
    r"\banniversar|\b(?:years?|decades?) (?:after|since|ago)\b|\bremember", re.I
)
_BARE_YEAR = re.compile(r"^(?:in |of |during )?((?:19|20)\d\d)$", re.I)
_LAST_SEASON = re.compile(r"\blast (?:summer|winter|spring|fall|autumn)\b", re.I)
_MONTHS_AGO = re.compile(r"\b(two|three|four|five|six|seven|eight|nine|ten|\d+) months ago\b", re.I)
# A report tells its own event by the day of the week, an earlier one by its month.
_LEAD_WEEKDAY = re.compile(
    r"\b(?:mon|tues|wednes|thurs|fri|satur|sun)day\b|\b(?:today|yesterday)\b",
    re.I,
)
_LEAD = 2  # sentences
_EARLIER_DAYS = 60  # a month's date this far back is another incident, not a follow-up


@dataclass
class Found:
    """A reason a figure is another event's; a weak one (a date, an anniversary) holds only
    outside the lead of an article that does not itself tell of that past."""

    reason: str
    weak: bool = False
    year: int | None = None


class Past:
    """A cue of an earlier time: its label ("2012", "last year") and year, if known."""

    def __init__(self, label: str, year: int | None, incident: bool) -> None:
        self.label, self.year, self.incident = label, year, incident

    def reason(self) -> str:
        if self.incident:
            return f"an earlier incident ({self.label})"
        return (
            f"a count of {self.label}" if self.label[:1].isdigit() else f"a count from {self.label}"
        )


class Timeline:
    """An article's date and lead, against which a date phrase is read."""

    def __init__(self, spans: Sequence[Span], article_date: dt.date | None) -> None:
        self.date = article_date
        lead = " ".join(sp.text for sp in spans[:_LEAD])
        self.anniversary_article = bool(_ANNIVERSARY_LEAD.search(lead))
        self.lead_weekday = bool(_LEAD_WEEKDAY.search(lead))
        self.lead_years: set[int] = set()
        self.lead_end = spans[min(_LEAD, len(spans)) - 1].end_char if spans else 0
        for sp in spans[:_LEAD]:
            for ent in ents_in(sp):
                if ent.label_ == "DATE":
                    past = self.past(ent.root, incident=False)
                    if past is not None and past.year is not None:
                        self.lead_years.add(past.year)

    def past(self, tok: Token, *, incident: bool) -> Past | None:
        """An earlier time a date phrase headed by `tok` names, read against the article."""
        if tok.ent_type_ != "DATE" and not tok.like_num:
            return None
        if self.date is None:
            return self._undated_month(subtree_text(tok).lower(), incident)
        if tok.head.lemma_.lower() == "block" or (
            tok.i + 1 < len(tok.doc) and tok.nbor().lemma_.lower() == "block"
        ):
            return None  # "the 2000 block of Main Street": an address
        text = subtree_text(tok).lower()
        year = self.date.year
        if m := _BARE_YEAR.match(text):
            y = int(m.group(1))
            return Past(m.group(1), y, incident) if y < year else None
        if re.search(r"\blast year\b", text):
            return Past("last year", year - 1, incident)
        if re.search(r"\bearlier this year\b", text):
            return Past("earlier this year", None, incident)  # another incident months back
        if m := _LAST_SEASON.search(text):
            return Past(m.group(0), None, incident)  # "last summer": months back, the year vague
        if (m := _MONTHS_AGO.search(text)) and (
            _NUM_WORDS.get(m.group(1).lower()) or int(m.group(1))
        ) * 30 > _EARLIER_DAYS:
            return Past(m.group(0), None, incident)
        if m := _AGO.search(text):
            n = _NUM_WORDS.get(m.group(1).lower()) or int(m.group(1))
            n *= 10 if "decade" in m.group(0).lower() else 1
            return Past(m.group(0), year - n, incident)
        if any(w in MONTHS for w in text.split()) and not re.search(r"\b(?:19|20)\d\d\b", text):
            day = resolve_day(text, self.date)
            if day is not None and (self.date - day).days > _EARLIER_DAYS:
                return Past(text, day.year, incident)
            m2 = re.fullmatch(r"(?:in )?([a-z]+)", text)
            if m2 and m2.group(1) in MONTHS and day is None:
                return self._month_only(m2.group(1), incident)
        return None

    def _undated_month(self, text: str, incident: bool) -> Past | None:
        """With no date for the article, a month named alone ("in September") is an earlier
        time only beside a lead that tells its own event by the day of the week ("on Sunday")."""
        m = re.fullmatch(r"(?:in |last )?([a-z]+)", text)
        if self.lead_weekday and m and m.group(1) in MONTHS:
            return Past(m.group(1).capitalize(), None, incident)
        return None

    def _month_only(self, month: str, incident: bool) -> Past | None:
        assert self.date is not None
        day = resolve_day(f"1 {month}", self.date)
        if day is not None and (self.date - day).days > _EARLIER_DAYS:
            return Past(month.capitalize(), day.year, incident)
        return None

    def cue(self, tok: Token, prep: str = "", *, toll: bool = True) -> Found | None:
        """A tally ("so far this year", "since January") or an earlier time a date phrase
        names; `toll` when the figure counts people hurt or held."""
        if tok.ent_type_ != "DATE" and tok.lower_ not in ("far", "year", "years"):
            return None
        text = (prep + " " + subtree_text(tok)).strip()
        if _TALLY.search(text) and toll:
            if "year" in text.lower():
                return Found("a tally of the year so far")
            return Found(f"a tally {text}" if prep else f"a tally of {text}")
        if re.fullmatch(r"(?:a|each|every|per) (?:year|month|week)", text.lower()):
            return Found("a statistic " + text.lower())
        past = self.past(tok, incident=False)
        if past is not None:
            if prep == "since":
                return Found(f"a tally since {past.label}")
            return Found(past.reason(), True, past.year)
        return None

    def allows(self, figure: FoundFigure, found: Found) -> bool:
        """A follow-up names its event's time up front: a weak reason holds outside the lead,
        in an article whose lead does not speak of that past."""
        if not found.weak:
            return True
        if figure.start < self.lead_end or self.anniversary_article:
            return False
        return found.year is None or found.year not in self.lead_years


def coordinate_cue(when: Timeline, verbs: Sequence[Token], *, toll: bool) -> Found | None:
    """ "That quake killed six, injured 50 and caused damage in September": the earlier
    time stated on the last of coordinated verbs holds for each of them."""
    for verb in verbs:
        for node in _coordinates(verb):
            for child in node.children:
                cue = None
                if child.dep_ == "prep" and (pobj := pobj_of(child)) is not None:
                    cue = when.cue(pobj, prep=child.lower_, toll=toll)
                elif child.ent_type_ == "DATE":
                    cue = when.cue(child, toll=toll)
                if cue is not None and cue.weak:
                    return cue
    return None


def _coordinates(verb: Token) -> list[Token]:
    """The verbs coordinated after `verb` ("killed ..., injured ... and caused ..."), the
    parser hanging some on the one before by a bare dependency."""
    out: list[Token] = []
    for child in verb.children:
        if child.dep_ in ("conj", "dep") and child.pos_ in ("VERB", "AUX"):
            out.append(child)
            out.extend(_coordinates(child))
    return out
