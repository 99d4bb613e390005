"""Figures as the reader draws them: a mark over their words (in the body or in the title),
muted for another event, and for a figure computed from others, which has no words of its
own, a marker after the last of its parts and a line in the article's list of them."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from app.services import topics
from app.services.reader_data import FigureRecord
from app.services.reader_segments import Mark, Segment, segments

STATUS_WORDS = {
    "preliminary": "preliminary count",
    "revised": "revised count",
    "retracted": "retracted",
    "disputed": "disputed",
}


def show_value(value: float | None, value_high: float | None, qualifier: str) -> str:
    """A figure's value in the reader's text and panels, where a missing number is said in
    full: "at least 164", "1,000–1,300", "no number given"."""
    return topics.show_value(value, value_high, qualifier, missing="no number given")


def figure_label(f: FigureRecord) -> str:
    label = f"{f.measure}: {show_value(f.value, f.value_high, f.qualifier)}"
    if f.source and f.source != "unknown":
        label += f", per {f.source}"
    if f.status in STATUS_WORDS:
        label += f" ({STATUS_WORDS[f.status]})"
    if f.event == "other":
        label += " — another event" + (f": {f.event_reason}" if f.event_reason else "")
    if f.added or f.corrected:
        label += " (added by a reader)" if f.added else " (corrected by a reader)"
    return label


def figure_mark(f: FigureRecord, label: str | None = None) -> Mark:
    return Mark(
        "figure",
        f.id,
        f.start,
        f.end,
        f.measure,
        figure_label(f) if label is None else label,
        other_event=f.event == "other",
        by_reader=f.added or bool(f.corrected),
    )


@dataclass(slots=True)
class DerivedFigure:
    """A computed figure: how it is made, and the body figure it is shown after."""

    figure: FigureRecord
    parts: list[FigureRecord]
    after: int | None  # the id of its last part in the body, if any

    @property
    def how(self) -> str:
        """ "sum of 2 + 3", else "derived from 5 casualties, 2 killed"."""
        values = [p.value for p in self.parts]
        shown = [show_value(p.value, p.value_high, p.qualifier) for p in self.parts]
        if not self.parts:
            return "derived from other figures of the text"
        if None not in values and self.figure.value == sum(v or 0 for v in values):
            return "sum of " + " + ".join(shown)
        return "derived from " + ", ".join(
            f"{s} {p.measure}" for s, p in zip(shown, self.parts, strict=True)
        )

    @property
    def parts_shown(self) -> list[tuple[FigureRecord, str]]:
        """Each part with its words for a list: "2 killed (guards)"."""
        return [
            (p, f"{show_value(p.value, p.value_high, p.qualifier)} {p.measure} ({p.group})")
            for p in self.parts
        ]

    @property
    def mark(self) -> Mark:
        f = self.figure
        return figure_mark(f, f"{figure_label(f)}, {self.how}")

    @property
    def value_text(self) -> str:
        f = self.figure
        return show_value(f.value, f.value_high, f.qualifier)


def derived_figures(
    figures: Sequence[FigureRecord], parts: Iterable[tuple[int, int]]
) -> list[DerivedFigure]:
    by_id = {f.id: f for f in figures}
    own: dict[int, list[FigureRecord]] = defaultdict(list)
    for whole, part in parts:
        if part in by_id:
            own[whole].append(by_id[part])
    out = []
    for f in figures:
        if not f.derived:
            continue
        mine = own.get(f.id, [])
        in_body = [p for p in mine if not p.in_title and not p.derived]
        last = max(in_body, key=lambda p: (p.end, p.start)).id if in_body else None
        out.append(DerivedFigure(f, mine, last))
    return out


def body_marks(figures: Iterable[FigureRecord]) -> list[Mark]:
    """The figures that stand in the body's words."""
    return [figure_mark(f) for f in figures if not f.in_title and not f.derived]


def title_segments(title: str, figures: Iterable[FigureRecord], seen: set[str]) -> list[Segment]:
    """The title cut by its own figures (offsets into the title)."""
    marks = [figure_mark(f) for f in figures if f.in_title and not f.derived]
    return segments(title, 0, marks, seen=seen)


def place_derived(pieces: Iterable[Segment], derived: Sequence[DerivedFigure]) -> None:
    """Hang each computed figure after the last piece of its last part in the body."""
    wanted: dict[str, list[DerivedFigure]] = defaultdict(list)
    for d in derived:
        if d.after is not None:
            wanted[f"fig-{d.after}"].append(d)
    last: dict[str, Segment] = {}
    for seg in pieces:
        for claim in (seg.figure, *seg.hidden):
            if claim is not None and claim.key in wanted:
                last[claim.key] = seg
    for key, seg in last.items():
        seg.derived.extend(wanted[key])
