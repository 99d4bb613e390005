"""Statement lexicon: the general English a claim's words are reduced with.

A crude stem (with the irregular forms a suffix stripper cannot reach), a small table of
news-domain synonyms that become one concept term (kill/shoot/open fire, arrest/detain,
cut/lower/reduce), a stop list of function words, and accent folding. Nothing here is any one
story's vocabulary.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from functools import lru_cache

# Irregular forms a suffix stripper cannot reach (general English, not any one story's words).
IRREGULAR = {
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


def words_of(text: str) -> frozenset[str]:
    """A set of words written as one string (long vocabularies stay readable)."""
    return frozenset(text.split())


@lru_cache(maxsize=1 << 18)
def stem(word: str) -> str:
    """A crude suffix stripper: enough to meet "arrested", "arrests" and "arrest" in one term.

    Both sides of a comparison go through it, so an odd stem costs nothing as long as it is
    the same for the forms of one word."""
    w = IRREGULAR.get(word, word)
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
    "kill": ("kill killing shoot shooting shot gunfire slay slain execute massacre lethal deadly"),
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
        "insurrection anger outrage discontent"
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
    # Not "state": far more often a noun (head of state, state media, the United States).
    "say": "say tell announce declare",
    # What set an event off: "riots sparked by", "a strike that began after". Not "cause":
    # in news it spreads over everything ("the cause of death", "caused delays").
    "start": "start begin erupt spark trigger provoke ignite",
    # Asking someone to act ("asks his followers to rally", "called on voters to back the
    # mayor", "urged residents to leave"): a claim is what is asked for, as with an order.
    "ask": "ask urge urged urges appeal plead implore exhort",
    # Holding on to a post or to power ("stayed in charge", "retained his influence").
    "keep": "keep remain retain maintain",
    "power": "power powerful influence influential clout",
}


# A verb whose sense the word after it decides: "called on the dockers to go home" asks,
# "called the plan reckless" does not; "opened fire" and "fired on the crowd" shoot, while a
# building "on fire" or a minister "fired" by the cabinet does not.
_PARTICLES = {
    ("call", "on"): "ask",
    ("call", "upon"): "ask",
    ("call", "for"): "ask",
    ("open", "fire"): "kill",
    **{(fire, x): "kill" for fire in ("fire", "fir") for x in ("on", "at", "into", "upon")},
}
# A word that the word before it empties: "in order to" orders nothing, nor does a "second in
# command".
_EMPTIED = {("in", "order"), ("in", "command")}


# "Began throwing", "started to run": a verb of beginning before another verb only says when;
# the other verb is the predicate ("the protest began" is a claim of its own).
_ASPECTUAL = words_of("start begin")


_EMPTIED_WORDS = frozenset(w for _, w in _EMPTIED)
_HEADS = frozenset(h for h, _ in _PARTICLES) | _ASPECTUAL


@lru_cache(maxsize=1 << 18)
def phrase_head(word: str) -> bool:
    """Whether a word (as written) may head a phrase that `phrase_terms` reads: most words
    head none, and this is asked of every word of every statement, so it is cached."""
    folded = fold(word)
    return stem(folded) in _HEADS or folded in _EMPTIED_WORDS


def phrase_terms(before: str, word: str, after: str) -> tuple[str, ...] | None:
    """The terms of a word read with its neighbours (all folded), or None where the word alone
    decides: a verb and its particle make one concept ("calls on" asks), and a fixed phrase
    leaves none ("in order to", "began throwing")."""
    base = stem(word)
    if (before, word) in _EMPTIED or (
        base in _ASPECTUAL and (after == "to" or after.endswith("ing"))
    ):
        return ()
    concept = _PARTICLES.get((base, after))
    return (f"~{concept}",) if concept else None


def _concepts() -> dict[str, tuple[str, ...]]:
    table: dict[str, list[str]] = defaultdict(list)
    for concept, words in _SYNONYMS.items():
        for word in words_of(words):
            for key in {word, stem(word)}:
                if concept not in table[key]:
                    table[key].append(concept)
    return {k: tuple(v) for k, v in table.items()}


CONCEPTS = _concepts()
# Function words only: a general stop list (scikit-learn's) also drops "fire", "call",
# "back", "first" and "give", which carry claims in news ("open fire", "first time").
STOP = words_of(
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
WORD = re.compile(r"[a-z][a-z'-]*[a-z]|[a-z]")
CASED_WORD = re.compile(r"\d[\d,.]*\d|\d|[^\W\d_](?:[\w'-]*[^\W\d_])?")


def fold(text: str) -> str:
    """Lower case without accents, so transliterations with diacritics meet plain ones."""
    if text.isascii():
        return text.lower()
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))
