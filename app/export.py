"""Rows to JSON Lines or CSV, as `parallax export` and the download links write them."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Sequence
from typing import Any

# A spreadsheet runs a cell that starts with one of these as a formula (OWASP, "CSV
# Injection"): text from an article must not become one.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _plain(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"  # as JSON writes them
    if isinstance(value, list | tuple | set):
        return "|".join(_plain(v) for v in value)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False)
    return "" if value is None else str(value)


def _cell(value: Any) -> Any:
    if isinstance(value, int | float) and not isinstance(value, bool):
        return value  # numbers stay numbers, a negative one too
    text = _plain(value)
    return "'" + text if text.startswith(_FORMULA_START) else text


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
