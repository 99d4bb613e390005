"""Side by side partners: the articles sharing most claims, the open figure's always among them."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session

from app.db import get_engine
from app.models import Article, Figure, Link, Statement, Story
from app.services import reader_data as data
from app.services.reader import compare_from
from app.services.reader_compare import compare_page
from app.services.reader_partners import compare_partners, shared_counts
from app.web.app import create_app
from tests.conftest import settings_for
from tests.databases import db_url_for

# Article 1 has five figures and a statement; articles 2 to 6 share some of them:
# 2 shares three claims (a figure linked twice counts once), 3 two (one a statement), 4 two,
# 5 one (only figure 105), 6 none but a rejected link and a rejected figure.
LINKS = [
    ("figure", 101, 201, False),
    ("figure", 102, 202, False),
    ("figure", 103, 203, False),
    ("figure", 103, 204, False),  # 103 is shared with 2 twice: one claim
    ("figure", 104, 301, False),
    ("statement", 11, 31, False),
    ("figure", 101, 401, False),
    ("figure", 402, 102, False),  # linked from the other end
    ("figure", 105, 501, False),
    ("figure", 104, 601, True),  # a rejected link shares nothing
    ("figure", 101, 602, False),  # to a rejected figure: nothing either
]


@pytest.fixture
def db(tmp_path: Path) -> Iterator[Session]:
    with Session(get_engine(db_url_for(tmp_path / 'partners.db'))) as s:
        s.add(Story(id=1, title="one story"))
        s.flush()
        for a in range(1, 7):
            s.add(
                Article(
                    id=a, source_file=f"{a}.txt", content_hash=str(a), body="x" * 40, story_id=1
                )
            )
        s.flush()
        figures = {1: range(101, 106), 2: range(201, 205), 3: [301], 4: [401, 402], 5: [501]}
        for a, ids in (figures | {6: [601, 602]}).items():
            for f in ids:
                s.add(Figure(id=f, article_id=a, start=0, end=2, text="12", sentence_start=0,
                             sentence_end=10, rejected=f == 602))  # fmt: skip
        s.add(Statement(id=11, article_id=1, start=0, end=10, text="x"))
        s.add(Statement(id=31, article_id=3, start=0, end=10, text="x"))
        for kind, a, b, rejected in LINKS:
            s.add(Link(kind=kind, a_id=a, b_id=b, rejected=rejected))
        s.commit()
        yield s


def test_reader_partners_count_shared_claims(db: Session) -> None:
    assert shared_counts(data.connection(db), 1) == {2: 3, 3: 2, 4: 2, 5: 1}


def test_reader_partners_most_shared_first(db: Session) -> None:
    partners = compare_partners(data.connection(db), 1)
    assert [(p.article.id, p.shared) for p in partners] == [(2, 3), (3, 2), (4, 2)]


def test_reader_partners_never_leave_out_the_open_figures_counterpart(db: Session) -> None:
    # Figure 105's only counterpart is in article 5, which shares least of all.
    partners = compare_partners(data.connection(db), 1, figure_id=105)
    assert [p.article.id for p in partners] == [5, 2, 3]
    assert compare_from(db, article_id=1, figure_id=105) == "/compare?ids=1,5,2,3#fig-105"


def test_reader_partners_without_links_the_story_oldest_first(db: Session) -> None:
    partners = compare_partners(data.connection(db), 6)
    assert [(p.article.id, p.shared) for p in partners] == [(1, 0), (2, 0), (3, 0)]


def test_reader_partners_unknown_article_has_none(db: Session) -> None:
    assert compare_partners(data.connection(db), 99) == []
    assert compare_from(db, article_id=99, figure_id=None) is None


def test_reader_compare_says_what_each_column_shares(spellings_db: Path) -> None:
    with Session(get_engine(settings_for(spellings_db).db_url)) as session:
        counts = shared_counts(data.connection(session), 1)
        page = compare_page(session, article_ids=[1, 2, 3, 4])
    assert page.groups > 0
    with TestClient(create_app(settings_for(spellings_db))) as client:
        html = client.get("/compare?ids=1,2,3,4").text
    shown = [int(n) for n in re.findall(r'class="shared-count">(\d+) claims? shared', html)]
    assert shown == [counts[2], counts[3], counts[4]]
    assert all(shown)
