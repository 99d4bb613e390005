"""Whether a figure counts another event than the article's own.

A figure is the article's own event's (`this`) unless words it hangs on (figure_scope) make
it another's (`other`, with a reason a journalist can read):
- a roundup: a count over several events ("in four separate shootings", "in shootings across
  the city", "gunfire wounded 26 people across the city", "12 shootings");
- a tally: "so far this year", "since January", "a year", "the city's murder total";
- an earlier incident: "another / a separate / a similar / a previous shooting", a year or a
  season well before the article ("in a 2012 shooting", "last year", "three years ago");
- a comparison: "the deadliest since 2016, when 49 were killed", "surpassing the attack that";
- the suspect's past: "he had served 10 years for killing two men", "previously convicted of";
- an anniversary: "a year after the shooting that killed nine".

Dates and anniversaries are weak cues, weighed against the lead (figure_when).
"""

from __future__ import annotations

import re

from spacy.tokens import Span, Token

from app.extract.figure_lexicon import words
from app.extract.figure_measure import pobj_of
from app.extract.figure_scope import Scope, subtree_text
from app.extract.figure_when import Found, Timeline, coordinate_cue
from app.extract.types import FoundFigure

# Nouns of events: what "another", "separate" or a count of them turns into other events.
EVENT_NOUNS = words(
    """shooting attack incident homicide murder killing bombing massacre rampage stabbing
    crash explosion blast quake earthquake storm flood riot clash raid airstrike ambush
    shootout gunfight standoff tragedy disaster accident violence gunfire fire event
    assault strike collision"""
)
_CRIME_NOUNS = EVENT_NOUNS | {"crime"}
# Counts of these are counts of several events ("12 shootings"); "two murders" is the charge
# of one double killing, and stays.
_COUNTED_EVENTS = EVENT_NOUNS - words("murder killing violence gunfire fire tragedy")
_OTHER_MODS = words(
    "another other separate unrelated similar previous earlier prior past different"
)
_SEVERAL = words("separate several multiple various different unrelated numerous many")
_WIDE = words("citywide statewide nationwide countywide nationally worldwide")
_ACROSS = words("across throughout around")
_AREAS = words(
    "city state county country nation region area metro neighborhoods neighbourhoods "
    "suburbs island province district"
)
# Prepositions that tie an event to a verb ("killed in another shooting"); "linked to" or
# "compared with" another event does not put the figure in it.
_EVENT_PREPS = words("in during at from after over amid on by")
# "a series of shootings", "a pair of attacks": several events, whatever follows.
_SERIES = words("series spate string wave rash pair round spree")
_MULTI_DAY = re.compile(r"\b(?:weekend|week|month|year|holiday|days|nights)\b", re.I)
_STATS = words("statistic statistics data database record records")
_RATE_NOUNS = words("rate average")
_TALLY_NOUNS = words("total tally count")
_COMPARE_VERBS = words("surpass eclipse exceed top overtake rival dwarf outpace")
_LEGAL_VERBS = words("serve convict sentence imprison jail parole incarcerate acquit")
_RECORD_NOUNS = words("conviction convictions record history sentence charges charge")
_RECORDS = _RECORD_NOUNS | {"arrest"}
_BEFORE_ADVS = words("previously formerly once already before earlier")
_PAST_AMODS = words("prior previous earlier past former criminal")


class OtherReader:
    """The cues of another event around a figure, read against the article's timeline."""

    def __init__(self, when: Timeline) -> None:
        self.when = when
        self.toll = False  # set by read(): the figure counts people hurt or held

    def read(self, sc: Scope, figure: FoundFigure) -> Found | None:
        """Why a figure is another event's, or None."""
        own = sc.own
        self.toll = figure.measure != "other"
        counted = _counted_events(sc.tokens, figure)
        if counted:
            return Found(counted)
        found = (
            self._chain(sc, own)
            or next((f for v in sc.verbs if (f := self._verb(v, own)) is not None), None)
            or coordinate_cue(self.when, sc.verbs, toll=self.toll)
        )
        # "762 murders in 2016": a count of killings in a stated time is a tally.
        if found is not None and found.weak and sc.tokens.root.lemma_.lower() in EVENT_NOUNS:
            found.weak = False
        return found

    def _chain(self, sc: Scope, own: set[int]) -> Found | None:
        below: Token | None = None
        for node in sc.event:
            if (
                node.lemma_.lower() in _LEGAL_VERBS
                and below is not None
                and below.dep_ == "prep"
                and below.lower_ in ("for", "of")
                and _before(node)
            ):
                return Found("the suspect's earlier crime")
            found = self._node(node, own)
            if found:
                return found
            below = node
        return None

    def _node(self, node: Token, own: set[int]) -> Found | None:
        lemma = node.lemma_.lower()
        if lemma in EVENT_NOUNS and node.pos_ in ("NOUN", "PROPN") and node.i not in own:
            found = self._event_noun(node)
            if found:
                return found
        if node.i not in own and (series := _series(node)):
            return series
        if lemma == "anniversary":
            return Found("the event an anniversary recalls", True)
        if lemma == "time" and any(
            c.dep_ == "amod" and c.lower_ in ("last", "previous") for c in node.children
        ):
            # "the last time an officer was killed here was in 1984"; "the first time" is
            # this event's own.
            return Found("a comparison with an earlier event")
        head = node.head
        if node.dep_ == "pobj" and head.lower_ in ("since", "than") and _compares(head):
            return Found("a comparison with another event")
        if node.dep_ == "pobj" and head.lower_ == "since" and node.ent_type_ == "DATE":
            # "protests have gone on since May 2, when police shot a man": a clause on the
            # date that a later time is counted from tells that earlier happening.
            when = " ".join(t.text for t in node.subtree if t.ent_type_ == "DATE")
            return Found(f"an earlier incident (since {when})")
        if (
            node.dep_ == "pobj"
            and head.lower_ in ("after", "since")
            and any(c.lemma_.lower() in ("year", "decade", "anniversary") for c in head.children)
        ):
            return Found("the event an anniversary recalls", True)
        if node.dep_ == "dobj" and head.lemma_.lower() in _COMPARE_VERBS:
            return Found("a comparison with another event")
        if (
            node.dep_ == "pobj"
            and head.lower_ in ("with", "to")
            and head.head.lemma_.lower()
            in (
                "compare",
                "compared",
            )
        ):
            return Found("a comparison with another event")
        if node.i not in own and _tally_noun(node):
            return Found("a running tally, not one event's toll")
        if lemma in _RECORD_NOUNS and any(
            c.dep_ == "amod" and c.lower_ in _PAST_AMODS for c in node.children
        ):
            return Found("the suspect's earlier crime")
        return None

    def _event_noun(self, noun: Token) -> Found | None:
        plural = noun.tag_ in ("NNS", "NNPS")
        definite = False
        for child in noun.children:
            low = child.lower_
            if child.dep_ in ("det", "amod", "advmod") and low in _OTHER_MODS:
                if plural and low in _SEVERAL:
                    return Found(f"a roundup of several {noun.lower_}")
                return Found("another incident")
            if child.dep_ == "nummod" and plural and _several(child, noun):
                return Found(f"a roundup of several {noun.lower_}")
            if child.dep_ == "amod" and low in _WIDE and self.toll:
                return Found(f"a {low} count")
            if child.dep_ == "amod" and plural and low in _SEVERAL:
                return Found(f"a roundup of several {noun.lower_}")
            if child.dep_ in ("det", "poss") or (
                child.dep_ == "compound" and child.pos_ == "PROPN"
            ):
                definite = True
            if child.dep_ in ("compound", "nummod", "amod", "npadvmod", "nmod") or (
                child.dep_ == "prep" and child.lower_ in ("in", "on", "during")
            ):
                target = child if child.dep_ != "prep" else pobj_of(child)
                if target is not None:
                    past = self.when.past(target, incident=True)
                    if past is not None:
                        return Found(past.reason(), True, past.year)
            area = pobj_of(child) if child.dep_ == "prep" and low in _ACROSS else None
            if area is not None and _is_area(area) and self.toll:
                return Found(f"a roundup across {subtree_text(area)}")
        # A bare plural is several events when they spread over a time or an area ("in
        # shootings across the city", "in shootings this weekend"); "shootings that killed
        # two men" is as often one event's shots.
        if (
            plural
            and not definite
            and noun.lemma_.lower() in _COUNTED_EVENTS
            and not any(c.dep_ == "prep" and c.lower_ == "of" for c in noun.children)
            and _spread(noun)
        ):
            return Found(f"a roundup of several {noun.lower_}")
        # Gunfire and gun violence over an area or days are a city's, not one event's:
        # "46 wounded by gunfire in Chicago during the holiday weekend".
        if noun.lemma_.lower() in ("gunfire", "violence") and _spread(noun, multi_day=True):
            name = " ".join(t.lower_ for t in noun.lefts if t.dep_ == "compound")
            return Found(f"a roundup of {name + ' ' if name else ''}{noun.lower_}")
        return None

    def _verb(self, verb: Token, own: set[int]) -> Found | None:
        for child in verb.children:
            if child.i in own:
                continue
            dep, low = child.dep_, child.lower_
            if dep in ("nsubj", "nsubjpass") and child.lemma_.lower() in EVENT_NOUNS:
                found = self._event_noun(child)
                if found:
                    return found
            if dep in ("nsubj", "nsubjpass") and (found := _series(child)):
                return found
            if dep in ("nsubj", "nsubjpass") and _tally_noun(child):
                return Found("a running tally, not one event's toll")
            if dep == "advmod" and low in _WIDE and self.toll:
                return Found(f"a {low} count")
            if dep == "prep" and low == "since" and self.toll and _area_of(verb):
                return Found(f"a tally of the {_area_of(verb)} since {subtree_text(child)[6:]}")
            if dep == "advcl" and _tops_a_total(child):
                return Found("a running tally, set against another period's")
            if dep == "advmod" and low == "annually":
                return Found("a yearly statistic")
            if dep in ("prep", "agent"):
                found = self._verb_prep(child)
                if found:
                    return found
            if dep in ("npadvmod", "advmod", "obl", "tmod") or child.ent_type_ == "DATE":
                found = self.when.cue(child, toll=self.toll)
                if found:
                    return found
        return None

    def _verb_prep(self, prep: Token) -> Found | None:
        low = prep.lower_
        pobj = pobj_of(prep)
        if pobj is None:
            return None
        if low in _ACROSS and _is_area(pobj) and self.toll:
            return Found(f"a roundup across {subtree_text(pobj)}")
        if low in _EVENT_PREPS and pobj.lemma_.lower() in EVENT_NOUNS:
            return self._event_noun(pobj)
        if low in _EVENT_PREPS and (found := _series(pobj)):
            return found
        if low == "to" and prep.head.lower_ == "according" and pobj.lemma_.lower() in _STATS:
            return Found("statistics, not one event's toll")
        if low == "per" and pobj.lemma_.lower() in ("year", "month", "week", "day"):
            return Found("a statistic per " + pobj.lemma_.lower())
        return self.when.cue(pobj, prep=low, toll=self.toll)


def _is_area(pobj: Token) -> bool:
    return pobj.lemma_.lower() in _AREAS or pobj.ent_type_ in ("GPE", "LOC") or pobj.text == "U.S."


def _series(noun: Token) -> Found | None:
    """ "a series of shootings", "a rash of attacks": several events."""
    if noun.lemma_.lower() not in _SERIES or noun.lemma_.lower() == "pair":
        return None
    for prep in noun.children:
        if prep.lower_ == "of":
            for inner in prep.children:
                if inner.lemma_.lower() in _COUNTED_EVENTS and inner.tag_ == "NNS":
                    return Found(f"a roundup of several {inner.lower_}")
    return None


def _unrelated(noun: Token) -> bool:
    """ "two shootings that police believe were not related"."""
    clauses = [c for c in noun.children if c.dep_ in ("relcl", "acl")]
    if noun.head.pos_ in ("VERB", "AUX", "ADJ"):
        clauses.append(noun.head)
    for clause in clauses:
        words_ = {t.lemma_.lower() for t in (clause, *clause.children)}
        if words_ & {"relate", "connect", "link"} and words_ & {"not", "n't"}:
            return True
    return False


def _spread(noun: Token, *, multi_day: bool = False) -> bool:
    """A time or an area over which the events spread, on the noun or its verb; with
    `multi_day`, a day is not enough ("killed by gunfire Saturday" is one event)."""
    holders = [noun, *(c for c in noun.children if c.dep_ in ("relcl", "acl"))]
    verb = noun.head.head if noun.head.dep_ in ("prep", "agent") else noun.head
    if verb.pos_ in ("VERB", "AUX"):
        holders.append(verb)

    def timed(tok: Token) -> bool:
        if tok.ent_type_ != "DATE" and tok.lower_ != "overnight":
            return False
        # "since Friday": from a day to now, so several days.
        since = tok.head.lower_ == "since"
        return not multi_day or since or bool(_MULTI_DAY.search(subtree_text(tok)))

    for holder in holders:
        for child in holder.children:
            if timed(child) or (child.dep_ == "prep" and child.lower_ in _ACROSS):
                return True
            if child.dep_ == "prep" and any(timed(g) for g in child.children):
                return True
    return False


def _area_of(verb: Token) -> str | None:
    """The area a verb's "in" names, if it is one ("in the city", "in the county")."""
    for prep in verb.children:
        pobj = pobj_of(prep) if prep.dep_ == "prep" and prep.lower_ == "in" else None
        if pobj is not None and pobj.lemma_.lower() in _AREAS:
            return pobj.lower_
    return None


def _tops_a_total(verb: Token) -> bool:
    """ "..., topping last year's total of 15": a count set against another period's total
    is a tally itself."""
    return verb.lemma_.lower() in _COMPARE_VERBS and any(
        c.dep_ == "dobj" and c.lemma_.lower() in _TALLY_NOUNS for c in verb.children
    )


def _tally_noun(tok: Token) -> bool:
    """ "the murder rate", "the city's homicide total": a count kept over time."""
    lemma = tok.lemma_.lower()
    if lemma in _RATE_NOUNS:
        return True
    return lemma in _TALLY_NOUNS and any(
        c.dep_ in ("compound", "amod") and c.lemma_.lower() in _CRIME_NOUNS for c in tok.children
    )


def _several(count: Token, noun: Token) -> bool:
    """A count of events that makes them several events. Two are as often one gunman's
    spree or one feud's ("five people were shot in two shootings"), so they are several only
    when the text keeps them apart: "two separate shootings", "were not related"."""
    low = count.lower_
    if low in ("one", "a", "an", "single"):
        return False
    if low not in ("two", "2"):
        return True
    if any(c.dep_ == "amod" and c.lower_ in _SEVERAL for c in noun.children):
        return True
    return _unrelated(noun)


def _compares(prep: Token) -> bool:
    """A superlative or comparative that `since` / `than` hangs on: the deadliest since."""
    node = prep.head
    for cand in (node, *node.children):
        if cand.tag_ in ("JJS", "RBS", "JJR", "RBR") or cand.lower_ in ("first", "most", "worst"):
            return True
    return False


def _before(verb: Token) -> bool:
    """A verb of the courts told as earlier than the story: "had served", "was previously
    convicted"."""
    for child in verb.children:
        if child.dep_ == "aux" and child.lemma_.lower() == "have" and child.tag_ == "VBD":
            return True
        if child.dep_ == "advmod" and child.lower_ in _BEFORE_ADVS:
            return True
    return False


def _counted_events(tokens: Span, figure: FoundFigure) -> str | None:
    """ "12 shootings", "81 homicides": a count of events, so several of them; "three prior
    arrests": the suspect's record."""
    root = tokens.root
    if root.lemma_.lower() in _RECORDS and any(
        c.dep_ == "amod" and c.lower_ in _PAST_AMODS - {"criminal"} for c in root.children
    ):
        return "the suspect's earlier record"
    if figure.value is None or figure.value < 2:
        return None
    if root.lemma_.lower() in _COUNTED_EVENTS and root.tag_ == "NNS":
        return f"a count of {root.lower_}"
    return None
