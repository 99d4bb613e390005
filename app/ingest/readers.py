"""Files to clean articles, one reader per input format of SPEC.md."""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from app.ingest import metadata as meta
from app.ingest.decode import decode
from app.ingest.errors import IngestError
from app.ingest.furniture import sort_lines
from app.ingest.headline import repeats_title

DEFAULT_MAX_BYTES = 20 * 1024 * 1024
_DATE_LINE = re.compile(r"^\s*date\s+(?P<date>\d{4}-\d{2}-\d{2})\b[ \t]*(?P<rest>.*)$")
_HEADER_KEY = re.compile(r"^(?P<key>title|outlet|date|url)\s*:\s*(?P<value>.*)$", re.I)
TEXT_SUFFIXES = {".txt", ".text", ".md", ""}
HTML_SUFFIXES = {".html", ".htm"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
_MIN_HTML_WORDS = 8


@dataclass
class RawArticle:
    source_file: str
    body: str
    captions: list[str] = field(default_factory=list)
    title: str = ""
    title_basis: str = "unknown"
    outlet: str | None = None
    outlet_basis: str = "unknown"
    date: dt.date | None = None
    date_basis: str = "unknown"
    url: str | None = None
    language: str | None = None

    @property
    def words(self) -> int:
        return len(self.body.split())


def _header(lines: list[str]) -> tuple[dict[str, str], list[str]]:
    """A `key: value` block (or `---` front matter) at the top, and the lines after it."""
    if lines and lines[0].strip() == "---":
        try:
            end = next(i for i in range(1, len(lines)) if lines[i].strip() == "---")
        except StopIteration:
            return {}, lines
        fields = [_HEADER_KEY.match(x.strip()) for x in lines[1:end] if x.strip()]
        if fields and all(fields):
            return {m["key"].lower(): m["value"].strip() for m in fields if m}, lines[end + 1 :]
        return {}, lines
    found: dict[str, str] = {}
    for i, line in enumerate(lines):
        if not line.strip():
            return (found, lines[i + 1 :]) if found else ({}, lines)
        m = _HEADER_KEY.match(line.strip())
        if not m:
            return {}, lines
        found[m["key"].lower()] = m["value"].strip()
    return {}, lines


def article_from_text(
    text: str,
    source_file: str,
    *,
    header: dict[str, str] | None = None,
) -> RawArticle:
    """Build an article from plain text, reading whatever metadata it states."""
    lines = text.split("\n")
    given, lines = _header(lines) if header is None else (header, lines)
    art = RawArticle(source_file=source_file, body="")
    line_date: dt.date | None = None
    if lines and (m := _DATE_LINE.match(lines[0])):
        line_date = meta.parse_iso(m["date"])
        lines[0] = m["rest"]
    published = meta.find_published("\n".join(lines[:5]), near=line_date)
    if published:
        # The text's own "posted on" beats a date line, which may be the retrieval day.
        art.date, art.date_basis = published[0], "stated"
        lines = [meta.strip_published_line(x) for x in lines[:5]] + lines[5:]
    elif line_date:
        art.date, art.date_basis = line_date, "stated"
    stripped = [x.strip() for x in lines if x.strip()]
    sorted_lines = sort_lines(stripped)
    body_lines = sorted_lines.body
    if not body_lines and stripped:
        # A page of furniture only (a photo gallery, a playlist) keeps what it has: its
        # captions, else its lines; sorting never makes a text vanish.
        body_lines = sorted_lines.captions or stripped
        sorted_lines.captions = []
    if given.get("title"):
        art.title, art.title_basis = given["title"], "stated"
        if len(body_lines) > 1 and repeats_title(body_lines[0], art.title, given.get("outlet")):
            body_lines = body_lines[1:]  # the headline again, as a copied page repeats it
    elif len(body_lines) > 1 and meta.is_headline(body_lines[0]) and _blank_after_first(lines):
        art.title, art.title_basis = body_lines[0], "inferred"
        body_lines = body_lines[1:]
    art.body = "\n\n".join(body_lines)
    if not art.body.strip():
        raise IngestError(source_file, "no article text found")
    if not art.title:
        art.title, art.title_basis = meta.title_from_body(art.body), "inferred"
    art.captions = sorted_lines.captions
    if given.get("outlet"):
        art.outlet, art.outlet_basis = given["outlet"], "stated"
    elif outlet := sorted_lines.outlet_from_logos():
        art.outlet, art.outlet_basis = outlet, "inferred"
    if given.get("date"):
        parsed = meta.parse_date_text(given["date"])
        if parsed is None:
            raise IngestError(source_file, f"date {given['date']!r} is not a date (YYYY-MM-DD)")
        art.date, art.date_basis = parsed, "stated"
    art.url = given.get("url") or None
    art.language = meta.guess_language(art.body)
    return art


def _blank_after_first(lines: list[str]) -> bool:
    """A headline stands alone: its line is followed by an empty one."""
    nonempty = [i for i, x in enumerate(lines) if x.strip()]
    if not nonempty:
        return False
    i = nonempty[0]
    return i + 1 < len(lines) and not lines[i + 1].strip()


def _read_html(text: str, source_file: str) -> RawArticle:
    import trafilatura  # heavy: imported only when an HTML file arrives

    doc = trafilatura.bare_extraction(text, with_metadata=True, include_comments=False)
    body = getattr(doc, "text", None) if doc is not None else None
    # Navigation labels alone ("Home") are what an extractor returns from a page with no story.
    if not body or len(body.split()) < _MIN_HTML_WORDS:
        raise IngestError(source_file, "HTML page with no article text")
    header = {
        key: str(value)
        for key, value in (
            ("title", getattr(doc, "title", None)),
            ("outlet", getattr(doc, "sitename", None)),
            ("date", getattr(doc, "date", None)),
            ("url", getattr(doc, "url", None)),
        )
        if value
    }
    return article_from_text(body, source_file, header=header)


def _read_jsonl(text: str, source_file: str) -> Iterator[RawArticle]:
    for n, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        name = f"{source_file}#{n}"
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            raise IngestError(name, f"line {n} is not valid JSON ({exc.msg})") from None
        if not isinstance(obj, dict):
            raise IngestError(name, f"line {n} is not a JSON object")
        body = obj.get("text")
        if not isinstance(body, str) or not body.strip():
            raise IngestError(name, f'line {n} has no "text"')
        header = {k: str(obj[k]) for k in ("title", "outlet", "date", "url") if obj.get(k)}
        yield article_from_text(body, name, header=header)


def read_path(path: str | Path, *, max_bytes: int = DEFAULT_MAX_BYTES) -> list[RawArticle]:
    """Every article in one file; raises IngestError naming the file and the reason."""
    name = str(path)
    p = Path(path)
    if not p.is_file():
        raise IngestError(name, "no such file")
    try:
        size = p.stat().st_size
        if size > max_bytes:
            raise IngestError(
                name, f"file is {size:,} bytes, over the size limit of {max_bytes:,} bytes"
            )
        raw = p.read_bytes()
    except OSError as exc:
        raise IngestError(name, f"cannot be read ({exc.strerror})") from None
    text = decode(raw, name, max_bytes=max_bytes)
    suffix = p.suffix.lower()
    if suffix in JSONL_SUFFIXES:
        articles = list(_read_jsonl(text, name))
        if not articles:
            raise IngestError(name, "no articles in this JSON Lines file")
        return articles
    if suffix in HTML_SUFFIXES:
        return [_read_html(text, name)]
    return [article_from_text(text, name)]
