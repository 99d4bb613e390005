"""Rows to JSON Lines or CSV, as `parallax export` and the download links write them."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Sequence
from typing import Any


def _cell(value: Any) -> Any:
    if isinstance(value, bool):
        return "true" if value else "false"  # as JSON writes them
    if isinstance(value, list | tuple | set):
        return "|".join(str(_cell(v)) if not isinstance(v, dict) else json.dumps(v) for v in value)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False)
    return "" if value is None else value


def to_jsonl(rows: Iterable[dict[str, Any]]) -> str:
    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows)


def to_csv(rows: Sequence[dict[str, Any]], fields: Sequence[str] | None = None) -> str:
    buf = io.StringIO()
    names = list(fields or (rows[0].keys() if rows else []))
    writer = csv.DictWriter(buf, fieldnames=names, extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: _cell(row.get(k)) for k in names})
    return buf.getvalue()
