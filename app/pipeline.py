"""The whole pipeline over files: read, store, extract and link, one file a transaction."""

from __future__ import annotations

import datetime as dt
import os
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from app.backend import one_linker_at_a_time
from app.config import Settings
from app.db import get_engine
from app.extract.cluster import ClusterExtractor
from app.extract.run import Extracting, Extraction, Extractor, Job
from app.ingest.errors import IngestError
from app.ingest.headline import title_to_read
from app.ingest.readers import RawArticle
from app.ingest.segment import segment
from app.ingest.store import (
    content_hash,
    find_duplicate,
    refresh_metadata,
    store_article,
    write_segments,
)
from app.ingest.units import Source, Unit, split_units
from app.link.relink import relink, unlinked
from app.models import Article
from app.persist import clear_extraction, save_extraction
from app.services.corrections.apply import apply_corrections


@dataclass
class IngestReport:
    added: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    failed: list[IngestError] = field(default_factory=list)
    # Articles read well but not loaded: another article of their file failed, and a file
    # loads whole or not at all.
    held_back: list[str] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)  # seconds per stage

    def clock(self, stage: str, since: float) -> float:
        now = time.perf_counter()
        self.timings[stage] = self.timings.get(stage, 0.0) + now - since
        return now


def _job(body: str, date: dt.date | None, title: str, outlet: str | None) -> Job:
    """What a worker extracts: the body and its sentences, the date and the part of the
    title to read."""
    return (body, segment(body)[1], date, title_to_read(title, body, outlet))


def expand_paths(paths: Iterable[str]) -> list[str]:
    """Files as given; a folder stands for the files below it, in name order (a link that
    leads to no file is listed too, to be named as failing rather than passed over)."""
    out: list[str] = []
    for given in paths:
        p = Path(given)
        if p.is_dir():
            out.extend(str(f) for f in _files_below(p))
        else:
            out.append(given)
    return out


def _files_below(root: Path) -> list[Path]:
    """The files under a folder, hidden ones aside. A linked folder is followed like any
    other (its files are the user's too); one that leads back to a folder already walked,
    an ancestor say, is walked once, so a loop of links ends."""
    seen = {root.resolve()}
    found: list[Path] = []
    for folder, subfolders, files in os.walk(root, followlinks=True):
        kept = []
        for name in sorted(subfolders):
            real = (Path(folder) / name).resolve()
            if not name.startswith(".") and real not in seen:
                seen.add(real)
                kept.append(name)
        subfolders[:] = kept
        found += [Path(folder) / f for f in files if not f.startswith(".")]
    return sorted(found)


# Units of work (files, lines of JSON Lines files) read, extracted and stored together.
_BATCH = 64

Progress = Callable[[int, int], None]  # articles done, articles in all
# What a run is doing: "reading", "extracting", "linking" (the progress bar says it).
Stage = Callable[[str], None]


def _quiet(_stage: str) -> None:
    pass


@dataclass
class _Pending:
    unit: Unit
    articles: list[RawArticle] = field(default_factory=list)  # to extract and store
    unchanged: list[str] = field(default_factory=list)  # their text is stored already
    held: list[str] = field(default_factory=list)  # read, but their file failed


@dataclass
class _File:
    """A file being loaded: its articles wait, extracted, for its last unit, and are then
    stored in one short transaction (a long one would lock the reader's corrections out for
    the whole ingest); a failure anywhere in the file loads none of them."""

    failed: bool = False
    ready: list[tuple[RawArticle, Extraction]] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    held: list[str] = field(default_factory=list)
    digests: set[str] = field(default_factory=set)


class _Loader:
    """Reads units, and stores them in order, each file whole or not at all."""

    def __init__(self, engine: Engine, settings: Settings, report: IngestReport) -> None:
        self.engine = engine
        self.settings = settings
        self.report = report
        self.files: dict[Source, _File] = {}
        self.seen: set[str] = set()  # texts met earlier in this run

    def state(self, source: Source) -> _File:
        return self.files.setdefault(source, _File(failed=source.broken))

    def fail(self, source: Source, error: IngestError) -> None:
        self.report.failed.append(error)
        state = self.state(source)
        state.failed = True
        state.held += [raw.source_file for raw, _ in state.ready] + state.unchanged
        state.ready, state.unchanged = [], []
        # Its texts are not stored: the same text in a later file is new.
        self.seen -= state.digests

    def read(self, units: Sequence[Unit], session: Session) -> list[_Pending]:
        """Read units; set aside those that fail and texts stored already or met earlier."""
        pending: list[_Pending] = []
        for unit in units:
            item = _Pending(unit)
            pending.append(item)
            try:
                raws = unit.read(max_bytes=self.settings.max_file_bytes)
                digests = [content_hash(raw.body) for raw in raws]
            except IngestError as exc:
                self.fail(unit.source, exc)
                continue
            except Exception as exc:  # a reader's bug fails its file, not the whole run
                name = unit.name
                self.fail(unit.source, IngestError(name, f"could not be read: {exc!r}"))
                continue
            state = self.state(unit.source)
            if state.failed:
                item.held = [raw.source_file for raw in raws]
                continue
            for raw, digest in zip(raws, digests, strict=True):
                if digest in self.seen or find_duplicate(session, digest) is not None:
                    item.unchanged.append(raw.source_file)
                else:
                    self.seen.add(digest)
                    state.digests.add(digest)
                    item.articles.append(raw)
        return pending

    def done(self, item: _Pending, extractions: dict[int, Extraction]) -> None:
        """A unit extracted: its file's articles are stored after its last unit."""
        source = item.unit.source
        state = self.state(source)
        extracted = [raw for raw in item.articles if id(raw) in extractions]
        if state.failed:
            state.held += item.held + [raw.source_file for raw in extracted] + item.unchanged
        else:
            state.ready += [(raw, extractions[id(raw)]) for raw in extracted]
            state.unchanged += item.unchanged
        if item.unit.last:
            if not state.failed:
                self._store(source, state)
            self.report.held_back += state.held
            del self.files[source]

    def _store(self, source: Source, state: _File) -> None:
        with Session(self.engine) as session:
            try:
                for raw, extraction in state.ready:
                    article = store_article(session, raw)
                    assert article is not None
                    save_extraction(session, article, extraction)
                session.commit()
            except Exception as exc:  # a bug must not leave half a file behind
                session.rollback()
                self.fail(source, IngestError(source.path, f"could not be stored: {exc!r}"))
                return
        self.report.added += [raw.source_file for raw, _ in state.ready]
        self.report.unchanged += state.unchanged


def ingest_paths(
    paths: Sequence[str],
    settings: Settings,
    *,
    on_progress: Progress | None = None,
    on_stage: Stage = _quiet,
) -> IngestReport:
    """Load files, each in one transaction; then relink across articles once.

    `on_progress` learns how many articles are done of how many (a line of a JSON Lines file
    is one), first with none done; `on_stage` what the run turns to.

    Linking runs when articles were added, and also when an earlier run was stopped after
    storing articles but before linking them (killed, or the machine went down): the same
    ingest run again adds nothing, and must still complete that run.
    """
    report = IngestReport()
    engine = get_engine(settings.db_url)
    # The cluster is reached first: an address that does not answer fails before any work.
    with open_extractor(settings) as extractor:
        on_stage("reading")
        units = split_units(expand_paths(paths), max_bytes=settings.max_file_bytes)
        _ingest_units(units, _Loader(engine, settings, report), extractor, on_progress, on_stage)
    with Session(engine) as session:
        left_unlinked = unlinked(session)
    if report.added or left_unlinked:
        on_stage("linking")
        t = time.perf_counter()
        with Session(engine) as session:
            relink(session)
            applied = apply_corrections(session)
            session.commit()
        report.clock("link", t)
        # A text the reader deleted stays deleted (app/services/corrections): not added after all.
        for name in applied.deleted:
            if name in report.added:
                report.added.remove(name)
                report.unchanged.append(name)
    return report


def open_extractor(settings: Settings) -> Extracting:
    """The workers of the settings' Dask scheduler, else this machine's own processes."""
    if settings.scheduler is not None:
        return ClusterExtractor(
            settings.scheduler, settings.spacy_model, timeout=settings.scheduler_timeout
        )
    return Extractor(settings.spacy_model, workers=settings.workers)


@dataclass
class _Batch:
    pending: list[_Pending]
    raws: list[RawArticle]
    results: Callable[[], list[Extraction | Exception]]


def _ingest_units(
    units: Sequence[Unit],
    loader: _Loader,
    extractor: Extracting,
    on_progress: Progress | None,
    on_stage: Stage,
) -> None:
    """Batches of units; the next batch is extracted while the last one is stored."""
    report = loader.report
    done = 0

    def finish(batch: _Batch) -> None:
        nonlocal done
        _finish(batch, loader)
        done += len(batch.pending)
        if on_progress:
            on_progress(done, len(units))

    if on_progress:
        on_progress(0, len(units))
    previous: _Batch | None = None
    for i in range(0, len(units), _BATCH):
        t = time.perf_counter()
        with Session(loader.engine) as session:
            pending = loader.read(units[i : i + _BATCH], session)
        raws = [raw for item in pending for raw in item.articles]
        jobs = [_job(r.body, r.date, r.title, r.outlet) for r in raws]
        current = _Batch(pending, raws, extractor.submit(jobs))
        report.clock("read", t)
        if previous is None:
            on_stage("extracting")
        else:
            finish(previous)
        previous = current
    if previous is not None:
        finish(previous)


def _finish(batch: _Batch, loader: _Loader) -> None:
    """Wait for a batch's extraction, then store its units in order."""
    report = loader.report
    t = time.perf_counter()
    extractions: dict[int, Extraction] = {}
    results = iter(batch.results())
    for item in batch.pending:
        for raw in item.articles:
            result = next(results)
            if isinstance(result, Exception):
                error = IngestError(raw.source_file, f"extraction failed: {result!r}")
                loader.fail(item.unit.source, error)
            else:
                extractions[id(raw)] = result
    t = report.clock("extract (waiting)", t)
    for item in batch.pending:
        loader.done(item, extractions)
    report.clock("store", t)


def reprocess(
    settings: Settings,
    *,
    on_article: Callable[[int], None] | None = None,
    on_stage: Stage = _quiet,
    on_total: Callable[[int], None] | None = None,
    on_failure: Callable[[Article, Exception], None] | None = None,
) -> int:
    """Segment, extract and link every stored article again (after an upgrade).

    `on_total` learns how many articles there are, `on_article` each one done, `on_failure`
    each one the extractor fails on: that article keeps its earlier reading, and the others
    go on. Returns how many were read again."""
    engine = get_engine(settings.db_url)
    with Session(engine) as session:
        ids = [i for i in session.exec(select(Article.id)) if i is not None]
    if on_total:
        on_total(len(ids))
    done = 0
    with open_extractor(settings) as extractor:
        for start in range(0, len(ids), _BATCH):
            with Session(engine) as session:
                # Its figures are deleted below: while an ingest links (and rewrites every
                # figure's topic) this batch waits, rather than each holding rows the other
                # wants (PostgreSQL ends such a pair with a deadlock).
                one_linker_at_a_time(session)
                articles = [
                    a for i in ids[start : start + _BATCH] if (a := session.get(Article, i))
                ]
                for a in articles:
                    refresh_metadata(a)
                jobs = [_job(a.body, a.date, a.title, a.outlet) for a in articles]
                for article, result in zip(articles, extractor.run(jobs), strict=True):
                    assert article.id is not None
                    if isinstance(result, Exception):
                        if on_failure:
                            on_failure(article, result)
                    else:
                        write_segments(session, article)
                        clear_extraction(session, article.id)
                        save_extraction(session, article, result)
                        # Its links went with its old figures: until the linking below, it
                        # is unlinked, so a run stopped before then is finished by the next
                        # ingest (app/link/relink.py `unlinked`).
                        article.story_id = None
                        done += 1
                    if on_article:
                        on_article(article.id)
                session.commit()
    on_stage("linking")
    with Session(engine) as session:
        relink(session)
        apply_corrections(session)
        session.commit()
    return done


__all__ = ["IngestReport", "content_hash", "expand_paths", "find_duplicate", "ingest_paths"]
