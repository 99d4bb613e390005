"""The database behind a test: an SQLite file, or, when PARALLAX_TEST_POSTGRES names a server
(`make test-postgres`), a database of its own on that server named after the same path.

Tests name their databases by path as a user names a file; `db_url_for` turns that path into
the URL of whichever backend the suite runs on, so the same test covers both.
"""

from __future__ import annotations

import hashlib
import os
import re
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import Engine, make_url

SERVER = os.environ.get("PARALLAX_TEST_POSTGRES", "")
ON_POSTGRES = bool(SERVER)


def sqlite_only(reason: str) -> pytest.MarkDecorator:
    """A test about SQLite itself (its files, WAL, FTS5, query plans): skipped on PostgreSQL,
    saying why."""
    return pytest.mark.skipif(ON_POSTGRES, reason=f"about SQLite itself: {reason}")

_created: set[str] = set()
_admin: Engine | None = None


def _server() -> Engine:
    global _admin
    if _admin is None:
        _admin = create_engine(SERVER, isolation_level="AUTOCOMMIT")
    return _admin


def database_name(path: Path | str) -> str:
    """A name PostgreSQL accepts (at most 63 bytes), readable, and unique to the path."""
    path = Path(path)
    stem = re.sub(r"[^a-z0-9]+", "_", f"{path.parent.name}_{path.stem}".lower()).strip("_")
    digest = hashlib.sha1(str(path.resolve()).encode()).hexdigest()[:10]
    return f"t_{stem[:40]}_{digest}"


def _create(name: str, template: str | None = None) -> None:
    with _server().connect() as conn:
        exists = conn.execute(
            text("SELECT 1 FROM pg_database WHERE datname = :n"), {"n": name}
        ).first()
        if exists and template is None:
            return
        if exists:
            conn.execute(text(f'DROP DATABASE "{name}" WITH (FORCE)'))
        source = f' TEMPLATE "{template}"' if template else ""
        conn.execute(text(f'CREATE DATABASE "{name}"{source}'))
    _created.add(name)


def db_url_for(path: Path | str) -> str:
    """The URL of the test database named by `path` (made on first use on PostgreSQL)."""
    if not ON_POSTGRES:
        return f"sqlite:///{path}"
    name = database_name(path)
    _create(name)
    return make_url(SERVER).set(database=name).render_as_string(hide_password=False)


def copy_db(source: Path | str, target: Path | str) -> str:
    """A copy of a test database (named by its path or its URL) to change without touching
    the original; the copy's URL."""
    if isinstance(source, str) and "://" in source:
        source = make_url(source).database or ""
    if not ON_POSTGRES:
        Path(target).parent.mkdir(parents=True, exist_ok=True)
        import sqlite3

        with sqlite3.connect(source) as src, sqlite3.connect(target) as dst:
            src.backup(dst)
        return f"sqlite:///{target}"
    from app.db import get_engine

    name = source if str(source).startswith("t_") else database_name(source)
    original = make_url(SERVER).set(database=name).render_as_string(hide_password=False)
    # A template must have no session open: the app's pooled connections to it are closed.
    get_engine(original).dispose()
    with _server().connect() as conn:
        conn.execute(
            text(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                "WHERE datname = :n AND pid <> pg_backend_pid()"
            ),
            {"n": name},
        )
    _create(database_name(target), template=name)
    return db_url_for(target)


def drop_created() -> None:
    """Every database the run made, dropped (the end of the session) — unless the whole server
    is thrown away next (scripts/test-postgres.sh): each DROP DATABASE waits for a checkpoint."""
    if not ON_POSTGRES or _admin is None or os.environ.get("PARALLAX_TEST_POSTGRES_THROWAWAY"):
        return
    from app.db import forget_engines

    forget_engines()
    with _admin.connect() as conn:
        for name in sorted(_created):
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    _created.clear()
    _admin.dispose()
