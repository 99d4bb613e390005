"""Dispute against movement, for the values of one topic.

Disputed means values that cannot both be true for the same time from different reports
(two copies of one wire story are one report). A count that changes from day to day is a
series, told as one ("rose from more than 200 on 6 Jan to 7,939 on 10 Jan"). A value with no
day disputes only when it fits no other report at all: it may be any day's.
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_right
from collections import defaultdict
from collections.abc import Sequence

from app.link.figures import interval
from app.services.topic_values import TopicValue, short_day


def _bounds(v: TopicValue) -> tuple[float, float]:
    assert v.value is not None
    return interval(v.value, v.value_high, v.qualifier)


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


Best = list[tuple[float, int]]  # at most two (key, report), of distinct reports, highest first


def _with(best: Best, key: float, family: int) -> Best:
    """`best` with one more value: the two highest keys of distinct reports (ties: the
    earlier stays first)."""
    if not best:
        return [(key, family)]
    (k1, f1), rest = best[0], best[1:]
    if family == f1:
        return [(key, family), *rest] if key > k1 else best
    if key > k1:
        return [(key, family), (k1, f1)]
    if not rest or key > rest[0][0]:
        return [(k1, f1), (key, family)]
    return best


def _nearest_misfit(numbers: Sequence[TopicValue], undated: Sequence[TopicValue]) -> float:
    """The widest gap of an undated value to the nearest value of another report, among the
    undated values that fit no other report at all.

    Counts are never negative, so the nearest value above an undated one is the lowest
    bottom above its top, and the nearest below the highest top under its bottom: with the
    values sorted by bottom, running bests of two distinct reports find both for each undated
    value by bisection, instead of a gap to every other value (the panel of a story of
    hundreds of reports spent most of its time there).
    """
    spans = sorted(((*_bounds(v), v.family) for v in numbers), key=lambda s: s[0])
    bottoms = [lo for lo, _, _ in spans]
    # highest_top[i]: among spans[:i]; lowest_bottom[i]: among spans[i:]
    highest_top: list[Best] = [[]]
    for _, hi, family in spans:
        highest_top.append(_with(highest_top[-1], hi, family))
    lowest_bottom: list[Best] = [[]]  # keyed by the bottom's negative: the lowest is highest
    for lo, _, family in reversed(spans):
        lowest_bottom.append(_with(lowest_bottom[-1], -lo, family))
    lowest_bottom.reverse()
    worst = 0.0
    for u in undated:
        lo, hi = _bounds(u)
        i = bisect_right(bottoms, hi)  # spans[:i] start at or below u's top
        below = next((t for t, f in highest_top[i] if f != u.family), None)
        if below is not None and below >= lo:
            continue  # another report's value overlaps u's: u fits it
        above = next((-b for b, f in lowest_bottom[i] if f != u.family), None)
        gaps = [(lo - below) / lo if lo > 0 else 0.0] if below is not None else []
        if above is not None:
            gaps.append((above - hi) / above if above > 0 else 0.0)
        if gaps and min(gaps) > 0:
            worst = max(worst, min(gaps))
    return worst


def disagreement(values: Sequence[TopicValue]) -> float:
    """The widest gap between values of different reports that cannot both hold at once."""
    numbers = [v for v in values if v.value is not None]
    by_day: dict[dt.date, list[TopicValue]] = defaultdict(list)
    for v in numbers:
        if v.day is not None:
            by_day[v.day].append(v)
    worst = max((_widest_same_day(day) for day in by_day.values()), default=0.0)
    undated = [v for v in numbers if v.day is None]
    return max(worst, _nearest_misfit(numbers, undated)) if undated else worst


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
