"""Actors: the people and organisations an article names, and one actor across articles.

`find_actors` reads spaCy's entities from one article and corrects the small model's usual
slips with rules; app/extract/actor_merge.py groups the mentions of all articles into actors.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span

from app.extract.figure_lexicon import words
from app.extract.folding import fold
from app.extract.names import (
    ORG_HEADS,
    TITLES,
    PersonName,
    is_acronym,
    org_initials,
    parse_org,
    parse_person,
)
from app.extract.nationalities import (
    country_names,
    demonym_country,
    is_nationality,
    is_place_name,
)
from app.extract.nlp import doc_ents, doc_text
from app.extract.slips import close_keys
from app.extract.types import ORG, PERSON, FoundMention

_LABELS = ("PERSON", "ORG", "NORP", "GPE", "FAC")
# Last words of the places and bodies named after someone ("Harold Wexley High School",
# "Dana Whitlock Park"): the small model reads such a name as the person's.
_THING_HEADS = ORG_HEADS | words(
    """park school academy airport stadium arena library bridge hall memorial boulevard
    avenue parkway highway expressway freeway"""
)
_NAME_SUFFIXES = frozenset({"jr", "sr"})
_NAMED_HEADS = _THING_HEADS | {"day"}
_CREDIT_START = re.compile(r"^\s*(©|\(?credits?\b|photo\b|photos\b|image\b|source:)", re.I)
# Person titles that are also the end of a multi-word title ("Foreign Minister").
_TITLE_WORDS = TITLES | {"minister", "secretary", "spokesman", "spokeswoman"}
_RANKS_SHORT = frozenset(w for w in TITLES if w.endswith("."))
# Acronyms of things that news writes in capitals and the small model tags as ORG.
_THING_ACRONYMS = words(
    """LPG LNG CNG GDP GNP CPI VAT GMT UTC BST CET HIV AIDS SARS MERS COVID DNA RNA PCR ICU
    PPE SUV GPS SMS MMS AI TV CCTV IED IEDS RPG RPGS AK-47 MP3 USB PDF CEO CFO MP MPS"""
)


# --- finding mentions in one article ----------------------------------------------------------


def _line_of(doc: Doc, start: int, end: int) -> str:
    text = doc_text(doc)
    a = text.rfind("\n", 0, start) + 1
    b = text.find("\n", end)
    return text[a : b if b >= 0 else len(text)].strip()


def _reads_as_credit(text: str, line: str) -> bool:
    """Photo credits and bylines: ingest drops them, but a stray one must not become an actor."""
    if _CREDIT_START.match(line):
        return True
    letters = [w for w in re.findall(r"[^\W\d_]+", text)]
    if len(letters) >= 2 and all(w.isupper() for w in letters):
        return True  # "VLADIMIR TRETYAKOV", "RUSSIAN DEFENSE MINISTRY"
    words = line.split()
    if len(words) <= 8 and not re.search(r"[.!?:;,”»\"]$", line):
        if any(len(w) >= 6 and w.isalpha() and w.isupper() for w in words):
            return True  # "Firstname SURNAME" byline
        if "/" in line and re.search(r"/\s*[A-Z]{2,}", line):
            return True  # "Name/AGENCY"
    return False


def _trim(span: Span) -> Span | None:
    """Drop a leading "the", a possessive and anything after it, and closing punctuation."""
    doc = span.doc
    start, end = span.start, span.end
    while start < end and doc[start].lower_ in ("the", "a", "an"):
        start += 1
    for i in range(start, end):
        # A possessive ends the name ("Merkel's office ..."), and so does a bracket
        # ("World Health Organization (WHO"): the acronym is found on its own.
        if doc[i].tag_ == "POS" or doc[i].text in ("’s", "'s", "’", "'", "(", "["):
            end = i
            break
    while start < end and doc[end - 1].is_punct:
        end -= 1
    # A rank written short ends no name: "NYPD Sgt" is the force before the person's name.
    while end - start > 1 and f"{doc[end - 1].lower_.rstrip('.')}." in _RANKS_SHORT:
        end -= 1
    while start < end and doc[start].is_punct:
        start += 1
    return doc[start:end] if end > start else None


def _is_title(word: str) -> bool:
    """ "Sgt", "Sgt." and "sergeant" alike: the list writes abbreviations with their dot."""
    bare = word.lower().rstrip(".")
    return bare in _TITLE_WORDS or f"{bare}." in _TITLE_WORDS


def _title_before(doc: Doc, span: Span) -> bool:
    i = span.start - 1
    return i >= 0 and _is_title(doc[i].text) and doc[i].text[:1].isupper()


def _class_after(doc: Doc, span: Span) -> int:
    """Index after a lower-case class phrase glued to the name ("Xinhua news agency")."""
    end = span.end
    for width in (1, 2):
        tail = doc[end : end + width]
        lower = len(tail) == width and all(t.is_lower and t.is_alpha for t in tail)
        if lower and tail[-1].lower_ in ORG_HEADS:
            return end + width
    return end


def _appositive_org(doc: Doc, span: Span) -> bool:
    """ "Aramco (the Saudi state oil company)" / "Amnesty, a rights group"."""
    if span.end < len(doc) and doc[span.end].text in ("(", ","):
        for tok in doc[span.end + 1 : span.end + 8]:
            if tok.text in (")", ",", "."):
                break
            if tok.lower_ in ORG_HEADS and tok.pos_ == "NOUN":
                return True
    i = span.start - 1
    # "the rights group Amnesty"
    return i >= 0 and doc[i].lower_ in ORG_HEADS and doc[i].is_lower


def _named_after(doc: Doc, span: Span) -> bool:
    """A person's name that goes on, past "Jr." or "Sr.", into the name of a thing: the
    hospital, the park or the day named after the person, not the person."""
    tail = list(doc[span.start + 1 : min(len(doc), span.end + 4)])
    for k, tok in enumerate(tail):
        if tok.lower_.rstrip(".") in _NAME_SUFFIXES:
            after = [t for t in tail[k + 1 : k + 3] if t.text != "."][:1]
            return bool(after) and after[0].text[:1].isupper() and after[0].lower_ in _NAMED_HEADS
        if span.start + 1 + k >= span.end and tok.text != ",":
            return False
    return False


def _person_shaped(text: str) -> bool:
    words = fold(text).split()
    return (
        1 <= len(words) <= 4
        and all(w[:1].isupper() for w in words)
        and not any(w.lower() in ORG_HEADS for w in words)
    )


def find_actors(doc: Doc) -> list[FoundMention]:
    """Mentions of people and organisations in one parsed article body."""
    candidates: list[tuple[Span, str]] = []
    for ent in doc_ents(doc):
        if ent.label_ not in _LABELS:
            continue
        span = _trim(ent)
        if span is None or not any(c.isalpha() for c in span.text):
            continue
        if _reads_as_credit(span.text, _line_of(doc, span.start_char, span.end_char)):
            continue
        label = ent.label_
        if label == "PERSON" and span[-1].lower_ in _THING_HEADS:
            label = "ORG"  # "Mount Hope Hospital": a body, whatever the small model says
        elif label == "PERSON" and _named_after(doc, span):
            continue  # "Harold T. Wexley, Jr. Hospital", "Harold Wexley Jr. Day"
        candidates.append((span, label))

    # Persons first: spaCy's PERSON, or any name right after a person's title.
    persons: list[PersonName] = []
    kinds: dict[int, str] = {}
    for idx, (span, label) in enumerate(candidates):
        text = span.text
        if is_nationality(text):
            continue
        if label == "PERSON" or (
            _title_before(doc, span) and label in ("ORG", "NORP", "GPE") and _person_shaped(text)
        ):
            name = parse_person(text)
            if name is not None:
                kinds[idx] = PERSON
                persons.append(name)

    def surname_of_known_person(name: PersonName | None) -> bool:
        if name is None:
            return False
        return any(close_keys(name.surname, p.surname) for p in persons)

    for idx, (span, label) in enumerate(candidates):
        text = span.text
        if idx in kinds or is_nationality(text):
            continue
        # The small model tags a surname as ORG / NORP / GPE; a person of that surname
        # elsewhere in the article settles it.
        if _person_shaped(text) and len(text.split()) <= 3:
            name = parse_person(text)
            if surname_of_known_person(name):
                kinds[idx] = PERSON
                continue
        if label == "ORG" or _appositive_org(doc, span):
            kinds[idx] = ORG
        elif label == "NORP" and doc[span.end - 1].dep_ in ("nsubj", "nsubjpass", "poss"):
            kinds[idx] = ORG  # a group acting or owning ("the Taliban said")

    out: list[FoundMention] = []
    for idx, kind in sorted(kinds.items()):
        span, label = candidates[idx]
        mention = _person_mention(doc, span, persons) if kind == PERSON else _org_mention(doc, span)
        if mention is not None:
            out.append(mention)
    out.extend(_defined_acronyms(doc, out))
    out.sort(key=lambda m: m.start)
    return _dedupe(out)


def _person_mention(doc: Doc, span: Span, persons: list[PersonName]) -> FoundMention | None:
    name = parse_person(span.text)
    if name is None:
        return None
    if name.lone:
        # A lone word that is a place and no person's surname is a place ("in Kyiv").
        known = any(close_keys(name.surname, p.surname) for p in persons if not p.lone)
        if not known and is_place_name(span.text):
            return None
        # "on Twitter", "via Telegram": a lone name after such a preposition is a medium.
        if not known and span.start > 0 and doc[span.start - 1].lower_ in ("on", "via"):
            return None
    # A title ends no name: "LAPD Sgt" is the force and the rank of the person named next.
    if len(span) > 1 and _is_title(span[-1].text):
        return None
    # Strip title words spaCy may have put inside the entity.
    tokens = list(span)
    while len(tokens) > 1 and _is_title(tokens[0].text):
        tokens = tokens[1:]
    sub = doc[tokens[0].i : tokens[-1].i + 1]
    return FoundMention(sub.start_char, sub.end_char, sub.text, name.key, PERSON)


def _org_mention(doc: Doc, span: Span) -> FoundMention | None:
    text = span.text
    words = fold(text).split()
    if len(words) == 1:
        tok = span[0]
        if tok.pos_ == "NOUN" or (tok.is_sent_start and tok.pos_ != "PROPN"):
            return None  # a capitalised common noun ("Groups of ...")
        if is_place_name(text) and not is_acronym(text):
            return None  # the small model tags cities as ORG
        if tok.lower_ in _TITLE_WORDS or tok.lower_ in ORG_HEADS:
            return None  # "State" of "Secretary of State", a bare "Treaty" or "Ministry"
        if text.upper() in _THING_ACRONYMS:
            return None  # a fuel, a measure or a disease, not someone who acts
        nxt = doc[span.end] if span.end < len(doc) else None
        if nxt is not None and nxt.lower_ in _TITLE_WORDS and not is_acronym(text):
            return None  # "Interior" of "Interior Minister"
    end = _class_after(doc, span)
    full = doc[span.start : end]
    qualifier = ""
    before = doc[span.start - 1] if span.start > 0 else None
    if before is not None:
        if before.tag_ == "POS" and span.start > 1:
            qualifier = _country_of(doc[span.start - 2].text)
        else:
            qualifier = demonym_country(before.text) if before.text[:1].isupper() else ""
    # The key comes from the name alone, so "Reuters news agency" groups with "Reuters";
    # the class phrase stays in the text, where acronyms can use it.
    org = parse_org(span.text, qualifier)
    if not org.core:
        return None
    return FoundMention(full.start_char, full.end_char, full.text, org.key, ORG)


def _country_of(word: str) -> str:
    """ "Ukraine's Ministry" -> the qualifier Ukraine, in the form demonyms map to."""
    folded = fold(word).lower()
    if folded in country_names():
        for form in (word, word + "i", word + "n"):
            country = demonym_country(form)
            if country:
                return country
        return word
    return ""


def _defined_acronyms(doc: Doc, found: list[FoundMention]) -> list[FoundMention]:
    """ "World Health Organization (WHO)": the acronym then names the same
    organisation wherever it stands in the article, tagged by spaCy or not."""
    long_forms = [m for m in found if m.kind == ORG and not is_acronym(m.text)]
    acronyms: dict[str, str] = {}
    for match in re.finditer(r"\(([A-Z][A-Z.]{1,7})\)", doc_text(doc)):
        acr = match.group(1).replace(".", "")
        before = [m for m in long_forms if 0 <= match.start() - m.end <= 2]
        if before and acr in org_initials(before[-1].text):
            acronyms[acr] = parse_org(acr).key
    # Also any acronym spaCy tagged elsewhere in the article.
    for m in found:
        if m.kind == ORG and is_acronym(m.text):
            acronyms.setdefault(m.text.replace(".", ""), m.key)
    out: list[FoundMention] = []
    taken = {(m.start, m.end) for m in found}
    for acr, key in acronyms.items():
        for match in re.finditer(rf"(?<![\w-]){re.escape(acr)}(?![\w-])", doc_text(doc)):
            if (match.start(), match.end()) in taken:
                continue
            line = _line_of(doc, match.start(), match.end())
            if _reads_as_credit(acr, line):
                continue
            out.append(FoundMention(match.start(), match.end(), acr, key, ORG))
    return out


def _dedupe(mentions: list[FoundMention]) -> list[FoundMention]:
    out: list[FoundMention] = []
    for m in mentions:
        if out and m.start < out[-1].end:
            if (m.end - m.start) > (out[-1].end - out[-1].start):
                out[-1] = m
            continue
        out.append(m)
    return out


# --- one actor across articles ----------------------------------------------------------------


def mention_key(text: str, kind: str) -> str:
    """The grouping key `find_actors` gives a name of this kind (for callers and tests)."""
    if kind == PERSON:
        name = parse_person(text)
        return name.key if name else ""
    return parse_org(text).key
