"""A small chart of one topic's values over the days: the numbers the template draws."""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from app.services.topic_values import TopicValue, short_day


@dataclass(frozen=True)
class ChartMark:
    figure_id: int
    x: float
    y: float
    shape: str  # circle | up | down | diamond | range | vague
    points: str  # polygon points for the triangle and diamond shapes
    y2: float  # the top of a range
    title: str


@dataclass(frozen=True)
class ChartTick:
    x: float
    label: str


@dataclass(frozen=True)
class Chart:
    width: int
    height: int
    marks: list[ChartMark]
    line: str  # polyline points through the highest value reported each day
    ticks: list[ChartTick]
    y_max_label: str
    y_high: float
    baseline: float
    top_band: float
    plot_left: float
    plot_right: float
    summary: str

    @property
    def vague(self) -> bool:
        """Some value has no number ("dozens"): the top band is labelled."""
        return any(m.shape == "vague" for m in self.marks)


_W, _H = 240, 84
_LEFT, _RIGHT, _TOP, _BOTTOM = 34.0, 8.0, 14.0, 16.0  # room for the labels
_S = 3.6  # half-size of a mark
_UNDATED_GAP = 36.0  # between the last day and the slot of the undated values
_LABEL_ROOM = 32.0  # the width a day's label needs
_FAN = 12.0  # how far the values of one day spread on each side of it, at most
_SAME_DRAWN = 3  # marks of one value reported the same way on one day, at most


def _polygon(shape: str, x: float, y: float) -> str:
    s = _S
    corners = {
        "up": [(x, y - s * 1.2), (x + s, y + s * 0.8), (x - s, y + s * 0.8)],
        "down": [(x, y + s * 1.2), (x + s, y - s * 0.8), (x - s, y - s * 0.8)],
        "diamond": [(x, y - s * 1.2), (x + s, y), (x, y + s * 1.2), (x - s, y)],
    }.get(shape, [])
    return " ".join(f"{a:.1f},{b:.1f}" for a, b in corners)


def _shape(v: TopicValue) -> str:
    if v.value is None:
        return "vague"
    if v.qualifier == "range" and v.value_high is not None:
        return "range"
    return {
        "at_least": "up",
        "more_than": "up",
        "nearly": "down",
        "up_to": "down",
        "about": "diamond",
    }.get(v.qualifier, "circle")


def _day_positions(
    days: Sequence[dt.date], undated: bool, left: float, right: float
) -> dict[dt.date | None, float]:
    """x of each day in proportion to the time between them (three days apart sit three
    times as far as one), with the undated values in a slot of their own at the right."""
    out: dict[dt.date | None, float] = {}
    if undated:
        # In from the edge: its label ("no date") is the widest.
        out[None] = right - 8 if days else (left + right) / 2
        right = out[None] - _UNDATED_GAP
    span = (days[-1] - days[0]).days if days else 0
    for day in days:
        out[day] = left + (right - left) * (day - days[0]).days / span if span else left
    if span == 0 and days and not undated:
        out[days[0]] = (left + right) / 2
    return out


def _ticks(slots: dict[dt.date | None, float]) -> list[ChartTick]:
    """A tick on every day that has values; labels on the first and last day, the undated
    slot, and the days between that have room for theirs."""
    ticks: list[ChartTick] = []
    labelled: list[float] = []
    dated = sorted(d for d in slots if d is not None)
    ends = {dated[0], dated[-1]} if dated else set()
    # The ends and the undated slot first, so that the days between give way to them.
    order = [
        *sorted(ends),
        *([None] if None in slots else []),
        *[d for d in dated if d not in ends],
    ]
    for day in order:
        x = slots[day]
        room = all(abs(x - other) >= _LABEL_ROOM for other in labelled)
        label = (short_day(day) if day else "no date") if room else ""
        if label:
            labelled.append(x)
        ticks.append(ChartTick(x, label))
    return sorted(ticks, key=lambda t: t.x)


def _fold(values: Sequence[TopicValue]) -> tuple[list[TopicValue], dict[int, int]]:
    """The values drawn, and for the last one drawn of a kind how many were folded into it:
    a value reported the same way the same day more than `_SAME_DRAWN` times (a wire text
    reprinted a hundred times) is drawn `_SAME_DRAWN` times, which is all the eye can count in
    a fan, and its last mark says how many more there are."""

    def same(v: TopicValue) -> tuple[object, ...]:
        return (v.day, _shape(v), v.value, v.value_high)

    total = Counter(same(v) for v in values)
    seen: Counter[tuple[object, ...]] = Counter()
    drawn: list[TopicValue] = []
    folded: dict[int, int] = {}
    for v in values:
        key = same(v)
        seen[key] += 1
        if seen[key] > _SAME_DRAWN:
            continue
        drawn.append(v)
        if seen[key] == _SAME_DRAWN and total[key] > _SAME_DRAWN:
            folded[v.figure_id] = total[key] - _SAME_DRAWN
    return drawn, folded


def build_chart(values: Sequence[TopicValue], what: str) -> Chart:
    """Positions of every value: x the day, in proportion to the days between (undated
    last), y the value from zero; a vague value sits in a band at the top. `what` names the
    count for the chart's text alternative."""
    days = sorted({v.day for v in values if v.day is not None})
    left, right = _LEFT + 6, _W - _RIGHT - 6
    slots = _day_positions(days, any(v.day is None for v in values), left, right)
    base, top = _H - _BOTTOM, _TOP + 6
    high = max((v.top for v in values if v.top is not None), default=0.0)
    y_max = high * 1.1 if high > 0 else 1.0

    def y_of(value: float) -> float:
        return base - (base - top) * min(value, y_max) / y_max

    marks: list[ChartMark] = []
    per_slot: dict[dt.date | None, int] = defaultdict(int)
    drawn, folded = _fold(values)
    # Many values of one day fan out closer together, within a few marks' width of their day.
    crowd = Counter(v.day for v in drawn)
    step = {day: min(5.0, 2 * _FAN / n) for day, n in crowd.items()}
    best: dict[dt.date, float] = {}
    for v in values:
        if v.day is not None and v.top is not None:
            best[v.day] = max(best.get(v.day, 0.0), v.top)
    said: list[str] = []
    for v in drawn:
        nth = per_slot[v.day]
        per_slot[v.day] += 1
        # Values of one day fan out a little, so equal values stay countable.
        x = slots[v.day] + ((nth + 1) // 2) * step[v.day] * (1 if nth % 2 else -1)
        shape = _shape(v)
        y = _TOP - 4 if shape == "vague" else y_of(v.value or 0.0)
        y2 = y_of(v.value_high) if shape == "range" and v.value_high is not None else y
        more = folded.get(v.figure_id, 0)
        also = f", and {more} more report{'s' if more != 1 else ''} of it that day" if more else ""
        said.append(f"{v.shown} ({v.label}, {v.day or 'no date'}{also})")
        title = f"{v.shown} — {v.label}, {v.day or 'no date'}{also}"
        marks.append(ChartMark(v.figure_id, x, y, shape, _polygon(shape, x, y), y2, title))
    line = " ".join(f"{slots[d]:.1f},{y_of(val):.1f}" for d, val in sorted(best.items()))
    if len(best) < 2:
        line = ""
    ticks = _ticks(slots)
    summary = f"{what}: " + "; ".join(said)
    return Chart(
        width=_W,
        height=_H,
        marks=marks,
        line=line,
        ticks=ticks,
        y_max_label=f"{high:,.0f}" if high else "",
        y_high=y_of(high),
        baseline=base,
        top_band=_TOP - 4,
        plot_left=_LEFT,
        plot_right=_W - _RIGHT,
        summary=summary,
    )
