"""Dispute against movement, for the values of one topic.

Disputed means values that cannot both be true for the same time from different reports
(two copies of one wire story are one report). A count that changes from day to day is a
series, told as one ("rose from more than 200 on 6 Jan to 7,939 on 10 Jan"). A value with no
day disputes only when it fits no other report at all: it may be any day's.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence

from app.link.figures import interval
from app.services.topic_values import TopicValue, short_day


def _bounds(v: TopicValue) -> tuple[float, float]:
    assert v.value is not None
    return interval(v.value, v.value_high, v.qualifier)


def gap(a: TopicValue, b: TopicValue) -> float:
    """How far apart two values are as a share of the larger: 0 when both can be true."""
    lo_a, hi_a = _bounds(a)
    lo_b, hi_b = _bounds(b)
    if lo_a <= hi_b and lo_b <= hi_a:
        return 0.0
    low_top, high_bottom = (hi_a, lo_b) if hi_a < lo_b else (hi_b, lo_a)
    return (high_bottom - low_top) / high_bottom if high_bottom > 0 else 0.0


def _widest_same_day(day_values: Sequence[TopicValue]) -> float:
    """The widest gap between two values of one day from different reports: each value
    against the lowest top among the other reports' values (linear, not every pair)."""
    bounds = [(_bounds(v), v.family) for v in day_values]
    # The two lowest tops of distinct reports: the lowest other than a value's own report.
    lowest: list[tuple[float, int]] = []
    for (_, high), family in sorted(bounds, key=lambda b: b[0][1]):
        if all(family != f for _, f in lowest):
            lowest.append((high, family))
            if len(lowest) == 2:
                break
    worst = 0.0
    for (lo, _), family in bounds:
        top = next((h for h, f in lowest if f != family), None)
        if top is not None and top < lo and lo > 0:
            worst = max(worst, (lo - top) / lo)
    return worst


def disagreement(values: Sequence[TopicValue]) -> float:
    """The widest gap between values of different reports that cannot both hold at once."""
    numbers = [v for v in values if v.value is not None]
    by_day: dict[dt.date, list[TopicValue]] = defaultdict(list)
    for v in numbers:
        if v.day is not None:
            by_day[v.day].append(v)
    worst = max((_widest_same_day(day) for day in by_day.values()), default=0.0)
    for u in (v for v in numbers if v.day is None):
        others = [gap(u, w) for w in numbers if w.family != u.family]
        if others and min(others) > 0:
            worst = max(worst, min(others))
    return worst


def day_values(values: Sequence[TopicValue]) -> list[tuple[dt.date, TopicValue]]:
    """The highest value reported each day, in order of the days: the line of the chart."""
    best: dict[dt.date, TopicValue] = {}
    for v in values:
        if v.day is None or v.top is None:
            continue
        held = best.get(v.day)
        if held is None or (held.top or 0) < v.top:
            best[v.day] = v
    return sorted(best.items())


def series_text(values: Sequence[TopicValue]) -> str:
    """How the count moved over the days, or nothing when it did not."""
    days = day_values(values)
    if len(days) < 2 or len({v.top for _, v in days}) < 2:
        return ""
    (d0, first), (d1, last) = days[0], days[-1]
    assert first.top is not None and last.top is not None
    verb = "rose" if last.top > first.top else "fell" if last.top < first.top else "moved"
    return f"{verb} from {first.shown} on {short_day(d0)} to {last.shown} on {short_day(d1)}"
