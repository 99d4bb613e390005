"""B-cubed precision, recall and F1 of a clustering against gold labels (Bagga & Baldwin 1998).

Per item: precision is the share of its predicted cluster that has its gold label, recall the
share of its gold class that landed in its predicted cluster; both are averaged over items.
Only items with a gold label count; an item missing from `pred` is scored as a singleton.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable, Mapping, Sequence
from typing import TypeVar

K = TypeVar("K", bound=Hashable)


def bcubed(pred: Sequence[Sequence[K]], gold: Mapping[K, str]) -> tuple[float, float, float]:
    """(precision, recall, f1) of the clusters `pred` against the labels `gold`."""
    if not gold:
        return 0.0, 0.0, 0.0
    cluster_of: dict[K, int] = {}
    for c, members in enumerate(pred):
        for key in members:
            if key in gold:
                if key in cluster_of:
                    raise ValueError(f"item {key!r} is in two clusters")
                cluster_of[key] = c
    singleton = len(pred)
    for key in gold:
        if key not in cluster_of:
            cluster_of[key] = singleton
            singleton += 1
    cluster_size = Counter(cluster_of.values())
    class_size = Counter(gold.values())
    both = Counter((cluster_of[k], gold[k]) for k in gold)
    p = sum(both[(cluster_of[k], gold[k])] / cluster_size[cluster_of[k]] for k in gold)
    r = sum(both[(cluster_of[k], gold[k])] / class_size[gold[k]] for k in gold)
    p, r = p / len(gold), r / len(gold)
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f1
