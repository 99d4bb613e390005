"""Stories: the groups of articles about one event, as a filter names them (their list is
worked out at link time: app/services/summaries.py)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import Session, col, select

from app.generation import current_generation
from app.lru import LRU
from app.models import Story


@dataclass(frozen=True)
class StoryChoice:
    id: int
    label: str


def story_label(story: Story) -> str:
    return _label(story.id, story.title)


def _label(story_id: int | None, title: str) -> str:
    return title.strip() or f"Story {story_id}"


# The select boxes' stories, kept while the data is unchanged: every page with a story filter
# lists them all, and there are thousands in a year of news.
_choices: LRU[list[StoryChoice]] = LRU(8)


def story_choices(session: Session) -> list[StoryChoice]:
    """Every story, for a filter's select box."""
    conn = session.connection()
    generation = current_generation(conn)
    key = (conn.engine.url.render_as_string(), generation)
    if generation is not None and (hit := _choices.get(key)) is not None:
        return hit
    query = select(Story.id, Story.title).order_by(col(Story.id))
    found = [StoryChoice(sid or 0, _label(sid, title)) for sid, title in session.exec(query)]
    if generation is not None:
        _choices.put(key, found)
    return found
