"""Files to clean articles, one reader per input format of SPEC.md."""

from __future__ import annotations

import datetime as dt
import errno
import json
import os
import re
import stat
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from app.ingest import metadata as meta
from app.ingest.caption_date import caption_date
from app.ingest.decode import decode, too_big
from app.ingest.errors import IngestError
from app.ingest.furniture import sort_lines
from app.ingest.headline import repeats_title
from app.ingest.sources import (
    date_from_url,
    dateline_date,
    dateline_outlet,
    is_url_line,
    outlet_from_url,
    without_dateline,
)
from app.ingest.stamps import find_stamp, without_stamps

DEFAULT_MAX_BYTES = 20 * 1024 * 1024
_DATE_LINE = re.compile(r"^\s*date\s+(?P<date>\d{4}-\d{2}-\d{2})\b[ \t]*(?P<rest>.*)$")
_HEADER_KEY = re.compile(r"^(?P<key>title|outlet|date|url)\s*:\s*(?P<value>.*)$", re.I)
TEXT_SUFFIXES = {".txt", ".text", ".md", ""}
HTML_SUFFIXES = {".html", ".htm"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
_MIN_HTML_WORDS = 8
# The longest reports (live pages, transcripts) run to a few thousand paragraphs; a text of a
# million lines is a list or a log, and would keep the extractor busy for an hour.
MAX_LINES = 20_000


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
    date_basis: str = "none"  # header | posted-line | dateline | url | html-meta | caption | none
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
    page_date: dt.date | None = None,
) -> RawArticle:
    """Build an article from plain text, reading whatever metadata it states; `page_date`
    is the date an HTML page's metadata gives, the least trusted."""
    lines = text.split("\n")
    filled = sum(1 for x in lines if x.strip())
    if filled > MAX_LINES:
        raise IngestError(
            source_file,
            f"{filled:,} lines of text, more than an article has (at most {MAX_LINES:,}):"
            " a list or a log rather than an article?",
        )
    given, lines = _header(lines) if header is None else (header, lines)
    art = RawArticle(source_file=source_file, body="")
    line_date: dt.date | None = None
    if lines and (m := _DATE_LINE.match(lines[0])):
        line_date = meta.parse_iso(m["date"])
        lines[0] = m["rest"]
    url = given.get("url") or None
    if any(is_url_line(x) for x in lines):
        # An address copied with the text is its URL, not a line of the article.
        url = url or next(x.strip() for x in lines if is_url_line(x))
        lines = [x for x in lines if not is_url_line(x)]
    stamp = find_stamp(lines, near=line_date)
    if stamp:
        lines = without_stamps(lines, stamp)
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
    elif len(body_lines) > 1 and meta.is_headline(body_lines[0]) and _stands_alone(lines):
        art.title, art.title_basis = body_lines[0], "inferred"
        body_lines = body_lines[1:]
    art.body = "\n\n".join(body_lines)
    if not art.body.strip():
        raise IngestError(source_file, "no article text found")
    if not art.title:
        art.title, art.title_basis = meta.title_from_body(without_dateline(art.body)), "inferred"
    art.captions = sorted_lines.captions
    art.url = url
    art.outlet, art.outlet_basis = _outlet(given, sorted_lines.outlet_from_logos(), body_lines, url)
    given_date = None
    if given.get("date"):
        try:
            given_date = meta.stated_date(given["date"])
        except ValueError as exc:
            raise IngestError(source_file, f"date {exc}") from None
    art.date, art.date_basis = _first_date(
        ("header", given_date),
        # The text's own "posted on" beats a date line, which may be the retrieval day.
        ("posted-line", stamp.date if stamp else None),
        ("header", line_date),
        ("dateline", dateline_date(body_lines)),
        ("url", date_from_url(url) if url else None),
        ("html-meta", page_date),
        ("caption", caption_date(art.captions, art.body)),
    )
    art.language = meta.guess_language(art.body)
    return art


def _first_date(*candidates: tuple[str, dt.date | None]) -> tuple[dt.date | None, str]:
    """The most trusted date there is, and where it came from."""
    for basis, day in candidates:
        if day is not None:
            return day, basis
    return None, "none"


def _outlet(
    given: dict[str, str], logo: str | None, body_lines: list[str], url: str | None
) -> tuple[str | None, str]:
    """The outlet a header names, else its logo, its dateline ("(AP) —"), its URL's domain."""
    if given.get("outlet"):
        return given["outlet"], "stated"
    found = logo or dateline_outlet(body_lines) or (outlet_from_url(url) if url else None)
    return (found, "inferred") if found else (None, "unknown")


def _stands_alone(lines: list[str]) -> bool:
    """A headline stands alone: an empty line follows it, or a line that ends a sentence
    (texts copied one sentence a line)."""
    nonempty = [i for i, x in enumerate(lines) if x.strip()]
    if len(nonempty) < 2:
        return False
    i, j = nonempty[0], nonempty[1]
    return j > i + 1 or lines[j].rstrip().endswith((".", "!", "?", '"', "”", "’", "'"))


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
            ("url", getattr(doc, "url", None)),
        )
        if value
    }
    return article_from_text(body, source_file, header=header, page_date=_meta_date(text))


def _meta_date(page: str) -> dt.date | None:
    """The publication date the page's metadata gives (`article:published_time` and the
    like), never a date its text mentions."""
    import lxml.html
    from htmldate import find_date

    try:
        # A parsed tree, never a string: given one that looks like an address, htmldate
        # would fetch it.
        tree = lxml.html.fromstring(page.encode("utf-8"))
        found = find_date(tree, extensive_search=False, original_date=True)
    except (ValueError, TypeError):
        return None
    return meta.parse_iso(found) if found else None


def jsonl_records(
    text: str, source_file: str
) -> Iterator[tuple[int, dict[str, Any] | IngestError]]:
    """Each non-empty line of a JSON Lines file with its number (from 1): the object it
    holds, or the error that names the line and says why it is no article."""
    for n, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        name = f"{source_file}#{n}"
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            yield n, IngestError(name, f"line {n} is not valid JSON ({exc.msg})")
            continue
        if not isinstance(obj, dict):
            yield n, IngestError(name, f"line {n} is not a JSON object")
            continue
        problem = _text_problem(obj)
        if problem:
            yield n, IngestError(name, f"line {n} {problem}")
            continue
        yield n, obj


_JSON_TYPES = {bool: "true or false", int: "a number", float: "a number", list: "a list"}
# A lone half of a UTF-16 surrogate pair: JSON may escape one ("\ud800"), no text holds one;
# and a NUL ("\u0000"), which no PostgreSQL text holds and which cuts an SQLite text short.
_SURROGATE = re.compile("[\ud800-\udfff\x00]")


def _text_problem(obj: dict[str, Any]) -> str | None:
    """Why an object's "text" is no article text, in the words of what it holds."""
    if "text" not in obj:
        return 'has no "text"'
    body = obj["text"]
    if body is None:
        return 'has "text": null, not the article\'s text'
    if not isinstance(body, str):
        kind = _JSON_TYPES.get(type(body), "an object")
        return f'has "text": {json.dumps(body)[:40]}, {kind} and not the article\'s text'
    if not body.strip():
        return 'has an empty "text"'
    return None


def _clean(value: Any) -> str:
    """A JSON string as text: a lone surrogate (a character cut in half) or a NUL becomes
    U+FFFD, as a decoder reads bytes that are no character."""
    return _SURROGATE.sub("\ufffd", str(value))


def article_from_record(obj: dict[str, Any], source_file: str) -> RawArticle:
    """The article of one JSON Lines object (checked by jsonl_records)."""
    header = {k: _clean(obj[k]) for k in ("title", "outlet", "date", "url") if obj.get(k)}
    return article_from_text(_clean(obj["text"]), source_file, header=header)


def read_text(path: str | Path, *, max_bytes: int = DEFAULT_MAX_BYTES) -> str:
    """A file's text; raises IngestError naming the file when it is missing, unreadable, too
    big, empty, binary or undecodable."""
    name = str(path)
    try:
        # Asked before opening: opening a pipe would wait for a writer.
        info = os.stat(path)
        if not stat.S_ISREG(info.st_mode):
            raise IngestError(name, "not a file (a folder, pipe or device)")
        if info.st_size > max_bytes:
            raise IngestError(name, too_big(info.st_size, max_bytes))
        with open(path, "rb") as f:
            raw = f.read(max_bytes + 1)  # a file still growing is read no further
    except OSError as exc:
        raise IngestError(name, _unreadable(path, exc)) from None
    # A NUL past the first bytes that decode() looks at for binary files: no character.
    return decode(raw, name, max_bytes=max_bytes).replace("\x00", "\ufffd")


def _unreadable(path: str | Path, exc: OSError) -> str:
    """Why a file cannot be opened, in plain words."""
    if exc.errno == errno.ELOOP:
        return "a loop of symbolic links, with no file at its end"
    if exc.errno in (errno.ENOENT, errno.ENOTDIR):
        return "a symbolic link to no file" if os.path.islink(path) else "no such file"
    if exc.errno in (errno.EACCES, errno.EPERM):
        return "cannot be read: permission denied"
    return f"cannot be read ({exc.strerror or exc})"


def is_jsonl(path: str | Path) -> bool:
    return Path(path).suffix.lower() in JSONL_SUFFIXES


def read_path(path: str | Path, *, max_bytes: int = DEFAULT_MAX_BYTES) -> list[RawArticle]:
    """Every article in one file; raises IngestError naming the file (and for JSON Lines
    the first bad line) and the reason."""
    name = str(path)
    text = read_text(path, max_bytes=max_bytes)
    if is_jsonl(path):
        articles = []
        for n, found in jsonl_records(text, name):
            if isinstance(found, IngestError):
                raise found
            articles.append(article_from_record(found, f"{name}#{n}"))
        if not articles:
            raise IngestError(name, "no articles in this JSON Lines file")
        return articles
    if Path(path).suffix.lower() in HTML_SUFFIXES:
        return [_read_html(text, name)]
    return [article_from_text(text, name)]
