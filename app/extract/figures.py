"""Figures: the counts a reader compares across outlets (killed, injured, casualties,
arrested, troops).

Per sentence that holds a number: `numbers.scan_quantities` finds the quantities on the
token texts; the dependency parse then gives what each one counts. The path is
number -> counted noun -> governing word: "18 police officers killed", "arrest of more
than 200 people", "liquidated dozens of troublemakers", "26 killed and 18 injured".

This module drives the reading; each concern has its own module:
- figure_count: the counted noun, and numbers that are no counts (years, ages, units);
- figure_fate: the measure, from what happened to those counted;
- figure_group: who is counted, and parts of a whole;
- figure_event: which event a figure belongs to, and its status;
- figure_context: the figure's place and date; figure_sources: who stated it.
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections.abc import Sequence

from spacy.tokens import Doc, Span, Token

from app.extract import figure_lexicon as lex
from app.extract.figure_across import also_totals, fate_told_later, killer_totals, ordinal_totals
from app.extract.figure_cand import Cand, number_head
from app.extract.figure_conditions import condition_totals
from app.extract.figure_context import (
    PlaceRef,
    clause_head,
    past_day,
    past_years,
    ref_date,
    tie_place,
)
from app.extract.figure_count import excluded, read_noun
from app.extract.figure_derived import derive
from app.extract.figure_event import mark_events, mark_increments
from app.extract.figure_fate import (
    fallback_measure,
    not_wounded,
    others_than_dead,
    read_measure,
    rest_of_dead,
    survivors,
)
from app.extract.figure_group import (
    carry_list,
    charge_group,
    joined,
    keep_other,
    list_line,
    manner_group,
    read_group,
    read_parts,
    share_groups,
)
from app.extract.figure_implicit import deny, implicit_cands, multiple_cands
from app.extract.figure_mates import list_mates
from app.extract.figure_named import named_totals
from app.extract.figure_perpetrator import murder_suicide_fates, suicide_told
from app.extract.figure_sources import ATTRIBUTION_LEMMAS, Sources
from app.extract.figure_split import split_fates
from app.extract.group_years import dated_group
from app.extract.nlp import doc_text
from app.extract.numbers import VAGUE, scan_quantities
from app.extract.types import FoundFigure, FoundMention


def _extent(c: Cand, numbers: set[int]) -> list[int]:
    """Token indices the figure's text spans; it never runs over another number."""
    toks = c.tokens
    idx = [toks[c.q.start].i, toks[c.q.end - 1].i]

    def clear(upto: int) -> bool:
        return not any(i in numbers for i in range(idx[1] + 1, upto))

    if c.noun is not None and c.noun.i > idx[0] and c.noun.i - idx[1] <= 6 and clear(c.noun.i):
        idx.append(c.noun.i)
    if c.who is not None and c.who.i - idx[-1] <= 8 and c.who.i > idx[0] and clear(c.who.i):
        idx.append(c.who.i)
    if c.measure_tok is not None and 0 < c.measure_tok.i - max(idx) <= 1:
        idx.append(c.measure_tok.i)
    return idx


def _mentions_by_token(doc: Doc, places: Sequence[FoundMention]) -> dict[int, PlaceRef]:
    out: dict[int, PlaceRef] = {}
    for m in places:
        if m.kind not in ("city", "country", "region"):
            continue
        span = doc.char_span(m.start, m.end, alignment_mode="expand")
        if span is None:
            continue
        for t in span:
            out[t.i] = (m.key, m.kind)
    return out


_KEY = frozenset({"killed", "injured", "casualties", "arrested", "troops"})

# Words that may carry a count with no numeral ("a man was killed", "no one was hurt").
_UNNUMBERED_CUES = frozenset(
    {w for w, m in lex.MEASURE_OF_WORD.items() if m in lex.HARM_MEASURES}
    | set(lex.FATE_WORDS)
    | {"survive", "nobody", "body", "double", "triple", "quadruple", "suicide", "condition"}
    # Phrases of a fate: "gunned down", "taken to a hospital", "claimed the life of",
    # "turned the gun on himself", "is recovering", "treated and released".
    | {"gun", "mow", "hospital", "life", "himself", "herself", "recover", "treat"}
)


def find_figures(
    doc: Doc,
    sentences: Sequence[tuple[int, int]],
    *,
    places: Sequence[FoundMention] = (),
    default_place: str | None = None,
    article_date: dt.date | None = None,
) -> list[FoundFigure]:
    """Every figure in an article body parsed as `doc`, sentence by sentence."""
    spans: list[Span] = []
    for s, e in sentences:
        span = doc.char_span(s, e, alignment_mode="expand")
        spans.append(span if span is not None else doc[0:0])
    # One pass over the tokens: which sentences hold a number at all.
    starts = [sp.start for sp in spans]
    with_numbers: set[int] = set()
    for tok in doc:
        if (
            tok.like_num
            or tok.lower_ in VAGUE
            or tok.lower_ == "dozen"
            or tok.lemma_.lower() in _UNNUMBERED_CUES
        ):
            k = bisect.bisect_right(starts, tok.i) - 1
            if k >= 0 and tok.i < spans[k].end:
                with_numbers.add(k)
    if not with_numbers:
        return []
    place_tokens = _mentions_by_token(doc, places)
    sources = Sources(doc, spans)
    out: list[FoundFigure] = []
    # The last count a list of lines right after it may go on with, and its sentence.
    lead: tuple[int, int] | None = None
    for k in sorted(with_numbers):
        found = _sentence_figures(spans[k], k, sources, place_tokens, default_place, article_date)
        for figure in found:
            figure.parts = [len(out) + i for i in figure.parts]
        if lead is not None and all(list_line(spans[j]) for j in range(lead[1] + 1, k + 1)):
            carry_list(out[lead[0]], found, len(out), default_place)
        elif any(f.measure in _KEY for f in found):
            lead = (len(out) + next(i for i, f in enumerate(found) if f.measure in _KEY), k)
        else:
            lead = None
        out.extend(found)
    mark_events(doc, spans, out, article_date=article_date)
    fate_told_later(out)
    text = doc_text(doc)
    suicide_told(text, out)
    across = killer_totals(text, out) + also_totals(text, out) + condition_totals(text, out)
    across += named_totals(out)
    told = {tuple(f.parts) for f in across}
    return out + across + [f for f in ordinal_totals(out) if tuple(f.parts) not in told]


def _sentence_figures(
    span: Span,
    k: int,
    sources: Sources,
    place_tokens: dict[int, PlaceRef],
    default_place: str | None,
    article_date: dt.date | None,
) -> list[FoundFigure]:
    tokens = list(span)
    words = [t.text for t in tokens]
    cands: list[Cand] = []
    for q in scan_quantities(words):
        c = Cand(q, tokens, number_head(tokens[q.num_start : q.num_end]))
        read_noun(c)
        read_measure(c)
        if excluded(c):
            continue
        cands.append(c)
    taken = {t.i for c in cands for t in (c.head, c.noun, c.who) if t is not None}
    taken |= {tokens[i].i for c in cands for i in range(c.q.start, c.q.end)}
    for c in cands:
        deny(c)
    cands += implicit_cands(tokens, taken) + multiple_cands(tokens, taken)
    cands += list_mates(tokens, cands)
    # Denied counts go ("two others were not hurt"), after they have claimed their tokens.
    cands = sorted((c for c in cands if not c.negated), key=lambda c: c.q.start)
    if not cands:
        return []
    read_parts(cands)
    split_fates(cands)
    others_than_dead(cands)
    rest_of_dead(cands)
    not_wounded(cands)
    murder_suicide_fates(cands)
    claimed = {c.measure_tok.i for c in cands if c.measure_tok is not None}
    for c in cands:
        if c.measure is None and c.noun is None and c.who is None:
            fallback_measure(c, claimed)
            if c.measure_tok is not None:
                claimed.add(c.measure_tok.i)
    if any(c.measure == "casualties" for c in cands) and survivors(span.text):
        for c in cands:
            if c.measure == "casualties" and not _picked_from(c):
                c.measure = "injured"
    kept: list[Cand] = []
    numbers = {tokens[i].i for c in cands for i in range(c.q.num_start, c.q.num_end)}
    for c in cands:
        if c.measure is None:
            if c.noun is None and c.who is None:
                continue
            c.measure = "other"
        read_group(c, kept)
        if c.measure == "other" and not keep_other(c):
            continue
        c.extent = _extent(c, numbers)
        kept.append(c)
    share_groups(kept, span.doc)
    blocked_by: dict[int, set[int]] = {}
    for c in kept:
        blocked_by[id(c)] = {t.i for o in kept if o is not c for t in _phrase_roots(o, c)}
    tied: dict[int, PlaceRef | None] = {}
    for c in kept:
        anchors = [c.head] + [t for t in (c.noun, c.who, c.measure_tok) if t is not None]
        tied[id(c)] = tie_place(anchors, place_tokens, blocked_by[id(c)], ATTRIBUTION_LEMMAS)
    # "31 dead and 60 wounded in Beirut": the place of the clause holds for both.
    for prev, cur in joined(kept, span.doc):
        if tied[id(prev)] is None:
            tied[id(prev)] = tied[id(cur)]
        elif tied[id(cur)] is None:
            tied[id(cur)] = tied[id(prev)]
    figures: list[FoundFigure] = []
    doc = span.doc
    for c in kept:
        place = tied[id(c)]
        lo, hi = min(c.extent), max(c.extent)
        start, end = doc[lo].idx, doc[hi].idx + len(doc[hi].text)
        day = ref_date(span, c.head, article_date)
        group = charge_group(manner_group(c.group or lex.TOTAL, c), c)
        if day is not None:
            years = past_day(day, article_date)
        else:
            years = past_years(span, c.head, article_date)
        event, reason = "this", ""
        if years:
            # "170,000 died in the 2004 tsunami": a past event's count, not this one's.
            group = dated_group(group, years)
            event, reason = "other", f"a count of {years}"
        figures.append(
            FoundFigure(
                start=start,
                end=end,
                text=doc_text(doc)[start:end],
                sentence_start=span.start_char,
                sentence_end=span.end_char,
                value=c.q.value,
                value_high=c.q.value_high,
                qualifier=c.q.qualifier,
                measure=c.measure or "other",
                group=group,
                place=place[0] if place else default_place,
                source=sources.source(
                    k,
                    _source_anchor(c),
                    {c.head.i, *(t.i for t in (c.noun, c.who) if t is not None)},
                ),
                ref_date=day,
                event=event,
                event_reason=reason,
            )
        )
    text = doc_text(doc)
    # Additions ("two more men") first: a count of the killer's victims must not be one.
    mark_increments(text, figures)
    derived = derive(kept, figures)
    for figure in derived:
        figure.text = text[figure.start : figure.end]
        figure.place = figure.place or default_place
    mark_increments(text, derived)
    return figures + derived


def _picked_from(c: Cand) -> bool:
    """ "one of the five victims survived": what the text tells is of one, not the five."""
    x = c.noun
    return (
        x is not None
        and x.dep_ == "pobj"
        and x.head.lower_ == "of"
        and (x.head.head.like_num or x.head.head.lower_ in ("each", "none"))
    )


def _source_anchor(c: Cand) -> Token:
    """The token whose clause says who stated the figure: its measure word where that
    stands in the number's clause, else the number ("the toll stands at 19, but local
    media put it at 40": 40 is the media's)."""
    tok = c.measure_tok
    if tok is None or clause_head(tok).i != clause_head(c.head).i:
        return c.head
    return tok


def _phrase_roots(other: Cand, me: Cand) -> list[Token]:
    """Tokens whose subtrees hold `other` figure but not `me`: a place under them is
    `other`'s, not mine."""
    mine = {me.head.i, *(t.i for t in (me.noun, me.who, me.measure_tok) if t is not None)}
    roots: list[Token] = []
    node = other.head
    while node.head.i != node.i:
        if node.i in mine or any(a.i == node.i for t in [me.head] for a in t.ancestors):
            break
        roots.append(node)
        node = node.head
    return roots
