"""Statements: the sentences of an article that carry a checkable claim.

A claim is something another outlet could confirm or contradict: an event that happened (a
past, perfect, passive or future verb), an order or an arrest, a number, or words put in
someone's mouth. Headings, questions and timeless background ("earthquakes are common in ...")
are not claims. The linking step compares these spans across articles.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from spacy.tokens import Doc, Span, Token

from app.extract.nlp import doc_text, ents_in
from app.extract.types import FoundStatement


def _words(text: str) -> frozenset[str]:
    """A set of words written as one string (long vocabularies stay readable)."""
    return frozenset(text.split())


# Verbs that attribute words or figures to a source.
_ATTRIBUTION = _words(
    """say tell announce report declare state claim write add warn confirm deny accuse explain
    assure estimate denounce criticize criticise urge insist affirm acknowledge admit reveal
    indicate note stress argue allege quote cite tweet post publish release comment promise
    threaten vow pledge order demand call ask request appeal"""
)
# Nouns that name a checkable event even where the verb is weak ("More than 300 arrests").
_EVENT_NOUNS = _words(
    """arrest arrests detention order orders shutdown blockade dispatch deployment resignation
    dismissal attack attacks clash clashes explosion blast strike strikes killing killings
    death deaths toll casualties curfew emergency ban closure protest protests riot riots
    election vote decree sanction sanctions agreement ceasefire invasion raid fire rise
    increase cut cuts reduction"""
)
_NUMERIC_ENTS = ("CARDINAL", "QUANTITY", "PERCENT", "MONEY")
_TIME_ENTS = ("DATE", "TIME")
_MIN_WORDS = 4
_CLOSING = "\"'”’»)]“«"


def _is_question(text: str) -> bool:
    return text.rstrip().rstrip(_CLOSING).rstrip().endswith("?")


def _is_heading(span: Span) -> bool:
    """A line of its own, short, with no closing punctuation: a section heading."""
    doc = span.doc
    text = doc_text(doc)
    before = text[: span.start_char].rstrip(" \t")
    after = text[span.end_char :].lstrip(" \t")
    whole_line = (not before or before.endswith("\n")) and (not after or after.startswith("\n"))
    stripped = span.text.strip()
    return whole_line and len(stripped.split()) <= 12 and not re.search(r"[.!?:;,…]\W*$", stripped)


_GENERIC_MODALS = _words("must can could may might should ought")


def _event_verb(tok: Token, anchored: bool) -> bool:
    """Past, perfect, passive or future: something happened or is announced to happen.
    "must be authorised" is a rule, not an event; "was" is an event only with a time."""
    if tok.pos_ not in ("VERB", "AUX"):
        return False
    if any(c.lower_ in _GENERIC_MODALS for c in tok.children):
        return False
    if tok.tag_ == "VBD":
        return tok.lemma_ != "be" or tok.dep_ in ("auxpass", "aux") or anchored
    if tok.tag_ == "VBN":
        return any(c.dep_ in ("aux", "auxpass", "agent") for c in tok.children) or tok.dep_ in (
            "ROOT",
            "conj",
            "ccomp",
            "advcl",
        )
    if tok.tag_ == "VB":
        return any(c.lower_ in ("will", "would", "'ll", "shall") for c in tok.children)
    return False


def _claim_signals(span: Span) -> int:
    """How many kinds of evidence the sentence holds that it states a checkable claim."""
    numbers = any(ent.label_ in _NUMERIC_ENTS for ent in ents_in(span)) or any(
        tok.like_num and tok.ent_type_ not in _TIME_ENTS and not tok.is_punct for tok in span
    )
    attribution = (
        any(tok.lemma_.lower() in _ATTRIBUTION and tok.pos_ == "VERB" for tok in span)
        or "according to" in span.text.lower()
    )
    anchored = any(ent.label_ in _TIME_ENTS for ent in ents_in(span))
    event = any(_event_verb(tok, anchored) for tok in span)
    event_noun = any(tok.lower_ in _EVENT_NOUNS and tok.pos_ == "NOUN" for tok in span)
    # Quoted words beside a named speaker: an attributed statement, whatever the verb.
    quoted = bool(re.search(r"[“”«»\"]", span.text)) and any(
        ent.label_ in ("PERSON", "ORG") for ent in ents_in(span)
    )
    return sum((numbers, attribution, event, event_noun and anchored, quoted))


def _has_verb(span: Span) -> bool:
    return any(tok.pos_ in ("VERB", "AUX") for tok in span)


def find_statements(doc: Doc, sentences: Sequence[tuple[int, int]]) -> list[FoundStatement]:
    """The sentences (character spans into the body) that carry a checkable claim."""
    out: list[FoundStatement] = []
    for start, end in sentences:
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is None:
            continue
        text = doc_text(doc)[start:end]
        words = [t for t in span if t.is_alpha]
        if len(words) < _MIN_WORDS or _is_question(text) or _is_heading(span):
            continue
        if not _has_verb(span) and not any(e.label_ in _NUMERIC_ENTS for e in ents_in(span)):
            continue
        if _claim_signals(span) == 0:
            continue  # timeless background: no event, number or attributed words
        out.append(FoundStatement(start, end, text))
    return out
