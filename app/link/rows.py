"""Rows in bounded lists, for the linking steps' bulk inserts.

Apart from the array helpers (app/link/arrays.py) so that what only writes rows, and the
reader's pages that import it, load no numpy.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from itertools import islice
from typing import TypeVar

from sqlmodel import Session

T = TypeVar("T")

# Rows of one bulk insert: a linking step writes millions of rows at 100,000 articles, and
# the statement's parameters for all of them at once would cost more memory than the step.
INSERT_ROWS = 50_000


def chunked(rows: Iterable[T], size: int = INSERT_ROWS) -> Iterator[list[T]]:
    """Rows in lists of at most `size`, made as they are asked for."""
    it = iter(rows)
    while chunk := list(islice(it, size)):
        yield chunk


def insert_plain(
    session: Session, table: str, columns: Sequence[str], rows: Iterable[Sequence[object]]
) -> int:
    """Insert tuples of `columns` into `table` through the driver itself, a chunk at a time;
    returns how many. Millions of links go in this way: the ORM's bulk insert spent more
    time on each row's parameters than the database spent storing it."""
    conn = session.connection()
    mark = "?" if conn.dialect.paramstyle == "qmark" else "%s"
    names = ", ".join(f'"{c}"' for c in columns)
    sql = f'INSERT INTO "{table}" ({names}) VALUES ({", ".join([mark] * len(columns))})'
    written = 0
    for chunk in chunked(rows):
        conn.exec_driver_sql(sql, chunk)
        written += len(chunk)
    return written
