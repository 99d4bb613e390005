"""Quantities in running text: digits, number words, vague amounts and their qualifiers.

Works on a sequence of word strings (spaCy token texts, or `str.split()` output) so the
figure extractor can run it per sentence without a second parse. A quantity is the
number itself plus the words that qualify it: "at least 18", "more than a thousand",
"between 20 and 30", "dozens". Ordinals ("first", "2nd") are not quantities.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

ONES = {
    "zero": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
}
TENS = {
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fourty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
SCALES = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000}
# Abbreviated scales as news copy writes them after digits ("1.5m", "2 bn").
_SHORT_SCALES = {"m": 1_000_000, "mn": 1_000_000, "bn": 1_000_000_000, "k": 1_000}
# Plural amounts that name no number: the value stays unknown.
VAGUE = frozenset({"dozens", "hundreds", "thousands", "millions", "billions", "scores", "tens"})
# Words that make a following scale word vague too ("several hundred", "a few dozen").
_VAGUE_LEADS = frozenset({"several", "few", "many"})
_SCALE_WORDS = frozenset({*SCALES, "dozen"})

# Words that make a number before them a fraction: "two-thirds", "three quarters".
_FRACTIONS = frozenset(
    {"half", "halves", "third", "thirds", "quarter", "quarters", "fifth", "fifths", "tenths"}
)
_DIGITS = re.compile(r"^\d{1,3}(?:,\d{3})+(?:\.\d+)?$|^\d+(?:\.\d+)?$")
_GROUP3 = re.compile(r"^\d{3}$")
_DIGITS_SCALE = re.compile(r"^(\d+(?:\.\d+)?)(m|mn|bn|k)$")
_DASHES = {"-", "–", "—"}

# Qualifier phrases before a number, longest first within each.
_BEFORE: tuple[tuple[tuple[str, ...], str], ...] = (
    (("no", "fewer", "than"), "at_least"),
    (("no", "less", "than"), "at_least"),
    (("a", "minimum", "of"), "at_least"),
    (("at", "least"), "at_least"),
    (("more", "than"), "more_than"),
    (("over", "than"), "more_than"),
    (("in", "excess", "of"), "more_than"),
    (("upwards", "of"), "more_than"),
    (("upward", "of"), "more_than"),
    (("well", "over"), "more_than"),
    (("over",), "more_than"),
    (("above",), "more_than"),
    (("an", "estimated"), "about"),
    (("approximately",), "about"),
    (("about",), "about"),
    (("around",), "about"),
    (("roughly",), "about"),
    (("some",), "about"),
    (("estimated",), "about"),
    (("approx",), "about"),
    (("approx.",), "about"),
    (("circa",), "about"),
    (("nearly",), "nearly"),
    (("almost",), "nearly"),
    (("close", "to"), "nearly"),
    (("just", "under"), "nearly"),
    (("as", "many", "as"), "up_to"),
    (("up", "to"), "up_to"),
    (("fewer", "than"), "up_to"),
    (("less", "than"), "up_to"),
    (("under",), "up_to"),
    (("at", "most"), "up_to"),
)
# Qualifiers after a number ("100 or more", "50-odd").
_AFTER: tuple[tuple[tuple[str, ...], str], ...] = (
    (("or", "more"), "at_least"),
    (("and", "more"), "at_least"),
    (("or", "so"), "about"),
    (("-", "odd"), "about"),
    (("odd",), "about"),
    (("-", "plus"), "more_than"),
    (("plus",), "more_than"),
)


# Digits beyond this count nothing (no float holds them exactly, "1e400" is infinite, and
# sums of them overflow): such a run of digits is a code or noise, not a number.
_LARGEST = 2.0**53


@dataclass(frozen=True)
class Quantity:
    """A quantity found in a word sequence; indices are word positions, end exclusive."""

    start: int  # first word, qualifier included
    end: int  # after the last word of the number (and of a trailing qualifier)
    num_start: int  # first word of the number itself
    num_end: int
    value: float | None
    value_high: float | None = None
    qualifier: str = "exact"

    @property
    def vague(self) -> bool:
        return self.value is None


def _norm(word: str) -> str:
    return word.lower().strip()


def digits_value(word: str) -> float | None:
    """ "5,800" -> 5800.0; "1.5" -> 1.5; "1.5m" -> 1500000.0; anything else None."""
    w = _norm(word)
    m = _DIGITS_SCALE.match(w)
    if m:
        return float(m.group(1)) * _SHORT_SCALES[m.group(2)]
    if _DIGITS.match(w):
        return float(w.replace(",", ""))
    return None


def is_number_word(word: str) -> bool:
    w = _norm(word)
    return w in ONES or w in TENS or w in SCALES or w == "dozen"


def is_number_start(word: str) -> bool:
    """Whether a word can open a number (digits, number words, vague amounts)."""
    w = _norm(word)
    return digits_value(w) is not None or is_number_word(w) or w in VAGUE


def _words_value(words: Sequence[str]) -> float | None:
    """Value of number words, e.g. ["twenty", "six"], ["a", "hundred", "and", "five"]."""
    total = 0.0
    current = 0.0
    seen = False
    for raw in words:
        w = _norm(raw)
        if w in ("a", "an", "one") and not seen:
            current = 1.0
            seen = True
        elif w in ONES:
            current += ONES[w]
            seen = True
        elif w in TENS:
            current += TENS[w]
            seen = True
        elif w == "dozen":
            current = (current or 1.0) * 12
            seen = True
        elif w == "hundred":
            current = (current or 1.0) * 100
            seen = True
        elif w in SCALES:
            total += (current or 1.0) * SCALES[w]
            current = 0.0
            seen = True
        elif w in _DASHES or w == "and":
            continue
        elif (d := digits_value(w)) is not None:
            current += d
            seen = True
        else:
            return None
    return total + current if seen else None


def _read_number(words: Sequence[str], i: int) -> tuple[int, float | None, bool] | None:
    """Read one number starting at word i: (end, value, vague), or None if none starts here.

    Handles "5,800", "1 300", "1.5 million", "a thousand", "twenty-six",
    "hundred and five", "two dozen", "dozens", "tens of thousands", "several hundred".
    """
    n = len(words)
    w = _norm(words[i])
    # Vague amounts, possibly chained: "tens of thousands", "hundreds of thousands".
    if w in VAGUE or (w in _VAGUE_LEADS and i + 1 < n and _norm(words[i + 1]) in _SCALE_WORDS):
        j = i + 1 if w in VAGUE else i + 2
        while j + 1 < n and _norm(words[j]) == "of" and _norm(words[j + 1]) in VAGUE - {"scores"}:
            j += 2
        return j, None, True
    # "half a dozen", "half a million": half of one scale word.
    if (
        w == "half"
        and i + 2 < n
        and _norm(words[i + 1]) in ("a", "an")
        and _norm(words[i + 2]) in _SCALE_WORDS
    ):
        scale = _norm(words[i + 2])
        return i + 3, (12 if scale == "dozen" else SCALES[scale]) / 2, False
    start = i
    if w in ("a", "an"):
        if i + 1 < n and _norm(words[i + 1]) in _SCALE_WORDS:
            i += 1
        else:
            return None
    first = _norm(words[i])
    if digits_value(first) is None and not is_number_word(first):
        return None
    j = i + 1
    value = digits_value(first)
    if value is not None:
        # "1 300": space-separated thousands groups, as French or Russian copy writes them.
        if re.match(r"^\d{1,3}$", first):
            while j < n and _GROUP3.match(words[j]):
                value = value * 1000 + float(words[j])
                j += 1
        if j < n and _norm(words[j]) in SCALES:
            value *= SCALES[_norm(words[j])]
            j += 1
        elif j < n and _norm(words[j]) in _SHORT_SCALES and j == i + 1:
            value *= _SHORT_SCALES[_norm(words[j])]
            j += 1
        return (j, value, False) if value <= _LARGEST else None
    # Number words: extend over further number words joined by dashes or "and".
    while j < n:
        nxt = _norm(words[j])
        if is_number_word(nxt):
            j += 1
        elif (
            nxt in _DASHES
            and j + 1 < n
            and is_number_word(words[j + 1])
            and _norm(words[j - 1]) in TENS
        ) or (
            nxt == "and"
            and j + 1 < n
            and (_norm(words[j - 1]) in SCALES)
            and (_norm(words[j + 1]) in ONES or _norm(words[j + 1]) in TENS)
        ):
            j += 2
        else:
            break
    value = _words_value(words[start:j])
    if value is None or value > _LARGEST:
        return None
    return j, value, False


def _match_before(words: Sequence[str], i: int) -> tuple[int, str]:
    """Qualifier words that end just before word i: (their first index, qualifier)."""
    for phrase, qual in _BEFORE:
        k = len(phrase)
        if i - k >= 0 and tuple(_norm(w) for w in words[i - k : i]) == phrase:
            return i - k, qual
    return i, "exact"


def _match_after(words: Sequence[str], j: int) -> tuple[int, str | None]:
    for phrase, qual in _AFTER:
        k = len(phrase)
        if tuple(_norm(w) for w in words[j : j + k]) == phrase:
            return j + k, qual
    return j, None


def _read_range_end(
    words: Sequence[str], num_start: int, end: int, value: float
) -> tuple[int, float] | None:
    """The high end of "20 to 30", "20-30", "two or three", "between 20 and 30"."""
    n = len(words)
    if end + 1 >= n:
        return None
    link = _norm(words[end])
    if link not in ("and", "to", "or", *_DASHES):
        return None
    if link == "and" and not (num_start > 0 and _norm(words[num_start - 1]) == "between"):
        return None
    second = _read_number(words, end + 1)
    if second is None or second[1] is None or second[1] <= value:
        return None
    return second[0], second[1]


def scan_quantities(words: Sequence[str]) -> list[Quantity]:
    """Every quantity in a word sequence, left to right, without overlaps."""
    out: list[Quantity] = []
    n = len(words)
    i = 0
    while i < n:
        read = _read_number(words, i)
        if read is None:
            i += 1
            continue
        num_end, value, vague = read
        # "two-thirds of the residents", "three quarters": a fraction, not a count.
        k = num_end + 1 if num_end < n and words[num_end] in _DASHES else num_end
        if not vague and k < n and _norm(words[k]) in _FRACTIONS:
            i = k + 1
            continue
        end = num_end
        q_start, qual = _match_before(words, i)
        high: float | None = None
        ranged = None if value is None else _read_range_end(words, i, num_end, value)
        if ranged is not None:
            num_end = end = ranged[0]
            high = ranged[1]
            qual = "range"
            if i > 0 and _norm(words[i - 1]) in ("between", "from"):
                q_start = i - 1
        elif vague:
            qual = "about" if qual == "exact" else qual
        else:
            after_end, after_qual = _match_after(words, num_end)
            if after_qual and qual == "exact":
                qual, end = after_qual, after_end
            # "a dozen", "half a dozen", "half a million" are round numbers: about.
            round_words = (_norm(words[i]) == "half") or (
                _norm(words[num_end - 1]) == "dozen" and value == 12
            )
            if qual == "exact" and round_words:
                qual = "about"
        out.append(Quantity(q_start, end, i, num_end, value, high, qual))
        i = end
    return out


def parse_quantity(text: str) -> Quantity | None:
    """The first quantity in a short phrase: "more than 1,300" -> value 1300, more_than."""
    words = re.findall(r"\d[\d,.]*\d[A-Za-z]*|\d[A-Za-z]*|[A-Za-z]+\.?|[-–—]", text)
    words = [w.rstrip(".") if not w[0].isdigit() and w.lower() != "approx." else w for w in words]
    found = scan_quantities(words)
    return found[0] if found else None
