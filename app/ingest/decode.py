"""Bytes to text: refuse what is not text, try declared and detected encodings."""

from __future__ import annotations

import codecs
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
    readings = [m for m in matches if m.chaos <= least + 0.01]
    # The detector lists one encoding for several that read the bytes alike, and may name a
    # DOS or Baltic code page first: a reading the web's Windows-1252 gives too is taken so.
    western = _try(raw, "cp1252")
    if western is not None and any(str(m) == western for m in readings):
        return western
    plausible = [m.encoding for m in readings]
    ranked = sorted(
        plausible, key=lambda e: _PREFERRED.index(e) if e in _PREFERRED else len(_PREFERRED)
    )
    return _try(raw, ranked[0])


# UTF-32's marks first: UTF-16 LE's is the start of UTF-32 LE's.
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def _wide(raw: bytes) -> str | None:
    """Text in UTF-16 or UTF-32: by its byte-order mark, else UTF-16 without one, where text in
    Latin letters has a zero byte in every other place (after each letter, or before it)."""
    for bom, encoding in _BOMS:
        if raw.startswith(bom):
            return _try(raw, encoding)
    sample = raw[:8192]
    if len(raw) % 2 or len(sample) < 16:
        return None
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    half = len(sample) // 2
    for zeros, others, encoding in ((odd, even, "utf-16-le"), (even, odd, "utf-16-be")):
        if zeros > half * 0.5 and others < half * 0.05:
            text = _try(raw, encoding)
            # Read so, it is text: no control characters but line breaks and tabs.
            if text is not None and not _CONTROL.search(text[:4096].encode("utf-8", "replace")):
                return text
    return None


def too_big(size: int, max_bytes: int) -> str:
    return f"file is {size:,} bytes, over the size limit of {max_bytes:,} bytes"


def decode(raw: bytes, path: str, *, max_bytes: int) -> str:
    if len(raw) > max_bytes:
        raise IngestError(path, too_big(len(raw), max_bytes))
    if not raw.strip():
        raise IngestError(path, "file is empty")
    text = _wide(raw)
    if text is not None:
        return _text(text, path)
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
    return _text(text, path)


def _text(text: str, path: str) -> str:
    text = text.lstrip("\ufeff")
    if not text.strip():
        raise IngestError(path, "file is empty")
    return text.replace("\r\n", "\n").replace("\r", "\n")
