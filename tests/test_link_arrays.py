import numpy as np
import pytest

from app.link.arrays import group_rank


@pytest.mark.parametrize(
    ("keys", "expected"),
    [
        (([],), []),
        (([7],), [0]),
        (([1, 1, 1, 2, 2, 5],), [0, 1, 2, 0, 1, 0]),
        # Two keys: a new group starts when either changes.
        (([1, 1, 1, 1, 2], [3, 3, 4, 4, 4]), [0, 1, 0, 1, 0]),
    ],
)
def test_group_rank_counts_within_runs(keys: tuple[list[int], ...], expected: list[int]) -> None:
    arrays = [np.array(k, dtype=np.int64) for k in keys]
    assert group_rank(*arrays).tolist() == expected
