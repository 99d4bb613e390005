"""Text folding: the one plain form names are compared in (accents, apostrophes, hyphens)."""

from __future__ import annotations

import re
import unicodedata

_APOSTROPHES = "’‘`´ʼ"
_HYPHENS = "‐‑‒–—"


def fold(text: str) -> str:
    """Accents off, typographic apostrophes and hyphens made plain, spaces squeezed."""
    for ch in _APOSTROPHES:
        text = text.replace(ch, "'")
    for ch in _HYPHENS:
        text = text.replace(ch, "-")
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return re.sub(r"\s+", " ", plain).strip()


def strip_possessive(text: str) -> str:
    return re.sub(r"['’]s?$", "", text.strip())
