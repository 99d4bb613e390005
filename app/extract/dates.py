"""Dates: absolute ones as stated, relative ones resolved against the article's date.

A small rule set, not a general date parser (whole-text `dateparser.search_dates`
misfires on news: "May", "a second", numbers):

- absolute: "January 5, 2022", "Wednesday, January 5, 2022", "5 January 2022",
  "10 January" (year from the article's date, the reading nearest to it), "01/08/2022",
  "2022-01-08" -> basis "stated";
- relative: "yesterday", "today", "tomorrow", "two days ago", "last night", weekdays ("on
  Saturday", "Wednesday evening") -> basis "relative". A weekday is the most recent such
  day on or before the article's date, as news reports what has happened; "next Monday"
  and a weekday governed by "will"/"shall" look forward instead; "last Monday" is strictly
  before. "tomorrow 10 January" is one date, the stated one.
- without an article date a relative or year-less date is kept with value None and basis
  "unresolved".

Weekdays inside names ("Bloody Sunday" tagged EVENT, "the Sunday Times" ORG) are skipped
by spaCy's entity labels. Years alone ("in 2019"), months alone ("March 2019"), vague
spans ("last week", "in recent days") and times of day are not dates of a day.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass

from spacy.tokens import Doc

from app.extract.nlp import doc_text
from app.extract.types import FoundDate
from app.ingest.metadata import MONTH_NUMBERS, calendar_day


def _words(text: str) -> list[str]:
    return text.split()


_MONTHS = MONTH_NUMBERS
_WEEKDAYS = {
    name: i
    for i, name in enumerate(_words("monday tuesday wednesday thursday friday saturday sunday"))
}
_MONTH = (
    r"(?P<month>January|February|March|April|May|June|July|August|September|October|"
    r"November|December|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?)(?![a-z])"
)
_WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?(?!\d)"
_YEAR = r"(?P<year>(?:1[89]|20)\d{2})(?!\d)"
# "tomorrow 10 January", "Wednesday, January 5, 2022": one date.
_LEAD = rf"(?:(?P<rel>yesterday|today|tomorrow),?\s+)?(?:{_WEEKDAY},?\s+)?"

_ABSOLUTE_RES = (
    re.compile(rf"\b{_LEAD}{_MONTH}\s+{_DAY}(?:,?\s+{_YEAR})?", re.IGNORECASE),
    re.compile(rf"\b{_LEAD}{_DAY}\s+(?:of\s+)?{_MONTH}(?:,?\s+{_YEAR})?", re.IGNORECASE),
)
_ISO_RE = re.compile(
    r"(?<![\d/.-])(?P<year>\d{4})[-/](?P<month>\d{1,2})[-/](?P<day>\d{1,2})(?![\d/])"
)
_NUMERIC_RE = re.compile(
    r"(?<![\d/.])(?P<a>\d{1,2})(?P<sep>[/.])(?P<b>\d{1,2})(?P=sep)(?P<year>\d{4}|\d{2})(?![\d/]|\.\d)"
)
_RELATIVE_WORD_RE = re.compile(
    r"\b(?P<word>the day before yesterday|the day after tomorrow|yesterday|today|tonight|"
    r"tomorrow|last night)\b",
    re.IGNORECASE,
)
_NUMBER_WORDS = {"a": 1} | {
    word: i for i, word in enumerate(_words("one two three four five six seven eight nine ten"), 1)
}
_AGO_RE = re.compile(
    r"\b(?P<n>\d{1,2}|a|one|two|three|four|five|six|seven|eight|nine|ten)\s+"
    r"(?P<unit>days?|weeks?)\s+ago\b",
    re.IGNORECASE,
)
_WEEKDAY_RE = re.compile(
    rf"\b(?:(?P<mod>last|next|this|on|since|until|by)\s+)?(?P<weekday>{_WEEKDAY})"
    r"(?:\s+(?:morning|afternoon|evening|night))?\b"
)
_RELATIVE_OFFSETS = {
    "the day before yesterday": -2,
    "the day after tomorrow": 2,
    "yesterday": -1,
    "today": 0,
    "tonight": 0,
    "tomorrow": 1,
    "last night": -1,
}
# Entity labels under which a weekday or "today" is part of a name, not a date.
_NAME_LABELS = frozenset({"ORG", "EVENT", "WORK_OF_ART", "PERSON", "FAC", "PRODUCT", "LAW"})
_FUTURE_RE = re.compile(
    r"\b(?:will|shall|'ll|is due|are due|is scheduled|are scheduled|is set to|are set to)\b",
    re.IGNORECASE,
)
# Capitalised words that may stand next to a weekday in a date ("On Monday", "Monday
# January 5"), unlike the name words of "Black Friday".
_DATE_NEIGHBOURS = frozenset(
    {*_MONTHS, *_WEEKDAYS}
    | set(
        _words(
            """on since until by last next this every each late early and but or from before
            after till through during of the"""
        )
    )
)
# A day-month reading may lie this far from the reference date before another year is
# taken ("December 30" in an article of January 3 is the previous December).
_HALF_YEAR = dt.timedelta(days=183)


@dataclass
class _Raw:
    start: int
    end: int
    text: str


def _nearest_year(month: int, day: int, ref: dt.date) -> dt.date | None:
    """The day-month in the year that puts it nearest to the reference date."""
    options = [
        d for y in (ref.year - 1, ref.year, ref.year + 1) if (d := calendar_day(y, month, day))
    ]
    return min(options, key=lambda d: abs(d - ref)) if options else None


def _overlaps(start: int, end: int, taken: Sequence[FoundDate]) -> bool:
    return any(start < f.end and f.start < end for f in taken)


def _entity_label(doc: Doc, start: int, end: int) -> str:
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return ""
    return next((t.ent_type_ for t in span if t.ent_type_), "")


def _sentence_text(doc: Doc, start: int) -> str:
    span = doc.char_span(start, start + 1, alignment_mode="expand")
    if span is None or not len(span):
        return ""
    token = span[0]
    if doc.has_annotation("SENT_START"):
        return token.sent.text
    return doc_text(doc)[max(0, start - 150) : start + 150]


def _numeric_readings(match: re.Match[str]) -> list[dt.date]:
    a, b = int(match.group("a")), int(match.group("b"))
    year = int(match.group("year"))
    if year < 100:
        year += 2000
    readings = []
    for month, day in ((a, b), (b, a)):  # month/day first: the English-language default
        date = calendar_day(year, month, day)
        if date and date not in readings:
            readings.append(date)
    return readings


def _absolute(doc: Doc, article_date: dt.date | None) -> list[FoundDate]:
    text = doc_text(doc)
    found: list[FoundDate] = []
    for pattern in _ABSOLUTE_RES:
        for match in pattern.finditer(text):
            if _overlaps(match.start(), match.end(), found):
                continue
            month = _MONTHS[match.group("month").lower().rstrip(".")]
            day = int(match.group("day"))
            if not match.group("month")[0].isupper():
                continue  # "may", "march": the verbs
            value: dt.date | None
            if match.group("year"):
                value = calendar_day(int(match.group("year")), month, day)
                basis = "stated"
            elif article_date is not None:
                value = _nearest_year(month, day, article_date)
                basis = "stated"
            else:
                value, basis = None, "unresolved"
            if match.group("year") and value is None:
                continue
            if value is None and basis == "stated":
                continue
            found.append(FoundDate(match.start(), match.end(), match.group(), value, basis))
    for match in _ISO_RE.finditer(text):
        value = calendar_day(
            int(match.group("year")), int(match.group("month")), int(match.group("day"))
        )
        if value and not _overlaps(match.start(), match.end(), found):
            found.append(FoundDate(match.start(), match.end(), match.group(), value, "stated"))

    # Day/month order of "01/08/2022": the reading nearest to the article's date, else to
    # the other dates of the text, else month first.
    numeric = [(m, _numeric_readings(m)) for m in _NUMERIC_RE.finditer(text)]
    anchors = [f.value for f in found if f.value is not None]
    anchors += [r[0] for _, r in numeric if len(r) == 1]
    ref = article_date
    if ref is None and anchors:
        ref = sorted(anchors)[len(anchors) // 2]
    for match, readings in numeric:
        if not readings or _overlaps(match.start(), match.end(), found):
            continue
        best = readings[0]
        if ref is not None and len(readings) > 1:
            reference = ref
            best = min(
                readings, key=lambda d: (d > reference + dt.timedelta(days=1), abs(d - reference))
            )
        found.append(FoundDate(match.start(), match.end(), match.group(), best, "stated"))
    return found


def _in_name(text: str, start: int, end: int) -> bool:
    """A weekday between capitalised name words: "Bloody Sunday", "the Sunday Times"."""
    before = re.search(r"([A-Z][\w'’-]*) $", text[max(0, start - 30) : start])
    if before and before.group(1).lower() not in _DATE_NEIGHBOURS:
        return True
    after = re.match(r" ([A-Z][a-z][\w'’-]*)", text[end : end + 30])
    return bool(after and after.group(1).lower() not in _DATE_NEIGHBOURS)


def _looks_forward(doc: Doc, start: int, modifier: str) -> bool:
    if modifier == "next":
        return True
    if modifier == "last":
        return False
    sentence = _sentence_text(doc, start)
    return bool(_FUTURE_RE.search(sentence))


def _weekday_date(ref: dt.date, weekday: int, forward: bool, strict: bool) -> dt.date:
    if forward:
        delta = (weekday - ref.weekday()) % 7
        return ref + dt.timedelta(days=delta or (7 if strict else 0))
    delta = (ref.weekday() - weekday) % 7
    if strict and delta == 0:
        delta = 7
    return ref - dt.timedelta(days=delta)


def _relative(doc: Doc, article_date: dt.date | None, taken: list[FoundDate]) -> list[FoundDate]:
    text = doc_text(doc)
    found: list[FoundDate] = []

    def keep(start: int, end: int, value: dt.date | None) -> None:
        if _overlaps(start, end, taken) or _overlaps(start, end, found):
            return
        if _entity_label(doc, start, end) in _NAME_LABELS:
            return  # "USA Today", "Bloody Sunday"
        basis = "relative" if value is not None else "unresolved"
        found.append(FoundDate(start, end, text[start:end], value, basis))

    for match in _RELATIVE_WORD_RE.finditer(text):
        offset = _RELATIVE_OFFSETS[match.group("word").lower()]
        value = article_date + dt.timedelta(days=offset) if article_date else None
        keep(match.start(), match.end(), value)
    for match in _AGO_RE.finditer(text):
        count = match.group("n").lower()
        n = int(count) if count.isdigit() else _NUMBER_WORDS[count]
        days = n * (7 if match.group("unit").lower().startswith("week") else 1)
        value = article_date - dt.timedelta(days=days) if article_date else None
        keep(match.start(), match.end(), value)
    for match in _WEEKDAY_RE.finditer(text):
        modifier = (match.group("mod") or "").lower()
        if not modifier and _in_name(text, match.start("weekday"), match.end("weekday")):
            continue
        # The span starts at the weekday unless the modifier changes its meaning.
        start = match.start() if modifier in ("last", "next", "this") else match.start("weekday")
        weekday = _WEEKDAYS[match.group("weekday").lower()]
        value = None
        if article_date is not None:
            forward = _looks_forward(doc, match.start(), modifier)
            value = _weekday_date(
                article_date, weekday, forward, strict=modifier in ("last", "next")
            )
        keep(start, match.end(), value)
    return found


def find_dates(doc: Doc, article_date: dt.date | None) -> list[FoundDate]:
    """Absolute and relative dates of the doc, in text order."""
    absolute = _absolute(doc, article_date)
    relative = _relative(doc, article_date, absolute)
    return sorted(absolute + relative, key=lambda f: f.start)
