"""All extractors over one article: the parse is made once and shared."""

from __future__ import annotations

import datetime as dt
import os
import re
from abc import ABC, abstractmethod
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field, replace
from itertools import pairwise
from multiprocessing import get_context
from typing import Self

from spacy.language import Language
from spacy.tokens import Doc

from app.extract.actors import find_actors
from app.extract.dates import find_dates
from app.extract.figure_survivors import article_injured
from app.extract.figure_title import title_events
from app.extract.figures import find_figures
from app.extract.nlp import doc_text, get_nlp, parse
from app.extract.place_names import surnames
from app.extract.places import find_places, main_country, merge_places
from app.extract.statements import find_statements
from app.extract.title_case import sentence_case
from app.extract.types import (
    FoundDate,
    FoundFigure,
    FoundMention,
    FoundPlace,
    FoundStatement,
)
from app.extract.vocabulary import common_words
from app.ingest.metadata import is_news_day
from app.orphans import die_with_parent

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


def extract(
    doc: Doc,
    sentences: Sequence[tuple[int, int]],
    *,
    article_date: dt.date | None,
    title_doc: Doc | None = None,
    title_case_doc: Doc | None = None,
) -> Extraction:
    """Every family of claims in one parsed body, and the places and figures of its parsed
    title; `title_case_doc`, the title as a sentence (app/extract/title_case.py), is read for
    figures where given, its capitals kept for places."""
    out = Extraction()
    if article_date is not None and not is_news_day(article_date):
        # A stored date may come from elsewhere (a reader's correction): one at the calendar's
        # ends resolves no "yesterday", as if the article were undated.
        article_date = None
    out.place_mentions, out.places = find_places(doc)
    out.dates = find_dates(doc, article_date)
    out.actors = find_actors(doc)
    out.statements = find_statements(doc, sentences)
    country = main_country(out.place_mentions)
    out.figures = find_figures(
        doc, sentences, places=out.place_mentions, default_place=country, article_date=article_date
    )
    if title_doc is not None:
        title_mentions, title_places = find_places(title_doc, frozenset(surnames(doc)))
        # A headline often names the town its story happened in and the body never does
        # again ("... shot in Dayton"): the article is listed under it too.
        out.place_mentions += [replace(m, in_title=True) for m in title_mentions]
        out.places = merge_places(out.places, title_places)
        out.figures += title_figures(
            title_case_doc or title_doc,
            len(out.figures),
            title_mentions,
            default_place=country,
            article_date=article_date,
        )
        title_events(out.figures)
    # Who lived is the whole report's to say, its title's included.
    title = doc_text(title_doc) if title_doc is not None else ""
    out.figures += article_injured(doc_text(doc), title, out.figures)
    return out


# A semicolon between two clauses of a headline ("Man Shot; Suspect Dead"): each clause
# tells the fate of its own subject, as two sentences would.
_CLAUSE_BREAK = re.compile(r"(?<=\w);\s+(?=\S)")


def _clause_spans(title: str) -> list[tuple[int, int]]:
    """The spans of a title's clauses, each with the break and white space after it."""
    cuts = [m.end() for m in _CLAUSE_BREAK.finditer(title)]
    return [(a, b) for a, b in pairwise([0, *cuts, len(title)]) if b > a]


def title_clauses(title: str) -> list[str]:
    """The clauses of a title: joined as they are, they are the title."""
    return [title[a:b] for a, b in _clause_spans(title)]


def parse_title(nlp: Language, title: str) -> Doc:
    """A title parsed clause by clause (title_clauses), so that the parser never makes the
    subject of one the subject of the next; the offsets are the title's."""
    clauses = title_clauses(title)
    if len(clauses) < 2:
        return parse(nlp, title)
    return Doc.from_docs([nlp(c) for c in clauses], ensure_whitespace=False)


def title_figures(
    title_doc: Doc,
    offset: int,
    places: Sequence[FoundMention],
    *,
    default_place: str | None,
    article_date: dt.date | None,
) -> list[FoundFigure]:
    """The figures of a title, each clause a sentence: offsets into the title, and their
    parts shifted past the body's `offset` figures, so that they index the article's one
    list."""
    found = find_figures(
        title_doc,
        _clause_spans(doc_text(title_doc)),
        places=places,
        default_place=default_place,
        article_date=article_date,
    )
    for f in found:
        f.in_title = True
        f.parts = [k + offset for k in f.parts]
    return found


# body, sentences, date, and the title to read (app.ingest.headline.title_to_read)
Job = tuple[str, Sequence[tuple[int, int]], dt.date | None, str]


def extract_text(job: Job, model: str) -> Extraction:
    body, sentences, article_date, title = job
    nlp = get_nlp(model)
    # The title is parsed apart, with the same pipeline: its offsets are its own. A Title
    # Case headline is parsed again as the sentence it is, for its figures (which quote the
    # title as written); its places keep their capitals ("... In Fort Worth").
    title_doc = parse_title(nlp, title) if title.strip() else None
    cased = sentence_case(title, body, common_words()) if title_doc is not None else title
    found = extract(
        parse(nlp, body),
        sentences,
        article_date=article_date,
        title_doc=title_doc,
        title_case_doc=parse_title(nlp, cased) if cased != title else None,
    )
    for f in found.figures:
        if f.in_title and not f.derived:
            f.text = title[f.start : f.end]
    return found


def _start_worker(model: str, parent: int) -> None:
    die_with_parent(parent)
    get_nlp(model)


def extract_or_error(job: Job, model: str) -> Extraction | Exception:
    """The work of one article, wherever it runs (a local worker process, a Dask worker)."""
    try:
        return extract_text(job, model)
    except Exception as exc:  # one bad article must not stop the others
        return exc


Results = Callable[[], list[Extraction | Exception]]


class Extracting(ABC):
    """Runs `extract_or_error` over jobs: on this machine (Extractor) or a cluster
    (app/extract/cluster.py); ingest stores what comes back the same way."""

    @abstractmethod
    def submit(self, jobs: Sequence[Job]) -> Results:
        """Start the jobs; the returned call waits for their results, in order.

        Between the two the caller is free (to store the previous batch, say).
        """

    @abstractmethod
    def close(self) -> None: ...

    def run(self, jobs: Sequence[Job]) -> list[Extraction | Exception]:
        return self.submit(jobs)()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()


class Extractor(Extracting):
    """Parse and extract articles; on both cores once there are enough of them.

    Worker processes parse and extract (the whole job, so the main process is free to store
    what comes back); each loads the spaCy pipeline once for the life of the pool.
    """

    def __init__(self, model: str, *, workers: int = 2) -> None:
        self.model = model
        self.workers = workers
        self._pool: ProcessPoolExecutor | None = None

    def submit(self, jobs: Sequence[Job]) -> Results:
        if self.workers < 2 or len(jobs) < _PARALLEL_FROM:
            return lambda: [extract_or_error(job, self.model) for job in jobs]
        if self._pool is None:
            self._pool = ProcessPoolExecutor(
                self.workers,
                # Not fork: the parent runs threads (the progress bar) and holds database
                # connections, neither of which a forked child may inherit safely.
                mp_context=get_context("spawn"),
                initializer=_start_worker,
                initargs=(self.model, os.getpid()),
            )
        chunk = max(1, len(jobs) // (self.workers * 4))
        results = self._pool.map(extract_or_error, jobs, [self.model] * len(jobs), chunksize=chunk)
        return lambda: list(results)

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown()
            self._pool = None
