"""Who a figure counts, in one name per kind of people: "police officers", "agents" and
"soldiers" are all the security forces; a past year's count keeps its year."""

from __future__ import annotations

import re
from functools import lru_cache

from app.extract.figure_lexicon import KILLING_MANNERS
from app.extract.group_years import PAST_GROUP

_GROUP_CLASSES: tuple[tuple[str, frozenset[str]], ...] = (
    (
        "security forces",
        frozenset(
            [
                "police",
                "policemen",
                "policeman",
                "officers",
                "officer",
                "agents",
                "agent",
                "soldiers",
                "soldier",
                "troops",
                "servicemen",
                "serviceman",
                "guards",
                "guard",
                "security",
                "forces",
                "army",
                "military",
                "gendarmes",
                "gendarmerie",
                "personnel",
                "law",
                "enforcement",
            ]
        ),
    ),
    (
        "protesters",
        frozenset(
            [
                "protesters",
                "protester",
                "demonstrators",
                "demonstrator",
                "rioters",
                "rioter",
                "criminals",
                "militants",
                "militant",
                "troublemakers",
                "terrorists",
                "insurgents",
                "bandits",
                "looters",
                "opponents",
                "gunmen",
                "attackers",
                "extremists",
            ]
        ),
    ),
    ("civilians", frozenset(["civilians", "civilian", "residents", "bystanders", "passers-by"])),
    ("children", frozenset(["children", "child", "minors", "kids"])),
)
_TOTAL = frozenset(
    {"", "total", "people", "persons", "person", "individuals", "all", "others", "other people"}
)


@lru_cache(maxsize=4096)
def normalise_group(group: str) -> str:
    """One name for each kind of counted people; other groups as written, lower case."""
    text = group.strip().lower()
    if text.startswith("additional "):
        # An addition to a count ("three more bodies") is not the count itself.
        return "additional " + normalise_group(text.removeprefix("additional "))
    past = PAST_GROUP.search(text)
    if past:
        # A past event's count ("170,000 in 2004") stays apart from today's.
        return normalise_group(text[: past.start()]) + past.group()
    if text in _TOTAL:
        return "total"
    if text.startswith("for ") or " for " in text:
        # Those held on a charge ("for looting") are a group of their own, as written.
        return text
    rest, _, last = text.rpartition(" ")
    if last in KILLING_MANNERS:
        # "police officers beheaded": the beheaded among the security forces.
        kind = normalise_group(rest)
        return last if kind == "total" else f"{kind} {last}"
    words = set(re.findall(r"[a-z-]+", text))
    if "foreign" in words or (
        words & {"troops", "paratroopers", "contingent", "peacekeepers"}
        and not words & {"security", "police"}
    ):
        return text  # foreign or named troops are their own group, as written
    for name, vocab in _GROUP_CLASSES:
        if words & vocab:
            return name
    return text
