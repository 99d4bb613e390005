"""Statement terms: the words of a claim reduced to what two reports of it share.

A crude stem, then a concept from a small table of news-domain synonyms (kill/shoot/open
fire, arrest/detain, cut/lower/reduce), plus the statement's actors, places and numbers.
The linking itself (app/link/statements.py) weighs and compares these terms.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import TypeVar


@dataclass(frozen=True)
class StatementRef:
    id: int
    article_id: int
    story_id: int | None
    text: str
    actors: frozenset[str] = frozenset()
    places: frozenset[str] = frozenset()
    numbers: frozenset[float] = frozenset()


T = TypeVar("T")


def read_once(refs: Sequence[StatementRef], read: Callable[[StatementRef], T]) -> list[T]:
    """`read(ref)` for each statement, worked out once per wording: copies (wire stories,
    syndication) repeat whole sentences, and a story gathers its copies."""
    done: dict[tuple[str, frozenset[str], frozenset[str], frozenset[float]], T] = {}
    out: list[T] = []
    for r in refs:
        key = (r.text, r.actors, r.places, r.numbers)
        if key not in done:
            done[key] = read(r)
        out.append(done[key])
    return out


# ---------------------------------------------------------------------------------------------
# Words to terms

# Irregular forms a suffix stripper cannot reach (general English, not any one story's words).
_IRREGULAR = {
    "gave": "give",
    "given": "give",
    "said": "say",
    "told": "tell",
    "sent": "send",
    "shot": "shoot",
    "began": "begin",
    "begun": "begin",
    "left": "leave",
    "took": "take",
    "taken": "take",
    "held": "hold",
    "fled": "flee",
    "fought": "fight",
    "brought": "bring",
    "caught": "catch",
    "struck": "strike",
    "spoke": "speak",
    "spoken": "speak",
    "rose": "rise",
    "risen": "rise",
    "fell": "fall",
    "fallen": "fall",
    "met": "meet",
    "led": "lead",
    "won": "win",
    "lost": "lose",
    "died": "die",
    "dead": "die",
    "death": "die",
    "deaths": "die",
}

_VOWELS = set("aeiouy")


def _words(text: str) -> frozenset[str]:
    """A set of words written as one string (long vocabularies stay readable)."""
    return frozenset(text.split())


def stem(word: str) -> str:
    """A crude suffix stripper: enough to meet "arrested", "arrests" and "arrest" in one term.

    Both sides of a comparison go through it, so an odd stem costs nothing as long as it is
    the same for the forms of one word."""
    w = _IRREGULAR.get(word, word)
    if len(w) <= 3:
        return w
    for suffix, repl in (
        ("ational", "ate"),
        ("ization", "ize"),
        ("isation", "ize"),
        ("ations", "ate"),
        ("ation", "ate"),
        ("ments", ""),
        ("ment", ""),
        ("ness", ""),
        ("ies", "y"),
        ("ied", "y"),
        ("ing", ""),
        ("ers", ""),
        ("ors", ""),
        ("er", ""),
        ("or", ""),
        ("ed", ""),
        ("es", ""),
        ("ly", ""),
        ("s", ""),
    ):
        if w.endswith(suffix) and len(w) - len(suffix) >= 3:
            base = w[: len(w) - len(suffix)] + repl
            if not (set(base) & _VOWELS):
                continue
            # "stopped" -> "stopp" -> "stop"; "killing" -> "kill" stays (ll is a real double).
            if (
                repl == ""
                and len(base) > 3
                and base[-1] == base[-2]
                and base[-1] not in "lsz"
                and base[-1] not in _VOWELS
            ):
                base = base[:-1]
            if suffix in ("es", "ed") and base.endswith(("at", "iz", "us")):
                base += "e"
            return _trim_e(base)
    return _trim_e(w)


def _trim_e(w: str) -> str:
    # "arrive"/"arriv(ed)", "raise"/"rais(ed)": drop a final e so both meet.
    return w[:-1] if len(w) > 4 and w.endswith("e") else w


# News-domain synonyms: each group becomes one concept term. A word may belong to two
# groups ("cut" is both a reduction and a shutdown). Kept general: verbs and nouns of
# violence, detention, prices, protests, deployments and official acts, in any story.
_SYNONYMS: dict[str, str] = {
    "kill": (
        "kill killing shoot shooting shot fire gunfire slay slain execute massacre lethal deadly"
    ),
    "die": "die dead death fatality fatalities toll perish",
    "injure": "injure injured injury wound wounded hurt",
    "order": "order orders authorize authorise authorization command instruct decree",
    "arrest": ("arrest detain detention detainee apprehend custody jail jailed imprison round-up"),
    "reduce": "reduce reduction lower lowering cut decrease slash cap concede",
    "block": (
        "block blocked blockade shutdown shut outage blackout cut restrict suspend disrupt "
        "disconnect offline"
    ),
    "rise": "rise rising increase hike raise surge soar jump climb spike expensive",
    "price": "price cost tariff fare",
    "fuel": "gas lng lpg gasoline petrol fuel diesel",
    "dismiss": "dismiss dismissal sack oust ouster remove depose resign resignation",
    "troops": (
        "troops troop forces force army military soldier soldiers peacekeeper peacekeepers "
        "peacekeeping enforcement servicemen contingent"
    ),
    "protest": (
        "protest protester demonstrator demonstration unrest riot rioter uprising rally "
        "insurrection"
    ),
    "protect": "protect protection guard secure safeguard defend",
    "building": "building installation facility site structure infrastructure",
    "leave": "leave departure depart withdraw withdrawal exit pullout",
    "send": "send dispatch deploy deployment",
    "support": "support back backing gather rally unite",
    "terror": "terrorist terrorism terror",
    "train": "train training trained",
    "difficult": "difficult hard",
    "chief": "chief head leader director",
    "close": "close closure closed shut",
    "internet": "internet web online",
    "government": "government cabinet",
    "coup": "coup putsch",
    "say": "say tell state announce declare",
}


def _concepts() -> dict[str, tuple[str, ...]]:
    table: dict[str, list[str]] = defaultdict(list)
    for concept, words in _SYNONYMS.items():
        for word in _words(words):
            for key in {word, stem(word)}:
                if concept not in table[key]:
                    table[key].append(concept)
    return {k: tuple(v) for k, v in table.items()}


_CONCEPTS = _concepts()
# Function words only: a general stop list (scikit-learn's) also drops "fire", "call",
# "back", "first" and "give", which carry claims in news ("open fire", "first time").
_STOP = _words(
    """a about above after again against all almost also although am among an and any are as
    at be because been before being below between both but by can could did do does doing
    down during each either else even ever every few for from further had has have having he
    her here hers herself him himself his how however i if in into is it its itself just me
    might mine more most much must my myself neither no nor not now of off on once only or
    other others otherwise our ours ourselves out over own per same shall she should since so
    some still such than that the their theirs them themselves then there these they this
    those though through thus to too under until up upon us very was we were what whatever
    when where whether which while who whom whose why will with within without would yet you
    your yours yourself mr mrs ms said says say monday tuesday wednesday thursday friday
    saturday sunday yesterday today tomorrow"""
)
_WORD = re.compile(r"[a-z][a-z'-]*[a-z]|[a-z]")
_CASED_WORD = re.compile(r"\d[\d,.]*\d|\d|[^\W\d_](?:[\w'-]*[^\W\d_])?")


def fold(text: str) -> str:
    """Lower case without accents, so transliterations with diacritics meet plain ones."""
    if text.isascii():
        return text.lower()
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def word_terms(text: str) -> list[tuple[str, str]]:
    """(term, surface word) for each content word; synonyms share one `~concept` term."""
    out: list[tuple[str, str]] = []
    for word in _WORD.findall(fold(text)):
        for part in word.replace("'", "-").split("-"):
            out.extend((t, part) for t in _part_terms(part))
    return out


@lru_cache(maxsize=1 << 18)
def _part_terms(part: str) -> tuple[str, ...]:
    # Cached: a corpus repeats a small vocabulary many times over.
    if len(part) < 2 or part in _STOP or part == "s":
        return ()
    s = stem(part)
    concepts = _CONCEPTS.get(part) or _CONCEPTS.get(s)
    return tuple(f"~{c}" for c in concepts) if concepts else (s,)


def _words_in_order(text: str) -> list[str]:
    return text.split()


_NUMBER_WORDS = {
    w: float(i)
    for i, w in enumerate(
        _words_in_order(
            "zero one two three four five six seven eight nine ten eleven twelve thirteen"
            " fourteen fifteen sixteen seventeen eighteen nineteen twenty"
        )
    )
}
_MONTHS = (
    "jan feb mar apr may jun jul aug sep sept oct nov dec january february march april june"
    " july august september october november december"
)
_MONTH = rf"(?:{'|'.join(_MONTHS.split())})\.?"
_STATED = re.compile(
    rf"(?<![\w.,])(\d{{1,3}}(?:,\d{{3}})+|\d+(?:\.\d+)?|{'|'.join(_NUMBER_WORDS)})(?![\w])",
    re.IGNORECASE,
)
_DATED = re.compile(rf"{_MONTH}\s+$|^(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH}\b", re.IGNORECASE)


def _as_number(word: str) -> float | None:
    """The value of a number in digits ("1,300") or in words up to twenty ("twelve")."""
    if word[:1].isdigit():
        try:
            return float(word.replace(",", ""))
        except ValueError:
            return None
    return _NUMBER_WORDS.get(word.lower())


def stated_numbers(text: str) -> frozenset[float]:
    """The numbers a sentence states, in digits or words up to twenty, leaving out years and
    days of a month ("in 2019", "July 13"): two sentences that state different numbers report
    different counts, whatever their words share."""
    out: set[float] = set()
    for m in _STATED.finditer(text):
        raw = m.group(1)
        word = _NUMBER_WORDS.get(raw.lower())
        value = word if word is not None else float(raw.replace(",", ""))
        if word is None and raw.isdigit() and len(raw) == 4 and 1800 <= value <= 2100:
            continue  # a year
        before, after = text[max(0, m.start() - 12) : m.start()], text[m.end() : m.end() + 14]
        if _DATED.search(before) or _DATED.search(after):
            continue
        out.add(value)
    return frozenset(out)


def _number_key(value: float) -> str:
    return f"#{value:g}"


def terms(ref: StatementRef) -> list[tuple[str, str]]:
    """Every term of a statement with the words that show it in a reason."""
    out = word_terms(ref.text)
    out.extend((f"@actor:{fold(a)}", a) for a in ref.actors)
    out.extend((f"@place:{fold(p)}", p) for p in ref.places)
    out.extend((_number_key(n), f"{n:g}") for n in ref.numbers)
    return out


def name_terms(ref: StatementRef) -> frozenset[str]:
    """The word terms of the statement's actors and places: a shared name is one piece of
    evidence (its `@` term), not one per word of it."""
    return frozenset(t for name in ref.actors | ref.places for t in _name_terms(name))


@lru_cache(maxsize=1 << 16)
def _name_terms(name: str) -> frozenset[str]:
    return frozenset(t for t, _ in word_terms(name))


# Concepts that are something done (a predicate) rather than someone or something it is done
# to; "say" is left out: who said it is the attribution, not the claim.
_DOING = _words(
    "kill die injure order arrest reduce block rise dismiss protect leave send support train close"
)


def _doing(word: str, found: tuple[str, ...]) -> bool:
    """Whether a word reads as a predicate: a concept of doing, or a verb form by its ending
    ("blocked", "rising") or an irregular past ("gave", "shot")."""
    concepts = [t[1:] for t in found if t[:1] == "~"]
    if concepts:  # the concept decides: "told" is a verb, but saying is not the claim
        return any(c in _DOING for c in concepts)
    return word.endswith(("ed", "ing")) or word in _IRREGULAR


@lru_cache(maxsize=1 << 18)
def _word_slots(word: str) -> tuple[tuple[tuple[str, ...], bool], ...]:
    """(terms, is a predicate) for each part of a word as written; cached, since a corpus
    repeats a small vocabulary many times over."""
    number = _as_number(word)
    if number is not None:  # "killing 12" / "shot dead 12": a count beside its predicate
        return (((_number_key(number),), False),)
    out: list[tuple[tuple[str, ...], bool]] = []
    for part in fold(word).replace("'", "-").split("-"):
        found = _part_terms(part)
        if found:
            out.append((found, _doing(part, found)))
    return tuple(out)


def claim_pairs(ref: StatementRef, window: int) -> frozenset[str]:
    """Pairs of terms that stand within `window` content words of each other, one of them a
    predicate ("blocked the internet", "rise in gas prices"): a claim's predicate sits beside
    its arguments, so two reports of one claim share such a pair while two sentences that
    merely share a story's vocabulary share words scattered apart, or only its nouns ("gas
    protests"). Two names, or two words of names and titles ("President Radomir Velitchko"), are
    not a pair: a name says who, not what was done."""
    slots = _text_slots(ref.text)
    names = name_terms(ref)
    if names:
        names = names & frozenset(x for found, _, _ in slots for x in found)
    return _pairs(ref.text, names, window)


@lru_cache(maxsize=1 << 14)
def _text_slots(text: str) -> tuple[tuple[tuple[str, ...], bool, bool], ...]:
    """(terms, is a predicate, is capitalised inside the sentence) for each word part."""
    out: list[tuple[tuple[str, ...], bool, bool]] = []
    for i, match in enumerate(_CASED_WORD.finditer(text)):
        word = match.group()
        # A capital inside the sentence marks a name or a title; the first word says nothing.
        cased = i > 0 and word[:1].isupper()
        out.extend((found, doing, cased) for found, doing in _word_slots(word))
    return tuple(out)


@lru_cache(maxsize=1 << 14)
def _pairs(text: str, names: frozenset[str], window: int) -> frozenset[str]:
    # Cached by wording: copies of one story (wire stories, syndication) repeat sentences.
    slots = [
        (found, name, doing and not name)
        for found, doing, cased in _text_slots(text)
        for name in [cased or (bool(names) and any(x in names for x in found))]
    ]
    out: set[str] = set()
    for i, (here, here_name, here_doing) in enumerate(slots):
        for there, there_name, there_doing in slots[i + 1 : i + 1 + window]:
            if (here_name and there_name) or not (here_doing or there_doing):
                continue
            for a in here:
                for b in there:
                    if a != b:
                        out.add(f"{a}|{b}" if a < b else f"{b}|{a}")
    return frozenset(out)
