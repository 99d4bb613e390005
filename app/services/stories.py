"""Stories: the groups of articles about one event, as a filter names them (their list is
worked out at link time: app/services/summaries.py)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import Session, col, func, select

from app.generation import current_generation
from app.lru import LRU
from app.models import Article, Story


@dataclass(frozen=True)
class StoryChoice:
    id: int
    label: str


def story_label(story: Story) -> str:
    return _label(story.id, story.title)


def _label(story_id: int | None, title: str) -> str:
    return title.strip() or f"Story {story_id}"


# A select box lists the largest stories: at a year of news there are thousands, which no one
# scrolls through and every page would carry; any other is a click away on its own rows.
STORY_CHOICES = 100


@dataclass(frozen=True)
class StoryChoices:
    shown: list[StoryChoice]  # the largest stories first, and the one chosen
    total: int  # the stories there are
    largest: int  # how many of `shown` are there for their size

    @property
    def left_out(self) -> int:
        return self.total - len(self.shown)


# Kept while the data is unchanged: every page with a story filter lists them.
_choices: LRU[StoryChoices] = LRU(8)


def story_choices(session: Session, *, selected: int | None = None) -> StoryChoices:
    """The stories a filter's select box offers: the STORY_CHOICES with the most articles,
    and the selected one wherever it ranks."""
    conn = session.connection()
    generation = current_generation(conn)
    key = (conn.engine.url.render_as_string(), generation)
    largest = _choices.get(key) if generation is not None else None
    if largest is None:
        largest = _largest(session)
        if generation is not None:
            _choices.put(key, largest)
    if selected is None or any(c.id == selected for c in largest.shown):
        return largest
    story = session.get(Story, selected)
    if story is None:
        return largest
    chosen = StoryChoice(selected, story_label(story))
    return StoryChoices([*largest.shown, chosen], largest.total, largest.largest)


def _largest(session: Session) -> StoryChoices:
    size = func.count(col(Article.id))
    query = (
        select(Story.id, Story.title)
        .join(Article, col(Article.story_id) == col(Story.id))
        .group_by(col(Story.id))
        .order_by(size.desc(), col(Story.id))
        .limit(STORY_CHOICES)
    )
    shown = [StoryChoice(sid or 0, _label(sid, title)) for sid, title in session.exec(query)]
    total = session.exec(select(func.count(col(Story.id)))).one()
    return StoryChoices(shown, int(total), len(shown))
