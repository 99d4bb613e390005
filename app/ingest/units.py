"""Units of work of an ingest: a file, or one line of a JSON Lines file.

A JSON Lines file of a thousand articles is a thousand units, spread over the worker processes
like a folder of a thousand files and counted one by one by the progress bar. Its articles are
still loaded together or not at all, as a file's are (app/pipeline.py): `Source` ties the units
of one file together.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from app.ingest.errors import IngestError
from app.ingest.readers import (
    RawArticle,
    article_from_record,
    is_jsonl,
    jsonl_records,
    read_path,
    read_text,
)


@dataclass(eq=False)
class Source:
    """A file as given to ingest, split into `units`."""

    path: str
    units: int = 1
    # A line that holds no article: the file fails, and none of its articles is loaded.
    broken: bool = False
    # There when the ingest began: gone when its turn comes, it was removed meanwhile.
    existed: bool = False


@dataclass(eq=False)
class Unit:
    source: Source
    index: int = 1  # among the units of its source, from 1
    line: int | None = None  # in a JSON Lines file
    record: dict[str, Any] | None = None
    error: IngestError | None = None

    @property
    def last(self) -> bool:
        return self.index == self.source.units

    @property
    def name(self) -> str:
        """The file, and for a line of a JSON Lines file `file#N`."""
        return self.source.path if self.line is None else f"{self.source.path}#{self.line}"

    def read(self, *, max_bytes: int) -> list[RawArticle]:
        """Its articles; raises IngestError naming the file (and line) and saying why."""
        if self.error is not None:
            raise self.error
        if self.record is not None:
            return [article_from_record(self.record, self.name)]
        try:
            return read_path(self.source.path, max_bytes=max_bytes)
        except IngestError:
            if self.source.existed and not os.path.lexists(self.source.path):
                raise IngestError(
                    self.source.path, "removed or renamed after the ingest began"
                ) from None
            raise


def _jsonl_units(path: str, max_bytes: int) -> list[Unit]:
    try:
        lines = list(jsonl_records(read_text(path, max_bytes=max_bytes), path))
    except IngestError as exc:
        return [Unit(Source(path, broken=True), error=exc)]
    if not lines:
        error = IngestError(path, "no articles in this JSON Lines file")
        return [Unit(Source(path, broken=True), error=error)]
    source = Source(path, len(lines), any(isinstance(x, IngestError) for _n, x in lines))
    units = []
    for i, (n, found) in enumerate(lines, start=1):
        if isinstance(found, IngestError):
            units.append(Unit(source, i, n, error=found))
        else:
            units.append(Unit(source, i, n, record=found))
    return units


def split_units(files: Sequence[str], *, max_bytes: int) -> list[Unit]:
    """The units of work of these files, in order: one a file, one a line of a JSON Lines file
    (read here, as they must be to be counted; other files are read when their turn comes)."""
    units: list[Unit] = []
    for path in files:
        if is_jsonl(path):
            units.extend(_jsonl_units(path, max_bytes))
        else:
            units.append(Unit(Source(path, existed=os.path.lexists(path))))
    return units
