"""Statements: which sentences carry a checkable claim, as spans into the body."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from spacy.language import Language

from app.config import Settings
from app.extract.nlp import get_nlp
from app.extract.statements import find_statements
from app.extract.types import FoundStatement
from app.ingest.segment import segment

ROOT = Path(__file__).resolve().parents[1]
DATA = Path(__file__).resolve().parent / "data"


@pytest.fixture(scope="module")
def nlp() -> Iterator[Language]:
    yield get_nlp(Settings().spacy_model)


def _statements(nlp: Language, body: str) -> list[FoundStatement]:
    found = find_statements(nlp(body), segment(body)[1])
    for st in found:
        assert body[st.start : st.end] == st.text
    return found


@pytest.mark.parametrize(
    ("sentence", "kept"),
    [
        # events, orders, arrests, numbers, attributed words
        ("Police said 40 people were detained overnight in the capital.", True),
        ("The governor ordered a curfew on Friday after the riots.", True),
        ("Rescue teams pulled 12 survivors from the rubble.", True),
        ("“We will not negotiate with terrorists,” the governor said.", True),
        ("The army has sealed off the port and cut the phone lines.", True),
        ("More than 300 arrests across the region, according to the prosecutor.", True),
        ("The bridge was destroyed by shelling late on Tuesday.", True),
        ("Troops will withdraw from the city by the end of the month.", True),
        ("Mobile internet was cut off across the country on Thursday.", True),
        # questions, rhetoric, background
        ("Why did the government wait so long to act?", False),
        ("Who will pay for the damage?", False),
        ("Earthquakes are common in the region.", False),
        ("Hospitals must be prepared for such events.", False),
        ("The river is the longest in the province.", False),
    ],
)
def test_find_statements_sentence(nlp: Language, sentence: str, kept: bool) -> None:
    found = _statements(nlp, sentence)
    assert bool(found) is kept, found


@pytest.mark.parametrize("heading", ["Flood damage", "The death toll", "Over the border"])
def test_find_statements_skips_headings(nlp: Language, heading: str) -> None:
    body = f"{heading}\n\nThe ministry said 15 people had died in the floods."
    found = _statements(nlp, body)
    assert [st.text for st in found] == ["The ministry said 15 people had died in the floods."]


def test_find_statements_spans_in_a_paragraph(nlp: Language) -> None:
    body = (
        "Is this the end of the crisis? Nobody knows. "
        "On Sunday the interior ministry announced that 230 protesters had been arrested. "
        "Opposition leaders called the figure «a lie»and demanded an inquiry."
    )
    texts = [st.text for st in _statements(nlp, body)]
    assert "Is this the end of the crisis?" not in texts
    assert any("230 protesters" in t for t in texts)
    assert any(t.startswith("Opposition leaders") for t in texts)


def _seed_body(path: Path) -> str:
    from app.ingest.readers import read_path

    return read_path(path)[0].body


def test_seed_claim_quotes_fall_inside_statements(nlp: Language) -> None:
    claims = [json.loads(x) for x in (DATA / "seeds_claims.jsonl").read_text().splitlines() if x]
    bodies = {p.name: _seed_body(p) for p in sorted((ROOT / "seeds").glob("*.txt"))}
    statements = {name: _statements(nlp, body) for name, body in bodies.items()}
    missing = []
    for claim in claims:
        for member in claim["members"]:
            body = bodies[member["article"]]
            at = body.find(member["quote"])
            assert at >= 0, member
            end = at + len(member["quote"])
            if not any(st.start <= at and end <= st.end for st in statements[member["article"]]):
                missing.append(member["quote"])
    assert not missing
    # Selective: not every sentence is a claim.
    kept = sum(len(v) for v in statements.values())
    total = sum(len(segment(b)[1]) for b in bodies.values())
    assert kept < 0.9 * total
