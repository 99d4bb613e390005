"""Rows in bounded lists, for the linking steps' bulk inserts.

Apart from the array helpers (app/link/arrays.py) so that what only writes rows, and the
reader's pages that import it, load no numpy.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from itertools import islice
from typing import TypeVar

T = TypeVar("T")

# Rows of one bulk insert: a linking step writes millions of rows at 100,000 articles, and
# the statement's parameters for all of them at once would cost more memory than the step.
INSERT_ROWS = 50_000


def chunked(rows: Iterable[T], size: int = INSERT_ROWS) -> Iterator[list[T]]:
    """Rows in lists of at most `size`, made as they are asked for."""
    it = iter(rows)
    while chunk := list(islice(it, size)):
        yield chunk
