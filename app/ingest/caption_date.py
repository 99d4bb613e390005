"""The day a report's photos were taken dates the report when nothing else does.

A news photo's caption states its day in full ("... in Dorvik on Wednesday, January 5,
2022"), and the text of the report names the weekdays of the past days it tells of
("announced on Thursday"): the report is from the caption's day or one of the six after it,
the earliest that puts every weekday it names within the shortest span before it. A file
photo ("FILE – In this May 4, 2019 photo ...") is of another day and says nothing, and so
is a date that names an event the caption recalls ("before the May 4, 2019, fire").
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence

from app.ingest.metadata import MONTH_NUMBERS, parse_date_text

_MONTHS = "|".join(sorted(MONTH_NUMBERS, key=len, reverse=True))
_WEEKDAYS = {
    name: i
    for i, name in enumerate(
        ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
    )
}
_FULL_DATE = re.compile(
    rf"\b(?:(?P<m>{_MONTHS})\.?\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y>\d{{4}})"
    rf"|(?P<d2>\d{{1,2}})\s+(?P<m2>{_MONTHS})\.?,?\s+(?P<y2>\d{{4}}))\b",
    re.I,
)
_FILE_PHOTO = re.compile(r"\b(?:file|archives?)\b", re.I)
# "the May 4, 2019, fire", "since the 4 May 2019 vote": a date worn by an event, not the photo's.
_EVENT_DATE = re.compile(r"\bthe\s+$", re.I)
# "on Thursday", "Thursday evening": a weekday the report looks back on ("next Monday" not).
_PAST_WEEKDAY = re.compile(
    r"(?<!next )\b(monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b", re.I
)
# The weekdays of the lead count: further down a report recalls older days.
_LEAD_CHARS = 1500


def caption_date(captions: Sequence[str], body: str) -> dt.date | None:
    """The report's day from its photos' captions and the weekdays its lead names."""
    days = []
    for caption in captions:
        if _FILE_PHOTO.search(caption):
            continue
        for m in _FULL_DATE.finditer(caption):
            if _EVENT_DATE.search(caption[: m.start()]):
                continue
            month, day, year = (m["m"], m["d"], m["y"]) if m["m"] else (m["m2"], m["d2"], m["y2"])
            found = parse_date_text(f"{month} {day}, {year}")
            if found is not None:
                days.append(found)
    if not days:
        return None
    latest = max(days)
    weekdays = {_WEEKDAYS[w.lower()] for w in _PAST_WEEKDAY.findall(body[:_LEAD_CHARS])}
    if not weekdays:
        return latest

    def span(day: dt.date) -> int:
        """Days from the earliest day named (the caption's included) to `day`."""
        return max((day - latest).days, *((day.weekday() - w) % 7 for w in weekdays))

    candidates = [latest + dt.timedelta(days=k) for k in range(7)]
    return min(candidates, key=lambda d: (span(d), d))
