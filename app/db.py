"""Engine and sessions: SQLite in WAL mode with foreign keys on, or PostgreSQL by its URL."""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Column, event, inspect, text
from sqlalchemy.engine import Engine, make_url
from sqlmodel import SQLModel, create_engine

from app import models  # noqa: F401  (registers the tables on SQLModel.metadata)
from app.config import get_settings
from app.fts import ensure_fts
from app.generation import ensure_generation

BUSY_TIMEOUT_S = 60
# Any number, the same in every process: the advisory lock that guards schema changes.
_SCHEMA_LOCK = 7_220_517
_INT32 = (-(2**31), 2**31 - 1)


def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=NORMAL")
    # Pages are cached as they are read, so a small database uses no more memory for it.
    cur.execute(f"PRAGMA cache_size=-{get_settings().page_cache_mb * 1024}")
    cur.close()


_ENGINES: OrderedDict[str, Engine] = OrderedDict()
_ENGINES_KEPT = 8
_ENGINES_LOCK = threading.RLock()


def get_engine(url: str) -> Engine:
    """The engine of a database URL, its schema made or brought up to date on first use. The
    last few are kept; an older one is disposed of, closing its pooled connections (a
    PostgreSQL server admits only so many)."""
    with _ENGINES_LOCK:
        engine = _ENGINES.get(url)
        if engine is None:
            engine = _ENGINES[url] = _new_engine(url)
        _ENGINES.move_to_end(url)
        while len(_ENGINES) > _ENGINES_KEPT:
            _ENGINES.popitem(last=False)[1].dispose()
        return engine


def forget_engines() -> None:
    """Every kept engine disposed of (a test that drops its databases)."""
    with _ENGINES_LOCK:
        while _ENGINES:
            _ENGINES.popitem()[1].dispose()


def _new_engine(url: str) -> Engine:
    parsed = make_url(url)
    kwargs: dict[str, Any] = {}
    if parsed.get_backend_name() == "sqlite":
        if parsed.database and parsed.database != ":memory:":
            Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
        # A writer waits this long for another's transaction before it gives up with
        # "database is locked" (Python's default is 5 s): the linking of a large database is
        # one transaction of many seconds, and an ingest, a reprocess or a reader's
        # correction that comes meanwhile must wait for it, not fail.
        kwargs["connect_args"] = {"check_same_thread": False, "timeout": BUSY_TIMEOUT_S}
    else:
        # A server's pooled connection can be closed under it (the database restarted, an
        # administrator ended it): tried before use, and opened anew, rather than a page failing.
        kwargs["pool_pre_ping"] = True
    engine = create_engine(url, **kwargs)
    if parsed.get_backend_name() == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
    if parsed.get_backend_name() == "postgresql":
        event.listen(engine, "before_cursor_execute", _as_typed, retval=True)
    with _schema_lock(engine):
        SQLModel.metadata.create_all(engine)
        add_missing_columns(engine)
        _add_missing_indexes(engine)
        ensure_fts(engine)
        ensure_generation(engine)
    return engine


# Indexes of earlier versions that others now cover: dropped where found.
OBSOLETE_INDEXES = frozenset({"ix_link_a_id", "ix_link_b_id"})


def _add_missing_indexes(engine: Engine) -> None:
    """create_all skips tables that exist: indexes added since a database was made come here.
    On SQLite, an index of an analysed table that has no statistics yet (added now, or by an
    earlier version) is analysed: without them the planner takes any index for a narrow one,
    and a page can read a large table through one."""
    found = inspect(engine)
    existing = {i["name"] for t in found.get_table_names() for i in found.get_indexes(t)}
    if obsolete := sorted(n for n in existing & OBSOLETE_INDEXES if n):
        with engine.begin() as conn:
            for name in obsolete:
                conn.execute(text(f'DROP INDEX IF EXISTS "{name}"'))
    for table in SQLModel.metadata.sorted_tables:
        for index in table.indexes:
            if index.name not in existing:
                index.create(engine, checkfirst=True)
    if engine.dialect.name != "sqlite":
        return
    with engine.begin() as conn:
        if not conn.execute(
            text("SELECT 1 FROM sqlite_master WHERE name = 'sqlite_stat1'")
        ).first():
            return  # never analysed: linking analyses the whole database
        stats = conn.execute(text("SELECT tbl, idx FROM sqlite_stat1")).all()
        tables, indexes = {t for t, _ in stats}, {i for _, i in stats}
        for table in SQLModel.metadata.sorted_tables:
            for index in table.indexes:
                if table.name in tables and index.name not in indexes:
                    conn.execute(text(f'ANALYZE "{index.name}"'))


def _without_nul(value: Any) -> Any:
    if isinstance(value, str):
        return value.replace("\x00", "\ufffd")
    if isinstance(value, dict):
        return {k: _without_nul(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return type(value)(_without_nul(v) for v in value)
    return value


def _as_typed(
    _conn: Any, _cursor: Any, statement: str, parameters: Any, _context: Any, _many: bool
) -> tuple[str, Any]:
    """What a reader types reaches PostgreSQL so that it finds nothing rather than fails, as
    on SQLite: a NUL (in an address, a form) as U+FFFD, as ingest stores it (no PostgreSQL
    text holds a NUL); an id past PostgreSQL's 32-bit integers (addresses take 18 digits)
    cast as a 64-bit one, which no stored id equals."""
    if isinstance(parameters, dict):
        for key, value in parameters.items():
            if type(value) is int and not _INT32[0] <= value <= _INT32[1]:
                statement = statement.replace(f"%({key})s::INTEGER", f"%({key})s::BIGINT")
    return statement, _without_nul(parameters)


@contextmanager
def _schema_lock(engine: Engine) -> Iterator[None]:
    """One process at a time makes or updates the schema: on PostgreSQL a server and an ingest
    started together would otherwise both create the same table (SQLite's own write lock
    already orders them)."""
    if engine.dialect.name != "postgresql":
        yield
        return
    with engine.connect() as conn:
        conn.execute(text("SELECT pg_advisory_lock(:key)"), {"key": _SCHEMA_LOCK})
        conn.commit()
        try:
            yield
        finally:
            conn.execute(text("SELECT pg_advisory_unlock(:key)"), {"key": _SCHEMA_LOCK})
            conn.commit()


def _column_ddl(engine: Engine, column: Column[Any]) -> str:
    kind = column.type.compile(dialect=engine.dialect)
    default = getattr(column.default, "arg", None)
    if isinstance(default, bool):
        # SQLite stores booleans as 0 and 1; PostgreSQL's boolean wants its own words.
        default = int(default) if engine.dialect.name == "sqlite" else str(default).lower()
        return f'"{column.name}" {kind} NOT NULL DEFAULT {default}'
    if isinstance(default, int | float):
        return f'"{column.name}" {kind} NOT NULL DEFAULT {default}'
    if isinstance(default, str):
        quoted = default.replace("'", "''")
        return f"\"{column.name}\" {kind} NOT NULL DEFAULT '{quoted}'"
    return f'"{column.name}" {kind}'  # no default: NULL in the rows stored before it


def add_missing_columns(engine: Engine) -> None:
    """Columns added to a table since a database was made, with their defaults filled in.

    create_all makes missing tables only; a database of an earlier version must still open,
    and `parallax reprocess` then fills the new columns from the stored texts.
    """
    inspector = inspect(engine)
    with engine.begin() as conn:
        for table in SQLModel.metadata.sorted_tables:
            have = {c["name"] for c in inspector.get_columns(table.name)}
            for column in table.columns:
                if column.name not in have:
                    ddl = _column_ddl(engine, column)
                    conn.execute(text(f'ALTER TABLE "{table.name}" ADD COLUMN {ddl}'))
