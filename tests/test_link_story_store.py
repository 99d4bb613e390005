"""Stories from stored articles: what the extractors found reaches the grouping."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlmodel import Session, select

from app.config import Settings
from app.db import get_engine
from app.models import Article
from app.pipeline import ingest_paths

FIRST = """title: Two hurt in shooting outside Brambleford bakery
date: 2021-05-03

Two men were wounded when a gunman fired at them outside a bakery on Quarry Lane in
Brambleford early on Monday, police said. Both were taken to hospital. Police said the gunman
fled on foot and asked anyone who saw the shooting outside the bakery to come forward.
"""
SECOND = """title: Brambleford bakery shooting: two men wounded
date: 2021-05-04

Police in Brambleford are looking for a gunman who wounded two men outside a bakery on Quarry
Lane on Monday. Officers found shell casings near the bakery and said the gunman fled on foot.
Both men are in hospital.
"""
# Three months on, nobody named in common: only the day it states ties it to its shooting.
LATER = """title: Police renew appeal over Brambleford bakery shooting
date: 2021-08-20

Police in Brambleford renewed their appeal for witnesses to the shooting outside a bakery on
Quarry Lane{day}, in which two men were wounded. The gunman fled on foot and has not been
found, police said.
"""


def _stories(tmp_path: Path, settings: Settings, later: str) -> dict[str, int | None]:
    folder = tmp_path / "reports"
    folder.mkdir()
    for name, text in (("first", FIRST), ("second", SECOND), ("later", later)):
        (folder / f"{name}.txt").write_text(text, encoding="utf-8")
    assert not ingest_paths([str(folder)], settings).failed
    with Session(get_engine(settings.db_url)) as s:
        return {Path(a.source_file).stem: a.story_id for a in s.exec(select(Article))}


@pytest.mark.parametrize(
    ("day", "joined"),
    [(" on May 3, 2021", True), (" on May 4", True), ("", False), (" on July 30, 2021", False)],
)
def test_story_store_follow_up_stating_the_day_of_its_event_joins_it(
    tmp_path: Path, settings: Settings, day: str, joined: bool
) -> None:
    story = _stories(tmp_path, settings, LATER.format(day=day))
    assert story["first"] == story["second"]
    assert (story["later"] == story["first"]) is joined


SPRING = """title: Three hurt in Brambleford park shooting
date: 2021-04-02

Three teenagers were wounded when shots were fired at a crowd in Alder Park in Brambleford on
Friday night, police said. {who} said the shooting had to stop. "Our children are afraid,"
Whitlock said.
"""
SUMMER = """title: Man shot dead outside Brambleford bar
date: 2021-05-14

A man was shot dead outside a bar on Mill Road in Brambleford on Friday night, police said.
{who} said the shooting had to stop. "Our children are afraid," Whitlock said.
"""


@pytest.mark.parametrize(
    ("who", "joined"),
    [
        # The activist every shooting's report quotes: two shootings six weeks apart.
        ("Dana Whitlock, a peace activist,", False),
        ("Activist Dana Whitlock", False),
        # Named for nothing but the event: the same person, one story followed for weeks.
        ("Dana Whitlock", True),
    ],
)
def test_story_store_a_voice_quoted_for_its_office_holds_no_story_together(
    tmp_path: Path, settings: Settings, who: str, joined: bool
) -> None:
    folder = tmp_path / "reports"
    folder.mkdir()
    for name, text in (("spring", SPRING), ("summer", SUMMER)):
        (folder / f"{name}.txt").write_text(text.format(who=who), encoding="utf-8")
    assert not ingest_paths([str(folder)], settings).failed
    with Session(get_engine(settings.db_url)) as s:
        story = {Path(a.source_file).stem: a.story_id for a in s.exec(select(Article))}
    assert (story["spring"] == story["summer"]) is joined
