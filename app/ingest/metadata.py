"""Metadata a text states about itself: publication date, title, language."""

from __future__ import annotations

import datetime as dt
import re

MONTH_NUMBERS = {
    m: i
    for i, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for m in names
}
_MONTH_RE = "|".join(sorted(MONTH_NUMBERS, key=len, reverse=True))
_ORDINAL = re.compile(r"(?<=\d)(?:st|nd|rd|th)\b", re.I)
_ENGLISH = frozenset(
    [
        "the",
        "of",
        "and",
        "to",
        "in",
        "a",
        "is",
        "that",
        "for",
        "on",
        "with",
        "was",
        "as",
        "by",
        "at",
        "from",
        "it",
        "said",
        "were",
        "are",
        "has",
        "have",
    ]
)


def parse_iso(value: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value.strip()[:10])
    except ValueError:
        return None


def _numeric_readings(text: str) -> list[dt.date]:
    a, b, year = (int(x) for x in re.split(r"[/.-]", text))
    readings = []
    for month, day in ((a, b), (b, a)):
        try:
            readings.append(dt.date(year, month, day))
        except ValueError:
            continue
    return readings


def parse_date_text(text: str, *, near: dt.date | None = None) -> dt.date | None:
    """A written date; for 01/08/2022 the reading closest before `near` wins."""
    text = _ORDINAL.sub("", text.strip())
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        return parse_iso(text)
    if re.fullmatch(r"\d{1,2}[/.-]\d{1,2}[/.-]\d{4}", text):
        readings = _numeric_readings(text)
        if not readings:
            return None
        if near is None:
            return readings[0]
        # A publication date comes on or before the day the page was retrieved.
        return min(readings, key=lambda d: (d > near, abs((near - d).days)))
    m = re.fullmatch(rf"(?P<m>{_MONTH_RE})\.?\s+(?P<d>\d{{1,2}}),?\s+(?P<y>\d{{4}})", text, re.I)
    if not m:
        m = re.fullmatch(
            rf"(?P<d>\d{{1,2}})\s+(?P<m>{_MONTH_RE})\.?,?\s+(?P<y>\d{{4}})", text, re.I
        )
    if not m:
        return None
    try:
        return dt.date(int(m["y"]), MONTH_NUMBERS[m["m"].lower()], int(m["d"]))
    except ValueError:
        return None


def is_headline(line: str) -> bool:
    words = line.split()
    return 3 <= len(words) <= 25 and line.rstrip()[-1] not in ".?!:;,"


def title_from_body(body: str, limit: int = 90) -> str:
    """The first sentence (of the first paragraph), shortened at a word boundary."""
    first = body.strip().split("\n", 1)[0]
    first = re.split(r"(?<=[.!?])\s", first, maxsplit=1)[0]
    if len(first) <= limit:
        return first
    cut = first[:limit].rsplit(" ", 1)[0]
    return cut.rstrip(",;:") + "…"


def guess_language(body: str) -> str | None:
    words = re.findall(r"[a-z]+", body[:5000].lower())
    if len(words) < 20:
        return None
    share = sum(w in _ENGLISH for w in words) / len(words)
    return "en" if share > 0.12 else None
