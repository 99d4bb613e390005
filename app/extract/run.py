"""All extractors over one article: the parse is made once and shared."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

from spacy.tokens import Doc

from app.extract.actors import find_actors
from app.extract.dates import find_dates, infer_article_date
from app.extract.figures import find_figures
from app.extract.nlp import get_nlp
from app.extract.places import find_places, main_country
from app.extract.statements import find_statements
from app.extract.types import (
    FoundDate,
    FoundFigure,
    FoundMention,
    FoundPlace,
    FoundStatement,
)

# Below this many articles, forking a second spaCy process costs more than it saves.
_PARALLEL_FROM = 48


@dataclass
class Extraction:
    figures: list[FoundFigure] = field(default_factory=list)
    statements: list[FoundStatement] = field(default_factory=list)
    actors: list[FoundMention] = field(default_factory=list)
    place_mentions: list[FoundMention] = field(default_factory=list)
    places: list[FoundPlace] = field(default_factory=list)
    dates: list[FoundDate] = field(default_factory=list)
    inferred_date: dt.date | None = None


def extract(
    doc: Doc, sentences: Sequence[tuple[int, int]], *, article_date: dt.date | None
) -> Extraction:
    """Every family of claims in one parsed body."""
    out = Extraction()
    out.place_mentions, out.places = find_places(doc)
    out.dates = find_dates(doc, article_date)
    if article_date is None:
        out.inferred_date = infer_article_date(out.dates)
        if out.inferred_date is not None:
            # Relative dates ("on Saturday") resolve only once the article has a date.
            out.dates = find_dates(doc, out.inferred_date)
    out.actors = find_actors(doc)
    out.statements = find_statements(doc, sentences)
    out.figures = find_figures(
        doc,
        sentences,
        places=out.place_mentions,
        default_place=main_country(out.place_mentions),
        article_date=article_date or out.inferred_date,
    )
    return out


def parse_many(bodies: Sequence[str], *, model: str) -> Iterator[Doc]:
    """Parse bodies in order, on both cores when there are enough of them."""
    nlp = get_nlp(model)
    processes = 2 if len(bodies) >= _PARALLEL_FROM else 1
    yield from nlp.pipe(bodies, batch_size=16, n_process=processes)
