"""Which event a figure belongs to, and what the text says of its standing: an addition to
a toll ("three more bodies"), a count of another event, a retracted or disputed figure.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence

from spacy.tokens import Doc, Span

from app.extract.nlp import doc_text
from app.extract.types import FoundFigure

_TOLLS = frozenset({"killed", "injured", "arrested"})
_MORE_AFTER = re.compile(
    r"^\S+(?:\s+\S+)?\s+(?:more|additional|further|other)\s+(?!than\b)[a-z]", re.I
)
_ANOTHER_BEFORE = re.compile(r"\b(?:another|a\s+further|an\s+additional)\s+$", re.I)


def is_increment(text: str, figure: FoundFigure) -> bool:
    """ "three more bodies", "another 40 people": an addition to a count, not the count."""
    # Tolls are cumulative, so an increment must not pass for one; troop numbers are reported
    # as additions as often as not, and stay as they are.
    if (
        figure.measure not in _TOLLS
        or figure.value is None
        or figure.group.startswith("additional")
    ):
        return False
    before = text[max(0, figure.start - 20) : figure.start]
    return bool(_MORE_AFTER.match(figure.text) or _ANOTHER_BEFORE.search(before))


def mark_events(
    doc: Doc,
    spans: Sequence[Span],
    figures: list[FoundFigure],
    *,
    article_date: dt.date | None,
) -> None:
    """Each figure's event (this one or another) and status, from its sentence and the
    article around it; `spans` are the article's sentences."""
    text = doc_text(doc)
    for figure in figures:
        if is_increment(text, figure):
            figure.group = f"additional {figure.group}"
