"""The stored summaries of the figures overview and the stories list: the same rows, in the
same order, as working them out over the figures per request gave; made again whenever a
relink changes what they summarise (a correction, its undo); made on first use of a database
that has none."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections import defaultdict
from pathlib import Path

import pytest
from sqlalchemy import delete
from sqlmodel import Session, col, select

from app.config import Settings
from app.db import get_engine
from app.models import (
    Actor,
    ActorAlias,
    Article,
    Correction,
    FacetSummary,
    Figure,
    Story,
    StorySummary,
    SummaryState,
    TopicSummary,
)
from app.pipeline import ingest_paths
from app.services.actors import actor_counts, actor_kinds, list_actors
from app.services.articles import ArticleFilters
from app.services.corrections.figure_edits import FigureInput, correct_figure
from app.services.corrections.record import split_actor, undo
from app.services.facets import article_facets, figure_facets, whole_facets
from app.services.labels import label_of
from app.services.stories import story_label
from app.services.summaries import ensure_summaries, is_stale
from app.services.summary_pages import overview_page, story_list, topic_page
from app.services.summary_rows import ShownStory, ShownTopic, StoryArticle, shown_topic
from app.services.topics import TopicFilters, TopicRow, group_topics, list_topics, topic_context
from tests.conftest import DATA, REPORTS
from tests.databases import db_url_for


def _engine(settings: Settings) -> Session:
    return Session(get_engine(settings.db_url))


def _all_pages(session: Session, **filters: object) -> list[ShownTopic]:
    out: list[ShownTopic] = []
    page = 1
    while True:
        got = topic_page(session, page=page, size=3, **filters)  # type: ignore[arg-type]
        out += got.rows
        if page >= got.pages:
            return out
        page += 1


def _per_request(session: Session, filters: TopicFilters) -> list[ShownTopic]:
    """The overview as the page worked it out on every request before it was stored."""
    return [shown_topic(r) for r in list_topics(session, filters=filters)]


@pytest.fixture(params=["seeds", "two reports"])
def db(
    request: pytest.FixtureRequest, seeded_settings: Settings, two_reports: Settings
) -> Settings:
    return seeded_settings if request.param == "seeds" else two_reports


def test_services_summaries_topics_equal_the_per_request_overview(db: Settings) -> None:
    with _engine(db) as s:
        whole = _per_request(s, TopicFilters())
        assert whole, "a fixture with figures"
        assert _all_pages(s) == whole
        page = topic_page(s)
        assert page.counts == {k: sum(r.kind == k for r in whole) for k in page.counts}
        assert page.total == len(whole)
        assert page.many_stories == (len({r.story_id for r in whole}) > 1)
        for story in {r.story_id for r in whole if r.story_id is not None}:
            assert _all_pages(s, story=story) == _per_request(s, TopicFilters(story=story))
        for measure in {r.measure for r in whole}:
            assert _all_pages(s, measure=measure) == _per_request(s, TopicFilters(measure=measure))


def test_services_summaries_date_filtered_pages_equal_the_whole_list_charts_included(
    db: Settings,
) -> None:
    # A date range is worked out per request, each page's charts drawn for its rows alone.
    wide = TopicFilters(date_from=dt.date(1900, 1, 1), date_to=dt.date(2100, 1, 1))
    with _engine(db) as s:
        whole = _per_request(s, wide)
        assert whole and all(r.chart is not None for r in whole if r.reports > 1)
        paged: list[ShownTopic] = []
        page = 1
        while True:
            got = overview_page(s, filters=wide, page=page, size=3)
            paged += got.rows
            if page >= got.pages:
                break
            page += 1
        assert paged == whole


def _stories_per_request(session: Session) -> list[ShownStory]:
    """The list of stories as the page worked it out on every request before it was stored
    (its articles loaded whole, its topics grouped story by story)."""
    views = {s.id: ShownStory(s.id, story_label(s)) for s in session.exec(select(Story))}
    articles = session.exec(
        select(Article).order_by(col(Article.date).asc().nulls_last(), col(Article.id))
    ).all()
    members: dict[int | None, list[Article]] = defaultdict(list)
    for a in articles:
        views.setdefault(a.story_id, ShownStory(a.story_id, "No story"))
        members[a.story_id].append(a)
    pairs = session.exec(
        select(Figure, Article)
        .join(Article, col(Article.id) == Figure.article_id)
        .where(col(Figure.rejected).is_(False), Figure.topic != "")
        .order_by(col(Figure.id))
    ).all()
    by_story: dict[int | None, list[tuple[Figure, Article]]] = defaultdict(list)
    for f, a in pairs:
        by_story[a.story_id].append((f, a))
    context = topic_context(session)
    for story_id, view in views.items():
        arts = members[story_id]
        view.count = len(arts)
        view.articles = [StoryArticle(a.id or 0, label_of(a)) for a in arts[:10]]
        dates = sorted(a.date for a in arts if a.date)
        if dates:
            view.span = str(dates[0]) if dates[0] == dates[-1] else f"{dates[0]} – {dates[-1]}"
        rows: list[TopicRow] = group_topics(by_story[story_id], context=context)
        own = [r for r in rows if not r.other_event]
        view.topics = len(own)
        view.disputed = [shown_topic(r, with_values=False) for r in own if r.disputed][:4]
        view.series = [shown_topic(r, with_values=False) for r in own if r.kind == "series"][:4]
        view.others = [shown_topic(r, with_values=False) for r in rows if r.other_event]
    out = [v for v in views.values() if v.count]
    out.sort(key=lambda v: (v.id is None, -v.count, v.id or 0))
    return out


def test_services_summaries_stories_equal_the_per_request_list(db: Settings) -> None:
    with _engine(db) as s:
        stored = story_list(s, size=100)
        expected = _stories_per_request(s)
        assert expected and stored.total == len(expected)
        assert stored.items == expected
        assert [story_list(s, page=p, size=1).items[0] for p in range(1, len(expected) + 1)] == (
            expected
        )
        assert story_list(s, page=len(expected) + 1, size=1).items == []


@pytest.fixture
def own_reports(tmp_path: Path) -> Settings:
    """The two reports in a database of its own, for the tests that change it."""
    folder = tmp_path / "in"
    folder.mkdir()
    for name, text in REPORTS.items():
        (folder / name).write_text(text, encoding="utf-8")
    settings = Settings(db_url=db_url_for(tmp_path / 'own.db'))
    assert not ingest_paths([str(folder)], settings).failed
    return settings


def _values(session: Session) -> set[float | None]:
    return {v.value for r in _all_pages(session) for v in r.values}


def test_services_summaries_follow_a_correction_and_its_undo(own_reports: Settings) -> None:
    with _engine(own_reports) as s:
        toll = s.exec(select(Figure).where(Figure.value == 21)).one()
        before = _all_pages(s)
        assert 21 in _values(s) and 23 not in _values(s)
        given = dataclasses.replace(FigureInput.of(toll), value="23")
        assert correct_figure(s, toll, given) == ["value"]
        s.commit()
    with _engine(own_reports) as s:
        assert not is_stale(s)
        assert 23 in _values(s) and 21 not in _values(s)
        assert _all_pages(s) == _per_request(s, TopicFilters())
        assert [r.range_text for r in _all_pages(s)] != [r.range_text for r in before]
        undo(s, s.exec(select(Correction)).one().id or 0)
        s.commit()
    with _engine(own_reports) as s:
        assert _all_pages(s) == before


def test_services_summaries_made_for_a_database_of_an_earlier_version(
    own_reports: Settings,
) -> None:
    engine = get_engine(own_reports.db_url)
    with Session(engine) as s:
        expected = _all_pages(s)
        for table in (TopicSummary, StorySummary, SummaryState):
            s.execute(delete(table))
        s.commit()
        assert is_stale(s) and _all_pages(s) == []
    took = ensure_summaries(engine)
    assert took is not None and took >= 0
    assert ensure_summaries(engine) is None  # made once
    with Session(engine) as s:
        assert _all_pages(s) == expected


def test_services_summaries_ingest_leaves_them_fresh(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(
        "title: Storm in Tarvos\n\nFour people were killed in Tarvos on Monday, police said.\n",
        encoding="utf-8",
    )
    settings = Settings(db_url=db_url_for(tmp_path / 'fresh.db'))
    assert not ingest_paths([str(folder)], settings).failed
    with _engine(settings) as s:
        assert not is_stale(s)
        assert [v.value for r in _all_pages(s) for v in r.values] == [4]


def _actor_pages(session: Session, kind: str | None = None) -> list[tuple[object, ...]]:
    out: list[tuple[object, ...]] = []
    page = 1
    while True:
        got = list_actors(session, kind=kind, page=page, size=4)
        out += [(r.actor.id, r.spellings, r.articles, r.mentions) for r in got.items]
        if page >= got.pages:
            return out
        page += 1


def _actors_per_request(session: Session, kind: str | None = None) -> list[tuple[object, ...]]:
    return [
        (r.actor.id, r.spellings, r.articles, r.mentions)
        for r in actor_counts(session)
        if kind is None or r.actor.kind == kind
    ]


@pytest.fixture(params=["seeds", "spellings"])
def named(
    request: pytest.FixtureRequest, seeded_settings: Settings, spellings_db: Path
) -> Settings:
    """The databases that name actors."""
    if request.param == "seeds":
        return seeded_settings
    return Settings(db_url=db_url_for(spellings_db))


def test_services_summaries_actors_equal_the_per_request_list(named: Settings) -> None:
    with _engine(named) as s:
        assert _actor_pages(s) == _actors_per_request(s) != []
        kinds = actor_kinds(s)
        assert kinds == sorted({a.kind for a in s.exec(select(Actor))})
        for kind in kinds:
            assert _actor_pages(s, kind) == _actors_per_request(s, kind) != []


def test_services_summaries_actors_follow_a_split_spelling(tmp_path: Path) -> None:
    settings = Settings(db_url=db_url_for(tmp_path / 'spellings.db'))
    assert not ingest_paths([str(DATA / "spellings")], settings).failed
    with _engine(settings) as s:
        merged = next(r.actor for r in actor_counts(s) if r.spellings > 1)
        alias = s.exec(
            select(ActorAlias.alias).where(
                ActorAlias.actor_id == merged.id, ActorAlias.alias != merged.name
            )
        ).first()
        assert alias
        before = len(_actor_pages(s))
        assert split_actor(s, merged, alias) is not None
        s.commit()
    with _engine(settings) as s:
        assert len(_actor_pages(s)) == before + 1
        assert _actor_pages(s) == _actors_per_request(s)


def test_services_summaries_facets_without_filters_are_stored(db: Settings) -> None:
    with _engine(db) as s:
        counted = whole_facets(s)
        assert any(f.values for f in counted["figures"])
        assert s.exec(select(FacetSummary.page)).all() == ["articles", "figures"]
        assert article_facets(s, filters=ArticleFilters()) == counted["articles"]
        assert figure_facets(s, filters=TopicFilters()) == counted["figures"]


def test_services_summaries_of_an_earlier_version_are_made_again(own_reports: Settings) -> None:
    engine = get_engine(own_reports.db_url)
    with Session(engine) as s:
        expected = _all_pages(s)
        s.execute(delete(FacetSummary))
        s.execute(delete(TopicSummary))
        state = s.get(SummaryState, 1)
        assert state is not None
        state.version = 0  # as a column added to an older database starts
        s.add(state)
        s.commit()
    assert ensure_summaries(engine) is not None
    with Session(engine) as s:
        assert _all_pages(s) == expected
        assert s.exec(select(FacetSummary.page)).all() == ["articles", "figures"]
