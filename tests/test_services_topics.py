"""Topic rows, their spread and their charts, from figures made up for the test."""

from __future__ import annotations

import datetime as dt

import pytest

from app.models import Article, Figure
from app.services.topics import group_topics, show_value

D1, D2, D3 = dt.date(2019, 3, 4), dt.date(2019, 3, 5), dt.date(2019, 3, 7)


def _article(aid: int, outlet: str | None, date: dt.date | None) -> Article:
    return Article(
        id=aid,
        source_file=f"in/{aid}.html",
        content_hash=str(aid),
        body="",
        outlet=outlet,
        date=date,
        title=f"Report {aid}",
    )


def _figure(
    fid: int,
    aid: int,
    topic: str,
    value: float | None,
    qualifier: str = "exact",
    ref_date: dt.date | None = None,
    value_high: float | None = None,
) -> Figure:
    measure = topic.split("|")[0]
    return Figure(
        id=fid,
        article_id=aid,
        start=0,
        end=1,
        text="x",
        sentence_start=0,
        sentence_end=1,
        value=value,
        value_high=value_high,
        qualifier=qualifier,
        measure=measure,
        topic=topic,
        ref_date=ref_date,
    )


@pytest.mark.parametrize(
    ("value", "high", "qualifier", "shown"),
    [
        (41, None, "exact", "41"),
        (1200, None, "at_least", "at least 1,200"),
        (300, None, "more_than", "more than 300"),
        (90, None, "about", "about 90"),
        (10, 12, "range", "10–12"),
        (None, None, "about", "no number"),
        (2.5, None, "exact", "2.5"),
    ],
)
def test_services_topics_show_value(
    value: float | None, high: float | None, qualifier: str, shown: str
) -> None:
    assert show_value(value, high, qualifier) == shown


def test_services_topics_rows_are_most_disputed_first() -> None:
    a1, a2, a3 = _article(1, "Daily Ledger", D1), _article(2, None, D2), _article(3, "Wire", None)
    pairs = [
        (_figure(1, 1, "injured|total|Valparaiso", 40), a1),
        (_figure(2, 2, "injured|total|Valparaiso", 40), a2),
        (_figure(3, 1, "killed|total|Valparaiso", 12), a1),
        (_figure(4, 2, "killed|total|Valparaiso", 19, "at_least"), a2),
        (_figure(5, 3, "killed|total|Valparaiso", None, "about"), a3),
        (_figure(6, 3, "arrested|total|Valparaiso", 7), a3),
    ]
    rows = group_topics(pairs)
    assert rows[0].topic == "killed|total|Valparaiso"
    killed = rows[0]
    assert killed.articles == 3 and killed.disputed and killed.range_text == "12–19"
    assert killed.spread == pytest.approx(7 / 19)
    injured = next(r for r in rows if r.measure == "injured")
    assert not injured.disputed and injured.spread == 0
    single = next(r for r in rows if r.measure == "arrested")
    assert single.articles == 1 and not single.disputed
    # Named by outlet, date and title; never by the file name.
    assert {v.label for v in killed.values} == {
        "Daily Ledger · 2019-03-04 · Report 1",
        "2019-03-05 · Report 2",
        "Wire · undated · Report 3",
    }


def test_services_topics_chart_places_values_by_day_and_vague_ones_on_top() -> None:
    a1, a2, a3 = _article(1, "A", D1), _article(2, "B", D3), _article(3, "C", None)
    pairs = [
        (_figure(1, 1, "killed|total|Lima", 10), a1),
        (_figure(2, 2, "killed|total|Lima", 30, "about"), a2),
        (_figure(3, 3, "killed|total|Lima", None, "about"), a3),
        (_figure(4, 3, "killed|total|Lima", 20, "range", ref_date=D2, value_high=25), a3),
    ]
    chart = group_topics(pairs)[0].chart
    assert chart is not None
    marks = {m.figure_id: m for m in chart.marks}
    # Days left to right, the undated value last; the range refers to its own day.
    assert marks[1].x < marks[4].x < marks[2].x < marks[3].x
    assert [t.label for t in chart.ticks] == ["4 Mar", "5 Mar", "7 Mar", "no date"]
    # Bigger values higher up (smaller y); a vague value sits above every number.
    assert marks[2].y < marks[1].y and marks[3].shape == "vague"
    assert marks[3].y < min(m.y for m in chart.marks if m.shape != "vague")
    assert marks[4].shape == "range" and marks[4].y2 < marks[4].y
    assert marks[2].shape == "diamond" and marks[2].points
    assert chart.line.count(",") == 3  # highest value of each dated day, joined


def test_services_topics_same_day_values_fan_out() -> None:
    a1, a2 = _article(1, "A", D1), _article(2, "B", D1)
    pairs = [
        (_figure(1, 1, "killed|total|Quito", 5), a1),
        (_figure(2, 2, "killed|total|Quito", 5), a2),
    ]
    chart = group_topics(pairs)[0].chart
    assert chart is not None and chart.marks[0].x != chart.marks[1].x


def test_services_topics_one_row_per_story() -> None:
    a1, a2, a3 = _article(1, "A", D1), _article(2, "B", D2), _article(3, "C", D3)
    a1.story_id = a2.story_id = 1
    a3.story_id = 2
    pairs = [
        (_figure(1, 1, "killed|total|Jakarta", 24), a1),
        (_figure(2, 2, "killed|total|Jakarta", 26), a2),
        (_figure(3, 3, "killed|total|Jakarta", 170_000), a3),  # another event, same country
    ]
    rows = group_topics(pairs, story_titles={1: "Quake", 2: "Tsunami"})
    assert sorted((r.story_title, r.range_text) for r in rows) == [
        ("Quake", "24–26"),
        ("Tsunami", "170,000"),
    ]
