"""A quantity being read as a figure, with the parse tokens that explain it.

Shared by the readers of a count (figure_count), of its measure and fate (figure_fate), of
its group and parts (figure_group), and by the driver (figures).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from spacy.tokens import Token

from app.extract import figure_lexicon as lex
from app.extract.figure_measure import QUOTES
from app.extract.numbers import Quantity

DEFINITE = frozenset({"the", "these", "those", "its", "their", "his", "her", "our", "this"})


@dataclass
class Cand:
    """A quantity being read, with the parse tokens that explain it."""

    q: Quantity
    tokens: list[Token]  # the sentence's tokens, q's indices point into it
    head: Token  # syntactic head of the number phrase
    noun: Token | None = None  # the counted noun
    noun_part: str | None = None  # counted noun read from a glued token ("criminals»Killed")
    who: Token | None = None  # noun of an "of" phrase that says who is counted
    # The counted noun of the clause a bare number repeats: "5 people were killed in A and
    # 3 in B" counts people in B too.
    gapped_noun: Token | None = None
    measure: str | None = None
    measure_tok: Token | None = None
    group: str | None = None
    group_from_pp: bool = False
    negated: bool = False  # the text denies the measure: "two others were not hurt"
    part_of: Cand | None = None  # the whole this count is a named part of ("two of them")
    extent: list[int] = field(default_factory=list)  # token indices the figure spans

    @property
    def unnumbered(self) -> bool:
        """A count the text gives without a numeral ("a man was killed")."""
        return self.q.num_start == self.q.num_end

    @property
    def value(self) -> float | None:
        return self.q.value


def is_troop_noun(tok: Token) -> bool:
    return tok.lower_ in lex.TROOP_NOUNS or tok.lemma_.lower() in lex.TROOP_NOUNS


def number_head(tokens: Sequence[Token]) -> Token:
    idx = {t.i for t in tokens}
    outside = [t for t in tokens if t.head.i not in idx or t.head.i == t.i]
    return outside[-1] if outside else tokens[-1]


def next_word(tokens: Sequence[Token], after: int) -> Token | None:
    """The next word after position `after`, skipping quote marks and adverbs ("still")."""
    for t in tokens[after + 1 :]:
        if t.text in QUOTES or (t.pos_ == "ADV" and t.lower_ not in ("as", "so")):
            continue
        return t
    return None


def singled_out(c: Cand, noun: Token) -> bool:
    """ "the two soldiers", "one soldier": persons picked out, not a count of a force or
    of things."""
    if c.value is None:
        return False
    det = next((t for t in noun.lefts if t.dep_ in ("det", "poss")), None)
    return c.value < 2 or (det is not None and det.lower_ in DEFINITE and c.value <= 2)


def bare(c: Cand, node: Token) -> bool:
    """`node` is the candidate's own number, with no noun of its own."""
    return c.noun is None and node.i == c.head.i


def counted(noun: Token) -> bool:
    return any(n.dep_ == "nummod" for n in noun.children)
