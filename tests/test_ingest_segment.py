"""Sentences split on terminal punctuation, robust to the quote marks of translated text."""

from __future__ import annotations

import pytest

from app.ingest.segment import is_heading, paragraphs, segment, sentences


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("One. Two.", ["One.", "Two."]),
        ("He said “stop.” Then he left.", ["He said “stop.”", "Then he left."]),
        ("« Wait! » She ran. «Go» now.", ["« Wait! »", "She ran.", "«Go» now."]),
        (
            "26 “armed criminals»Killed and 10 hurt. Next.",
            ["26 “armed criminals»Killed and 10 hurt.", "Next."],
        ),
        (
            "Mr. Smith met Dr. Jones in the U.S. on Monday. Fine.",
            ["Mr. Smith met Dr. Jones in the U.S. on Monday.", "Fine."],
        ),
        ("J. R. Tolkien wrote. Yes.", ["J. R. Tolkien wrote.", "Yes."]),
        ("At 7 p.m. Police came.", ["At 7 p.m. Police came."]),
        ("Prices rose 2.5 percent. Then fell.", ["Prices rose 2.5 percent.", "Then fell."]),
        # Scraped copy that lost the space after a stop still ends the sentence there.
        (
            "He was taken to Pell Hospital.Officers said more.",
            ["He was taken to Pell Hospital.", "Officers said more."],
        ),
        (
            "Two were hurt on the North Side.A boy was grazed.",
            ["Two were hurt on the North Side.", "A boy was grazed."],
        ),
        ("Read more at corvale.com today.", ["Read more at corvale.com today."]),
        ("It began at 3 p.m.Officers came.", ["It began at 3 p.m.Officers came."]),
    ],
)
def test_segment_sentences(text: str, expected: list[str]) -> None:
    assert [text[s:e] for s, e in sentences(text)] == expected


def test_segment_offsets_point_into_body() -> None:
    body = "Heading here\n\nFirst sentence. Second one.\n\nThird."
    blocks, sents = segment(body)
    assert [b.kind for b in blocks] == ["heading", "text", "text"]
    assert [body[s:e] for s, e in sents] == [
        "Heading here",
        "First sentence.",
        "Second one.",
        "Third.",
    ]
    assert [body[b.start : b.end] for b in paragraphs(body)][1] == "First sentence. Second one."


@pytest.mark.parametrize(
    ("line", "heading"),
    [("The death toll", True), ("The toll rose.", False), ("", False), ("x " * 20, False)],
)
def test_segment_is_heading(line: str, heading: bool) -> None:
    assert is_heading(line) is heading


def test_ingest_segment_abbreviation_far_into_a_long_paragraph() -> None:
    # The word before each stop is looked for near the stop, not from the paragraph's start
    # (which made a one-line text of thousands of sentences take minutes).
    text = "Crews came. " * 5000 + "Mr. Arlen Vost said the road was shut."
    spans = sentences(text)
    assert len(spans) == 5001
    assert text[slice(*spans[-1])] == "Mr. Arlen Vost said the road was shut."
