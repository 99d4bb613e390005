"""Running the reader: in this process, or as a bare uvicorn watching N worker processes."""

from __future__ import annotations

import os
import secrets
import sys
from pathlib import Path

from app.config import Settings
from app.db import forget_engines


def run(settings: Settings, *, host: str, port: int, workers: int) -> None:
    """Serve until stopped; with several workers this process becomes their uvicorn."""
    if workers == 1:
        import uvicorn

        from app.web.app import create_app

        uvicorn.run(create_app(settings), host=host, port=port, log_level="info")
        return
    # Worker processes build their own app: they learn the database and the form secret here.
    os.environ["PARALLAX_DB"] = settings.db_url
    os.environ.setdefault("PARALLAX_CSRF_SECRET", secrets.token_hex(32))
    # Threads of a worker would each take a malloc arena of their own, memory that stays
    # theirs once a page is done.
    os.environ.setdefault("MALLOC_ARENA_MAX", "2")
    forget_engines()
    sys.stdout.flush()
    sys.stderr.flush()
    # The process that watches the workers needs none of what was loaded for the schema:
    # it becomes a bare uvicorn (the same process, so a signal sent to it still stops all).
    os.execv(
        sys.executable,
        [
            *(sys.executable, "-m", "uvicorn", "app.web.app:app_from_environment", "--factory"),
            *("--app-dir", str(Path(__file__).resolve().parents[2])),
            *("--host", host, "--port", str(port), "--workers", str(workers)),
            *("--log-level", "info"),
        ],
    )
