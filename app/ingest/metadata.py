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


# The years a news date falls in. Nothing is published in year 1 or 9999, and a day near the
# calendar's ends would leave it under the arithmetic of relative dates ("yesterday", "last
# Friday", the nearest year of "May 3"), so text that names such a day names no date.
NEWS_YEARS = range(1800, 2200)


def calendar_day(year: int, month: int, day: int) -> dt.date | None:
    """The day, if it is one and lies in the news years."""
    if year not in NEWS_YEARS:
        return None
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def is_news_day(day: dt.date) -> bool:
    return day.year in NEWS_YEARS


def parse_iso(value: str) -> dt.date | None:
    try:
        day = dt.date.fromisoformat(value.strip()[:10])
    except ValueError:
        return None
    return day if is_news_day(day) else None


_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def stated_date(text: str, *, iso_only: bool = False) -> dt.date:
    """The day a header or a reader states (`iso_only`: as YYYY-MM-DD, nothing else);
    ValueError saying, in plain words, why the text is none."""
    value = text.strip()
    day = None if iso_only and not _ISO_DAY.fullmatch(value) else parse_date_text(value)
    if day is not None:
        return day
    years = [int(y) for y in re.findall(r"\d+", value) if len(y) >= 4]
    if years and all(y not in NEWS_YEARS for y in years):
        reason = f"is outside the years {NEWS_YEARS[0]}–{NEWS_YEARS[-1]}"
    elif _ISO_DAY.fullmatch(value):
        reason = "is no day of the calendar"
    else:
        reason = "is not a date (YYYY-MM-DD)"
    raise ValueError(f"{text!r} {reason}")


def _numeric_readings(text: str) -> list[dt.date]:
    a, b, year = (int(x) for x in re.split(r"[/.-]", text))
    readings = []
    for month, day in ((a, b), (b, a)):
        if (found := calendar_day(year, month, day)) is not None:
            readings.append(found)
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
    return calendar_day(int(m["y"]), MONTH_NUMBERS[m["m"].lower()], int(m["d"]))


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
