"""Bytes to text: refuse what is not text, try declared and detected encodings."""

from __future__ import annotations

import re

from charset_normalizer import from_bytes

from app.ingest.errors import IngestError

_DECLARED = re.compile(rb"""(?:charset|encoding)\s*=\s*["']?([A-Za-z0-9_.:-]+)""", re.I)
# Control characters that never occur in text files (tab, newlines, form feed allowed).
_CONTROL = re.compile(rb"[\x00-\x08\x0e-\x1f]")


def _try(raw: bytes, encoding: str) -> str | None:
    try:
        return raw.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return None


# Among equally plausible readings, the encodings most web and wire text uses win.
_PREFERRED = ("cp1252", "iso8859_15", "latin_1", "cp1251", "koi8_r", "shift_jis", "gb18030")


def _detect(raw: bytes) -> str | None:
    matches = [m for m in from_bytes(raw) if m.encoding and m.chaos < 0.2]
    if not matches:
        return None
    least = min(m.chaos for m in matches)
    plausible = [m.encoding for m in matches if m.chaos <= least + 0.01]
    ranked = sorted(
        plausible, key=lambda e: _PREFERRED.index(e) if e in _PREFERRED else len(_PREFERRED)
    )
    return _try(raw, ranked[0])


def decode(raw: bytes, path: str, *, max_bytes: int) -> str:
    if len(raw) > max_bytes:
        raise IngestError(
            path, f"file is {len(raw):,} bytes, over the size limit of {max_bytes:,} bytes"
        )
    if not raw.strip():
        raise IngestError(path, "file is empty")
    if b"\x00" in raw[:8192] or len(_CONTROL.findall(raw[:8192])) > 8:
        raise IngestError(path, "binary file, not text")
    text = _try(raw, "utf-8-sig")
    if text is None:
        declared = _DECLARED.search(raw[:4096])
        if declared:
            text = _try(raw, declared.group(1).decode("ascii", "replace"))
    if text is None:
        text = _detect(raw)
    if text is None:
        raise IngestError(path, "not UTF-8, and no declared or detectable encoding decodes it")
    return text.replace("\r\n", "\n").replace("\r", "\n")
