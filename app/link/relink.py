"""Everything that spans articles, recomputed after articles arrive or change."""

from __future__ import annotations

from sqlmodel import Session

from app.link.actors import rebuild_actors
from app.link.figures import relink_figures
from app.link.story_store import regroup_stories


def relink(session: Session) -> None:
    rebuild_actors(session)
    regroup_stories(session)
    relink_figures(session)
