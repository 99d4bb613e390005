"""The title as a text of its own: without the outlet's name pages append to it, and not again
as the body's first line.

Page titles carry the site's name after a separator ("… - The Daily Herald", "… | WXYZ",
"… :: WRAL.com", "… - WAFB 9 News Baton Rouge, Louisiana News, Weather, Sports"); those
parts are not the headline, and their numbers (channel 9) are no figures. A headline that a
copied page repeats as the first line of the body is the title, not a report of its own.
"""

from __future__ import annotations

import re

# " - ", " – ", " — ", " | ", " :: ", and runs of them ("- |"): never a colon glued to a word.
_SEPARATOR = re.compile(r"\s+(?:[-–—|]|::)(?:\s*(?:[-–—|]|::))*(?:\s+|$)")
_DOMAIN = re.compile(r"\b[\w-]+\.(?:com|net|org|tv|us|news|co\.uk|ca|info)\b", re.I)
# Words of a site's name rather than of a headline.
_SITE_WORDS = frozenset(
    {"news", "weather", "sports", "tv", "radio", "channel", "online", "newsroom", "breaking"}
)
# Broadcasters' call signs (KTLA, WSB-TV, WXYZ).
_CALL_SIGN = re.compile(r"^[KW][A-Z]{2,3}(?:-(?:TV|FM|AM|DT))?$")
_LOWER_IN_NAMES = frozenset({"of", "the", "and", "&", "de", "la", "on"})
_MAX_NAME_WORDS = 4


def _is_site_name(part: str, outlet: str | None) -> bool:
    part = part.strip(" -–—|:")
    if not part:
        return True  # what a run of separators leaves
    words = part.split()
    if _DOMAIN.search(part) or any(_CALL_SIGN.match(w.strip(",.")) for w in words):
        return True
    if {w.strip(",.").lower() for w in words} & _SITE_WORDS:
        return True
    if outlet and (stem := _stem(outlet)) and stem in re.sub(r"[^a-z0-9]", "", part.lower()):
        return True
    # A short name in capitals ("The Daily Herald", "Memphis, Tennessee"); a number or a
    # lower-case word ("2 injured", "police say") belongs to a headline.
    return len(words) <= _MAX_NAME_WORDS and all(
        w[0].isupper() or w.lower() in _LOWER_IN_NAMES for w in words
    )


def _stem(outlet: str) -> str:
    """The letters of an outlet's name as a page spells it: "wxyz.com" → "wxyz"."""
    name = outlet.strip().lower()
    name = re.sub(r"^(?:https?://)?(?:www\.)?", "", name)
    name = re.sub(r"\.(?:com|net|org|tv|us|news|co\.uk|ca|info)$", "", name)
    stem = re.sub(r"[^a-z0-9]", "", name)
    return stem if len(stem) >= 3 else ""


def headline_of(title: str, outlet: str | None = None) -> str:
    """The title without the site's name after it: a prefix of the title, stripped."""
    cuts = [(m.start(), m.end()) for m in _SEPARATOR.finditer(title)]
    ends = [start for start, _ in cuts[1:]] + [len(title)]
    for i, (start, _) in enumerate(cuts):
        if not title[:start].strip():
            continue
        parts = [title[cuts[j][1] : ends[j]] for j in range(i, len(cuts))]
        if all(_is_site_name(part, outlet) for part in parts):
            return title[:start].rstrip()
    return title.rstrip()  # leading space kept: title figures' offsets count from 0


def normal(text: str) -> str:
    """Letters and digits only, in lower case, single-spaced: how two copies of a line compare."""
    text = text.casefold().replace("’", "'")
    return " ".join(re.sub(r"[^\w\s]|_", " ", text).split())


def repeats_title(line: str, title: str, outlet: str | None = None) -> bool:
    """The line is the title again (or its headline without the site's name)."""
    mine = normal(line)
    return bool(mine) and mine in {normal(title), normal(headline_of(title, outlet))}


def title_to_read(title: str, body: str, outlet: str | None = None) -> str:
    """The part of the title to read figures from: the headline, or nothing when the body
    begins with it (a title made from the first sentence says nothing the body does not)."""
    headline = headline_of(title, outlet)
    words = normal(headline.rstrip("…").rstrip("."))
    if not words or normal(body[: len(headline) * 2]).startswith(words):
        return ""
    return headline
