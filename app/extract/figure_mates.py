"""The other member of a two-part list of victims: "left a girl and two men wounded".

The parse often hangs the fate of both members on one of them; the other is found beside the
"and" and given the same fate.
"""

from __future__ import annotations

from spacy.tokens import Token

from app.extract import figure_lexicon as lex
from app.extract.figure_cand import Cand
from app.extract.figure_implicit import counted_noun, person_cand
from app.extract.figure_people import VICTIM_NOUNS, bare_victim, one_person


def list_mates(tokens: list[Token], cands: list[Cand]) -> list[Cand]:
    """The other member of a two-part list of victims shares the fate the text tells once
    for both: "left a girl and two men wounded", "two adults and a child were hurt",
    "wounding a clerk and a guard". The parse often hangs the fate on one member only.
    Gives new candidates for single victims; a count of people with no measure of its own
    takes the fate in place."""
    out: list[Cand] = []
    claimed = {t.i for c in cands for t in (c.noun, c.head) if t is not None}
    for c in cands:
        if c.measure not in lex.HARM_MEASURES or c.noun is None or c.measure_tok is None:
            continue
        start, end = tokens[c.q.start].i, c.noun.i
        if c.measure_tok.i > end:
            mate = _mate_before(tokens, start)
        elif c.measure_tok.i < start:
            mate = _mate_after(tokens, end)
        else:
            continue
        if mate is None:
            continue
        numbered = next(
            (o for o in cands if o.noun is not None and o.noun.i == mate.i and o.measure is None),
            None,
        )
        if numbered is not None and _people_noun(mate):
            numbered.measure, numbered.measure_tok = c.measure, c.measure_tok
            continue
        if mate.i in claimed or not one_person(mate) or counted_noun(mate):
            continue
        claimed.add(mate.i)
        out.append(person_cand(tokens, mate, 1.0, c.measure, c.measure_tok))
    return out


def _mate_before(tokens: list[Token], start: int) -> Token | None:
    """The noun ending the phrase just before "and" at `start`: "a girl and ..."."""
    doc, lo = tokens[0].doc, tokens[0].i
    j = start - 1
    if j - 1 >= lo and doc[j].text == "," and bare_victim(doc[j - 1]):
        return doc[j - 1]  # a headline's "leaves man, 2 teens wounded"
    if j < lo or doc[j].lower_ != "and":
        return None
    j -= 1 + (j - 1 >= lo and doc[j - 1].text == ",")
    if j - 1 >= lo and doc[j + 1].text == ",":
        # "a woman, who was asleep, and ...": the member stands before the aside.
        k = next((k for k in range(j - 1, max(lo, j - 16), -1) if _opens_aside(doc[k])), None)
        if k is None:
            return None
        j = k - 1
    return doc[j] if j >= lo and doc[j].pos_ in ("NOUN", "PROPN") else None


def _opens_aside(comma: Token) -> bool:
    """A comma after a noun that opens an aside on it: "men, ages 31 and 34,"."""
    doc = comma.doc
    if comma.text != "," or comma.i + 1 >= len(doc):
        return False
    nxt = doc[comma.i + 1]
    return doc[comma.i - 1].pos_ in ("NOUN", "PROPN") and (
        nxt.lower_ in lex.ASIDE_OPENERS or nxt.like_num
    )


def _mate_after(tokens: list[Token], end: int) -> Token | None:
    """The noun of the phrase just after "and" at `end`: "... and a guard"."""
    doc, hi = tokens[0].doc, tokens[-1].i
    j = end + 1
    if j > hi or doc[j].lower_ != "and":
        return None
    for k in range(j + 1, min(j + 6, hi + 1)):
        if doc[k].pos_ in ("NOUN", "PROPN"):
            return doc[k] if k == hi or doc[k + 1].pos_ not in ("NOUN", "PROPN") else None
        if doc[k].pos_ not in ("DET", "ADJ", "NUM", "PUNCT"):
            return None
    return None


def _people_noun(tok: Token) -> bool:
    lemma = tok.lemma_.lower()
    return lemma in VICTIM_NOUNS or lemma in ("people", "other", "others", "child", "children")
