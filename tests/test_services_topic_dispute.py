"""Dispute between the values of one topic, against the rule read pair by pair."""

from __future__ import annotations

import datetime as dt
import random

import pytest

from app.link.figures import interval
from app.services.topic_dispute import disagreement
from app.services.topic_values import TopicValue

DAY = dt.date(2020, 1, 1)
QUALIFIERS = ("exact", "about", "nearly", "at_least", "more_than", "up_to", "range")


def _value(fid: int, value: float, qualifier: str, day: dt.date | None, family: int) -> TopicValue:
    high = value * 1.5 if qualifier == "range" else None
    return TopicValue(
        figure_id=fid, article_id=family, text="", value=value, value_high=high,
        qualifier=qualifier, source="", label="", article_title="", article_date=day,
        day=day, day_basis="", family=family,
    )  # fmt: skip


def _gap(a: TopicValue, b: TopicValue) -> float:
    assert a.value is not None and b.value is not None
    lo_a, hi_a = interval(a.value, a.value_high, a.qualifier)
    lo_b, hi_b = interval(b.value, b.value_high, b.qualifier)
    if lo_a <= hi_b and lo_b <= hi_a:
        return 0.0
    low_top, high_bottom = (hi_a, lo_b) if hi_a < lo_b else (hi_b, lo_a)
    return (high_bottom - low_top) / high_bottom if high_bottom > 0 else 0.0


def _pairwise(values: list[TopicValue]) -> float:
    """The rule as stated: the widest gap of two same-day values of different reports, and of
    an undated value to its nearest value of another report when it fits none."""
    worst = 0.0
    for u in values:
        others = [w for w in values if w.family != u.family]
        if u.day is not None:
            same_day = [_gap(u, w) for w in others if w.day == u.day]
            worst = max(worst, *same_day, 0.0)
        elif others and min(_gap(u, w) for w in others) > 0:
            worst = max(worst, min(_gap(u, w) for w in others))
    return worst


@pytest.mark.parametrize("seed", range(300))
def test_services_topic_dispute_matches_the_pairwise_rule(seed: int) -> None:
    rng = random.Random(seed)
    days = [None, None, dt.date(2020, 1, 1), dt.date(2020, 1, 2)]
    values = [
        _value(
            i,
            float(rng.choice([0, 1, 2, 3, 5, 8, 10, 12, 40, 41, 200])),
            rng.choice(QUALIFIERS),
            rng.choice(days),
            rng.randrange(1, rng.choice((2, 4, 12))),
        )
        for i in range(rng.randrange(1, 30))
    ]
    assert disagreement(values) == pytest.approx(_pairwise(values))


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        # An undated 10 beside a report of 12: 2/12 apart, nothing closer.
        ([(10, "exact", None, 1), (12, "exact", None, 2)], 2 / 12),
        # Undated values that each fit some other report: no dispute (10 and 11 both fit about 10).
        ([(10, "exact", None, 1), (11, "exact", None, 2), (10, "about", None, 3)], 0.0),
        # Two values of one report never dispute each other.
        ([(10, "exact", None, 1), (40, "exact", None, 1)], 0.0),
        # The nearest value counts, not the farthest: 40 is 8/40 above 32, far above 2.
        ([(40, "exact", None, 1), (2, "exact", DAY, 2), (32, "exact", DAY, 2)], 8 / 40),
    ],
)
def test_services_topic_dispute_undated_values(
    values: list[tuple[float, str, dt.date | None, int]], expected: float
) -> None:
    made = [_value(i, v, q, d, f) for i, (v, q, d, f) in enumerate(values)]
    assert disagreement(made) == pytest.approx(expected)
