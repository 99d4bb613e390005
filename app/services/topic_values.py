"""One reported value of a counted thing, as the figures overview, the stories and the charts
show it, and how a value is said in words."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import PurePath

QUALIFIER_WORDS = {
    "at_least": "at least",
    "more_than": "more than",
    "about": "about",
    "nearly": "nearly",
    "up_to": "up to",
    "range": "between",
    "exact": "",
}


def number_text(value: float) -> str:
    """1,300; 2.5: thousands grouped, at most two decimals."""
    return f"{value:,.0f}" if value == int(value) else f"{value:,.2f}".rstrip("0")


def show_value(
    value: float | None, value_high: float | None, qualifier: str, *, missing: str = "no number"
) -> str:
    """A figure's value as a reader says it: "at least 164", "5,800–6,000", "no number"."""
    if value is None:
        return missing
    if qualifier == "range" and value_high is not None:
        return f"{number_text(value)}–{number_text(value_high)}"
    words = QUALIFIER_WORDS.get(qualifier, "")
    return f"{words} {number_text(value)}".strip()


def article_label(outlet: str | None, source_file: str) -> str:
    """The outlet, or the file name when the outlet is unknown."""
    return outlet or PurePath(source_file).name


def short_day(day: dt.date) -> str:
    return day.strftime("%-d %b")


# What a value is within its topic: a count of its own, a part its article names of a total
# (never a rival of it), or a figure its text retracts (never a report of the count).
COUNT, PART, RETRACTED = "count", "part", "retracted"


@dataclass(frozen=True)
class TopicValue:
    figure_id: int
    article_id: int
    text: str
    value: float | None
    value_high: float | None
    qualifier: str
    source: str
    label: str  # outlet or file name
    article_title: str
    article_date: dt.date | None
    day: dt.date | None  # the day the figure refers to, else the article's date
    day_basis: str  # "refers to" | "article date" | "none"
    status: str = "reported"
    role: str = COUNT
    family: int = 0  # the first article of its family of copies (its own article if none)

    @property
    def shown(self) -> str:
        return show_value(self.value, self.value_high, self.qualifier)

    @property
    def top(self) -> float | None:
        return self.value_high if self.value_high is not None else self.value

    @property
    def note(self) -> str:
        """What sets the value apart, in words, or nothing."""
        if self.role == PART:
            return "a part its report names of the total"
        if self.role == RETRACTED:
            return "retracted"
        if self.status == "disputed":
            return "disputed in its report"
        return ""
