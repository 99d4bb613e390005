"""Who published a text and when, as its address and its dateline tell.

- A line that is only an address ("https://www.example.com/2014/02/20/story/") is no part
  of the article: it is the article's URL.
- The URL's registrable domain ("example.com", "example.co.uk") names the outlet when
  nothing else does; its path often carries the day of publication ("/2014/02/20/",
  "/2014/feb/20/", "-20140220-", "2014-02-20").
- A dateline ("SPRINGFIELD, Ill. (AP) —", "SPRINGFIELD (May 6, 2014) —") names the wire or
  station in its parentheses, or the day.
"""

from __future__ import annotations

import datetime as dt
import re
from urllib.parse import urlsplit

from app.ingest.metadata import MONTH_NUMBERS, calendar_day, parse_date_text

_URL_LINE = re.compile(r"^\s*(?:https?://|www\.)[^\s<>\"]+\s*$", re.I)
_MONTH = "|".join(sorted(MONTH_NUMBERS, key=len, reverse=True))
_URL_DATES = (
    # /2014/02/20/ and /2014/feb/20/: the common path of a dated article
    re.compile(rf"/(?P<y>(?:19|20)\d\d)/(?P<m>[01]?\d|{_MONTH})/(?P<d>[0-3]?\d)(?=/|$)", re.I),
    # 2014-02-20, 2014_02_20, 20140220 inside a name, never inside a longer number
    re.compile(r"(?<!\d)(?P<y>(?:19|20)\d\d)(?P<s>[-_]?)(?P<m>[01]\d)(?P=s)(?P<d>[0-3]\d)(?!\d)"),
)
_PLACE = (
    r"[A-Z][A-Z'’.\-]+(?: [A-Z][A-Z'’.\-]+){0,3}(?:,\s*[A-Z][A-Za-z.]{1,14}(?: [A-Z][a-z.]+)?)?"
)
_DATELINE = re.compile(rf"^(?:{_PLACE})\s*\((?P<said>[^()\n]{{1,40}})\)\s*(?:[-–—]{{1,2}}|:)")
_HAS_YEAR = re.compile(r"\b(?:19|20)\d\d\b")
_MAX_OUTLET_WORDS = 4
_FIRST_PARAGRAPHS = 3


def is_url_line(line: str) -> bool:
    return bool(_URL_LINE.match(line))


def _host(url: str) -> str:
    if "://" not in url:
        url = "http://" + url
    try:
        return (urlsplit(url.strip()).hostname or "").lower()
    except ValueError:
        return ""


def outlet_from_url(url: str) -> str | None:
    """The registrable domain of the address ("news.example.co.uk" → "example.co.uk")."""
    host = _host(url)
    if "." not in host or re.fullmatch(r"[\d.]+", host):
        return None
    from courlan import extract_domain  # its public suffix list ships with the package

    domain = extract_domain(f"http://{host}/") or host
    return re.sub(r"^www\d*\.", "", domain)


def date_from_url(url: str, *, latest: dt.date | None = None) -> dt.date | None:
    """The day an article's address states, if it states one; never after `latest`."""
    path = urlsplit(url if "://" in url else "http://" + url).path
    query = urlsplit(url if "://" in url else "http://" + url).query
    for pattern in _URL_DATES:
        for m in pattern.finditer(f"{path}?{query}"):
            month = m["m"].lower()
            number = MONTH_NUMBERS.get(month) or int(month)
            day = calendar_day(int(m["y"]), number, int(m["d"]))
            if day is None:
                continue
            if latest is None or day <= latest:
                return day
    return None


def _datelines(paragraphs: list[str]) -> list[str]:
    return [m["said"].strip() for p in paragraphs[:_FIRST_PARAGRAPHS] if (m := _DATELINE.match(p))]


def without_dateline(paragraph: str) -> str:
    """The paragraph after its dateline: where its first sentence begins."""
    m = _DATELINE.match(paragraph)
    return paragraph[m.end() :].lstrip() if m else paragraph


def dateline_outlet(paragraphs: list[str]) -> str | None:
    """The wire or station a dateline names: "(AP)", "(Reuters)", "(WXYZ)"."""
    for said in _datelines(paragraphs):
        words = said.split()
        if len(words) <= _MAX_OUTLET_WORDS and said[0].isupper() and not _HAS_YEAR.search(said):
            return said
    return None


def dateline_date(paragraphs: list[str]) -> dt.date | None:
    """The day a dateline states in its parentheses: "INDIANAPOLIS (May 6, 2014) —"."""
    for said in _datelines(paragraphs):
        if day := parse_date_text(said):
            return day
    return None
