"""Everything that spans articles, recomputed after articles arrive or change."""

from __future__ import annotations

import time
from collections.abc import Callable

from sqlalchemy import text
from sqlmodel import Session, col, select

from app.backend import is_sqlite, one_linker_at_a_time, page_cache, sync_id_sequences
from app.link.actors import rebuild_actors
from app.link.copies import relink_copies
from app.link.figure_store import relink_figures
from app.link.statements import relink_statements
from app.link.story_store import regroup_stories
from app.models import Article, SummaryState

# In order: stories use the merged actors; figure links stay within stories.
STEPS: list[tuple[str, Callable[[Session], object]]] = [
    ("actors", rebuild_actors),
    ("stories", regroup_stories),
    ("figures", relink_figures),
    ("statements", relink_statements),
    ("copies", relink_copies),
]


# The page cache linking works with, whatever the connection keeps otherwise.
LINK_PAGE_CACHE_MB = 64


def relink(session: Session, *, timings: dict[str, float] | None = None) -> None:
    one_linker_at_a_time(session)
    with page_cache(session, LINK_PAGE_CACHE_MB):
        for name, step in STEPS:
            start = time.perf_counter()
            step(session)
            session.flush()
            if timings is not None:
                timings[name] = time.perf_counter() - start
    _mark_linked(session)
    # Stories and actors went in with their ids given.
    sync_id_sequences(session, ["story", "actor"])
    if is_sqlite(session):
        # Fresh statistics, so that pages look links up by their ends, not by their kind.
        session.execute(text("ANALYZE"))


def unlinked(session: Session) -> bool:
    """Whether a stored article has no story yet: linking gives every article one, so this
    is an article stored by a run that stopped before it linked."""
    query = select(Article.id).where(col(Article.story_id).is_(None)).limit(1)
    return session.exec(query).first() is not None


def _mark_linked(session: Session) -> None:
    """The summaries of the pages (app/services/summaries.py) are stale from here until they
    are made again."""
    state = session.get(SummaryState, 1) or SummaryState(id=1)
    state.linked += 1
    session.add(state)
    session.flush()
