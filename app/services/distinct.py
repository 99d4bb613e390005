"""The distinct values of an indexed column, for a filter's choices, without reading the index
through: each value is one lookup along the index from the one before (a skip scan), so a
page that lists fifty outlets of 100,000 articles makes fifty small lookups."""

from __future__ import annotations

from sqlalchemy import text
from sqlmodel import Session

# Only names written here go into the statement: the values are bound.
_COLUMNS = {("article", "outlet"), ("figure", "measure"), ("actorsummary", "kind")}


def distinct_values(session: Session, table: str, column: str, where: str = "1 = 1") -> list[str]:
    """The values of `table.column` (not null) on the rows that pass `where`, sorted; the
    column must lead an index (with the columns of `where` after it)."""
    if (table, column) not in _COLUMNS:
        raise ValueError(f"{table}.{column} is not a column with an index to skip along")
    query = text(
        f"WITH RECURSIVE v(x) AS ("
        f" SELECT (SELECT min({column}) FROM {table} WHERE {where})"
        f" UNION ALL"
        f" SELECT (SELECT min({column}) FROM {table} WHERE {where} AND {column} > v.x)"
        f" FROM v WHERE v.x IS NOT NULL"
        f") SELECT x FROM v WHERE x IS NOT NULL"
    )
    return sorted(session.connection().execute(query).scalars().all())
