"""B-cubed precision / recall / F1 on hand-checked clusterings."""

from __future__ import annotations

import pytest

from app.link.bcubed import bcubed

GOLD = {1: "a", 2: "a", 3: "b", 4: "b", 5: "b"}


@pytest.mark.parametrize(
    ("pred", "expected"),
    [
        ([[1, 2], [3, 4, 5]], (1.0, 1.0, 1.0)),  # perfect
        ([[1], [2], [3], [4], [5]], (1.0, 0.5 * 2 / 5 + 1 / 3 * 3 / 5, None)),  # all apart
        ([[1, 2, 3, 4, 5]], (0.4 * 2 / 5 + 0.6 * 3 / 5, 1.0, None)),  # all together
        ([[1, 2, 3], [4, 5]], (11 / 15, 11 / 15, 11 / 15)),  # one article misplaced
        ([[1, 2], [3, 4]], (1.0, (1 + 1 + 2 / 3 + 2 / 3 + 1 / 3) / 5, None)),  # 5 missing
    ],
)
def test_bcubed_values(pred: list[list[int]], expected: tuple[float, float, float | None]) -> None:
    p, r, f = bcubed(pred, GOLD)
    assert p == pytest.approx(expected[0])
    assert r == pytest.approx(expected[1])
    want_f = expected[2] if expected[2] is not None else 2 * p * r / (p + r)
    assert f == pytest.approx(want_f)


def test_keys_outside_gold_are_ignored() -> None:
    assert bcubed([[1, 2, 99], [3, 4, 5]], GOLD) == pytest.approx((1.0, 1.0, 1.0))


def test_string_keys_and_empty_gold() -> None:
    assert bcubed([["a1", "a2"]], {"a1": "s", "a2": "s"}) == pytest.approx((1.0, 1.0, 1.0))
    assert bcubed([[1]], {}) == (0.0, 0.0, 0.0)


def test_item_in_two_clusters_is_an_error() -> None:
    with pytest.raises(ValueError):
        bcubed([[1, 2], [2, 3]], GOLD)
