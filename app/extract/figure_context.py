"""Where and when a figure holds: the place the sentence ties it to, and its stated day.

A place is tied to a figure through the parse: a locative phrase on the number, its
noun or its verb ("30 in Lagos", "killed in Kyiv"), a relative clause on the place
("Kharkiv, which saw 12 strikes"), or a city standing in the figure's own clause
("protesters stormed the Lviv city hall"); a participle of result takes the place of its
main clause ("opened fire in X, killing 10"), and a clause that tells how the event
happened is read last ("killed when a bus crashed near X"). Clauses nested below the
figure's clause and phrases that hold another figure are left out, so a city of one
figure does not leak to its neighbour ("52 dead, including 30 in Lagos": 52 stays with
the country).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Collection, Mapping

from spacy.tokens import Span, Token

from app.extract.figure_lexicon import MONTHS, words
from app.extract.nlp import ents_in
from app.ingest.metadata import MONTH_NUMBERS

PLACE_PREPS = words("in at near across outside inside around throughout within into on from")
# Dependencies that open a clause of its own below the figure's clause.
NESTED_CLAUSE_DEPS = frozenset({"relcl", "advcl", "ccomp", "acl", "parataxis", "csubj", "xcomp"})
CLAUSE_HEAD_DEPS = NESTED_CLAUSE_DEPS | {"ROOT", "conj", "pcomp"}
# Markers of a clause that tells how the counted event happened ("... when a bus crashed").
_EVENT_MARKS = frozenset({"when", "after"})

PlaceRef = tuple[str, str]  # (key, kind)


def _place_at(tok: Token, places: Mapping[int, PlaceRef]) -> PlaceRef | None:
    """A place named by this token, its compounds or appositions ("the city of X")."""
    if tok.i in places:
        return places[tok.i]
    for child in tok.children:
        if child.dep_ in ("compound", "appos", "nmod") and child.i in places:
            return places[child.i]
        if child.dep_ == "prep" and child.lower_ == "of":
            for grand in child.children:
                if grand.dep_ == "pobj" and grand.i in places:
                    return places[grand.i]
    return None


def _locative(
    tok: Token, places: Mapping[int, PlaceRef], blocked: Collection[int], depth: int = 2
) -> PlaceRef | None:
    """A place in a locative phrase hanging on `tok` (nested up to `depth` phrases)."""
    for prep in tok.children:
        if prep.dep_ != "prep" or prep.lower_ not in PLACE_PREPS or prep.i in blocked:
            continue
        for pobj in prep.children:
            if pobj.dep_ != "pobj":
                continue
            found = _place_at(pobj, places)
            if found:
                return found
            if depth > 1:
                found = _locative(pobj, places, blocked, depth - 1)
                if found:
                    return found
    return None


def has_subject(verb: Token) -> bool:
    return any(c.dep_ in ("nsubj", "nsubjpass", "expl", "csubj") for c in verb.children)


def clause_head(tok: Token) -> Token:
    node = tok
    while node.dep_ not in CLAUSE_HEAD_DEPS or node.pos_ not in ("VERB", "AUX"):
        if node.head.i == node.i:
            return node
        node = node.head
    return node


def tie_place(
    anchors: list[Token],
    places: Mapping[int, PlaceRef],
    blocked: Collection[int],
    attribution_lemmas: Collection[str],
) -> PlaceRef | None:
    """The place a figure is tied to; `blocked` are tokens heading other figures' phrases."""
    if not places:
        return None
    # 1. A locative phrase on the number, its noun, its measure word or their ancestors
    #    up to the clause head.
    seen: set[int] = set()
    head = clause_head(anchors[0])
    # A participial clause of result happens where its main clause does: "a gunman opened
    # fire at a supermarket in Buffalo, killing ten people".
    while (
        head.dep_ == "advcl"
        and head.tag_ == "VBG"
        and not has_subject(head)
        and head.head.pos_ in ("VERB", "AUX")
    ):
        head = clause_head(head.head)
    for anchor in anchors:
        node = anchor
        while True:
            if node.i not in seen:
                seen.add(node.i)
                found = _locative(node, places, blocked)
                if found:
                    return found
            if node.i == head.i or node.head.i == node.i:
                break
            node = node.head
    # 2. A relative clause on a place: "Kharkiv, which saw 12 strikes".
    if head.dep_ in ("relcl", "acl"):
        found = _place_at(head.head, places)
        if found is None and head.head.dep_ == "appos":
            found = _place_at(head.head.head, places)
        if found is None:
            found = next(
                (places[c.i] for c in head.head.children if c.dep_ == "appos" and c.i in places),
                None,
            )
        if found:
            return found
    # 3. A city anywhere in the figure's own clause, nested clauses and other figures left out;
    #    coordinated verbs share the clause of the first ("the blast in X killed 5, injured 9").
    top = head
    while top.dep_ == "conj" and top.head.pos_ in ("VERB", "AUX") and not has_subject(top):
        top = top.head
    cities = _clause_cities(top, places, blocked)
    if len(set(cities)) == 1:
        return cities[0]
    # 4. Reported speech: the place of the report ("..., police said in Kabul").
    if head.dep_ in ("ccomp", "parataxis") and head.head.lemma_.lower() in attribution_lemmas:
        found = _locative(head.head, places, blocked, depth=1)
        if found:
            return found
    # 5. The clause that tells how it happened: "five people were killed when a man opened
    #    fire inside a Denver mall", "... after a bus plunged into a ravine near X".
    for clause in (c for c in top.children if c.dep_ == "advcl" and c.i not in blocked):
        if any(m.lower_ in _EVENT_MARKS for m in clause.children if m.dep_ in ("mark", "advmod")):
            cities = _clause_cities(clause, places, blocked, PLACE_PREPS)
            if len(set(cities)) == 1:
                return cities[0]
    return None


def _clause_cities(
    top: Token,
    places: Mapping[int, PlaceRef],
    blocked: Collection[int],
    preps: Collection[str] | None = None,
) -> list[PlaceRef]:
    """Cities named in a clause, its nested clauses and other figures' phrases left out;
    with `preps`, only through those prepositions ("near X", not "off X", "above X")."""
    cities: list[PlaceRef] = []
    stack = [top]
    while stack:
        node = stack.pop()
        if node.i in places and places[node.i][1] == "city":
            cities.append(places[node.i])
        for child in node.children:
            if child.i in blocked or child.dep_ in NESTED_CLAUSE_DEPS:
                continue
            if child.dep_ == "conj" and child.pos_ in ("VERB", "AUX") and has_subject(child):
                continue  # a clause of its own: "..., and 5 were wounded in X"
            if preps is not None and child.dep_ == "prep" and child.lower_ not in preps:
                continue
            stack.append(child)
    return cities


WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_MONTH_NUM = MONTH_NUMBERS
assert set(_MONTH_NUM) <= MONTHS


def resolve_day(text: str, article_date: dt.date) -> dt.date | None:
    """A day named in a date phrase, read against the article's date (news looks back)."""
    low = text.lower()
    if "yesterday" in low:
        return article_date - dt.timedelta(days=1)
    if "today" in low or "tonight" in low or "this morning" in low:
        return article_date
    m = re.search(r"\b(\d{1,2})\s+([a-z]+)\b|\b([a-z]+)\.?\s+(\d{1,2})\b", low)
    if m:
        day_s, month_s = (m.group(1), m.group(2)) if m.group(1) else (m.group(4), m.group(3))
        month = _MONTH_NUM.get(month_s)
        if month:
            year_m = re.search(r"\b(1[89]\d\d|20\d\d)\b", low)
            year = int(year_m.group(1)) if year_m else article_date.year
            try:
                day = dt.date(year, month, int(day_s))
            except ValueError:
                return None
            if not year_m and day > article_date + dt.timedelta(days=31):
                day = day.replace(year=year - 1)
            return day
    for n, name in enumerate(WEEKDAYS):
        if name in low:
            back = (article_date.weekday() - n) % 7
            if "next" in low:
                return article_date + dt.timedelta(days=(n - article_date.weekday()) % 7 or 7)
            if "last" in low and back == 0:
                back = 7
            return article_date - dt.timedelta(days=back)
    return None


# "since January 2", "from 3 May", "the protests, which began on January 2": where the period
# counted starts, not the day of the count.
_PERIOD_START_PREPS = frozenset({"since", "from"})
_START_VERBS = frozenset({"begin", "start", "erupt", "break"})


def starts_period(ent: Span) -> bool:
    """The date phrase opens the period a count covers: a tally "since January 2" is
    counted up to the report, so it is dated by the report, not by its first day."""
    first = ent.doc[ent.start - 1] if ent.start > 0 else None
    if ent[0].lower_ in _PERIOD_START_PREPS or (
        first is not None and first.lower_ in _PERIOD_START_PREPS
    ):
        return True
    for tok in ent.root.ancestors:
        if tok.lower_ in _PERIOD_START_PREPS and tok.dep_ == "prep":
            return True
        if tok.lemma_.lower() in _START_VERBS and tok.pos_ in ("VERB", "AUX"):
            return True
        if any(c.dep_ == "mark" and c.lower_ == "since" for c in tok.children):
            return True
        if tok.dep_ in NESTED_CLAUSE_DEPS | {"ROOT"}:
            return False  # the date's own clause ends here
    return False


def ref_date(span: Span, head: Token, article_date: dt.date | None) -> dt.date | None:
    """The day the figure refers to: a date phrase in its clause, else in its sentence
    ("as of Monday", "on 5 February"); the first day of a tally ("since January 2") is not
    one."""
    if article_date is None:
        return None
    dates = [e for e in ents_in(span) if e.label_ == "DATE" and not starts_period(e)]
    if not dates:
        return None
    clause = clause_head(head)
    clause_dates = [e for e in dates if any(a.i == clause.i for a in e.root.ancestors)]
    for ent in clause_dates + dates:
        day = resolve_day(ent.text, article_date)
        if day is not None:
            return day
    return None


_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")
_BACKGROUND_YEARS = 4


def _in_own_clause(tok: Token, clause: Token) -> bool:
    """`tok` hangs on `clause` without a clause of its own between them ("left hundreds
    injured as it rocked a region devastated in 2004": 2004 dates the region's past)."""
    node = tok
    while node.i != clause.i:
        if node.dep_ in NESTED_CLAUSE_DEPS or node.head.i == node.i:
            return False
        node = node.head
    return True


def past_day(day: dt.date, article_date: dt.date | None) -> str | None:
    """The year of a figure's own date when it lies years before the article: "the July 19,
    2011, shooting that left nine dead" in a later year's report."""
    if article_date is None or day.year > article_date.year - _BACKGROUND_YEARS:
        return None
    return str(day.year)


def past_years(span: Span, head: Token, article_date: dt.date | None) -> str | None:
    """The year (or span of years), well before the article's, that a date phrase in the
    figure's clause names:
    "in the 2004 tsunami" -> "2004", "from 1983-2005" -> "1983–2005"; else None."""
    if article_date is None:
        return None
    clause = clause_head(head)
    for ent in ents_in(span):
        if ent.label_ != "DATE" or not _in_own_clause(ent.root, clause):
            continue
        before = ent.doc[ent.start - 1].lower_ if ent.start > 0 else ""
        if before in ("since", "than", "until", "till") or ent.text.lower().startswith("since"):
            continue  # "the worst since 2004" compares with the past, it does not date the count
        years = sorted({int(y) for y in _YEAR.findall(ent.text)})
        # Background lies years back ("the 2004 tsunami" in a 2013 quake); a trial or an
        # anniversary a year or three on still tells its story's own count.
        if years and years[-1] <= article_date.year - _BACKGROUND_YEARS:
            return str(years[0]) if len(years) == 1 else f"{years[0]}–{years[-1]}"
    return None
