"""The whole pipeline over files: read, store, extract and link, one file a transaction."""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from app.config import Settings
from app.db import get_engine
from app.extract.run import Extraction, Extractor, Job
from app.ingest.errors import IngestError
from app.ingest.headline import title_to_read
from app.ingest.readers import RawArticle, read_path
from app.ingest.segment import segment
from app.ingest.store import (
    content_hash,
    find_duplicate,
    refresh_metadata,
    store_article,
    write_segments,
)
from app.link.relink import relink
from app.models import Article
from app.persist import clear_extraction, save_extraction
from app.services.corrections.apply import apply_corrections


@dataclass
class IngestReport:
    added: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    failed: list[IngestError] = field(default_factory=list)
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
    """Files as given; a folder stands for the files below it, in name order."""
    out: list[str] = []
    for given in paths:
        p = Path(given)
        if p.is_dir():
            out.extend(
                str(f)
                for f in sorted(p.rglob("*"))
                if f.is_file() and not any(part.startswith(".") for part in f.relative_to(p).parts)
            )
        else:
            out.append(given)
    return out


_BATCH_FILES = 64


@dataclass
class _Pending:
    path: str
    articles: list[RawArticle]
    unchanged: list[str]


def _read_batch(
    paths: Sequence[str],
    session: Session,
    settings: Settings,
    report: IngestReport,
    seen: set[str],
) -> list[_Pending]:
    """Read files, set aside those that fail and texts stored already or met earlier."""
    pending: list[_Pending] = []
    for path in paths:
        try:
            raws = read_path(path, max_bytes=settings.max_file_bytes)
        except IngestError as exc:
            report.failed.append(exc)
            continue
        item = _Pending(path, [], [])
        for raw in raws:
            digest = content_hash(raw.body)
            if digest in seen or find_duplicate(session, digest) is not None:
                item.unchanged.append(raw.source_file)
            else:
                seen.add(digest)
                item.articles.append(raw)
        pending.append(item)
    return pending


def _store_file(session: Session, item: _Pending, extractions: dict[int, Extraction]) -> list[str]:
    added = []
    for raw in item.articles:
        article = store_article(session, raw)
        assert article is not None
        save_extraction(session, article, extractions[id(raw)])
        added.append(raw.source_file)
    return added


def ingest_paths(
    paths: Sequence[str],
    settings: Settings,
    *,
    on_file: Callable[[str], None] | None = None,
) -> IngestReport:
    """Load files, each in one transaction; then relink across articles once."""
    report = IngestReport()
    engine = get_engine(settings.db_url)
    files = expand_paths(paths)
    with Extractor(settings.spacy_model, workers=settings.workers) as extractor:
        _ingest_files(files, settings, extractor, report, on_file)
    if report.added:
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


@dataclass
class _Batch:
    paths: Sequence[str]
    pending: list[_Pending]
    raws: list[RawArticle]
    results: Callable[[], list[Extraction | Exception]]


def _ingest_files(
    files: Sequence[str],
    settings: Settings,
    extractor: Extractor,
    report: IngestReport,
    on_file: Callable[[str], None] | None,
) -> None:
    """Batches of files; the next batch is extracted while the last one is stored."""
    engine = get_engine(settings.db_url)
    seen: set[str] = set()
    previous: _Batch | None = None
    for i in range(0, len(files), _BATCH_FILES):
        paths = files[i : i + _BATCH_FILES]
        t = time.perf_counter()
        with Session(engine) as session:
            pending = _read_batch(paths, session, settings, report, seen)
        raws = [raw for item in pending for raw in item.articles]
        jobs = [_job(r.body, r.date, r.title, r.outlet) for r in raws]
        current = _Batch(paths, pending, raws, extractor.submit(jobs))
        report.clock("read", t)
        if previous is not None:
            _finish(previous, engine, report, on_file)
        previous = current
    if previous is not None:
        _finish(previous, engine, report, on_file)


def _finish(
    batch: _Batch, engine: Engine, report: IngestReport, on_file: Callable[[str], None] | None
) -> None:
    """Wait for a batch's extraction, then store each file in its own transaction."""
    t = time.perf_counter()
    extractions: dict[int, Extraction] = {}
    for raw, result in zip(batch.raws, batch.results(), strict=True):
        if isinstance(result, Exception):
            report.failed.append(IngestError(raw.source_file, f"extraction failed: {result!r}"))
        else:
            extractions[id(raw)] = result
    t = report.clock("extract (waiting)", t)
    for item in batch.pending:
        if any(id(raw) not in extractions for raw in item.articles):
            continue  # its extraction failed: reported, nothing stored
        with Session(engine) as session:
            try:
                added = _store_file(session, item, extractions)
                session.commit()
            except Exception as exc:  # a bug must not leave half a file behind
                session.rollback()
                report.failed.append(IngestError(item.path, f"could not be stored: {exc!r}"))
                continue
        report.added.extend(added)
        report.unchanged.extend(item.unchanged)
    report.clock("store", t)
    if on_file:
        for path in batch.paths:
            on_file(path)


def reprocess(settings: Settings, *, on_article: Callable[[int], None] | None = None) -> int:
    """Segment, extract and link every stored article again (after an upgrade)."""
    engine = get_engine(settings.db_url)
    with Session(engine) as session:
        ids = [i for i in session.exec(select(Article.id)) if i is not None]
    with Extractor(settings.spacy_model, workers=settings.workers) as extractor:
        for start in range(0, len(ids), _BATCH_FILES):
            with Session(engine) as session:
                articles = [
                    a for i in ids[start : start + _BATCH_FILES] if (a := session.get(Article, i))
                ]
                for a in articles:
                    refresh_metadata(a)
                jobs = [_job(a.body, a.date, a.title, a.outlet) for a in articles]
                for article, result in zip(articles, extractor.run(jobs), strict=True):
                    if isinstance(result, Exception):
                        raise result
                    assert article.id is not None
                    write_segments(session, article)
                    clear_extraction(session, article.id)
                    save_extraction(session, article, result)
                    if on_article:
                        on_article(article.id)
                session.commit()
    with Session(engine) as session:
        relink(session)
        apply_corrections(session)
        session.commit()
    return len(ids)


__all__ = ["IngestReport", "content_hash", "expand_paths", "find_duplicate", "ingest_paths"]
