"""Highlights cut from offsets: a piece of text and the claims over it, as a list of segments.

Templates render the segments with autoescape, so no article text ever passes through `|safe`.
Figures may sit inside statements and may overlap one another. HTML cannot nest one link in
another, so the text is cut at every span boundary into pieces, and each piece belongs to at
most one figure (the innermost one that covers it) and at most one statement; a statement that
holds a figure is therefore drawn as several links with the figure's link between them.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from itertools import pairwise
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from app.services.reader_figures import DerivedFigure

MEASURES = ("killed", "injured", "casualties", "arrested", "troops", "other")


@dataclass(frozen=True)
class Mark:
    """One claim over a span of the text: a figure or a statement."""

    kind: str  # figure | statement
    id: int
    start: int
    end: int
    measure: str = "other"  # figures only
    label: str = ""  # the accessible description of the link
    other_event: bool = False  # a figure of another event: shown muted
    by_reader: bool = False  # a figure a reader added or corrected: marked as such

    @property
    def key(self) -> str:
        return f"{'fig' if self.kind == 'figure' else 'st'}-{self.id}"

    @property
    def css_measure(self) -> str:
        return css_measure(self.measure)


def css_measure(measure: str) -> str:
    """The measure a highlight is styled by: the known ones, else `other`."""
    return measure if measure in MEASURES else "other"


@dataclass
class Segment:
    text: str
    figure: Mark | None = None
    statement: Mark | None = None
    first: bool = False  # the first piece of its claim: it carries the claim's html id
    hidden: list[Mark] = field(default_factory=list)  # figures wholly covered by another
    ends_statement: bool = False  # the last piece of its statement (set over a whole article)
    derived: list[DerivedFigure] = field(default_factory=list)  # computed figures shown after it

    @property
    def claim(self) -> Mark | None:
        """The claim this piece links to: the figure over the statement."""
        return self.figure or self.statement


def _owner(covering: Sequence[Mark]) -> Mark | None:
    """The innermost figure wins a piece: the shortest span, then the earlier, then the lower id."""
    if not covering:
        return None
    return min(covering, key=lambda m: (m.end - m.start, m.start, m.id))


def segments(
    text: str,
    offset: int,
    marks: Iterable[Mark],
    *,
    seen: set[str] | None = None,
) -> list[Segment]:
    """Cut `text` (which starts at `offset` in the article body) into pieces by the marks.

    Marks are in body offsets and are clipped to the text. `seen` carries the keys of claims
    whose first piece has been emitted already (across paragraphs), so each html id is unique.
    """
    end = offset + len(text)
    clipped = [m for m in marks if m.start < end and m.end > offset and m.end > m.start]
    seen = seen if seen is not None else set()
    cuts = {offset, end}
    for m in clipped:
        cuts.add(max(m.start, offset))
        cuts.add(min(m.end, end))
    points = sorted(cuts)
    out: list[Segment] = []
    for lo, hi in pairwise(points):
        over = [m for m in clipped if m.start <= lo and m.end >= hi]
        figure = _owner([m for m in over if m.kind == "figure"])
        statement = _owner([m for m in over if m.kind == "statement"])
        seg = Segment(text[lo - offset : hi - offset], figure, statement)
        claim = seg.claim
        if claim is not None and claim.key not in seen:
            seen.add(claim.key)
            seg.first = True
        out.append(seg)
    _attach_hidden(out, clipped, seen)
    return _merge(out)


def _attach_hidden(out: list[Segment], clipped: Sequence[Mark], seen: set[str]) -> None:
    """A claim with no piece of its own (a figure with exactly the span of another, a statement
    that is all figure) still needs its link: it hangs after the last piece it covers."""
    for m in clipped:
        if m.key in seen:
            continue
        for seg in reversed(out):
            claim = seg.claim
            if claim is not None and claim.start < m.end and claim.end > m.start:
                seg.hidden.append(m)
                seen.add(m.key)
                break


def _merge(pieces: list[Segment]) -> list[Segment]:
    """Join neighbouring pieces that belong to the same claims, so one claim is one link."""
    merged: list[Segment] = []
    for seg in pieces:
        if not seg.text and not seg.hidden:
            continue
        last = merged[-1] if merged else None
        if (
            last is not None
            and last.figure == seg.figure
            and last.statement == seg.statement
            and not seg.first
            and not last.hidden
        ):
            last.text += seg.text
            last.hidden.extend(seg.hidden)
            continue
        merged.append(seg)
    return merged


def mark_statement_ends(pieces: Iterable[Segment]) -> None:
    """Flag the last piece of each statement, where its shared number goes side by side."""
    last: dict[str, Segment] = {}
    for seg in pieces:
        if seg.statement is not None:
            last[seg.statement.key] = seg
    for seg in last.values():
        seg.ends_statement = True
