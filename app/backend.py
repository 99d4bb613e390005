"""What differs between SQLite and PostgreSQL, in one place: the rest of the code states what
it means (compare in any letter case, check references at commit, join ids into a string) and
these constructs say it in each database's words."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import String, cast, func, text
from sqlalchemy.engine import Connection
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import ColumnElement
from sqlalchemy.sql.functions import FunctionElement


class any_case(FunctionElement[str]):
    """A text compared in any letter case: `x COLLATE NOCASE` on SQLite (its index of that
    collation answers), `lower(x)` elsewhere (an index on `lower(x)` answers)."""

    type = String()
    inherit_cache = True
    name = "any_case"


@compiles(any_case, "sqlite")
def _any_case_sqlite(element: any_case, compiler: Any, **kw: Any) -> str:
    return f"{compiler.process(element.clauses, **kw)} COLLATE NOCASE"


@compiles(any_case)
def _any_case_other(element: any_case, compiler: Any, **kw: Any) -> str:
    return f"lower({compiler.process(element.clauses, **kw)})"


class _value_any_case(FunctionElement[str]):
    type = String()
    inherit_cache = True
    name = "value_any_case"


@compiles(_value_any_case, "sqlite")
def _value_sqlite(element: _value_any_case, compiler: Any, **kw: Any) -> str:
    return str(compiler.process(element.clauses, **kw))  # the column's collation decides


@compiles(_value_any_case)
def _value_other(element: _value_any_case, compiler: Any, **kw: Any) -> str:
    return f"lower({compiler.process(element.clauses, **kw)})"


def equals_any_case(column: Any, value: str) -> ColumnElement[bool]:
    return any_case(column) == _value_any_case(value)


def in_any_case(column: Any, values: Iterable[str]) -> ColumnElement[bool]:
    return any_case(column).in_([_value_any_case(v) for v in values])


def joined_ids(column: Any) -> Any:
    """The ids of a group as one comma-separated text (group_concat, string_agg)."""
    return func.aggregate_strings(cast(column, String), ",")


def is_sqlite(bind: Session | Connection) -> bool:
    engine = bind.get_bind() if isinstance(bind, Session) else bind
    return engine.dialect.name == "sqlite"


def read_snapshot(session: Session) -> None:
    """The session's reads, from here to its end, see one state of the database. SQLite's
    read transaction does so already; PostgreSQL's default gives each statement the latest
    commit, so a page could read a figure and then find its sentence gone under a reprocess.
    Reads only: at this level a write that meets another's fails instead of waiting."""
    if not is_sqlite(session):
        session.connection(execution_options={"isolation_level": "REPEATABLE READ"})


def defer_foreign_keys(session: Session) -> None:
    """References are checked at commit for the rest of the transaction, so rows can be
    replaced before the rows that point at them are (deferrable constraints on PostgreSQL)."""
    if is_sqlite(session):
        session.execute(text("PRAGMA defer_foreign_keys = ON"))
    else:
        session.execute(text("SET CONSTRAINTS ALL DEFERRED"))


@contextmanager
def page_cache(session: Session, mb: int) -> Iterator[None]:
    """The session's SQLite connection keeps up to this many MB of pages until the block ends,
    then goes back to its own size (and frees the rest): a relink within the server, whose
    connections keep little, rewrites indexes far bigger than that. PostgreSQL's buffers
    are the server's own."""
    if not is_sqlite(session):
        yield
        return
    conn = session.connection()
    before = conn.exec_driver_sql("PRAGMA cache_size").scalar()
    conn.exec_driver_sql(f"PRAGMA cache_size=-{mb * 1024}")
    try:
        yield
    finally:
        conn.exec_driver_sql(f"PRAGMA cache_size={int(before or 0)}")


# Any number, the same in every process: the lock a linking transaction holds on PostgreSQL.
_LINKING_LOCK = 7_220_518


def one_linker_at_a_time(session: Session) -> None:
    """Linking replaces whole tables (stories, actors) with rows of given ids: two linkers at
    once, an ingest and a reprocess, must take turns. SQLite's single writer orders them by
    itself; on PostgreSQL the second waits here, until the first one's transaction ends."""
    if not is_sqlite(session):
        session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _LINKING_LOCK})


def sync_id_sequences(session: Session, tables: list[str]) -> None:
    """After rows went in with ids given, PostgreSQL's id sequences move past them, so the next
    row stored without an id gets a free one (SQLite takes max(id) + 1 by itself)."""
    if is_sqlite(session):
        return
    for table in tables:
        session.execute(
            text(
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                f'coalesce((SELECT max(id) FROM "{table}"), 0) + 1, false)'
            )
        )
