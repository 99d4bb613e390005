"""The whole pipeline over files: read, store, extract and link, one file a transaction."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from sqlmodel import Session, select

from app.config import Settings
from app.db import get_engine
from app.ingest.errors import IngestError
from app.ingest.readers import read_path
from app.ingest.store import content_hash, find_duplicate, store_article, write_segments
from app.models import Article


@dataclass
class IngestReport:
    added: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    failed: list[IngestError] = field(default_factory=list)


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


def ingest_file(session: Session, path: str, settings: Settings) -> tuple[list[str], list[str]]:
    """Read and store one file; returns (added, unchanged) source names. Raises IngestError."""
    added: list[str] = []
    unchanged: list[str] = []
    for raw in read_path(path, max_bytes=settings.max_file_bytes):
        article = store_article(session, raw)
        if article is None:
            unchanged.append(raw.source_file)
            continue
        added.append(raw.source_file)
    return added, unchanged


def ingest_paths(
    paths: Sequence[str],
    settings: Settings,
    *,
    on_file: Callable[[str], None] | None = None,
) -> IngestReport:
    report = IngestReport()
    engine = get_engine(settings.db_url)
    for path in expand_paths(paths):
        with Session(engine) as session:
            try:
                added, unchanged = ingest_file(session, path, settings)
                session.commit()
            except IngestError as exc:
                session.rollback()
                report.failed.append(exc)
            except Exception as exc:  # a bug must not leave half a file behind
                session.rollback()
                report.failed.append(IngestError(path, f"internal error: {exc!r}"))
            else:
                report.added.extend(added)
                report.unchanged.extend(unchanged)
        if on_file:
            on_file(path)
    return report


def reprocess(settings: Settings, *, on_article: Callable[[int], None] | None = None) -> int:
    """Segment (and later extract and link) every stored article again."""
    engine = get_engine(settings.db_url)
    with Session(engine) as session:
        ids = list(session.exec(select(Article.id)))
    for article_id in ids:
        with Session(engine) as session:
            article = session.get(Article, article_id)
            assert article is not None
            write_segments(session, article)
            session.commit()
        if on_article and article_id is not None:
            on_article(article_id)
    return len(ids)


__all__ = ["IngestReport", "content_hash", "expand_paths", "find_duplicate", "ingest_paths"]
