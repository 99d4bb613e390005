"""The date a page stamps on itself: "Posted: Tuesday, May 6, 2014 8:18 PM EDT", "(Published
Monday, Aug. 25, 2014)", "Updated at 5:17 pm, March 31st, 2016", or a line that is a date
alone under the headline ("Tue Jul 2, 2013 1:28PM GMT", "4 October 2013, 18:07").

Such a stamp is the page's own word about when it was published, unlike a date the story
mentions ("the shooting on May 3, 2014"): a stamp stands at the head of a line or in
capitals ("Posted:"), never inside a sentence in lower case ("a video posted on May 3").
When a page stamps both its first posting and an update, the first posting is its date.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from app.ingest.metadata import MONTH_NUMBERS, parse_date_text

_MONTH = "|".join(sorted(MONTH_NUMBERS, key=len, reverse=True))
_WEEKDAY = (
    r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday"
    r"|mon|tues|tue|wed|thurs|thur|thu|fri|sat|sun)\.?"
)
_ORDINAL = r"(?:st|nd|rd|th)?"
# The written forms of a whole date, with its year.
_DATE = (
    rf"(?:(?:{_MONTH})\.?\s+\d{{1,2}}{_ORDINAL},?\s+\d{{4}}"
    rf"|\d{{1,2}}{_ORDINAL}\s+(?:{_MONTH})\.?,?\s+\d{{4}}"
    r"|\d{1,2}[/.-]\d{1,2}[/.-]\d{4}"
    r"|\d{4}-\d{2}-\d{2})"
)
_TIME = r"\d{1,2}(?:\s?[:.h]\s?\d{2})(?:\s?[ap]\.?\s?m\.?)?(?:\s+(?-i:[A-Z]{2,4})\b)?"
_FIRST_WORDS = r"first\ posted|first\ published|posted|published|created"
_LATER_WORDS = r"last\ updated|last\ modified|updated|modified"
_STAMP = re.compile(
    rf"(?P<word>{_FIRST_WORDS}|{_LATER_WORDS})\b[:\s]*"
    r"(?:(?:on|at)\b[:\s]*)?"
    rf"(?:{_TIME},?\s+(?:on\s+)?)?"  # "Posted 3:57 AM, May 26, 2015"
    r"(?:by\s[^\n:]{1,40}?\s+on\s+)?"  # "Posted by A. Writer on 5 Jan 2016"
    rf"(?:{_WEEKDAY},?\s+)?"
    rf"(?P<date>{_DATE})",
    re.I | re.X,
)
_LATER = re.compile(rf"^(?:{_LATER_WORDS})$", re.I | re.X)
# What may stand beside a date on a line of its own: a weekday, a time, a zone, "@".
_STAMP_LINE_REST = re.compile(
    rf"\b{_WEEKDAY}(?=[\s,]|$)|{_TIME}|\(?\b(?:GMT|UTC)\s?[+-]?\s?[\d:\s]*\)?"
    r"|\b(?-i:[A-Z]{2,4})\b|\b(?:at|on|hrs?)\b|[@|,.\s-]",
    re.I,
)
# How far into a text its own stamp is looked for.
_HEAD_CHARS = 1500
_HEAD_LINES = 6
# A stamp that closes a line of text ("… reports. (Published Monday, May 3, 2021)") is the
# page's own only on its first lines, the caption of its lead video; further down it closes
# the caption of some other video embedded in the story.
_INLINE_LINES = 4


@dataclass(frozen=True)
class Stamp:
    date: dt.date
    line: int  # index of the line in the lines searched
    alone: bool  # the line holds the stamp and nothing else


def _stamps_in(
    line: str, *, near: dt.date | None, inline: bool = True
) -> list[tuple[bool, dt.date, re.Match[str]]]:
    """The stamps of a line; with `inline` also those that close a line of text."""
    found = []
    for m in _STAMP.finditer(line):
        word = m["word"]
        at_head = not line[: m.start()].strip(" (|-–—")
        # Inside running text only a capitalised keyword is a stamp ("Posted:"), not
        # "a video posted on May 3, 2014".
        if not at_head and (not inline or not word[0].isupper()):
            continue
        day = parse_date_text(m["date"], near=near)
        if day is not None:
            found.append((bool(_LATER.match(" ".join(word.lower().split()))), day, m))
    return found


def _head(lines: list[str]) -> list[int]:
    """The lines a page's own stamp stands among: the first few, before the story runs on.
    Further down, "(Published …)" closes the caption of some embedded video instead."""
    out: list[int] = []
    seen = 0
    for i, line in enumerate(lines):
        if seen > _HEAD_CHARS or len(out) == _HEAD_LINES:
            break
        seen += len(line) + 1
        if line.strip():
            out.append(i)
    return out


def find_stamp(lines: list[str], *, near: dt.date | None = None) -> Stamp | None:
    """The page's publication stamp among the first lines: a first posting before an update;
    else a line that is a date alone."""
    head = _head(lines)
    best: tuple[bool, Stamp] | None = None
    for k, i in enumerate(head):
        for later, day, m in _stamps_in(lines[i], near=near, inline=k < _INLINE_LINES):
            if best is None or (best[0] and not later):
                best = (later, Stamp(day, i, alone=not _rest(lines[i], m.start(), m.end())))
    if best is not None:
        return best[1]
    for i in head:
        if alone := _date_line(lines[i], i, near=near):
            return alone
    return None


def _rest(line: str, start: int, end: int) -> str:
    return _STAMP_LINE_REST.sub("", line[:start] + " " + line[end:])


def _date_line(line: str, i: int, *, near: dt.date | None) -> Stamp | None:
    """A line that holds one whole date and otherwise only its weekday, time and zone."""
    m = re.search(_DATE, line, re.I)
    if m is None or _rest(line, m.start(), m.end()):
        return None
    day = parse_date_text(m.group(), near=near)
    return Stamp(day, i, alone=True) if day else None


def strip_stamps(line: str, *, inline: bool = True) -> str:
    """The line without its stamps and the times after them; text on either side stays."""
    found = _stamps_in(line, near=None, inline=inline)
    if not found:
        return line
    for _, _, m in reversed(found):
        rest = re.sub(rf"^[\s,\-–—]*(?:at\s+)?{_TIME}", "", line[m.end() :], flags=re.I)
        line = line[: m.start()] + " " + rest
    line = re.sub(r"\(\s*\)", "", line)
    return " ".join(line.split()).strip(" |,-–—")


def without_stamps(lines: list[str], stamp: Stamp) -> list[str]:
    """The lines without the stamps at the top (where `find_stamp` looks); a line that was
    a stamp alone becomes empty."""
    out = list(lines)
    for k, i in enumerate(_head(lines)):
        alone = i == stamp.line and stamp.alone
        out[i] = "" if alone else strip_stamps(lines[i], inline=k < _INLINE_LINES)
    return out
