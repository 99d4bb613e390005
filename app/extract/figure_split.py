"""Splits of those hit: numbers that tell the fate of some of a count before them.

"Five people were shot, two fatally", "four were shot; one of them died", "shot six men,
killing two of them", a headline's "7 shot, 1 dead": the dead (or hurt) are marked parts of
the whole hit, so that figure_derived can derive what is left ("3 injured").
"""

from __future__ import annotations

from spacy.tokens import Token

from app.extract import figure_lexicon as lex
from app.extract.figure_cand import Cand
from app.extract.figure_people import list_role
from app.extract.figure_perpetrator import anchor

_PART_PRONOUNS = frozenset({"them", "those", "whom"})


def _fate_adverb(c: Cand) -> Token | None:
    """ "three fatally", "one man fatally": the fate word that a number (or its noun) hangs
    on or holds."""
    h = c.head
    if h.head.lower_ in lex.FATE_WORDS and h.head.pos_ == "ADV":
        return h.head
    holders = [h] + ([c.noun] if c.noun is not None and c.noun.dep_ == "npadvmod" else [])
    found = next(
        (x for t in holders for x in t.children if x.lower_ in lex.FATE_WORDS and x.pos_ == "ADV"),
        None,
    )
    # "shot, 2 of them fatally", the adverb hung on the verb right after the number's phrase.
    after = h.doc[h.right_edge.i + 1] if h.right_edge.i + 1 < len(h.doc) else None
    if found is None and after is not None and after.lower_ in lex.FATE_WORDS:
        return after if after.pos_ == "ADV" else None
    return found


def _fate_clause_of(c: Cand, whole: Cand) -> bool:
    """A bare number a clause on the whole's verb tells the fate of: "shot four people,
    killing three" (3 of the 4)."""
    if c.noun is not None or c.who is not None or c.measure not in ("killed", "injured"):
        return False
    verb = (whole.noun if whole.noun is not None else whole.head).head
    tok = c.measure_tok
    return (
        tok is not None
        and tok.i > verb.i
        and tok.head.i == verb.i
        and tok.dep_ in ("advcl", "conj")
        and c.part_of is None
    )


def _names_whole(c: Cand, who: Token) -> bool:
    """`c` is the whole "one of the four people hospitalized" picks from: a count of those
    hurt or hit. "Four of the five victims were shot dead" leaves one whose fate is unsaid."""
    return (
        c.noun is not None
        and c.noun.i == who.i
        and c.value is not None
        and (
            c.measure == "injured"
            or (
                c.measure == "casualties"
                and c.measure_tok is not None
                and c.measure_tok.i != c.noun.i
            )
        )
    )


def split_fates(cands: list[Cand]) -> None:
    """Numbers that tell the fate of some of those a count before them hit: "five people
    were shot, two fatally", "four were shot; one of them died"."""
    for c in cands:
        # "one of the four people hospitalized has died": the dead one of a named whole.
        if c.measure == "killed" and c.who is not None and c.part_of is None:
            c.part_of = next((o for o in cands if _names_whole(o, c.who)), None)
    whole: Cand | None = None
    for c in cands:
        if c.measure in ("casualties", "injured") and c.part_of is None:
            whole = c
            continue
        if whole is None:
            continue
        part = c.who is not None and c.who.lower_ in _PART_PRONOUNS
        if (c.who is None or part) and (c.noun is None or c.noun.dep_ == "npadvmod"):
            adv = _fate_adverb(c)
            if adv is not None:
                c.measure, c.measure_tok = lex.FATE_WORDS[adv.lower_], adv
                c.part_of, c.group = whole, whole.group
                continue
        if (
            c.measure == "killed"
            and whole.measure == "casualties"
            and (c.noun is None or c.unnumbered)
            and not part
            and _listed_after(whole, c)
        ):
            c.part_of, c.group = whole, c.group or whole.group  # "7 shot, 1 dead"
            _with_list_mates(c, cands, whole)
            continue
        if _fate_clause_of(c, whole):
            c.part_of, c.group = whole, c.group or whole.group
        elif part and c.measure in ("killed", "injured") and c.part_of is None:
            c.part_of = whole
            c.group = c.group or whole.group


def _with_list_mates(c: Cand, cands: list[Cand], whole: Cand) -> None:
    """The others of the list `c` heads are parts of the whole too: "five were shot, Pike
    and Hayes died"."""
    mine = list_role(anchor(c)).i
    for o in cands:
        mate = o is not c and o.part_of is None and o.measure == c.measure and o.unnumbered
        if mate and list_role(anchor(o)).i == mine:
            o.part_of, o.group = whole, o.group or whole.group


def _listed_after(whole: Cand, c: Cand) -> bool:
    """`c` stands right after the whole, set off by a comma only: "7 shot, 1 dead"."""
    doc = c.head.doc
    end = max(t.i for t in (whole.head, whole.noun, whole.measure_tok) if t is not None)
    between = [t.text for t in doc[end + 1 : c.tokens[c.q.num_start].i]]
    return between == [","]
