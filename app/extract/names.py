"""Name normalisation for actors: transliteration keys, person and organisation shapes.

News about one event spells the same foreign name several ways (a German `j` where English
writes `y`, a French `ou` for `u`, `tch` for `ch`, doubled consonants). Every rule here is
about spelling in general; no particular name is listed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from app.extract.folding import fold, strip_possessive
from app.extract.nationalities import demonym_country
from app.extract.slips import close_keys


def _words(text: str) -> frozenset[str]:
    """A set of words written as one string (long vocabularies stay readable)."""
    return frozenset(text.split())


# --- transliteration key ----------------------------------------------------------------------

# Ordered rewrites that bring the usual romanisations of one sound to one symbol. "4" stands
# for the hushing sounds (English ch/sh, French tch/ch, German tsch/sch).
_REWRITES: tuple[tuple[str, str], ...] = (
    ("tsch", "4"),
    ("sch", "4"),
    ("tch", "4"),
    ("shch", "4"),
    ("ch", "4"),
    ("sh", "4"),
    ("dzh", "j"),
    ("zh", "j"),
    ("dj", "j"),
    ("kh", "h"),
    ("x", "ks"),
    ("ck", "k"),
    ("q", "k"),
    ("c", "k"),
    ("ph", "f"),
    ("th", "t"),
    ("w", "v"),
    ("z", "s"),
    ("ou", "u"),
    ("j", "y"),
)


def translit_key(word: str) -> str:
    """A spelling-insensitive key of one name word (Selenskyj = Zelensky)."""
    w = fold(word).lower()
    w = re.sub(r"[^a-z]", "", w)
    if not w:
        return ""
    w = re.sub(r"off$", "ov", w)  # Rachmaninoff / Rachmaninov
    for old, new in _REWRITES:
        w = w.replace(old, new)
    w = re.sub(r"(?<=[aeiou])y(?=[aeiou])", "", w)  # Dmitriyev / Dmitriev
    w = w.replace("y", "i")  # Yuri / Iuri, Dmitry / Dmitri
    w = re.sub(r"^ie", "e", w)  # Yevgeny / Evgeny
    w = re.sub(r"(.)\1+", r"\1", w)  # Zelenskyy / Zelensky
    w = re.sub(r"(?<=[^aeiou])e$", "", w)  # French final e: Lénine / Lenin
    w = re.sub(r"ev(a?)$", r"ov\1", w)  # -ev / -ov (Gorbachev / Gorbatschow)
    return w


# --- persons ----------------------------------------------------------------------------------

# Words that stand before a name as a title or function; they are not part of the name.
TITLES = _words(
    """president presidents vice prime minister ministers deputy foreign interior defense
    defence secretary general gen. gen lt. col. sgt. capt. maj. adm. mr mr. mrs mrs. ms ms.
    dr dr. prof prof. sir dame lord lady king queen prince princess sheikh emir pope
    cardinal bishop archbishop father rev. chancellor premier governor gov. mayor senator
    sen. rep. representative congressman congresswoman ambassador judge justice chief
    spokesman spokeswoman spokesperson commander colonel major captain sergeant lieutenant
    admiral marshal former late ex acting interim leader chairman chairwoman chair director
    head envoy special state"""
)
# Given-name positions that hold a patronymic, not a first name (-ovich, -uly, -kyzy, -oglu).
_PATRONYMIC = re.compile(
    r"(ovich|evich|ovna|evna|ovitch|evitch|uly|uli|ouli|ulu|kyzy|qyzy|kizi|oglu|ogly|oghlu)$",
    re.I,
)
_PARTICLES = _words(
    """van von der den de du da di del della la le al el bin ibn abu ben ter ten dos das"""
)
_SUFFIXES = _words("jr jr. sr sr. ii iii iv")


@dataclass(frozen=True)
class PersonName:
    given: tuple[str, ...]  # translit keys of given names (an initial is one letter)
    surname: str  # translit key of the surname

    @property
    def lone(self) -> bool:
        return not self.given

    @property
    def key(self) -> str:
        return "person:" + " ".join(self.given) + "|" + self.surname


def strip_titles(tokens: list[str]) -> list[str]:
    """Drop leading title words ("Interior Minister", "Mr.")."""
    i = 0
    while i < len(tokens) - 1 and tokens[i].lower().strip(",") in TITLES:
        i += 1
    return tokens[i:]


def parse_person(text: str) -> PersonName | None:
    tokens = [t for t in fold(strip_possessive(text)).split() if t]
    tokens = strip_titles(tokens)
    while tokens and tokens[-1].lower().strip(",") in _SUFFIXES:
        tokens.pop()
    if not tokens:
        return None
    surname_tokens = [tokens.pop()]
    while tokens and tokens[-1].lower() in _PARTICLES:
        surname_tokens.insert(0, tokens.pop())
    surname = " ".join(translit_key(t) for t in surname_tokens).strip()
    if not surname:
        return None
    given: list[str] = []
    for tok in tokens:
        if _PATRONYMIC.search(tok.rstrip(".")) and len(tok) > 5:
            continue
        parts = [translit_key(p) for p in tok.split("-")]
        if len(tok.rstrip(".")) == 1:
            parts = [tok[0].lower()]
        key = "-".join(p for p in parts if p)
        if key:
            given.append(key)
    return PersonName(tuple(given), surname)


def given_compatible(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """First given names agree: same key, an initial of it, or one slip apart on a long name."""
    if not a or not b:
        return True
    x, y = a[0], b[0]
    if x == y:
        return True
    if len(x) == 1 or len(y) == 1:
        return x[0] == y[0]
    # Hyphenated double names may be met with one half only.
    if "-" in x or "-" in y:
        xs, ys = set(x.split("-")), set(y.split("-"))
        if xs <= ys or ys <= xs:
            return True
    return close_keys(x, y, min_len=5)


# --- organisations ----------------------------------------------------------------------------

# Head nouns of organisation names: they allow the "X of the Y" inversion, mark an appositive
# as naming an organisation, and may be moved to the front in foreign-order acronyms.
ORG_HEADS = _words(
    """organization organisation ministry department council committee commission agency office
    bureau service services union party group front movement army forces force bank fund
    institute institution university association federation alliance court assembly
    parliament senate company corporation firm network foundation authority authorities
    board guard police coalition league society center centre program programme command
    directorate administration secretariat tribunal brigade brigades militia channel
    broadcaster newspaper daily agence organisations organizations companies hospital clinic"""
)
_STOP = _words("of the and for on in at to a an de la le du des da del y et und für")
# British / American spellings and synonyms inside organisation names.
_ORG_WORD_MAP = {
    "organisation": "organization",
    "defence": "defense",
    "centre": "center",
    "programme": "program",
    "labour": "labor",
    "internal": "interior",
    "home": "interior",
}
_ACRONYM = re.compile(r"^(?:[A-Z]\.?){2,7}$|^[A-Z][A-Za-z]?[A-Z]{1,5}$")


def is_acronym(text: str) -> bool:
    t = text.strip()
    return bool(_ACRONYM.match(t)) and sum(c.isupper() for c in t) >= 2


def _org_words(text: str) -> list[str]:
    """Lower-case words of a name, hyphenated parts apart, possessive and "the" dropped."""
    raw = fold(strip_possessive(text))
    words = [w for w in re.split(r"[\s\-/]+", raw) if w]
    while words and words[0].lower() == "the":
        words.pop(0)
    return words


def _invert(words: list[str]) -> list[str]:
    """ "Ministry of the Interior" -> "Interior Ministry"; only when X is an organisation head."""
    lowered = [w.lower() for w in words]
    if "of" in lowered:
        i = lowered.index("of")
        head = lowered[:i]
        rest = [w for w in words[i + 1 :] if w.lower() not in ("the",)]
        if head and rest and head[-1] in ORG_HEADS:
            return rest + words[:i]
    return words


@dataclass(frozen=True)
class OrgName:
    core: str  # normalised words, or the acronym in capitals
    qualifier: str  # the country a leading nationality adjective names, else ""
    acronym: bool

    @property
    def key(self) -> str:
        return "org:" + self.core + ("@" + self.qualifier if self.qualifier else "")


def parse_org(text: str, qualifier: str = "") -> OrgName:
    words = _org_words(text)
    joined = "".join(words)
    if len(words) == 1 and is_acronym(joined.replace(".", "")):
        return OrgName(joined.replace(".", "").upper(), qualifier, True)
    while len(words) > 1 and not qualifier and (country := demonym_country(words[0])):
        qualifier = country
        words = words[1:]
    words = _invert(words)
    norm = [_ORG_WORD_MAP.get(w.lower(), w.lower()) for w in words]
    norm = [w for w in norm if w not in _STOP]
    if "ministry" in norm:
        # "Ministry of Foreign Affairs" = "Foreign Ministry".
        norm = [w for w in norm if w != "affairs"]
    return OrgName(" ".join(norm), qualifier, False)


def org_initials(text: str) -> set[str]:
    """Acronyms a long name may go by: initials of its content words, in the order written,
    in the "X of the Y" inverted order, and with the head noun first (foreign order, as in
    a French "Agence ..."). A trailing lower-case class phrase ("news agency") counts by its
    head only."""
    # "Co-operation" is one word for its initial; "Bosnia-Herzegovina" is two.
    text = re.sub(r"\b(Co|Re|Non|Anti|Pre|Post|Inter|Counter|Multi)-(?=[a-z])", r"\1", text)
    words = _org_words(text)
    if len(words) < 2:
        return set()
    proper = [w for w in words if w[:1].isupper()]
    tail = [w for w in words if not w[:1].isupper()]
    out: set[str] = set()
    variants: list[list[str]] = [words, _invert(words)]
    if tail and tail[-1].lower() in ORG_HEADS and proper:
        core = [w for w in proper if w.lower() not in _STOP]
        variants += [core, [tail[-1], *core], [*core, tail[-1]]]
    elif words[-1].lower() in ORG_HEADS:
        variants.append([words[-1], *words[:-1]])
    for v in variants:
        content = [w for w in v if w.lower() not in _STOP]
        if len(content) >= 2:
            out.add("".join(w[0].upper() for w in content))
    return out
