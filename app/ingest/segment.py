"""Paragraphs and sentences as character offsets into a body.

The sentence splitter is rule-based on purpose: translated news glues quote marks
to words (`criminals»Killed`) and mixes « » “ ” ", which trips statistical
splitters; a boundary here is terminal punctuation, optional closing quotes or
brackets, white space, then something that can open a sentence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_CLOSERS = "\"'”’»)]"
_OPENERS = "\"'“‘«(["
# Words after which a full stop rarely ends a sentence in news copy.
_ABBREVIATIONS = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "dr",
        "prof",
        "gen",
        "col",
        "lt",
        "sgt",
        "capt",
        "maj",
        "cmdr",
        "adm",
        "gov",
        "sen",
        "rep",
        "st",
        "jr",
        "sr",
        "vs",
        "etc",
        "no",
        "nos",
        "fig",
        "approx",
        "dept",
        "inc",
        "ltd",
        "co",
        "corp",
        "jan",
        "feb",
        "mar",
        "apr",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "u.s",
        "u.k",
        "u.n",
        "e.g",
        "i.e",
        "a.m",
        "p.m",
    ]
)
_BOUNDARY = re.compile(
    rf"(?P<end>[.!?…]+(?:\s?[{re.escape(_CLOSERS)}])*)"
    rf"(?P<gap>\s+)(?=[{re.escape(_OPENERS)}]*[A-Z0-9À-ÖØ-Þ])"
)
# Scraped copy loses the space between sentences ("at the scene.Police said"); a stop
# glued between a word of three letters or more and a capitalised word still ends one.
# Domains ("example.com") and initials ("J.R.") keep their stops.
_GLUED = re.compile(
    r"(?<=[A-Za-z][a-z]{2})(?P<end>[.!?](?:[\"”’»)])?)(?P<gap>)(?=[A-Z](?:[a-z]+\b|\s))"
)
_HEADING_MAX_WORDS = 12


@dataclass(frozen=True)
class Block:
    start: int
    end: int
    kind: str  # text | heading


def is_heading(line: str) -> bool:
    """A short line without closing punctuation reads as a section heading."""
    stripped = line.strip()
    if not stripped or len(stripped.split()) > _HEADING_MAX_WORDS:
        return False
    return stripped[-1] not in ".!?:;,…\"”»'’)"


def paragraphs(body: str) -> list[Block]:
    """One block per non-empty line of the body."""
    blocks: list[Block] = []
    for match in re.finditer(r"[^\n]+", body):
        text = match.group()
        lead = len(text) - len(text.lstrip())
        trail = len(text.rstrip())
        if trail <= lead:
            continue
        kind = "heading" if is_heading(text) else "text"
        blocks.append(Block(match.start() + lead, match.start() + trail, kind))
    return blocks


# An abbreviation is a short word: the word before a stop is looked for this far back only,
# or a paragraph of thousands of sentences would be scanned from its start at every stop.
_WORD_WINDOW = 64


def _is_abbreviation(text: str, dot_at: int) -> bool:
    word = re.search(r"([\w.]+)$", text[max(0, dot_at - _WORD_WINDOW) : dot_at])
    if not word:
        return False
    token = word.group(1).lower().rstrip(".")
    if token in _ABBREVIATIONS:
        return True
    # A lone capital before the stop is an initial ("J. Smith").
    return len(token) == 1 and text[dot_at - 1].isupper()


def sentences(body: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Sentence spans within body[start:end], stripped of surrounding space."""
    stop = len(body) if end is None else end
    chunk = body[start:stop]
    spans: list[tuple[int, int]] = []
    cursor = 0
    found = [*_BOUNDARY.finditer(chunk), *_GLUED.finditer(chunk)]
    for match in sorted(found, key=lambda m: m.start()):
        dot_at = match.start("end")
        if chunk[dot_at] == "." and _is_abbreviation(chunk, dot_at):
            continue
        spans.append((cursor, match.end("end")))
        cursor = match.end("gap")
    spans.append((cursor, len(chunk)))
    out: list[tuple[int, int]] = []
    for s, e in spans:
        piece = chunk[s:e]
        lead = len(piece) - len(piece.lstrip())
        trail = len(piece.rstrip())
        if trail > lead:
            out.append((start + s + lead, start + s + trail))
    return out


def segment(body: str) -> tuple[list[Block], list[tuple[int, int]]]:
    """Paragraph blocks and the sentences inside them, in order."""
    blocks = paragraphs(body)
    sents: list[tuple[int, int]] = []
    for block in blocks:
        sents.extend(sentences(body, block.start, block.end))
    return blocks, sents
