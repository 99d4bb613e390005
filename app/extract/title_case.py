"""A headline in Title Case, read as the sentence it is.

"Three People Dead After Shooting At Birthday Party": the small English model takes every
capitalised word for a name, so "People" and "Dead" become a proper noun phrase and the
count is lost. The article itself tells which words are names: a word the body writes in
capitals in the middle of a sentence is one ("Bozeman", "Smith"); a word it writes in lower
case is not; a word it never uses is a name unless English knows it as a verb or an
adjective ("Dead", "Killed"; app/extract/vocabulary.py). The result has the same length as
the title, so offsets into it are offsets into the title.
"""

from __future__ import annotations

import re

from app.extract.figure_people import VICTIM_NOUNS
from app.extract.figure_perpetrator import PERPETRATORS

_WORD = re.compile(r"[A-Za-z][a-z'’]*")
_TITLE_WORD = re.compile(r"^[A-Z][a-z'’]+$")
# Short words a Title Case headline capitalises too.
_SMALL = frozenset(
    {"a", "an", "and", "as", "at", "but", "by", "for", "from", "in", "into", "of", "on"}
    | {"or", "over", "the", "to", "up", "with"}
)
_SENTENCE_END = re.compile(r"[.!?:\"“”]\s*$|^\s*$")
# Words for a person, as a headline opens with one ("Man", "Teen", "Gunman").
PERSON_NOUNS = VICTIM_NOUNS | PERPETRATORS
# The subject's predicate after it: "Husband suspected of ...", "Teen dies".
_LOWER_NEXT = re.compile(r"^ [a-z]")
_SUFFIXES = ("ing", "ed", "es", "s", "d", "ly")  # "ly": "Fatally", "Critically"


def _is_title_case(words: list[str]) -> bool:
    long = [w for w in words[1:] if w.lower() not in _SMALL]
    capital = sum(1 for w in long if w[0].isupper())
    return len(long) >= 2 and capital >= 0.8 * len(long)


def _body_usage(body: str) -> tuple[set[str], set[str]]:
    """Words the body writes capitalised mid-sentence, and words it writes in lower case."""
    names: set[str] = set()
    lower: set[str] = set()
    for m in _WORD.finditer(body):
        w = m.group()
        if w.islower():
            lower.add(w)
        elif not _SENTENCE_END.search(body[max(0, m.start() - 3) : m.start()]):
            names.add(w)
    return names, lower


def _known(word: str, vocab: frozenset[str]) -> bool:
    if word in vocab:
        return True
    return any(
        word.endswith(s) and (word[: -len(s)] in vocab or word[: -len(s)] + "e" in vocab)
        for s in _SUFFIXES
    )


def _person_first(title: str, names: set[str]) -> str:
    """ "Husband suspected of killing wife dies": a headline written as a sentence still
    capitalises its first word, and the model takes a capitalised person noun there for a
    name, losing its verb. A word for a person followed by a word in lower case is lowered,
    unless the body writes it in capitals mid-sentence, as a name ("Officer Jane Roe" heads
    a name; "Man, woman killed", a list of bare nouns, is read as it stands)."""
    out = list(title)
    for m in _WORD.finditer(title):
        w, low = m.group(), m.group().lower()
        first = bool(_SENTENCE_END.search(title[: m.start()]))
        person = low in PERSON_NOUNS or (low.endswith("s") and low[:-1] in PERSON_NOUNS)
        verb_next = bool(_LOWER_NEXT.match(title[m.end() :]))
        if first and w[0].isupper() and person and verb_next and w not in names:
            out[m.start()] = low[0]
    return "".join(out)


def sentence_case(title: str, body: str, vocab: frozenset[str]) -> str:
    """The title with its Title Case common words in lower case (same length)."""
    words = _WORD.findall(title)
    names, lower = _body_usage(body)
    if not _is_title_case(words):
        return _person_first(title, names)
    out = list(title)
    kept_next = False  # the word after this one stays a name: "Fort Washington"
    for m in reversed(list(_WORD.finditer(title))):
        w = m.group()
        gap = title[m.end() : m.end() + 1]
        low = w.lower()
        first = bool(_SENTENCE_END.search(title[: m.start()]))
        if first and w not in names and low in lower:
            # A first word the body writes in lower case: "Mother, toddler killed".
            out[m.start()] = low[0]
            kept_next = False
            continue
        if first or not _TITLE_WORD.match(w):
            kept_next = w[0].isupper()
            continue
        common = low in _SMALL or low in lower or _known(low, vocab)
        if w in names or (kept_next and gap == " " and low not in _SMALL):
            kept_next = True  # a name the body writes, and the words of a name run before it
            continue
        if not common:
            kept_next = False
            continue
        out[m.start()] = low[0]
        kept_next = False
    return "".join(out)
