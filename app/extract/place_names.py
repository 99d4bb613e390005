"""Whether a capitalised name stands alone or is part of a longer name ("Paris Hilton",
"Moscow State University", "Bank of England"), and the words around it: what
app/extract/places.py reads before it takes a name for a place.
"""

from __future__ import annotations

import re

from spacy.lang.en.stop_words import STOP_WORDS
from spacy.tokens import Doc, Span, Token

from app.extract.gazetteer import Gazetteer, exact_key
from app.extract.nlp import doc_ents, doc_text
from app.extract.place_candidates import (
    MONTHS_AND_DAYS,
    POSSESSIVE_RE,
    Candidate,
    is_capitalised,
    word_set,
)

_OF_NAME_RE = re.compile(r" of (?:the )?[A-Z]")


# Words that may follow a place without making it part of another name: facilities
# in the place ("Baikonur Cosmodrome") and its authorities ("Kyiv Mayor", "US Secretary").
# Not "Street", "County", "Bay": "Independence Street", "Harrison County", "Tampa Bay" name
# other places.
_ALLOWED_AFTER = word_set(
    """airport cosmodrome spaceport city president prime premier minister ministry foreign
    interior defence defense government mayor governor police army military forces
    authorities embassy consulate parliament officials secretary ambassador envoy leader
    capital administration"""
)


# A person with an age: "Lopez, 20, faces ...".
_AGE_AFTER_RE = re.compile(r",\s+\d{1,3},")


# Words that may precede a place without making it part of another name.
_ALLOWED_BEFORE = word_set(
    """north south east west northeast northwest southeast southwest northern southern
    eastern western central greater downtown metropolitan upper lower inner outer local"""
)


# Head words of organisation names that are still the state itself.
_STATE_WORDS = word_set("republic kingdom federation state states government emirate principality")


_TITLES = word_set(
    """mr mrs ms miss dr prof sir lord lady president minister senator sen rep gov governor
    general gen king queen prince princess pope judge justice"""
)


# What follows a person's surname: "Ray Davis Jr.", "John Hale III".
_NAME_SUFFIXES = word_set("jr sr ii iii iv")


def title_case_line(text: str, at: int) -> bool:
    """The line is a headline in title case: its words of four letters and more mostly
    capitalised, so that a capital says nothing about a name."""
    start = text.rfind("\n", 0, at) + 1
    end = text.find("\n", at)
    words = re.findall(r"[^\W\d_]{4,}", text[start : end if end >= 0 else len(text)])
    return len(words) >= 3 and sum(w[0].isupper() for w in words) >= 0.8 * len(words)


def token_at(doc: Doc, start: int, end: int) -> Span | None:
    return doc.char_span(start, end, alignment_mode="expand")


def surnames(doc: Doc) -> set[str]:
    """Last words of the multi-word person names of the article ("Davis" of "Ray Davis Jr.")."""
    names: set[str] = set()
    for ent in doc_ents(doc):
        words = [t.text for t in ent if t.text.strip(".,").lower() not in _NAME_SUFFIXES]
        if ent.label_ == "PERSON" and len(words) >= 2 and words[-1][:1].isupper():
            names.add(exact_key(POSSESSIVE_RE.sub("", words[-1])))
    return names


def neighbour_word(text: str, start: int, end: int, before: bool) -> tuple[str, str]:
    """The word right before or after text[start:end] and the gap that separates them."""
    if before:
        match = re.search(r"([^\W\d_][\w'’.-]*)(\W*)$", text[max(0, start - 40) : start])
        if not match:
            return "", ""
        return POSSESSIVE_RE.sub("", match.group(1).rstrip(".")), match.group(2)
    match = re.match(r"(\W*)([^\W\d_][\w'’-]*)", text[end : end + 40])
    if not match:
        return "", ""
    return match.group(2), match.group(1)


def _first_token(doc: Doc, char: int) -> Token | None:
    span = doc.char_span(char, char + 1, alignment_mode="expand")
    return span[0] if span is not None and len(span) else None


def entity_of(token: Token) -> Span | None:
    if not token.ent_type_:
        return None
    for ent in doc_ents(token.doc):
        if ent.start <= token.i < ent.end:
            return ent
    return None


def part_of_longer_name(doc: Doc, cand: Candidate, gazetteer: Gazetteer) -> bool:
    text = doc_text(doc)
    after, gap_after = neighbour_word(text, cand.start, cand.end, before=False)
    if after and gap_after == " " and is_capitalised(after):
        lower = after.lower()
        if lower not in _ALLOWED_AFTER and lower not in MONTHS_AND_DAYS:
            return True
    # "Republic of Kenya", "Bank of England": the candidate heads a longer name.
    if _OF_NAME_RE.match(text, cand.end) or _AGE_AFTER_RE.match(text, cand.end):
        return True
    before, gap_before = neighbour_word(text, cand.start, cand.end, before=True)
    if before and is_capitalised(before):
        lower = before.lower()
        if lower in _TITLES and gap_before.strip(" .") == "":
            return True  # "Mr. Jordan", "President Lincoln"
        if gap_before == " " and not (
            lower in _ALLOWED_BEFORE or lower in STOP_WORDS or lower in MONTHS_AND_DAYS
        ):
            token = _first_token(doc, cand.start - len(before) - 1)
            if (
                token is not None
                and (token.pos_ == "PROPN" or not token.is_sent_start)
                and token.ent_type_ != "NORP"
            ):
                return True
    return False


def inside_organisation(doc: Doc, cand: Candidate) -> bool:
    """A place within a longer ORG entity ("Bank of England"), unless the ORG is the state."""
    span = token_at(doc, cand.start, cand.end)
    if span is None:
        return False
    ent = entity_of(span[0])
    if (
        ent is None
        or ent.label_ != "ORG"
        or (ent.end_char <= cand.end and ent.start_char >= cand.start)
    ):
        return False
    before = [
        t.text.lower()
        for t in ent
        if t.idx < cand.start and t.text[:1].isupper() and t.text.lower() not in STOP_WORDS
    ]
    after = [
        t.text.lower()
        for t in ent
        if t.idx >= cand.end and t.text[:1].isupper() and t.text.lower() not in STOP_WORDS
    ]
    if not before and not after:
        return False
    # "Republic of Kenya" is the state; "Kyiv City Council" is the city's own body.
    if before and all(w in _STATE_WORDS for w in before) and not after:
        return False
    return not (after and not before and all(w in _ALLOWED_AFTER for w in after))
