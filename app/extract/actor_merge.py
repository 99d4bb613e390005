"""One actor across articles: the mentions of all articles grouped by spelling rules.

The rules are those of names.py (surnames, first names that agree, initials, acronyms),
never a list of known names. An actor is named by the spelling most articles use.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from app.extract.folding import fold
from app.extract.names import (
    OrgName,
    PersonName,
    given_compatible,
    is_acronym,
    org_initials,
)
from app.extract.slips import near_keys
from app.extract.types import ORG, PERSON, FoundMention


@dataclass
class ActorCluster:
    name: str  # the fullest spelling most articles use (display_name)
    kind: str  # person | organization
    aliases: set[str] = field(default_factory=set)
    mentions: dict[str, list[FoundMention]] = field(default_factory=dict)

    @property
    def articles(self) -> list[str]:
        return sorted(self.mentions)


# Cached: a corpus repeats the same few thousand names over and over.
@lru_cache(maxsize=1 << 16)
def _parse_person_key(key: str) -> PersonName:
    body = key.split(":", 1)[1]
    given, _, surname = body.partition("|")
    return PersonName(tuple(g for g in given.split(" ") if g), surname)


@lru_cache(maxsize=1 << 16)
def _parse_org_key(key: str) -> OrgName:
    body = key.split(":", 1)[1]
    core, _, qualifier = body.partition("@")
    return OrgName(core, qualifier, core.isupper() and " " not in core)


class _Groups:
    """Union-find over units (one unit = one key in one article)."""

    def __init__(self, n: int) -> None:
        self.parent = list(range(n))

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


@dataclass
class _Unit:
    article: str
    key: str
    kind: str
    mentions: list[FoundMention]


def _pick_one(candidates: set[int], groups: _Groups) -> int | None:
    roots = {groups.find(c) for c in candidates}
    return roots.pop() if len(roots) == 1 else None


def _merge_persons(units: list[_Unit], idx: list[int], groups: _Groups) -> None:
    names = {i: _parse_person_key(units[i].key) for i in idx}
    full = [i for i in idx if not names[i].lone]
    # Buckets keep the comparisons few on large collections.
    by_surname: dict[str, list[int]] = defaultdict(list)
    by_given: dict[tuple[str, ...], set[str]] = defaultdict(set)
    for i in full:
        by_surname[names[i].surname].append(i)
        by_given[names[i].given].add(names[i].surname)
    # Full names: same surname, first names that agree. Units of one key are one actor
    # already, so each distinct name is compared once.
    firsts = {
        surname: {names[j].given[0] for j in members if len(names[j].given[0]) > 1}
        for surname, members in by_surname.items()
    }
    for bucket in by_surname.values():
        alike: dict[PersonName, list[int]] = defaultdict(list)
        for i in bucket:
            alike[names[i]].append(i)
        for members in alike.values():
            for j in members[1:]:
                groups.union(members[0], j)
        one_each = [members[0] for members in alike.values()]
        for a_pos, a in enumerate(one_each):
            for b in one_each[a_pos + 1 :]:
                na, nb = names[a], names[b]
                if not given_compatible(na.given, nb.given):
                    continue
                if na.given[0] != nb.given[0] and _conflict(na, nb, firsts[na.surname]):
                    continue
                groups.union(a, b)
    # Same first names, surnames one slip apart on a long name.
    for given, surnames in by_given.items():
        for x, nearby in near_keys(surnames).items():
            for y in nearby:
                a = next(i for i in by_surname[x] if names[i].given == given)
                b = next(i for i in by_surname[y] if names[i].given == given)
                groups.union(a, b)
    # A lone surname joins the one person it fits: in its own article first, else anywhere.
    lone_keys = {names[i].surname for i in idx if names[i].lone}
    near = near_keys(lone_keys | set(by_surname))
    in_article: dict[tuple[str, str], list[int]] = defaultdict(list)
    for i in full:
        in_article[(names[i].surname, units[i].article)].append(i)
    # Which person a surname fits anywhere is worked out once per surname: the loop below
    # only joins lone surnames to groups, which never changes how many persons fit.
    anywhere: dict[tuple[str, bool], int | None] = {}
    unresolved: list[int] = []
    for i in idx:
        if not names[i].lone:
            continue
        surname = names[i].surname
        target = None
        for fuzzy in (False, True):
            keys = [surname, *sorted(near.get(surname, ()))] if fuzzy else [surname]
            local = {j for k in keys for j in in_article.get((k, units[i].article), ())}
            if local:
                target = _pick_one(local, groups)
                break
            if any(k in by_surname for k in keys):
                if (surname, fuzzy) not in anywhere:
                    pool = {j for k in keys for j in by_surname.get(k, ())}
                    anywhere[(surname, fuzzy)] = _pick_one(pool, groups)
                target = anywhere[(surname, fuzzy)]
                break
        if target is not None:
            groups.union(i, target)
        else:
            unresolved.append(i)
    # Lone surnames that fit no one (or more than one) stay together by spelling.
    lone_by_key: dict[str, list[int]] = defaultdict(list)
    for i in unresolved:
        lone_by_key[names[i].surname].append(i)
    for members in lone_by_key.values():
        for j in members[1:]:
            groups.union(members[0], j)


def _conflict(a: PersonName, b: PersonName, seen: set[str]) -> bool:
    """An initial or a half of a double name fits two different first names: leave it.

    `seen` holds the full first names met with this surname.
    """
    short = a.given[0] if len(a.given[0]) <= len(b.given[0]) else b.given[0]
    fits = [g for g in seen if given_compatible((short,), (g,))]
    return len(fits) > 1


def _merge_orgs(units: list[_Unit], idx: list[int], groups: _Groups) -> None:
    orgs = {i: _parse_org_key(units[i].key) for i in idx}
    by_core: dict[str, list[int]] = defaultdict(list)
    for i in idx:
        if not orgs[i].acronym:
            by_core[orgs[i].core].append(i)
    for members in by_core.values():
        qualified = [i for i in members if orgs[i].qualifier]
        bare: list[int] = []
        qualified_in: dict[str, set[int]] = defaultdict(set)
        for j in qualified:
            qualified_in[units[j].article].add(j)
        for i in members:
            if orgs[i].qualifier:
                continue
            # A bare name joins the one national variant: in its own article first.
            local = qualified_in.get(units[i].article, set())
            pool = local or set(qualified)
            if pool and len({orgs[j].qualifier for j in pool}) == 1:
                groups.union(i, min(pool))
            else:
                bare.append(i)
        for j in bare[1:]:
            groups.union(bare[0], j)
    # Acronyms: same letters are one actor; they join the one long form whose initials fit.
    by_acr: dict[str, list[int]] = defaultdict(list)
    for i in idx:
        if orgs[i].acronym:
            by_acr[orgs[i].core].append(i)
    initials = {
        i: set().union(*(_initials(m.text) for m in units[i].mentions))
        for i in idx
        if not orgs[i].acronym
    }
    by_initials: dict[str, set[int]] = defaultdict(set)
    for i, letters in initials.items():
        for acr in letters:
            by_initials[acr].add(i)
    for acr, members in by_acr.items():
        for j in members[1:]:
            groups.union(members[0], j)
        fits = by_initials.get(acr, set())
        target = _pick_one(fits, groups)
        if target is not None:
            groups.union(members[0], target)


def _short_forms(units: list[_Unit]) -> dict[int, int]:
    """Organisation names of two words or more that end the one longer name of their
    article: that organisation, shortened ("the Security Council" after "the National
    Security Council", "Defense Forces" after "Israel Defense Forces"). Beside two such
    names, or alone, a name keeps its own spelling's actor."""
    by_article: dict[str, list[tuple[str, int]]] = defaultdict(list)
    for i, u in enumerate(units):
        if u.kind == ORG:
            org = _parse_org_key(u.key)
            if not org.acronym:
                by_article[u.article].append((org.core, i))
    out: dict[int, int] = {}
    for members in by_article.values():
        for core, i in members:
            if " " not in core:
                continue
            longer = {c: j for c, j in members if c.endswith(" " + core)}
            if len(longer) == 1:
                out[i] = next(iter(longer.values()))
    return out


@lru_cache(maxsize=1 << 16)
def _initials(text: str) -> frozenset[str]:
    return frozenset(org_initials(text))


@lru_cache(maxsize=1 << 16)
def _org_parts(text: str) -> int:
    words = [w for w in fold(text).split() if w.lower() not in ("of", "the", "and")]
    return len(words) + (text[:1].isupper())


# A spelling in other letters than ASCII names the actor only when clearly the most used:
# English text is the reader's, and "Velitchkô" in one more article than "Velitchko" is
# an outlet's house style, not the name.
NON_ASCII_MARGIN = 1.5


def display_name(by_article: Mapping[str, Sequence[FoundMention]]) -> str:
    """The fullest spelling (most name parts, no acronym) that most articles use.

    Ties go to the spelling whose last word more articles write in any mention ("Radomir
    Velitchko" over "Radomir Velitschko" when others say "Velitchko"), then to an ASCII
    spelling, then to the one written most often.
    """
    counts: dict[str, int] = defaultdict(int)
    articles: dict[str, set[str]] = defaultdict(set)
    last_words: dict[str, set[str]] = defaultdict(set)
    parts: dict[str, int] = {}
    for article, mentions in by_article.items():
        distinct: dict[str, FoundMention] = {}
        for m in mentions:
            counts[m.text] += 1
            distinct.setdefault(m.text, m)
        for text, m in distinct.items():
            articles[text].add(article)
            last_words[_last_word(text)].add(article)
            if text not in parts:
                parts[text] = (not is_acronym(text)) * 100 + (
                    len(_parse_person_key(m.key).given) if m.kind == PERSON else _org_parts(text)
                )
    most = max(parts.values())
    fullest = [t for t in counts if parts[t] == most]

    def rank(text: str) -> tuple[int, int, bool, int, int]:
        shared = len(last_words[_last_word(text)])
        return (len(articles[text]), shared, text.isascii(), counts[text], -len(text))

    best = max(fullest, key=rank)
    plain = [t for t in fullest if t.isascii()]
    if not best.isascii() and plain:
        runner = max(plain, key=rank)
        if len(articles[best]) <= NON_ASCII_MARGIN * len(articles[runner]):
            return runner
    return best


@lru_cache(maxsize=1 << 16)
def _last_word(text: str) -> str:
    words = fold(text).lower().split()
    return words[-1] if words else ""


def _is_open(unit: _Unit) -> bool:
    if unit.kind == PERSON:
        return _parse_person_key(unit.key).lone
    org = _parse_org_key(unit.key)
    return not org.acronym and not org.qualifier


def merge_actors(mentions: Mapping[str, Sequence[FoundMention]]) -> list[ActorCluster]:
    """Group the mentions of many articles (keyed by article) into actors."""
    by_unit: dict[tuple[str, str, str], list[FoundMention]] = defaultdict(list)
    for article, found in mentions.items():
        for m in found:
            if m.kind in (PERSON, ORG) and m.key:
                by_unit[(article, m.kind, m.key)].append(m)
    units = [_Unit(a, key, kind, ms) for (a, kind, key), ms in by_unit.items()]
    groups = _Groups(len(units))
    # A short form stands for its article's long name only: it is kept out of the merges by
    # spelling, which would carry it to other articles where it may mean another body.
    short = _short_forms(units)
    # The same key is the same actor in every article.
    first: dict[tuple[str, str], int] = {}
    for i, u in enumerate(units):
        if _is_open(u) or i in short:
            continue  # a lone surname or a bare "Interior Ministry" is resolved per article
        first.setdefault((u.kind, u.key), i)
        groups.union(first[(u.kind, u.key)], i)
    # Persons and organisations are merged apart: they are never one actor.
    _merge_persons(units, [i for i, u in enumerate(units) if u.kind == PERSON], groups)
    _merge_orgs(units, [i for i, u in enumerate(units) if u.kind == ORG and i not in short], groups)
    for i, j in short.items():
        groups.union(i, j)

    clusters: dict[int, ActorCluster] = {}
    for i, u in enumerate(units):
        root = groups.find(i)
        cluster = clusters.setdefault(root, ActorCluster(name="", kind=u.kind))
        cluster.mentions.setdefault(u.article, []).extend(u.mentions)
        cluster.aliases.update(m.text for m in u.mentions)
    out = list(clusters.values())
    for c in out:
        c.name = display_name(c.mentions)
        for ms in c.mentions.values():
            ms.sort(key=lambda m: m.start)
    out.sort(key=lambda c: (-sum(len(ms) for ms in c.mentions.values()), c.name))
    return out
