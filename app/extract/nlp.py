"""The spaCy pipeline, loaded once per process and named by the settings."""

from __future__ import annotations

import bisect
from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span


@lru_cache(maxsize=2)
def get_nlp(model: str) -> Language:
    return spacy.load(model)


def doc_text(doc: Doc) -> str:
    """The text of a Doc, built once: `Doc.text` joins every token again on each call."""
    cached = doc.user_data.get("parallax_text")
    if cached is None:
        cached = doc.user_data["parallax_text"] = doc.text
    return str(cached)


def doc_ents(doc: Doc) -> list[Span]:
    """The entities of a Doc, built once: `Doc.ents` makes new spans on every call."""
    cached = doc.user_data.get("parallax_ents")
    if cached is None:
        cached = doc.user_data["parallax_ents"] = list(doc.ents)
    return list(cached)


def ents_in(span: Span) -> list[Span]:
    """The entities inside a span, from the cached list (`Span.ents` rebuilds the doc's)."""
    ents = doc_ents(span.doc)
    at = bisect.bisect_left([e.start for e in ents], span.start)
    out = []
    for ent in ents[at:]:
        if ent.start >= span.end:
            break
        if ent.end <= span.end:
            out.append(ent)
    return out
