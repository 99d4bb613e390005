"""The one error ingest raises: it names the file and says why."""

from __future__ import annotations


class IngestError(Exception):
    def __init__(self, path: str, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason
