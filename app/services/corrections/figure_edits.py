"""A figure corrected field by field, marked a part of another, or added where the extractor
missed it: checked here, recorded as corrections (record.py), laid on by figures.py."""

from __future__ import annotations

import json
from dataclasses import dataclass

from sqlmodel import Session, select

from app.extract.figure_lexicon import ARRESTED_WORDS, INJURED_WORDS, KILLED_WORDS, words
from app.extract.numbers import parse_quantity
from app.models import Article, Figure
from app.services.corrections.apply import apply_corrections
from app.services.corrections.figures import (
    EVENTS,
    FIGURE_FIELDS,
    MEASURES,
    normal,
    sentence_around,
    value_text,
)
from app.services.corrections.keys import anchor_of, figure_target
from app.services.corrections.record import CorrectionError, record

_LONGEST = {"group": 100, "place": 100, "source": 200}
# A missed figure is a few words: a selection longer than this is a slip of the mouse.
MAX_ADDED_CHARS = 200


@dataclass
class FigureInput:
    value: str = ""
    measure: str = "other"
    group: str = "total"
    place: str = ""
    source: str = "unknown"
    event: str = "this"

    @classmethod
    def of(cls, figure: Figure) -> FigureInput:
        return cls(
            value=value_text(figure.value, figure.value_high),
            measure=figure.measure,
            group=figure.group,
            place=figure.place or "",
            source=figure.source,
            event=figure.event,
        )

    def checked(self) -> dict[str, str | None]:
        """Each field as stored, or CorrectionError saying what is wrong."""
        out: dict[str, str | None] = {}
        for name in FIGURE_FIELDS:
            given = " ".join(str(getattr(self, name)).split())
            if len(given) > _LONGEST.get(name, 40):
                raise CorrectionError(f"The {name} is too long.")
            try:
                out[name] = normal(name, given)
            except ValueError:
                raise CorrectionError(
                    f"{given!r} is not a number: write it in digits, e.g. 12 or 10-12."
                ) from None
        if out["measure"] not in MEASURES:
            raise CorrectionError(f"The measure is one of {', '.join(MEASURES)}.")
        if out["event"] not in EVENTS:
            raise CorrectionError("The event is this one or another.")
        return out


def _article_of(session: Session, figure: Figure) -> Article:
    article = session.get(Article, figure.article_id)
    if article is None:
        raise CorrectionError(f"no article with id {figure.article_id}")
    return article


def correct_figure(
    session: Session,
    figure: Figure,
    given: FigureInput,
    *,
    part_of: int | None = None,
    author: str = "",
) -> list[str]:
    """Record the fields the reader changed (and the whole it is a part of); returns their
    names, empty when nothing changed."""
    fields = given.checked()
    article = _article_of(session, figure)
    target = figure_target(article.content_hash, anchor_of(figure))
    now = FigureInput.of(figure).checked()
    changed = [name for name in FIGURE_FIELDS if fields[name] != now[name]]
    for name in changed:
        record(session, target, name, fields[name], author)
    if part_of is not None:
        whole = session.get(Figure, part_of)
        if whole is None or whole.article_id != figure.article_id or whole.id == figure.id:
            raise CorrectionError("A figure is a part of another figure of the same article.")
        record(session, target, "part_of", anchor_of(whole), author)
        changed.append("part_of")
    if changed:
        apply_corrections(session)
    return changed


@dataclass
class MissedFigure:
    """What the form to add a missed figure starts from: the words and a first guess."""

    article: Article
    start: int
    end: int
    text: str
    before: str  # the sentence up to the words
    after: str  # and from them on
    guess: FigureInput

    @property
    def sentence(self) -> str:
        return self.before + self.text + self.after


def find_span(article: Article, start: int | None, end: int | None, quote: str) -> tuple[int, int]:
    """The selected words in the body: at the offsets given when they hold the quote, else the
    quote's first place in the body at or after `start` (else anywhere)."""
    body = article.body
    quote = " ".join(quote.split())
    if start is not None and end is not None and 0 <= start < end <= len(body):
        piece = body[start:end]
        if not quote or " ".join(piece.split()) == quote:
            lead = len(piece) - len(piece.lstrip())
            return start + lead, start + lead + len(piece.strip())
    if not quote:
        raise CorrectionError("Select the words of the figure in the article first.")
    found = body.find(quote, max(start or 0, 0))
    if found < 0:
        found = body.find(quote)
    if found < 0:
        raise CorrectionError("Those words are not in the article's text.")
    return found, found + len(quote)


def missed_figure(
    session: Session, article: Article, start: int | None, end: int | None, quote: str
) -> MissedFigure:
    """The form's first state for the words the reader selected."""
    begin, stop = find_span(article, start, end, quote)
    if stop - begin > MAX_ADDED_CHARS:
        raise CorrectionError(f"Select a few words, not more than {MAX_ADDED_CHARS} characters.")
    text = article.body[begin:stop]
    assert article.id is not None
    around = sentence_around(session, article.id, begin, stop, len(article.body))
    sentence = article.body[around[0] : around[1]]
    before, after = article.body[around[0] : begin].lstrip(), article.body[stop : around[1]]
    quantity = parse_quantity(text)
    seen = words(sentence.lower())
    measure = next(
        (
            m
            for m, lexicon in (
                ("killed", KILLED_WORDS),
                ("injured", INJURED_WORDS),
                ("arrested", ARRESTED_WORDS),
            )
            if seen & lexicon
        ),
        "other",
    )
    guess = FigureInput(
        value=value_text(quantity.value, quantity.value_high) if quantity else "",
        measure=measure,
    )
    return MissedFigure(article, begin, stop, text, before, after.rstrip(), guess)


def add_figure(
    session: Session,
    article: Article,
    start: int,
    end: int,
    given: FigureInput,
    author: str = "",
) -> Figure:
    """Record a figure the extractor missed and lay it on; returns its row."""
    if not 0 <= start < end <= len(article.body) or end - start > MAX_ADDED_CHARS:
        raise CorrectionError("Select the words of the figure in the article's text.")
    fields = given.checked()
    taken = session.exec(
        select(Figure).where(Figure.article_id == article.id, Figure.start == start)
    ).first()
    if taken is not None and not taken.in_title and not taken.derived:
        raise CorrectionError("A figure starts there already: correct that one instead.")
    target = figure_target(article.content_hash, start)
    payload = {"end": end, "text": article.body[start:end], **fields}
    record(session, target, "added", json.dumps(payload, sort_keys=True), author)
    apply_corrections(session)
    added = next(
        (
            f
            for f in session.exec(select(Figure).where(Figure.article_id == article.id))
            if anchor_of(f) == str(start)
        ),
        None,
    )
    if added is None:
        raise CorrectionError("The figure could not be added there.")
    return added
