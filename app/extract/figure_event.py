"""Which event a figure belongs to, and what the text says of its standing: an addition to
a toll ("three more bodies"), a count of another event (figure_other, figure_when), a
preliminary, revised, retracted or disputed figure (figure_status).

An anniversary report's subject is the event it recalls: the toll of that event is what a
journalist compares between two such reports (one says nine were killed, the other ten), so
it stays `this` there; in a report of a new event that recalls an older one ("it came a year
after the shooting that killed nine") it is `other`, kept out of the new event's topics.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence

from spacy.tokens import Doc, Span

from app.extract.figure_other import OtherReader
from app.extract.figure_scope import Scope, scope
from app.extract.figure_status import mark_status
from app.extract.figure_when import Timeline
from app.extract.nlp import doc_text
from app.extract.types import FoundFigure

_TOLLS = frozenset({"killed", "injured", "arrested"})
_MORE_AFTER = re.compile(
    r"^\S+(?:\s+\S+)?\s+(?:more|additional|further|other)\s+(?!than\b)[a-z]", re.I
)
_ANOTHER_BEFORE = re.compile(r"\b(?:another|a\s+further|an\s+additional)\s+$", re.I)


def mark_increments(text: str, figures: Sequence[FoundFigure]) -> None:
    for figure in figures:
        if is_increment(text, figure):
            figure.group = f"additional {figure.group}"


def is_increment(text: str, figure: FoundFigure) -> bool:
    """ "three more bodies", "another 40 people": an addition to a count, not the count."""
    # Tolls are cumulative, so an increment must not pass for one; troop numbers are reported
    # as additions as often as not, and stay as they are.
    if (
        figure.measure not in _TOLLS
        or figure.value is None
        or figure.group.startswith("additional")
    ):
        return False
    before = text[max(0, figure.start - 20) : figure.start]
    return bool(_MORE_AFTER.match(figure.text) or _ANOTHER_BEFORE.search(before))


def mark_events(
    doc: Doc,
    spans: Sequence[Span],
    figures: list[FoundFigure],
    *,
    article_date: dt.date | None,
) -> None:
    """Each figure's event (this one or another) and status, from its sentence and the
    article around it; `spans` are the article's sentences."""
    text = doc_text(doc)
    when = Timeline(spans, article_date)
    reader = OtherReader(when)
    scopes: list[Scope | None] = []
    strong: set[int] = set()  # figures made `other` by a reason that holds for a neighbour
    for figure in figures:
        sc = scope(doc, figure) if not figure.in_title else None
        scopes.append(sc)
        if sc is None or figure.event == "other":
            continue
        found = reader.read(sc, figure)
        if found is not None and when.allows(figure, found):
            figure.event, figure.event_reason = "other", found.reason
            if not found.weak:
                strong.add(len(scopes) - 1)
    _share_across_and(text, figures, scopes, strong)
    mark_status(spans, figures, scopes)


_BARE_AND = re.compile(r"\s*,?\s*(?:and|&)?\s*")
_AND = re.compile(r"\band\b")


def _share_across_and(
    text: str, figures: list[FoundFigure], scopes: Sequence[Scope | None], strong: set[int]
) -> None:
    """ "8 killed and 43 wounded in shootings across the city", "Two were killed and 15
    wounded in shootings across the city": the phrase after the second figure holds for the
    first, when only "and" stands between them or the second clause is elliptical (no verb
    of its own: "three were wounded in a separate shooting" has one, and keeps apart)."""
    for n in range(len(figures) - 1):
        a, b = figures[n], figures[n + 1]
        if (
            n + 1 not in strong
            or a.event != "this"
            or a.sentence_start != b.sentence_start
            or a.end > b.start
        ):
            continue
        sa, sb = scopes[n], scopes[n + 1]
        gap = text[a.end : b.start]
        if _BARE_AND.fullmatch(gap) or (
            _AND.search(gap) and sa is not None and sb is not None and _elliptical(sa, sb)
        ):
            a.event, a.event_reason = b.event, b.event_reason


def _elliptical(a: Scope, b: Scope) -> bool:
    verb_a = next((t for t in a.event if t.pos_ in ("VERB", "AUX")), None)
    verb_b = next((t for t in b.event if t.pos_ in ("VERB", "AUX")), None)
    if verb_a is None or verb_b is None:
        return False
    if verb_a.i == verb_b.i:  # "Two were killed and 15 wounded ...", parsed as one clause
        return True
    if verb_b.dep_ != "conj" or verb_b.head.i != verb_a.i:
        return False
    return not any(c.dep_ in ("aux", "auxpass") for c in verb_b.children)
