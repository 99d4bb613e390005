"""The stored order of the index, the places and the days of the timeline: page for page what
working them out per request gives; worked out per request again while they are stale (an
article stored, not yet linked), and made anew with the other summaries."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlmodel import Session, select

from app.config import Settings
from app.db import get_engine
from app.extract.place_spellings import spelling_index
from app.models import Article, Place, PlaceSpelling, SummaryState
from app.services.articles import ArticleFilters, list_articles
from app.services.dates import timeline, unplaced_dates
from app.services.list_summaries import DAY_ITEMS_KEPT
from app.services.places import list_places
from app.services.spellings import place_ids_for
from app.services.summaries import is_stale, refresh_summaries
from app.services.summary_pages import article_list, day_list, place_list
from tests.databases import copy_db, db_url_for


@pytest.fixture
def session(seeded_settings: Settings) -> Iterator[Session]:
    with Session(get_engine(seeded_settings.db_url)) as s:
        assert not is_stale(s)
        yield s


def _ids(session: Session, size: int, *, stored: bool) -> list[list[int]]:
    read = article_list if stored else list_articles
    first = read(session, filters=ArticleFilters(), page=1, size=size)
    pages = [read(session, filters=ArticleFilters(), page=p, size=size) for p in range(1, 9)]
    assert all(p.total == first.total for p in pages)
    return [[a.id for a in p.items] for p in pages]


@pytest.mark.parametrize("size", [1, 2, 3, 50])
def test_list_summaries_index_pages_as_worked_out(session: Session, size: int) -> None:
    stored = _ids(session, size, stored=True)
    assert stored == _ids(session, size, stored=False)
    assert stored[0] and not stored[-1]  # the pages past the last are empty


def test_list_summaries_places_as_worked_out(session: Session) -> None:
    rows = place_list(session)
    assert rows and rows == list_places(session)


@pytest.mark.parametrize("size", [1, 2, 31])
def test_list_summaries_days_as_worked_out(session: Session, size: int) -> None:
    whole = timeline(session)
    shown, unplaced = [], 0
    for page in range(1, len(whole) + 2):
        days, unplaced = day_list(session, page=page, size=size)
        assert days.total == len(whole)
        shown += days.items
    assert unplaced == unplaced_dates(session) > 0
    assert [d.date for d in shown] == [d.date for d in whole]
    for kept, day in zip(shown, whole, strict=True):
        assert (kept.article_count, kept.event_count, kept.figure_count) == (
            len(day.articles),
            len(day.events),
            len(day.figures),
        )
        assert kept.articles == day.articles[:DAY_ITEMS_KEPT]
        assert kept.events == day.events[:DAY_ITEMS_KEPT]
        assert kept.figures == day.figures[:DAY_ITEMS_KEPT]


@pytest.fixture
def copied(seeded_db: Path, tmp_path: Path) -> Iterator[Session]:
    """A copy of the seeded database, to change."""
    with Session(get_engine(copy_db(seeded_db, tmp_path / "copy.db"))) as s:
        yield s


def test_list_summaries_stale_pages_are_worked_out_then_made_anew(copied: Session) -> None:
    s = copied
    before = article_list(s, filters=ArticleFilters(), size=100)
    # An article stored by an ingest that has not linked yet: the newest of all.
    new = Article(source_file="late.txt", content_hash="late", title="A late report",
                  body="A late report.", date=dt.date(2199, 1, 1))  # fmt: skip
    s.add(new)
    state = s.get(SummaryState, 1)
    assert state is not None
    state.linked += 1
    s.add(state)
    s.flush()
    assert is_stale(s)
    stale = article_list(s, filters=ArticleFilters(), size=100)
    assert stale.total == before.total + 1 and stale.items[0].id == new.id
    assert day_list(s)[0].items[-1].date == dt.date(2199, 1, 1)
    refresh_summaries(s)
    assert not is_stale(s)
    fresh = article_list(s, filters=ArticleFilters(), size=100)
    assert [a.id for a in fresh.items] == [a.id for a in stale.items]
    assert day_list(s)[0].items[-1].date == dt.date(2199, 1, 1)


def test_list_summaries_place_spellings_as_the_gazetteer_gives(spellings_db: Path) -> None:
    """The spellings stored are the gazetteer's for the places held: the name in another
    script of the invented reports' city among them."""
    with Session(get_engine(db_url_for(spellings_db))) as s:
        if is_stale(s):  # made by the first server on the database, or here
            refresh_summaries(s)
            s.commit()
        index = spelling_index(frozenset(s.exec(select(Place.name))))
        stored: dict[str, list[str]] = {}
        for key, name in s.exec(select(PlaceSpelling.key, PlaceSpelling.name)):
            stored.setdefault(key, []).append(name)
        assert index and {k: tuple(sorted(v)) for k, v in stored.items()} == index
        mumbai = place_ids_for(s, spelling="Mumbai")
        assert mumbai and place_ids_for(s, spelling="Мумбаи") == mumbai
