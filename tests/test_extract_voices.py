"""Voices: people named for their office, told apart from the people an event happened to."""

from __future__ import annotations

import pytest

from app.extract.voices import introduced_by_office


@pytest.mark.parametrize(
    ("text", "voice"),
    [
        ("Dana Whitlock, a peace activist, called for calm.", True),
        ("Rain fell on the mayor and activist Dana Whitlock as they spoke.", True),
        ("Two men were hurt, according to NYPD Sgt. Dana Whitlock, who spoke.", True),
        ("Dana Whitlock, a spokeswoman for the Brambleford police, said so.", True),
        ("Chief of Police Dana Whitlock said the gunman fled.", True),
        ("Dana Whitlock, 24, of Brambleford, was killed.", False),
        ("Police said Dana Whitlock was shot twice.", False),
        ("Dana Whitlock, the victim's mother, asked for help.", False),
        ("Dana Whitlock, who owns the bakery, saw the gunman.", False),
    ],
)
def test_extract_voices_introduced_by_office(text: str, voice: bool) -> None:
    start = text.index("Dana Whitlock")
    assert introduced_by_office(text, start, start + len("Dana Whitlock")) is voice
