"""A counter that moves whenever what the reader shows may have changed.

Triggers bump it on any change to an article (ingest, delete, a corrected title, the
story ids that every relink rewrites), on any correction or note and on a link marked rejected,
so a page rendered for one value of the counter is still right while it stays.
"""

from __future__ import annotations

from sqlalchemy import text
from sqlalchemy.engine import Connection, Engine

_TABLE = "parallax_generation"
_WATCHED = {
    "article": ("INSERT", "UPDATE", "DELETE"),
    "correction": ("INSERT", "UPDATE", "DELETE"),
    "note": ("INSERT", "UPDATE", "DELETE"),
    "link": ("UPDATE",),
}


_BUMP = f"""
    CREATE OR REPLACE FUNCTION {_TABLE}_bump() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN UPDATE {_TABLE} SET n = n + 1; RETURN NULL; END $$"""


def _ensure_postgres(conn: Connection) -> None:
    # Looked up first: creating a trigger locks its table, which a running server reads.
    have = {
        row[0] for row in conn.execute(text("SELECT tgname FROM pg_trigger WHERE NOT tgisinternal"))
    }
    # Once per statement, not per row: a relink rewrites every article in one statement.
    conn.execute(text(_BUMP))
    for table, operations in _WATCHED.items():
        for operation in operations:
            name = f"{_TABLE}_{table}_{operation.lower()}"
            if name in have:
                continue
            conn.execute(
                text(
                    f"CREATE OR REPLACE TRIGGER {name} AFTER {operation} ON {table} "
                    f"FOR EACH STATEMENT EXECUTE FUNCTION {_TABLE}_bump()"
                )
            )


def ensure_generation(engine: Engine) -> None:
    if engine.dialect.name not in ("sqlite", "postgresql"):
        return
    with engine.begin() as conn:
        conn.execute(text(f"CREATE TABLE IF NOT EXISTS {_TABLE} (n INTEGER NOT NULL)"))
        if conn.execute(text(f"SELECT count(*) FROM {_TABLE}")).scalar_one() == 0:
            conn.execute(text(f"INSERT INTO {_TABLE} (n) VALUES (0)"))
        if engine.dialect.name == "postgresql":
            _ensure_postgres(conn)
            return
        for table, operations in _WATCHED.items():
            for operation in operations:
                name = f"{_TABLE}_{table}_{operation.lower()}"
                conn.execute(
                    text(
                        f"CREATE TRIGGER IF NOT EXISTS {name} AFTER {operation} ON {table} "
                        f"BEGIN UPDATE {_TABLE} SET n = n + 1; END"
                    )
                )


def current_generation(conn: Connection) -> int | None:
    """The counter now; None where there is none (another database), meaning: do not cache."""
    if conn.dialect.name not in ("sqlite", "postgresql"):
        return None
    return int(conn.execute(text(f"SELECT n FROM {_TABLE}")).scalar_one())
