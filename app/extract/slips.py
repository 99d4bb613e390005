"""Two spellings of one name a slip apart: a letter inserted, dropped or changed.

Used to tell that two keys of names (app/extract/names.py) are one name mistyped, one pair
at a time or over a whole set at once.
"""

from __future__ import annotations


def one_edit_apart(a: str, b: str) -> bool:
    """At most one letter inserted, dropped or changed: in one pass, not a full edit
    distance, whose cost grows with the product of the lengths (a text may hold a "name"
    of a thousand letters)."""
    if len(a) > len(b):
        a, b = b, a
    if len(b) - len(a) > 1:
        return False
    i = 0
    while i < len(a) and a[i] == b[i]:
        i += 1
    # After the first difference the rest must match, with one letter of b skipped or changed.
    if len(a) == len(b):
        return a[i + 1 :] == b[i + 1 :]
    return a[i:] == b[i + 1 :]


def close_keys(a: str, b: str, min_len: int = 7) -> bool:
    """Equal, or one slip apart on a long key (a typo such as a dropped letter)."""
    if a == b:
        return True
    if min(len(a), len(b)) < min_len:
        return False
    return one_edit_apart(a, b)


def _deletions(key: str) -> set[str]:
    return {key} | {key[:i] + key[i + 1 :] for i in range(len(key))}


def near_keys(keys: set[str], min_len: int = 7) -> dict[str, set[str]]:
    """For every key, the other keys that `close_keys` accepts, found through an index of
    one-letter deletions (two keys one edit apart share a deletion) rather than all pairs."""
    index: dict[str, set[str]] = {}
    for key in keys:
        if len(key) >= min_len:
            for variant in _deletions(key):
                index.setdefault(variant, set()).add(key)
    out: dict[str, set[str]] = {}
    for key in keys:
        if len(key) < min_len:
            continue
        found = set().union(*(index.get(v, set()) for v in _deletions(key)))
        found = {k for k in found if k != key and close_keys(k, key, min_len)}
        if found:
            out[key] = found
    return out
