"""Query plans of the list pages over the made-up collection of the reader's plan tests, with
places, dates in the texts and search: the index (its first page and a deep one), the places,
the timeline, a search for a word every article holds and for a rare one, and the figures
overview under a date range and under a place. No page reads a large table through
(SQLite only: EXPLAIN QUERY PLAN)."""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from sqlmodel import Session

from app.db import get_engine
from app.services import list_outlets
from app.services.articles import ArticleFilters
from app.services.dates import DAY_ROWS, neighbour_days, timeline
from app.services.facets import article_facets, figure_facets
from app.services.search import MATCHES_BOUND, search
from app.services.summary_pages import article_list, day_list, overview_page, place_list
from app.services.topic_undated import count_undated
from app.services.topics import TopicFilters
from tests.databases import sqlite_only
from tests.test_services_reader_plans import ARTICLES, _build, _plans, assert_reads_none_through
from tests.test_services_summary_plans import summarise

pytestmark = sqlite_only("query plans of SQLite, on a 3,000-article database written with sqlite3")

LARGE = ("article", "figure", "statement", "link", "paragraph", "sentence", "figurepart",
         "articlecopy", "placemention", "datemention", "topicsummary", "articlerank",
         "daysummary")  # fmt: skip
FIRST_DAY = dt.date(2030, 1, 1)  # the collection's articles are of its first forty days


def _add_places_and_dates(path: Path) -> None:
    """Forty places, three mentioned in each article; two dates in each text, one of them
    a weekday no week places; the figures of one article in three count in a place, and one
    figure in seven names its day."""
    con = sqlite3.connect(path)
    con.executemany(
        "INSERT INTO place (id, name, kind, country, lat, lon) VALUES (?, ?, 'city', 'Nowhere',"
        " ?, ?)",
        [(p, f"Town {p}", p % 60, p % 90) for p in range(1, 41)],
    )
    con.executemany(
        'INSERT INTO placemention (place_id, article_id, start, "end", text, in_title)'
        " VALUES (?, ?, 0, 5,"
        " 'Town', 0)",
        [(1 + (a + k * 7) % 40, a) for a in range(1, ARTICLES + 1) for k in range(3)],
    )
    con.executemany(
        'INSERT INTO datemention (article_id, start, "end", text, value, basis)'
        " VALUES (?, 0, 5, ?, ?, ?)",
        [
            row
            for a in range(1, ARTICLES + 1)
            for row in (
                (a, "on 3 May", (FIRST_DAY + dt.timedelta(days=a % 60)).isoformat(), "stated"),
                (a, "Friday", None, "unresolved"),
            )
        ],
    )
    con.execute(
        "UPDATE figure SET place = 'Town ' || (1 + article_id % 40) WHERE article_id % 3 = 0"
    )
    con.execute("UPDATE figure SET ref_date = ? WHERE id % 7 = 0", (FIRST_DAY.isoformat(),))
    # The figures' topics as linking leaves them: a place of their own.
    con.execute(
        "UPDATE figure SET topic = measure || '|' || \"group\" || '|' || coalesce(place, 'unknown')"
    )
    # Every article but the first of its story a copy, as with wire texts reprinted: a large
    # table of copies, as at 100,000 articles.
    con.execute(
        "INSERT OR IGNORE INTO articlecopy (article_id, original_id, family_id, similarity)"
        " SELECT id, (id - 1) / 30 * 30 + 1, (id - 1) / 30 * 30 + 1, 0.9 FROM article"
        " WHERE (id - 1) % 30 != 0"
    )
    con.commit()
    con.close()


@pytest.fixture(scope="module")
def collection(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("page-plans") / "reader.db"
    _build(path)
    _add_places_and_dates(path)
    summarise(path)
    return path


@pytest.fixture
def session(collection: Path) -> Iterator[Session]:
    with Session(get_engine(f"sqlite:///{collection}")) as s:
        yield s


# Two days of the forty: a small part of the collection, as a week is of a year's news (a
# larger part is read through, rightly, where it is most of a small table).
DAYS = TopicFilters(
    date_from=FIRST_DAY + dt.timedelta(days=10), date_to=FIRST_DAY + dt.timedelta(days=11)
)
PLACE = TopicFilters(city="town 4")
STORY_KILLED = TopicFilters(story=3, measure="killed")

PAGES: dict[str, Callable[[Session], object]] = {
    "index": lambda s: (
        article_list(s, filters=ArticleFilters()),
        article_facets(s, filters=ArticleFilters()),
        list_outlets(s),
    ),
    "index, a deep page": lambda s: article_list(s, filters=ArticleFilters(), page=55, size=50),
    "places": lambda s: place_list(s),
    "dates": lambda s: day_list(s),
    "dates, a later page": lambda s: day_list(s, page=2, size=20),
    "search, a word every article holds": lambda s: search(s, q="report"),
    "search, a later page": lambda s: search(s, q="words", page=7),
    "search, a rare word": lambda s: search(s, q="1500"),
    "figures of two days": lambda s: (
        overview_page(s, filters=DAYS),
        figure_facets(s, filters=DAYS),
        count_undated(s, filters=DAYS),
    ),
    "figures of a place": lambda s: (
        overview_page(s, filters=PLACE),
        figure_facets(s, filters=PLACE),
    ),
    "figures of a story and a measure": lambda s: (
        overview_page(s, filters=STORY_KILLED),
        figure_facets(s, filters=STORY_KILLED),
    ),
    "one day, a later page": lambda s: (
        timeline(s, day=FIRST_DAY, page=2),
        neighbour_days(s, day=FIRST_DAY + dt.timedelta(days=20)),
    ),
}


@pytest.mark.parametrize("page", PAGES, ids=list(PAGES))
def test_page_plans_read_no_large_table_through(session: Session, page: str) -> None:
    assert_reads_none_through(_plans(session, lambda: PAGES[page](session)), LARGE, page)


def test_page_plans_the_pages_have_rows(session: Session) -> None:
    """The pages above are not empty: a plan of nothing would prove nothing."""
    s = session
    assert article_list(s, filters=ArticleFilters(), page=55).items
    assert len(place_list(s)) == 40
    days, unplaced = day_list(s, page=2, size=20)
    assert days.items and unplaced == ARTICLES
    assert overview_page(s, filters=DAYS).rows and overview_page(s, filters=PLACE).rows
    common, rare = search(s, q="report"), search(s, q="1500")
    assert common.total == MATCHES_BOUND < ARTICLES and common.bounded and len(common.hits) == 20
    assert rare.total == 1 and not rare.bounded and rare.hits[0].id == 1500
    (day,) = timeline(s, day=FIRST_DAY, page=2)
    assert day.figures and day.figure_count > DAY_ROWS
