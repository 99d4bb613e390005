"""Places: the cities and countries an article names, from the gazetteer, with offsets
(and the provinces and states it names as such, app/extract/regions.py).

Candidates are runs of capitalised words looked up in the gazetteer (longest first, in
app/extract/place_candidates.py), not only spaCy's GPE/LOC entities: the small English
model often tags a rare city as PERSON or ORG ("Kramatorsk", "Jezkazgan") and a country as
NORP. spaCy's labels and parse then serve to throw out what is not a place:

- a word that belongs to a longer proper name: "Florence Nightingale", "Paris Hilton",
  "Moscow State University", "Maximilian Hess" (a capitalised name word right before or
  after it), unless that word is a facility, an administrative or a title word
  ("Baikonur Cosmodrome", "Kyiv Mayor", "US Secretary of State");
- a place inside an organisation name ("Bank of England" as one ORG entity);
- a nationality adjective ("Uzbek", "Kenyan"), which geonames sometimes lists as an
  alternate city name;
- a surname met elsewhere in the same article as the last word of a person's name;
- a sentence-initial capitalised common word ("Police officers ...", "Mobile phones ...").

A metonymic capital ("Moscow called for ...") is still the city: it is kept.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import replace
from functools import lru_cache

from spacy.tokens import Doc

from app.extract.datelines import find_datelines
from app.extract.gazetteer import (
    VERBATIM,
    Gazetteer,
    Place,
    exact_key,
    get_gazetteer,
)
from app.extract.nlp import doc_text
from app.extract.place_candidates import (
    Candidate,
    choose_reading,
    coordinated,
    find_candidates,
    word_set,
)
from app.extract.place_names import (
    entity_of,
    inside_organisation,
    neighbour_word,
    part_of_longer_name,
    surnames,
    title_case_line,
    token_at,
)
from app.extract.regions import find_regions
from app.extract.small_towns import situated_towns
from app.extract.types import FoundMention, FoundPlace
from app.extract.vocabulary import common_words, nouns

# Words right after a place that are evidence of a location ("Dorvik Airport").
_FACILITIES = word_set("airport cosmodrome spaceport")
# Nouns that a town's name qualifies in local news: its people and the events and buildings
# in it ("a Palmer man", "the Palmer shooting", "a Palmer apartment"); not "neighborhood":
# "the city's Palmer neighborhood" is a quarter of that name.
_LOCAL_NOUNS = word_set(
    """man woman men women teen teens boy girl resident residents native shooting shootings
    shootout shooter gunman killer killings murder homicide stabbing bar nightclub party
    apartment apartments home house school"""
)
# What comes before a place named as a location: "in Palmer", "the city of Jezkazgan",
# "north of Palmer".
_LOCATIVE_RE = re.compile(
    r"\b(?:in|at|near|from|outside|into|around|across|towards?|via|through|"
    r"(?:city|town|village|port|suburbs?|outskirts|capital|province|region) of|capital,?|"
    r"(?:just\s+)?(?:outside|north|south|east|west|northeast|northwest|southeast|southwest) of)"
    r"\s+(?:the\s+)?$",
    re.IGNORECASE,
)
# What puts a name where something happened: "shot in Palmer", "north of Palmer".
_SITUATED_RE = re.compile(
    r"\b(?:in|near|outside|(?:just\s+)?(?:outside|north|south|east|west|northeast|northwest|"
    r"southeast|southwest) of)\s+$"
)
# A city that spaCy tags as a person must be this large to be taken on context alone.
_PERSON_TAGGED_POPULATION = 100_000
# A city this large, spelled as its own name and not read as a person, is the city.
_BIG_CITY = 1_000_000
# Suffixes that make a nationality adjective or noun of a country's name.
_DEMONYM_SUFFIXES = ("n", "an", "ian", "i", "ese", "ish", "ic", "ns", "ans", "ians", "is")
# Labels under which a spaCy entity can be a place.
_PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})


# An alternate name with no place label from spaCy counts only for a city this large:
# the old and foreign names of big cities are in use ("Bombay", "Kiev"), those of small
# ones collide with people and things ("Wladimir", "Molotov").
_ALIAS_POPULATION = 1_000_000


def _is_demonym(text: str, gazetteer: Gazetteer, country_keys: frozenset[str]) -> bool:
    """ "Uzbek" (Uzbekistan), "Russian" (Russia), "Ukrainians" (Ukraine) read as nationality."""
    key = exact_key(text)
    if len(key) < 4 or key in country_keys:
        return False
    for country in country_keys:
        if country.startswith(key):
            return True
        for stem in (country, country[:-1]):
            if key.startswith(stem) and key[len(stem) :] in _DEMONYM_SUFFIXES:
                return True
    return False


@lru_cache(maxsize=1)
def _country_keys(gazetteer: Gazetteer) -> frozenset[str]:
    return frozenset(
        key
        for key, places in gazetteer.exact.items()
        if places[0].kind == "country" and places[0].official and len(key) >= 4
    )


# Verdicts on a candidate.
_REJECT, _WEAK, _ACCEPT = 0, 1, 2


def _verdict(
    doc: Doc,
    cand: Candidate,
    gazetteer: Gazetteer,
    country_keys: frozenset[str],
    known_surnames: set[str],
) -> int:
    """_REJECT when the words are not a place here, _WEAK when nothing says that they are
    (taken only if the same spelling is a place elsewhere in the article), else _ACCEPT."""
    best = cand.places[0]
    if best.kind not in ("city", "country"):
        return _REJECT
    key = exact_key(cand.text)
    if not any(ch.islower() for ch in cand.text):
        # Acronyms only for countries ("US", "UK"), and not in an all-capitals line.
        line_start = doc_text(doc).rfind("\n", 0, cand.start) + 1
        line_end = doc_text(doc).find("\n", cand.end)
        line = doc_text(doc)[line_start : line_end if line_end >= 0 else len(doc_text(doc))]
        if best.kind != "country" or not any(ch.islower() for ch in line):
            return _REJECT
    span = token_at(doc, cand.start, cand.end)
    if span is None or not len(span):
        return _REJECT
    ent = entity_of(span[0])
    label = ent.label_ if ent is not None else ""
    own_name = exact_key(best.name) == key
    if label == "NORP" and not own_name:
        return _REJECT
    if not own_name and _is_demonym(cand.text, gazetteer, country_keys):
        return _REJECT
    text = doc_text(doc)
    situated = bool(_SITUATED_RE.search(text, max(0, cand.start - 40), cand.start)) and (
        text[cand.end : cand.end + 1] not in ("'", "’")  # "in Davis' death": a person's
    )
    if key in known_surnames and not (situated and label in ("GPE", "LOC")):
        return _REJECT  # "Palin" where "Sarah Palin" is named, but "Jack London ... in London"
    if part_of_longer_name(doc, cand, gazetteer) or inside_organisation(doc, cand):
        return _REJECT
    if best.kind == "country":
        return _ACCEPT
    placelike = label in _PLACE_LABELS
    if not best.official:
        # An alternate name inside an organisation's entity is more often a phrase that some
        # language uses for a city ("White House" for Casablanca) than the city; one made of
        # common English words needs more than spaCy's label.
        words = [w.lower() for w in re.split(r"[\s-]+", cand.text)]
        if label == "ORG" or (len(words) > 1 and all(w in common_words() for w in words)):
            return _REJECT
    # The weaker the match, the more spaCy's own place label is needed.
    if cand.quality != VERBATIM and not placelike:
        return _REJECT  # "God" for Göd, "Bloomberg" for Blomberg
    if (
        not best.official
        and not placelike
        and (label == "PERSON" or best.population < _ALIAS_POPULATION)
    ):
        return _REJECT
    after, gap = neighbour_word(text, cand.start, cand.end, before=False)
    # "a Palmer man", "the Palmer shooting" (a surname met in the article is gone already).
    local = gap == " " and after in _LOCAL_NOUNS
    if " " not in cand.text and cand.text.lower() in common_words() and not placelike:
        # "Mobile phones", "Reading": a common word is a town only where its capital says
        # "name" (not at a sentence's head, not in a title-case headline) and the words
        # around it say "place": "shot in Humble", "a Humble man" (not "in Spring 2019").
        named_so = not span[0].is_sent_start and not title_case_line(text, cand.start)
        placed = local or (situated and not re.match(r"\s*\d", text[cand.end :]))
        return _ACCEPT if named_so and placed else _REJECT
    if placelike:
        return _ACCEPT
    first = span[0]
    # At the head of a sentence only a word that is no English noun ("Office shooting").
    if first.pos_ != "PROPN" and not label and not (local and key not in nouns()):
        return _REJECT  # a sentence-initial common word
    if local:
        return _ACCEPT
    if label == "PERSON" and best.population < _PERSON_TAGGED_POPULATION and not situated:
        return _REJECT  # "Obama", "Mitchell": small towns share many surnames, not "in Obama"
    if label != "PERSON" and best.official and best.population >= _BIG_CITY:
        return _ACCEPT  # "teams reached Karachi": the small model often tags a metropolis ORG
    # Tagged as a person or organisation, or not at all: the context must say "place".
    before = text[max(0, cand.start - 40) : cand.start]
    if _LOCATIVE_RE.search(before) or after.lower() in _FACILITIES:
        return _ACCEPT
    return _WEAK


def find_places(
    doc: Doc, other_surnames: frozenset[str] = frozenset()
) -> tuple[list[FoundMention], list[FoundPlace]]:
    """Mentions of cities and countries in the doc, and the distinct places they name.

    `other_surnames`: people's last names met elsewhere in the article (a title is read
    apart from its body), which are not places here either."""
    gazetteer = get_gazetteer()
    country_keys = _country_keys(gazetteer)
    known = surnames(doc) | other_surnames
    candidates = find_candidates(doc_text(doc), gazetteer)
    verdicts = [_verdict(doc, c, gazetteer, country_keys, known) for c in candidates]
    strong = [c for c, v in zip(candidates, verdicts, strict=True) if v == _ACCEPT]
    # One sense per article: a spelling that is surely a place elsewhere in the article is
    # a place here too, and so is one listed beside a sure place.
    sure = {(c.places[0].kind, c.places[0].name) for c in strong}
    accepted = [
        c
        for c, v in zip(candidates, verdicts, strict=True)
        if v == _ACCEPT
        or (
            v == _WEAK
            and (
                (c.places[0].kind, c.places[0].name) in sure
                or coordinated(c, strong, doc_text(doc))
            )
        )
    ]
    countries = {c.places[0].country_code for c in accepted if c.places[0].kind == "country"}
    named = [(c.start, c.end, c.text, choose_reading(c.places, countries)) for c in accepted]
    # A dateline in capitals names the city the report comes from.
    for line in find_datelines(doc_text(doc), gazetteer):
        named = _with(named, (line.start, line.end, line.text, line.place))
    # A name the text calls a province or a state is that region, even where the gazetteer
    # knows a city of the name ("Lagos State").
    regions = find_regions(
        doc_text(doc), frozenset(countries | {p.country_code for *_, p in named})
    )
    if regions:
        named = [n for n in named if not any(r.start < n[1] and n[0] < r.end for r in regions)]
        named += [(r.start, r.end, r.text, r.place) for r in regions]
    # A small town where the text puts something, in a state or country the article names
    # or names a place of.
    for town in situated_towns(
        doc_text(doc),
        gazetteer,
        frozenset(countries | {p.country_code for *_, p in named}),
        frozenset(p.region_code for *_, p in named if p.country_code == "US" and p.region_code),
        frozenset(known),
    ):
        named = _with(named, (town.start, town.end, town.text, town.place))
    named.sort(key=lambda n: n[0])
    mentions: list[FoundMention] = []
    places: dict[tuple[str, str], FoundPlace] = {}
    for start, end, text, place in named:
        mentions.append(FoundMention(start, end, text, place.name, place.kind))
        ident = (place.kind, place.name)
        found = places.get(ident)
        if found is None:
            found = FoundPlace(
                name=place.name,
                kind=place.kind,
                country=place.country,
                lat=place.lat,
                lon=place.lon,
            )
            places[ident] = found
        found.aliases.add(text)
    return mentions, list(places.values())


_Named = tuple[int, int, str, Place]


def _with(named: list[_Named], new: _Named) -> list[_Named]:
    """The names with one more where it overlaps none, or where it holds the names it
    overlaps: "Rio Grande City" is a town of its own, not the city of Rio Grande."""
    start, end = new[0], new[1]
    over = [n for n in named if n[0] < end and start < n[1]]
    if any(n[0] < start or n[1] > end or (n[0], n[1]) == (start, end) for n in over):
        return named
    return [n for n in named if n not in over] + [new]


def merge_places(*groups: Sequence[FoundPlace]) -> list[FoundPlace]:
    """The distinct places of several texts of one article (its body and its title), each
    with the spellings of all of them."""
    merged: dict[tuple[str, str], FoundPlace] = {}
    for place in (p for group in groups for p in group):
        ident = (place.kind, place.name)
        if ident in merged:
            merged[ident].aliases |= place.aliases
        else:
            merged[ident] = replace(place, aliases=set(place.aliases))
    return list(merged.values())


def main_country(
    mentions: Sequence[FoundMention], places: Sequence[FoundPlace] | None = None
) -> str | None:
    """The country an article is mostly about: its country mentions plus the mentions of
    its cities, ties going to the country named first. `places` (from `find_places`) tells
    each city's country; without it the gazetteer's best reading of the city name does."""
    country_of: dict[str, str | None] = {
        p.name: p.country for p in places or () if p.kind == "city"
    }
    scores: Counter[str] = Counter()
    first_seen: dict[str, int] = {}
    for mention in mentions:
        if mention.kind == "country":
            country: str | None = mention.key
        else:
            if mention.key not in country_of:
                found = [p for p in get_gazetteer().lookup(mention.key) if p.kind == "city"]
                country_of[mention.key] = found[0].country if found else None
            country = country_of[mention.key]
        if country:
            scores[country] += 1
            first_seen.setdefault(country, mention.start)
    if not scores:
        return None
    return max(scores, key=lambda c: (scores[c], -first_seen[c]))
