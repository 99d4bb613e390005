"""Statement terms: the words of a claim reduced to what two reports of it share.

A crude stem, then a concept from a small table of news-domain synonyms (kill/shoot/open
fire, arrest/detain, cut/lower/reduce), plus the statement's actors, places and numbers.
The linking itself (app/link/statements.py) weighs and compares these terms.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache


@dataclass(frozen=True)
class StatementRef:
    id: int
    article_id: int
    story_id: int | None
    text: str
    actors: frozenset[str] = frozenset()
    places: frozenset[str] = frozenset()
    numbers: frozenset[float] = frozenset()


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
    "arrest": (
        "arrest detain detention detainee apprehend custody jail jailed imprison capture round-up"
    ),
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


def _number_key(value: float) -> str:
    return f"#{value:g}"


def terms(ref: StatementRef) -> list[tuple[str, str]]:
    """Every term of a statement with the words that show it in a reason."""
    out = word_terms(ref.text)
    out.extend((f"@actor:{fold(a)}", a) for a in ref.actors)
    out.extend((f"@place:{fold(p)}", p) for p in ref.places)
    out.extend((_number_key(n), f"{n:g}") for n in ref.numbers)
    return out
