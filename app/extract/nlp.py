"""The spaCy pipeline, loaded once per process and named by the settings."""

from __future__ import annotations

import bisect
from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span

# spaCy refuses a text over `nlp.max_length` (E088, a million characters) and its parser holds
# memory in proportion to the text at once; a longer text is parsed in pieces of at most this
# many characters, cut at paragraph breaks, and joined into one Doc.
PIECE_CHARS = 20_000


@lru_cache(maxsize=2)
def get_nlp(model: str) -> Language:
    return spacy.load(model)


def parse(nlp: Language, text: str, piece_chars: int = PIECE_CHARS) -> Doc:
    """The parse of a text of any length: its text, tokens and offsets those of one parse."""
    if len(text) <= piece_chars:
        return nlp(text)
    # Each piece keeps the white space it ends in: joined as they are, nothing is added.
    docs = list(nlp.pipe(pieces(text, piece_chars), batch_size=1))  # one piece in memory at once
    return Doc.from_docs(docs, ensure_whitespace=False)


def pieces(text: str, size: int) -> list[str]:
    """The text cut into consecutive pieces of at most `size` characters, each after a
    paragraph break where there is one, else a line break, else a space (a piece keeps the
    white space it ends in, so that the joined parse has the text's offsets)."""
    out = []
    start = 0
    while len(text) - start > size:
        window = text[start : start + size]
        cut = next(
            (k + len(sep) for sep in ("\n\n", "\n", " ") if (k := window.rfind(sep)) > 0),
            size,
        )
        out.append(window[:cut])
        start += cut
    out.append(text[start:])
    return out


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
