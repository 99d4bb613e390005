"""The stories a filter's select box offers: the largest first, bounded, the chosen one kept."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session

from app.config import Settings
from app.db import get_engine
from app.models import Article, Story
from app.services import stories as st
from app.web.app import create_app
from tests.databases import db_url_for

# story id: (title, articles)
STORIES = {
    1: ("Ferry sinks off the cape", 1),
    2: ("Dam breach floods valley", 3),
    3: ("Mine fire", 2),
}


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    settings = Settings(db_url=db_url_for(tmp_path / "stories.db"))
    with Session(get_engine(settings.db_url)) as s:
        s.add_all(Story(id=sid, title=title) for sid, (title, _) in STORIES.items())
        s.flush()
        aid = 0
        for sid, (title, size) in STORIES.items():
            for _ in range(size):
                aid += 1
                s.add(
                    Article(
                        id=aid,
                        source_file=f"{aid}.txt",
                        content_hash=f"h{aid}",
                        title=f"{title} {aid}",
                        body="text",
                        story_id=sid,
                    )
                )
        s.commit()
    return settings


def test_services_stories_choices_largest_first_bounded(
    settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(st, "STORY_CHOICES", 2)
    with Session(get_engine(settings.db_url)) as s:
        largest = st.story_choices(s)
        chosen = st.story_choices(s, selected=1)
        unknown = st.story_choices(s, selected=99)
    assert [c.id for c in largest.shown] == [2, 3] and largest.total == 3
    assert (largest.largest, largest.left_out, chosen.largest, chosen.left_out) == (2, 1, 2, 0)
    assert [c.label for c in chosen.shown] == [
        "Dam breach floods valley",
        "Mine fire",
        "Ferry sinks off the cape",
    ]
    assert [c.id for c in unknown.shown] == [2, 3]


def test_services_stories_select_says_how_many_are_left_out(
    settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(st, "STORY_CHOICES", 2)
    with TestClient(create_app(settings)) as client:
        client.headers["Accept"] = "text/html"
        every = client.get("/figures").text
        chosen = client.get("/figures?story=1").text
    assert "2 largest of 3" in every and "Ferry" not in every
    assert '<option value="1" selected>Ferry sinks off the cape</option>' in chosen
    # The facet of the story filtered on names it, though none of its figures is counted.
    assert '<span class="facet-label" title="Ferry sinks off the cape">' in chosen
