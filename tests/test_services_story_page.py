"""One story's page from made-up articles: its outlets with their first and last reports, its
headlines by date and paged, how its main figures agree, and queries that stay on indexes."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

import pytest
from sqlmodel import Session

from app.config import Settings
from app.db import get_engine
from app.models import Article, Link, Story
from app.services import story_page as sp
from bench.bench_facets import build
from tests.conftest import settings_for
from tests.databases import sqlite_only
from tests.test_services_facets import _statements
from tests.test_services_topics import _figure

D1, D2, D3, D4 = (dt.date(2031, 5, d) for d in (3, 4, 6, 9))
TOPIC = "injured|total|Marlow"


def _article(aid: int, story: int, outlet: str | None, date: dt.date | None) -> Article:
    return Article(
        id=aid,
        source_file=f"in/{aid}.txt",
        content_hash=f"h{aid}",
        title=f"Bridge report number {aid}",
        outlet=outlet,
        date=date,
        body="text",
        story_id=story,
    )


@pytest.fixture
def bridge(settings: Settings) -> Settings:
    """Story 1: Valley Post three times (4 and 9 May, one undated), Hill Times once
    undated, an article of no known outlet on 4 May, the Ferry Gazette twice on 3 May.
    Story 2 has an article of its own that must not show."""
    engine = get_engine(settings.db_url)
    with Session(engine) as s:
        s.add(Story(id=1, title="Bridge collapse in Marlow"))
        s.add(Story(id=2, title="Another story"))
        s.add(Story(id=3, title="An emptied story"))
        s.commit()
        s.add_all(
            [
                _article(1, 1, "Valley Post", D2),
                _article(2, 1, "Valley Post", D4),
                _article(3, 1, "Valley Post", None),
                _article(4, 1, "Hill Times", None),
                _article(5, 1, None, D2),
                _article(6, 1, "Ferry Gazette", D1),
                _article(7, 1, "Ferry Gazette", D1),
                _article(8, 2, "Valley Post", D1),
            ]
        )
        s.commit()
        # 12 injured in two reports (the main value), about 12 fits it, 30 differs, 5 came
        # before; the links are stored either way round.
        s.add_all(
            [
                _figure(1, 1, TOPIC, 12),
                _figure(2, 2, TOPIC, 12),
                _figure(3, 4, TOPIC, 12, "about"),
                _figure(4, 5, TOPIC, 30),
                _figure(5, 6, TOPIC, 5),
                _figure(6, 8, TOPIC, 99),
            ]
        )
        s.commit()
        s.add_all(
            [
                Link(kind="figure", a_id=1, b_id=2, relation="same"),
                Link(kind="figure", a_id=1, b_id=3, relation="compatible", reason="can both hold"),
                Link(kind="figure", a_id=4, b_id=1, relation="differs"),
                Link(kind="figure", a_id=5, b_id=1, relation="later", reason="the count moved"),
            ]
        )
        s.commit()
    return settings


def _page(settings: Settings, story_id: int = 1, page: int = 1) -> sp.StoryPage | None:
    with Session(get_engine(settings.db_url)) as s:
        return sp.story_page(s, story_id=story_id, page=page)


def test_services_story_page_outlets_with_first_and_last_report(bridge: Settings) -> None:
    page = _page(bridge)
    assert page is not None
    assert (page.articles, page.dated, page.outlets_total, page.unnamed) == (7, 5, 3, 1)
    assert (page.first_day, page.last_day, page.undated) == (D1, D4, 2)
    rows = {o.outlet: o for o in page.outlets}
    # Most articles first; among equals, the first to report (undated last).
    assert [o.outlet for o in page.outlets] == ["Valley Post", "Ferry Gazette", None, "Hill Times"]
    post = rows["Valley Post"]
    assert (post.articles, post.undated) == (3, 1)
    assert post.first and post.first.id == 1 and post.last and post.last.id == 2
    assert post.first.headline == "Bridge report number 1"
    hill = rows["Hill Times"]  # undated only: its first report in, no last
    assert hill.first and hill.first.id == 4 and hill.first.date is None and hill.last is None
    ferry = rows["Ferry Gazette"]  # two reports on one day: no last apart from the first
    assert ferry.first and ferry.first.date == D1 and ferry.last is None
    unknown = rows[None]
    assert unknown.first and unknown.first.id == 5


def test_services_story_page_headlines_by_date_undated_last_in_pages(
    bridge: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sp, "HEADLINES_PER_PAGE", 3)
    seen = []
    for number in (1, 2, 3):
        page = _page(bridge, page=number)
        assert page is not None and page.pages == 3 and page.page == number
        seen.append([h.id for h in page.headlines])
    assert seen == [[6, 7, 1], [5, 2, 3], [4]]
    past = _page(bridge, page=40)  # past the last page: the last
    assert past is not None and [h.id for h in past.headlines] == [4]


def test_services_story_page_main_figure_relations_and_agreement(bridge: Settings) -> None:
    page = _page(bridge)
    assert page is not None and len(page.main) == 1
    main = page.main[0]
    by_value = {g.shown: g for g in main.groups}
    assert main.main.shown == "12" and main.main.relation == "main"
    assert main.main.outlets == ("Valley Post ×2",) and main.main.reports == 2
    assert (by_value["about 12"].relation, by_value["about 12"].reason) == (
        "compatible",
        "can both hold",
    )
    assert by_value["30"].relation == "differs"  # stored as 30 → 12
    assert by_value["5"].relation == "earlier"  # stored as "12 is later than 5"
    assert [g.shown for g in main.groups] == ["12", "5", "30", "about 12"]  # then by day
    # Valley Post and Hill Times agree; the unnamed article and the Ferry Gazette do not.
    assert (main.agreeing, main.outlets, main.unnamed) == (2, 4, True)
    assert page.disputed and page.disputed[0].topic == TOPIC


def test_services_story_page_unknown_or_emptied_story(bridge: Settings) -> None:
    assert _page(bridge, story_id=99) is None
    empty = _page(bridge, story_id=3)
    assert empty is not None and empty.articles == 0 and empty.outlets == []
    assert empty.headlines == [] and empty.main == [] and empty.pages == 1


@sqlite_only("its query plans (EXPLAIN QUERY PLAN) on a database written with sqlite3")
def test_services_story_page_reads_no_whole_table(tmp_path: Path) -> None:
    """A story of 1,000 articles among 4,000, with SQLite's statistics: every query of its
    page has a LIMIT and reaches the article, figure, link, part and copy tables only by a
    search on an index, never a scan."""
    db = tmp_path / "large.db"
    build(db, 4000)
    con = sqlite3.connect(db)
    con.execute("INSERT INTO story (id, title) VALUES (9999, 'A big story')")
    con.execute("UPDATE article SET story_id = 9999 WHERE id % 4 = 0")
    con.execute(
        "INSERT INTO link (kind, a_id, b_id, relation, score, reason, rejected)"
        " SELECT 'figure', id, id + 1, 'same', 1, '', 0 FROM figure"
    )
    con.commit()
    con.execute("ANALYZE")
    con.close()
    settings = settings_for(db)
    with _statements(settings) as seen, Session(get_engine(settings.db_url)) as s:
        page = sp.story_page(s, story_id=9999, page=3)
    assert page is not None and page.articles == 1000 and len(page.headlines) == 100
    assert page.main and len(page.outlets) == sp.OUTLETS_SHOWN
    con = sqlite3.connect(db)
    tables = {"article", "figure", "link", "figurepart", "articlecopy"}
    selects = [(q, p) for q, p in seen if q.lstrip().upper().startswith("SELECT")]
    assert len(selects) >= 8
    for sql, params in selects:
        assert "LIMIT" in sql, sql
        plan = [row[3] for row in con.execute(f"EXPLAIN QUERY PLAN {sql}", params)]
        for step in plan:
            words = step.split(" ")
            if len(words) > 1 and words[1] in tables:
                assert words[0] == "SEARCH", (sql, plan)
