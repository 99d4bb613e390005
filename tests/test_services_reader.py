"""The reader's services: segments cut from offsets, sources told apart, panels in few queries."""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import event
from sqlmodel import Session

from app.db import get_engine
from app.models import Article, ArticleCopy, Figure, Link, Paragraph, Statement, Story
from app.services.reader import (
    article_page,
    figure_panel,
    show_value,
    statement_panel,
    statement_strength,
)
from app.services.reader_compare import UnknownArticles, compare_page
from app.services.reader_segments import Mark, segments
from app.services.reader_sources import distinct_sources
from tests.databases import db_url_for


def fig(i: int, start: int, end: int, measure: str = "killed") -> Mark:
    return Mark("figure", i, start, end, measure)


def st(i: int, start: int, end: int) -> Mark:
    return Mark("statement", i, start, end)


def pieces(text: str, marks: list[Mark], offset: int = 0) -> list[tuple[str, str | None, bool]]:
    return [
        (s.text, s.claim.key if s.claim else None, s.first) for s in segments(text, offset, marks)
    ]


# --- segments --------------------------------------------------------------------------------

TEXT = "Rescuers said 40 miners died and 12 were hurt in the flood."
#       0         1         2         3         4         5
#       0123456789012345678901234567890123456789012345678901234567890


@pytest.mark.parametrize(
    ("marks", "expected"),
    [
        ([], [(TEXT, None, False)]),
        (
            [fig(1, 14, 28)],
            [("Rescuers said ", None, False), ("40 miners died", "fig-1", True),
             (" and 12 were hurt in the flood.", None, False)],
        ),
        (  # a figure inside a statement: the statement's link splits around the figure's
            [st(7, 0, 59), fig(1, 14, 28), fig(2, 33, 45, "injured")],
            [("Rescuers said ", "st-7", True), ("40 miners died", "fig-1", True),
             (" and ", "st-7", False), ("12 were hurt", "fig-2", True),
             (" in the flood.", "st-7", False)],
        ),
        (  # overlapping figures: the inner one owns the shared words, the outer the rest
            [fig(1, 14, 28), fig(2, 14, 23)],
            [("Rescuers said ", None, False), ("40 miners", "fig-2", True),
             (" died", "fig-1", True), (" and 12 were hurt in the flood.", None, False)],
        ),
        (  # crossing figures
            [fig(1, 14, 23), fig(2, 17, 28)],
            [("Rescuers said ", None, False), ("40 miners", "fig-1", True),
             (" died", "fig-2", True), (" and 12 were hurt in the flood.", None, False)],
        ),
    ],
)  # fmt: skip
def test_services_reader_segments_cut_by_offsets(
    marks: list[Mark], expected: list[tuple[str, str | None, bool]]
) -> None:
    got = pieces(TEXT, marks)
    assert got == expected
    assert "".join(t for t, _, _ in got) == TEXT


def test_services_reader_segments_same_span_twice_keeps_both_links() -> None:
    segs = segments(TEXT, 0, [fig(1, 14, 23), fig(2, 14, 23, "other")])
    owned = [s for s in segs if s.figure]
    assert len(owned) == 1 and owned[0].figure and owned[0].figure.id == 1
    assert [m.key for m in owned[0].hidden] == ["fig-2"]


def test_services_reader_segments_statement_all_figure_still_linked() -> None:
    segs = segments(TEXT, 0, [st(3, 14, 28), fig(1, 14, 28)])
    assert [m.key for s in segs for m in s.hidden] == ["st-3"]


def test_services_reader_segments_clip_to_paragraph_and_ids_once() -> None:
    body = "First part 10 dead.\n\nSecond part."
    mark = st(1, 11, 30)  # runs over the paragraph break
    seen: set[str] = set()
    first = segments(body[0:19], 0, [mark], seen=seen)
    second = segments(body[21:33], 21, [mark], seen=seen)
    assert [s.text for s in first] == ["First part ", "10 dead."]
    assert first[1].first and not any(s.first for s in second)
    assert second[0].text == "Second pa" and second[0].statement == mark


def test_services_reader_segments_offset_into_body() -> None:
    assert pieces("2 cars burned.", [fig(5, 100, 106, "other")], offset=100) == [
        ("2 cars", "fig-5", True), (" burned.", None, False),
    ]  # fmt: skip


# --- values and sources ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "high", "qualifier", "expected"),
    [
        (164.0, None, "exact", "164"),
        (1300.0, None, "more_than", "more than 1,300"),
        (6000.0, None, "nearly", "nearly 6,000"),
        (20.0, 30.0, "range", "20–30"),
        (None, None, "about", "no number given"),
        (2.5, None, "about", "about 2.5"),
    ],
)
def test_services_reader_show_value(
    value: float | None, high: float | None, qualifier: str, expected: str
) -> None:
    assert show_value(value, high, qualifier) == expected


@pytest.mark.parametrize(
    ("cited", "expected"),
    [
        (["health ministry", "Health Ministry", "the health ministry"], 1),
        (["Nigerian Health Ministry", "Nigeria's ministry of health", "ministry of health"], 1),
        (["Interior Ministry", "Peruvian Interior Ministry", "police"], 2),
        (["Red Cross", "UN", "hospital officials"], 3),
        ([], 0),
    ],
)
def test_services_reader_distinct_sources_count_repeats_once(
    cited: list[str], expected: int
) -> None:
    assert len(distinct_sources(cited)) == expected


# --- panels over a small hand-made story -------------------------------------------------------

BODIES = [
    "Officials said 40 miners died in the flood. Rescuers are still searching.",
    "At least 38 miners were killed, the regional governor said. 12 were hurt.",
    "The toll rose to 45 dead on Tuesday, the mine company said.",
    "An unrelated story about 3 injured cyclists.",
]


@pytest.fixture
def story_db(tmp_path: Path) -> Iterator[Session]:
    engine = get_engine(db_url_for(tmp_path / 'story.db'))
    with Session(engine) as s:
        s.add(Story(id=1, title="flood"))
        s.add(Story(id=2, title="cyclists"))
        s.flush()
        outlets = ["Daily A", None, "Daily C", "Daily D"]
        for i, body in enumerate(BODIES, start=1):
            s.add(
                Article(
                    id=i, source_file=f"{i}.txt", content_hash=str(i), title=f"Article {i}",
                    body=body, outlet=outlets[i - 1], date=dt.date(2031, 3, i),
                    story_id=1 if i < 4 else 2,
                )
            )  # fmt: skip
        s.flush()
        for i, body in enumerate(BODIES, start=1):
            s.add(Paragraph(article_id=i, idx=0, start=0, end=len(body)))
        topic = "killed|miners|unknown"
        rows = [
            (1, 1, "40 miners died", 40.0, "exact", "officials", topic),
            (2, 2, "At least 38 miners", 38.0, "at_least", "regional governor", topic),
            (3, 3, "45 dead", 45.0, "exact", "mine company", topic),
            (4, 2, "12 were hurt", 12.0, "exact", "unknown", "injured|total|unknown"),
            (5, 4, "3 injured cyclists", 3.0, "exact", "unknown", "injured|cyclists|unknown"),
        ]
        for fid, aid, text, value, qual, source, t in rows:
            body = BODIES[aid - 1]
            start = body.index(text)
            sent_start = body.rfind(". ", 0, start)
            sent_start = 0 if sent_start < 0 else sent_start + 2
            sent_end = body.index(".", start + len(text) - 1) + 1
            s.add(
                Figure(
                    id=fid, article_id=aid, start=start, end=start + len(text), text=text,
                    sentence_start=sent_start, sentence_end=sent_end, value=value,
                    qualifier=qual, measure=t.split("|")[0], source=source, topic=t,
                )
            )  # fmt: skip
        s.add(Link(kind="figure", a_id=1, b_id=2, relation="same", reason="compatible"))
        s.add(Link(kind="figure", a_id=1, b_id=3, relation="later", reason="the count moved"))
        s.add(Link(kind="figure", a_id=2, b_id=3, relation="differs", reason="38+ vs 45"))
        s.add(Statement(id=1, article_id=1, start=0, end=43, text=BODIES[0][:43]))
        s.add(Statement(id=2, article_id=2, start=0, end=59, text=BODIES[1][:59]))
        s.add(Statement(id=3, article_id=3, start=0, end=59, text=BODIES[2]))
        s.add(Link(kind="statement", a_id=1, b_id=2, score=0.8, reason="shared: miners, kill"))
        s.commit()
        yield s


def count_queries(session: Session) -> list[str]:
    """Every statement the database runs for the session from now on: on SQLite through the
    ORM or not (its trace); elsewhere every statement SQLAlchemy sends."""
    seen: list[str] = []
    dbapi = session.connection().connection.dbapi_connection
    if isinstance(dbapi, sqlite3.Connection):
        dbapi.set_trace_callback(seen.append)
    else:
        event.listen(
            session.get_bind(), "before_cursor_execute", lambda *args: seen.append(args[2])
        )
    return seen


def test_services_reader_figure_panel_rows_relations_agreement(story_db: Session) -> None:
    queries = count_queries(story_db)
    panel = figure_panel(story_db, figure_id=1)
    assert panel is not None
    # The figure, its links, its topic's figures, their articles (the story's, any others),
    # the sentences shown, parts, wholes, copies: a fixed number whatever the rows.
    assert len(queries) <= 9
    assert [(r.figure.id, r.relation, r.outlet) for r in panel.rows] == [
        (2, "same", None), (3, "later", "Daily C"),
    ]  # fmt: skip
    assert [s.text for s in panel.rows[0].sentence if s.figure] == ["At least 38 miners"]
    ag = panel.agreement
    assert (ag.low, ag.high, ag.spread) == (38.0, 45.0, 7.0)
    assert ag.earliest and ag.earliest.figure.id == 1
    assert ag.latest and ag.latest.figure.id == 3
    assert ag.sources == ["mine company", "officials", "regional governor"]
    assert ag.outlets == 2 and ag.articles == 3
    assert panel.compare_url(panel.rows[1]) == "/compare?ids=1,3#fig-3"


def test_services_reader_figure_panel_sets_retracted_and_copies_apart(story_db: Session) -> None:
    retracted = story_db.get(Figure, 3)
    assert retracted is not None
    retracted.status = "retracted"
    story_db.add(ArticleCopy(article_id=2, original_id=1, family_id=1, similarity=0.9))
    story_db.flush()
    panel = figure_panel(story_db, figure_id=1)
    assert panel is not None
    ag = panel.agreement
    # The retracted 45 is neither in the range nor the latest report.
    assert (ag.low, ag.high, ag.retracted) == (38.0, 40.0, 1)
    assert ag.latest is not None and ag.latest.figure.id == 2
    assert ag.set_apart_text == "1 retracted figure"
    # Article 2 copies article 1: two articles, one independent report.
    assert (ag.articles, ag.reports) == (2, 1)
    assert "2 articles (1 named outlet), 1 independent report" in ag.sources_text
    copy = next(r.copy for r in panel.rows if r.figure.id == 2)
    assert copy is not None and copy.text.startswith("a copy of Daily A, 2031-03-01 (90%")
    story_db.rollback()


def test_services_reader_figure_panel_reads_relation_from_its_side(story_db: Session) -> None:
    panel = figure_panel(story_db, figure_id=3)
    assert panel is not None
    assert {r.figure.id: r.relation for r in panel.rows} == {1: "earlier", 2: "differs"}


def test_services_reader_figure_panel_rejected_link_hides_row(story_db: Session) -> None:
    link = story_db.get(Link, 1)
    assert link is not None
    link.rejected = True
    story_db.commit()
    panel = figure_panel(story_db, figure_id=1)
    assert panel is not None and [r.figure.id for r in panel.rows] == [3]


def test_services_reader_figure_panel_unlinked_row_stays_out_of_agreement(
    story_db: Session,
) -> None:
    # The linker compared 40 with 38 but not with 45 (beyond its window, or another event):
    # the 45 is listed as not compared and never widens the range of this count.
    link = story_db.get(Link, 2)
    assert link is not None and (link.a_id, link.b_id) == (1, 3)
    story_db.delete(link)
    story_db.flush()
    panel = figure_panel(story_db, figure_id=1)
    assert panel is not None
    assert [r.figure.id for r in panel.same] == [2]
    assert [(r.figure.id, r.relation) for r in panel.unlinked] == [(3, "unlinked")]
    ag = panel.agreement
    assert (ag.low, ag.high, ag.articles, ag.unlinked) == (38.0, 40.0, 2, 1)
    assert ag.set_apart_text == "1 report of the topic not compared with it"
    assert ag.latest is not None and ag.latest.figure.id == 2
    story_db.rollback()


def test_services_reader_figure_alone_has_no_rows(story_db: Session) -> None:
    panel = figure_panel(story_db, figure_id=5)
    assert panel is not None and panel.rows == []
    assert figure_panel(story_db, figure_id=99) is None


def test_services_reader_statement_panel(story_db: Session) -> None:
    panel = statement_panel(story_db, statement_id=2)
    assert panel is not None
    assert [(r.statement.id, r.score) for r in panel.rows] == [(1, 0.8)]
    assert panel.rows[0].strength == ("close", "near-identical wording")
    empty = statement_panel(story_db, statement_id=3)
    assert empty is not None and empty.rows == []


def test_services_reader_article_marks_linked_statements_only(story_db: Session) -> None:
    queries = count_queries(story_db)
    page = article_page(story_db, article_id=2)
    assert page is not None
    # The text, its claims, the size of its story, its partners and whether it is a copy.
    assert len(queries) <= 10
    keys = [s.claim.key for b in page.text.blocks for s in b.segments if s.claim]
    assert keys == ["fig-2", "st-2", "fig-4"]
    assert page.story_size == 3
    assert page.compare_url == "/compare?ids=2,1,3"
    third = article_page(story_db, article_id=3)
    assert third is not None and third.text.statements == []  # statement 3 has no link


def test_services_reader_compare_joins_claims_across_columns(story_db: Session) -> None:
    queries = count_queries(story_db)
    page = compare_page(story_db, article_ids=[1, 2, 3])
    assert len(queries) <= 10
    first = page.columns[0]
    assert first.links["fig-1"] == ["fig-2", "fig-3"]
    assert first.badges["fig-1"] == first.badges["fig-2"] == first.badges["fig-3"]
    assert first.badges["st-1"] == first.badges["st-2"] != first.badges["fig-1"]
    assert [a.id for a in page.choices] == [1, 2, 3]
    with pytest.raises(UnknownArticles) as err:
        compare_page(story_db, article_ids=[1, 77])
    assert err.value.ids == [77]


@pytest.mark.parametrize(
    ("score", "key"),
    [
        (1.0, "close"),
        (0.8, "close"),
        (0.79, "strong"),
        (0.35, "strong"),
        (0.34, "moderate"),
        (0.0, "moderate"),
    ],
)
def test_services_reader_statement_strength_in_words(score: float, key: str) -> None:
    got, words = statement_strength(score)
    assert got == key and words
