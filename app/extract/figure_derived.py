"""Parts and totals: the counts a sentence implies but never writes.

- A list of victims is one count: "two juveniles and eight adults were wounded" gives 2 and
  8, and the 10 wounded; "a man and two children were found dead" gives 3; "killed four
  classmates and himself" gives 5.
- A split of those hit: "four people were shot, three fatally" (or "one of them died")
  gives 3 killed as a part of the 4 hit (figure_split), and the 1 injured that is left.

The stated counts stay figures of their own; a derived figure is marked `derived` and names
its parts (indices into the sentence's figures, made article-wide by the driver).
"""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Token

from app.extract import figure_lexicon as lex
from app.extract.figure_cand import Cand
from app.extract.figure_people import list_parent, parent_is
from app.extract.figure_perpetrator import anchor, is_killer
from app.extract.types import FoundFigure

_NOUNISH = frozenset({"NOUN", "PROPN", "PRON", "NUM"})


def _list_head(tok: Token) -> Token:
    node = tok
    while True:
        parent = list_parent(node) if node.dep_ != "conj" else None
        if node.dep_ == "conj" and node.head.pos_ in _NOUNISH:
            parent = node.head
        if parent is None:
            return node
        node = parent


def _list_members(head: Token) -> list[Token]:
    out = [head]
    for child in head.children:
        if (child.dep_ == "conj" and child.pos_ in _NOUNISH) or (
            child.dep_ == "appos" and parent_is(child, head)
        ):
            out.extend(_list_members(child))
    return out


def _one_fate(prev: Cand, cur: Cand) -> bool:
    """Two counts of people whose one fate word the text gives once, after the last."""
    return (
        prev.noun is not None
        and cur.noun is not None
        and prev.who is None
        and cur.who is None
        and prev.measure_tok is not None
        and cur.measure_tok is not None
        and prev.measure_tok.i == cur.measure_tok.i
        and prev.measure_tok.i > cur.noun.i
    )


def _joined_in_text(prev: Cand, cur: Cand) -> bool:
    """`prev` and `cur` stand side by side as members of one list: only "and" (with
    commas) between them, or an aside on `prev` set off by commas before the "and". The
    parse often loses such lists ("a woman, who was asleep, and three men were hurt")."""
    doc = cur.head.doc
    gap = [t.lower_ for t in doc[max(prev.extent) + 1 : min(cur.extent)]]
    if gap == [","] and _one_fate(prev, cur):
        return True  # a headline's "3 adults, 5 teens shot"
    if not gap or gap[-1] != "and":
        return False
    if all(t in (",", "and") for t in gap):
        return True
    return (
        len(gap) >= 4
        and gap[0] == ","
        and gap[-2] == ","
        and (gap[1] in lex.ASIDE_OPENERS or doc[max(prev.extent) + 2].like_num)
    )


def _text_lists(kept: list[Cand]) -> list[list[int]]:
    """Runs of counts of one measure that the text lists with "and"."""
    runs: list[list[int]] = []
    for i, c in enumerate(kept):
        if c.measure not in lex.HARM_MEASURES or c.value is None or c.part_of is not None:
            continue
        last = runs[-1][-1] if runs else None
        if (
            last is not None
            and last == i - 1
            and kept[last].measure == c.measure
            and _joined_in_text(kept[last], c)
        ):
            runs[-1].append(i)
        else:
            runs.append([i])
    return [r for r in runs if len(r) > 1]


# Those hit: the hurt and the hit whose fate is untold add up as casualties.
_HIT = frozenset({"injured", "casualties"})

# Words that put a clause's count in another incident: no sum with this one's.
_ELSEWHERE = lex.words("separate another unrelated different earlier previous")


def _clause_sums(kept: list[Cand]) -> list[list[int]]:
    """Counts of one measure in two joined clauses, the second set apart from the first:
    "one was taken to a hospital and two others were treated at the scene", "two of those
    shot were hurt badly and four were treated and released"."""
    out: list[list[int]] = []
    for i in range(len(kept) - 1):
        a, b = kept[i], kept[i + 1]
        same = a.measure == b.measure and a.measure in ("killed", "injured")
        # "one was hurt in a fall, and the five others who were shot": all of them were
        # hit, the others' fate untold.
        hit = {a.measure, b.measure} <= _HIT
        if (
            not (same or hit)
            or a.value is None
            or b.value is None
            or a.part_of is not None
            or b.part_of is not None
        ):
            continue
        others = b.noun is not None and (
            b.noun.lower_ in ("others", "another")
            or any(x.lower_ == "other" for x in b.noun.children)
        )
        if same and _objects_apart(a, b):
            out.append([i, i + 1])
            continue
        va, vb = _clause_verb(a), _clause_verb(b)
        if va is None or vb is None:
            continue
        # "two of those shot ... and four ...", "seven are at home and four in hospital":
        # bare numbers that share out one group. Without a "those shot" or a place for
        # each ("five were hurt and two were hospitalized") the second may be a part.
        bare_b = b.noun is None and b.who is None
        shares = bare_b and (a.who is not None or (a.noun is None and _apart_places(va, vb)))
        if not (others or (shares and same)):
            continue
        if vb.dep_ != "conj" or vb.head.i != va.i:
            continue
        # Each clause states its own fate; a count that borrows the other's is misread.
        if not (_states_own(a, va, vb) and _states_own(b, vb, None)):
            continue
        own = b.noun.i if b.noun is not None else -1
        if any(t.lower_ in _ELSEWHERE and t.i != own for t in a.tokens):
            continue
        out.append([i, i + 1])
    return out


def _objects_apart(a: Cand, b: Cand) -> bool:
    """One doer's two acts on two objects: "injured four people and put a woman in critical
    condition", "shot two guards and killed a clerk": the person of the second clause is
    named apart from the count of the first, so the two add up."""
    xa = a.noun if a.noun is not None else a.head
    xb = b.noun if b.noun is not None else b.head
    if a.unnumbered or not b.unnumbered or xa.dep_ != "dobj" or xb.dep_ != "dobj":
        return False
    if xb.lower_ in lex.ORDINALS:
        return False  # "a fifth": one more than the count, summed across sentences too
    va, vb = xa.head, xb.head
    return vb.dep_ == "conj" and vb.head.i == va.i and _states_own(b, vb, None)


def _apart_places(va: Token, vb: Token) -> bool:
    """Each clause puts its count in a place of its own: "at home" and "in the hospital"."""
    pa, pb = _places_of(va), _places_of(vb)
    return bool(pa) and bool(pb) and not pa & pb


def _places_of(verb: Token) -> set[str]:
    return {
        x.lemma_.lower()
        for prep in verb.children
        if prep.dep_ == "prep" and prep.lower_ in ("at", "in")
        for x in prep.children
        if x.dep_ == "pobj"
    }


def _states_own(c: Cand, verb: Token, other: Token | None) -> bool:
    """The fate of `c` is told in the clause of `verb`, not in the `other` clause."""
    tok = c.measure_tok
    if tok is None or tok.i not in {t.i for t in verb.subtree}:
        return False
    return other is None or tok.i not in {t.i for t in other.subtree}


def _clause_verb(c: Cand) -> Token | None:
    x = c.noun if c.noun is not None else c.head
    # "the conditions of the five others are unknown": the clause of the noun they hang on.
    if x.dep_ == "pobj" and x.head.lower_ == "of" and x.head.head.pos_ == "NOUN":
        x = x.head.head
    if x.dep_ not in ("nsubj", "nsubjpass"):
        return None
    return x.head.head if x.head.dep_ in ("aux", "auxpass") else x.head


def _qualifier(parts: list[FoundFigure]) -> str:
    if any(p.qualifier in ("at_least", "more_than") for p in parts):
        return "at_least"
    if any(p.qualifier != "exact" for p in parts):
        return "about"
    return "exact"


def _derived(parts: list[FoundFigure], idx: list[int], measure: str, value: float) -> FoundFigure:
    groups = {p.group for p in parts}
    places = {p.place for p in parts}
    first = min(parts, key=lambda p: p.start)
    start, end = min(p.start for p in parts), max(p.end for p in parts)
    return replace(
        first,
        start=start,
        end=end,
        text="",  # filled by the driver from the body
        value=value,
        value_high=None,
        qualifier=_qualifier(parts),
        measure=measure,
        group=groups.pop() if len(groups) == 1 else lex.TOTAL,
        place=places.pop() if len(places) == 1 else None,  # the driver gives the article's
        derived=True,
        parts=list(idx),
    )


def _whole_first(kept: list[Cand], figures: list[FoundFigure], idx: list[int]) -> bool:
    """ "Five people, two men and three women, were killed": the first count is the whole
    the others make up; it takes them as its parts instead of a sum."""
    if len(idx) < 3 or kept[idx[0]].value != sum(kept[i].value or 0 for i in idx[1:]):
        return False
    figures[idx[0]].parts.extend(i for i in idx[1:] if i not in figures[idx[0]].parts)
    return True


def derive(kept: list[Cand], figures: list[FoundFigure]) -> list[FoundFigure]:
    """Derived figures of one sentence; `figures[i]` is the figure of `kept[i]`. Also
    records on each whole the parts the text names for it."""
    out: list[FoundFigure] = []
    pos = {id(c): i for i, c in enumerate(kept)}
    for i, c in enumerate(kept):
        if c.part_of is not None and id(c.part_of) in pos:
            figures[pos[id(c.part_of)]].parts.append(i)
    # Lists of victims.
    by_head: dict[int, list[int]] = {}
    for i, c in enumerate(kept):
        if c.measure in lex.HARM_MEASURES and c.value is not None:
            by_head.setdefault(_list_head(anchor(c)).i, []).append(i)
    for head_i, idx in by_head.items():
        if len(idx) < 2:
            continue
        members = _list_members(kept[idx[0]].tokens[0].doc[head_i])
        anchors = {anchor(kept[i]).i for i in idx}
        measures = {kept[i].measure for i in idx}
        # Every person of the list must be counted, with one measure, or the sum is not
        # the list's.
        measure = measures.pop() if len(measures) == 1 else None
        if measure is None or any(m.i not in anchors for m in members):
            continue
        parts = [figures[i] for i in idx]
        total = sum(p.value or 0 for p in parts)
        # A list under "including" details a whole the text states already.
        stated = {f.value for f in figures if f.measure == measure and not f.derived}
        if total in stated or all(
            (w := kept[i].part_of) is not None and w.measure == measure for i in idx
        ):
            continue
        if not _whole_first(kept, figures, idx):
            out.append(_derived(parts, idx, measure, total))
    for idx in _text_lists(kept) + _clause_sums(kept):
        if any(set(idx) <= set(d.parts) for d in out) or _whole_first(kept, figures, idx):
            continue  # a part of a list the parse already adds up, or a whole and its parts
        parts = [figures[i] for i in idx]
        total = sum(p.value or 0 for p in parts)
        kinds = {p.measure for p in parts}
        kind = kinds.pop() if len(kinds) == 1 else "casualties"
        stated = {f.value for f in figures if f.measure == kind and not f.derived}
        if total not in stated:
            out.append(_derived(parts, idx, kind, total))
    # Victims named one by one in clauses of one sentence: "Smith died at the scene and
    # Jones was pronounced dead at a hospital" (2), where no number counts them; and the
    # killer beside a count of his victims ("killed two people and then himself": 3).
    listed = {i for d in out for i in d.parts}
    for measure in ("killed", "injured"):
        mine = [i for i, c in enumerate(kept) if c.measure == measure and c.part_of is None]
        numbered = [i for i in mine if not kept[i].unnumbered and i not in listed]
        ones = [i for i in mine if kept[i].unnumbered and kept[i].value is not None]
        units = [i for i in ones if i not in listed] + [
            j for j, d in enumerate(out) if d.measure == measure and set(d.parts) <= set(ones)
        ]
        # One person named twice is one ("Smith ... Smith"); "a 21-year-old man and a
        # 30-year-old man" are two.
        names = {figures[i].text.lower() for i in ones}
        summed = any(set(d.parts) == set(ones) for d in out)
        if not numbered and len(units) >= 2 and len(names) == len(ones) and not summed:
            parts = [figures[i] for i in ones]
            total = sum(p.value or 0 for p in parts)
            out.append(_derived(parts, ones, measure, total))
        if measure != "killed":
            continue
        victims = [kept[i] for i in mine]
        killers = [i for i in ones if is_killer(kept[i], [v for v in victims if v is not kept[i]])]
        if len(killers) != 1:
            continue
        # The victims as one count: a number, or a list of victims the sentence adds up.
        groups: list[list[int]] = [[i] for i in numbered] + [
            d.parts for d in out if d.measure == measure and killers[0] not in d.parts
        ]
        if len(groups) == 1:
            idx = [*groups[0], killers[0]]
            parts = [figures[i] for i in idx]
            if all(p.value is not None and not p.group.startswith("additional") for p in parts):
                total = sum(p.value or 0 for p in parts)
                out.append(_derived(parts, idx, measure, total))
    # What is left of those hit once the dead are counted: "five shot, two fatally".
    for i, c in enumerate(kept):
        # "four people were hospitalized; one of them has died": 3 injured are left too.
        if c.measure not in ("casualties", "injured") or c.value is None:
            continue
        dead = [j for j, p in enumerate(kept) if p.part_of is c and p.measure == "killed"]
        hurt = [j for j, p in enumerate(kept) if p.part_of is c and p.measure == "injured"]
        if not dead or hurt or any(kept[j].value is None for j in dead):
            continue
        left = c.value - sum(kept[j].value or 0 for j in dead)
        if left >= 0:
            parts = [figures[i], *(figures[j] for j in dead)]
            derived = _derived(parts, [i, *dead], "injured", left)
            out.append(replace(derived, group=figures[i].group, qualifier=figures[i].qualifier))
    # Two readings may add up the same people ("a robber ... his brother and his housemate"
    # as three victims, and as two victims and a killer): one total.
    seen: set[tuple[str, frozenset[int]]] = set()
    kept_out = []
    for d in out:
        key = (d.measure, frozenset(d.parts))
        if key not in seen:
            seen.add(key)
            kept_out.append(d)
    return kept_out
