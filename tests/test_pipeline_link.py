"""Two unrelated events in one corpus: stories apart, equal numbers never linked across."""

from __future__ import annotations

from pathlib import Path

from sqlmodel import Session, select

from app.config import Settings
from app.db import get_engine
from app.models import Article, Figure, Link
from app.pipeline import ingest_paths

EVENTS = Path(__file__).resolve().parent / "data" / "events"


def _load(settings: Settings) -> tuple[dict[int, str], list[Figure], list[Link]]:
    assert not ingest_paths([str(EVENTS)], settings).failed
    with Session(get_engine(settings.db_url)) as s:
        event = {a.id: Path(a.source_file).stem.split("_")[0] for a in s.exec(select(Article))}
        stories = {a.id: a.story_id for a in s.exec(select(Article))}
        figures = list(s.exec(select(Figure)))
        links = list(s.exec(select(Link).where(Link.kind == "figure")))
    assert len({stories[k] for k, v in event.items() if v == "shooting"}) == 1
    assert len({stories[k] for k, v in event.items() if v == "flood"}) == 1
    assert len(set(stories.values())) == 2
    return {f.id or 0: event[f.article_id] for f in figures}, figures, links


def test_pipeline_link_equal_numbers_of_two_events_never_linked(settings: Settings) -> None:
    event_of, figures, links = _load(settings)
    assert any(f.value == 5 and event_of[f.id or 0] == "shooting" for f in figures)
    assert any(f.value == 5 and event_of[f.id or 0] == "flood" for f in figures)
    assert links
    for link in links:
        assert event_of[link.a_id] == event_of[link.b_id]


def test_pipeline_link_toll_moved_between_days(settings: Settings) -> None:
    event_of, figures, links = _load(settings)
    by_id = {f.id: f for f in figures}
    killed = [k for k in links if by_id[k.a_id].measure == "killed" and event_of[k.a_id] == "flood"]
    assert killed, "the two flood tolls are linked"
    rel = {(by_id[k.a_id].value, by_id[k.b_id].value): k.relation for k in killed}
    assert rel.get((5, 8)) == "later" or rel.get((8, 5)) == "earlier"


def test_pipeline_link_same_toll_two_outlets(settings: Settings) -> None:
    event_of, figures, links = _load(settings)
    by_id = {f.id: f for f in figures}
    same = [
        k for k in links if by_id[k.a_id].measure == "killed" and event_of[k.a_id] == "shooting"
    ]
    body = [k for k in same if not (by_id[k.a_id].in_title or by_id[k.b_id].in_title)]
    assert [k.relation for k in body] == ["same"]
    # The headlines' tolls join the same count.
    assert {k.relation for k in same} == {"same"}
