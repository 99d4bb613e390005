"""Voices: the people a report quotes for their office, not for what happened to them.

A city's shootings are told by the same few people: the police spokesman, the sergeant at
the scene, the alderman, the activist who comes to every vigil. News introduces them by
their office ("activist Dana Whitlock", "Sgt. Tom Reyes", "Dana Whitlock, a spokeswoman
for the police,"), and the victim or the accused by age and home ("Tom Reyes, 24, of ...").
Two reports weeks apart that both quote the same voice are no more one event than two that
both quote the police; that they name the same victim is (app/link/story_people.py).
"""

from __future__ import annotations

import re

from app.extract.figure_lexicon import words

_OFFICES = words(
    """activist activists advocate organizer spokesman spokeswoman spokesperson officer
    detective det sergeant sgt lieutenant lt captain capt chief commander sheriff deputy
    trooper inspector superintendent commissioner mayor alderman alderwoman councilman
    councilwoman councilmember pastor reverend rev coroner prosecutor"""
)
_OFFICE = r"(?:" + "|".join(sorted(_OFFICES, key=len, reverse=True)) + r")"
# "activist Dana Whitlock", "Police Sgt. Tom Reyes", "Chief of Police Tom Reyes"
_BEFORE = re.compile(rf"\b{_OFFICE}\.?(?:\s+of\s+\w+)?\s+$", re.I)
# "Dana Whitlock, a peace activist,", "Tom Reyes, the police department's spokesman"
_AFTER = re.compile(rf"^,\s+(?:an?|the)\s+(?:[\w'’-]+\s+){{0,4}}?{_OFFICE}\b", re.I)


def introduced_by_office(text: str, start: int, end: int) -> bool:
    """Whether the name at text[start:end] is introduced by an office it holds."""
    return bool(
        _BEFORE.search(text[max(0, start - 40) : start]) or _AFTER.match(text[end : end + 80])
    )
