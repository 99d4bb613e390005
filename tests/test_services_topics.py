"""Topic rows, their spread and their charts, from figures made up for the test."""

from __future__ import annotations

import datetime as dt

import pytest

from app.models import Article, Figure
from app.services.topics import TopicContext, group_topics, show_value

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
    a1, a2, a3 = _article(1, "Daily Ledger", D1), _article(2, None, D1), _article(3, "Wire", None)
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
    assert killed.disagreement == pytest.approx(7 / 19)
    injured = next(r for r in rows if r.measure == "injured")
    assert not injured.disputed and injured.spread == 0 and injured.kind == "agreed"
    single = next(r for r in rows if r.measure == "arrested")
    assert single.articles == 1 and not single.disputed and single.kind == "single"
    # Named by outlet, date and title; never by the file name.
    assert {v.label for v in killed.values} == {
        "Daily Ledger · 2019-03-04 · Report 1",
        "2019-03-04 · Report 2",
        "Wire · undated · Report 3",
    }


def test_services_topics_rising_count_is_a_series_not_a_dispute() -> None:
    days = [dt.date(2021, 6, d) for d in (1, 2, 3, 4)]
    arts = [_article(i + 1, f"Outlet {i}", d) for i, d in enumerate(days)]
    rising = [(200, "more_than"), (1_500, "exact"), (4_000, "at_least"), (6_100, "exact")]
    pairs = [
        (_figure(i + 1, i + 1, "arrested|total|Tarsk", v, q), arts[i])
        for i, (v, q) in enumerate(rising)
    ]
    # A small toll two outlets give differently on the same day: the real dispute.
    pairs += [
        (_figure(10, 1, "killed|total|Tarsk", 9), arts[0]),
        (_figure(11, 2, "killed|total|Tarsk", 14), _article(5, "Outlet 9", days[0])),
    ]
    rows = group_topics(pairs)
    assert [r.kind for r in rows] == ["disputed", "series"]
    arrests = rows[1]
    assert not arrests.disputed
    assert arrests.series == "rose from more than 200 on 1 Jun to 6,100 on 4 Jun"
    assert arrests.chart is not None and arrests.chart.line.count(",") == 4


@pytest.mark.parametrize(
    ("second", "kind"),
    [
        # An undated value that fits some day's report is no dispute.
        ((5_900, "nearly", None), "series"),
        # One that fits no report at all is.
        ((90, "exact", None), "disputed"),
        # A lower count on a later day is a fall, not a dispute.
        ((150, "exact", D3), "series"),
    ],
)
def test_services_topics_undated_and_falling_values(
    second: tuple[float, str, dt.date | None], kind: str
) -> None:
    value, qualifier, date = second
    pairs = [
        (_figure(1, 1, "arrested|total|Tarsk", 200, "more_than"), _article(1, "A", D1)),
        (_figure(2, 2, "arrested|total|Tarsk", 5_800), _article(2, "B", D2)),
        (_figure(3, 3, "arrested|total|Tarsk", value, qualifier), _article(3, "C", date)),
    ]
    (row,) = group_topics(pairs)
    assert row.kind == kind


def test_services_topics_parts_retractions_and_other_events_stand_apart() -> None:
    a1, a2, a3 = _article(1, "A", D1), _article(2, "B", D1), _article(3, "C", D1)
    whole = _figure(1, 1, "killed|security forces|Tarsk", 18, "at_least")
    part = _figure(2, 1, "killed|security forces|Tarsk", 2)  # "two of them beheaded"
    retracted = _figure(3, 2, "killed|security forces|Tarsk", 40)
    retracted.status = "retracted"
    same = _figure(4, 3, "killed|security forces|Tarsk", 18)
    other = _figure(5, 3, "killed|total|Tarsk (other event)", 612)
    other.event = "other"
    pairs = [(whole, a1), (part, a1), (retracted, a2), (same, a3), (other, a3)]
    rows = group_topics(pairs, context=TopicContext(parts=((1, 2),)))
    toll = rows[0]
    assert toll.kind == "agreed" and toll.range_text == "18" and not toll.disputed
    assert [(v.figure_id, v.note) for v in toll.set_apart] == [
        (2, "a part its report names of the total"),
        (3, "retracted"),
    ]
    assert toll.chart is not None and {m.figure_id for m in toll.chart.marks} == {1, 4}
    assert rows[-1].kind == "other" and rows[-1].other_event


def test_services_topics_copies_are_one_report() -> None:
    arts = [_article(i, f"Outlet {i}", D1) for i in (1, 2, 3, 4, 5)]
    values = [30, 30, 30, 30, 45]
    pairs = [
        (_figure(i, i, "injured|total|Tarsk", v), arts[i - 1])
        for i, v in zip((1, 2, 3, 4, 5), values, strict=True)
    ]
    # Outlets 2-4 reprint outlet 1's wire story; outlet 5 is its own report.
    context = TopicContext(families={2: 1, 3: 1, 4: 1})
    (row,) = group_topics(pairs, context=context)
    assert row.sources_text == "5 articles, 2 independent reports"
    assert row.disputed
    # Two copies of one text that disagree are no dispute between reports.
    (row,) = group_topics(
        [*pairs[:1], (_figure(9, 2, "injured|total|Tarsk", 31), arts[1])], context=context
    )
    assert not row.disputed


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


def test_services_topics_chart_spaces_days_by_their_real_gap() -> None:
    """One day, then nine days later, then the next day: the gaps are 9 to 1 on the axis,
    not even steps; every day has a tick, and labels that would collide give way."""
    days = [dt.date(2019, 3, 1), dt.date(2019, 3, 10), dt.date(2019, 3, 11)]
    pairs = [
        (_figure(i + 1, i + 1, "killed|total|Oruro", 10 * (i + 1)), _article(i + 1, "A", d))
        for i, d in enumerate(days)
    ]
    chart = group_topics(pairs)[0].chart
    assert chart is not None
    x = {m.figure_id: m.x for m in chart.marks}
    assert (x[2] - x[1]) == pytest.approx(9 * (x[3] - x[2]))
    assert [t.x for t in chart.ticks] == sorted(x.values())
    assert [t.label for t in chart.ticks] == ["1 Mar", "", "11 Mar"]


@pytest.mark.parametrize(
    ("days", "undated", "labels"),
    [
        ([D1], False, ["4 Mar"]),
        ([D1], True, ["4 Mar", "no date"]),
        ([], True, ["no date"]),
        ([D1, D3], True, ["4 Mar", "7 Mar", "no date"]),
    ],
)
def test_services_topics_chart_ticks_with_few_days_and_undated(
    days: list[dt.date], undated: bool, labels: list[str]
) -> None:
    arts = [_article(i + 1, "A", d) for i, d in enumerate(days)]
    if undated:
        arts.append(_article(len(arts) + 1, "B", None))
    pairs = [(_figure(a.id or 0, a.id or 0, "killed|total|Oruro", 4), a) for a in arts]
    chart = group_topics(pairs)[0].chart
    assert chart is not None
    assert [t.label for t in chart.ticks] == labels
    assert all(chart.plot_left < t.x < chart.plot_right for t in chart.ticks)


def test_services_topics_chart_many_values_of_one_day_stay_near_it() -> None:
    arts = [_article(i, f"Outlet {i}", D1 if i % 2 else D3) for i in range(1, 61)]
    pairs = [(_figure(a.id or 0, a.id or 0, "killed|total|Oruro", 4), a) for a in arts]
    chart = group_topics(pairs)[0].chart
    assert chart is not None
    ticks = [t.x for t in chart.ticks]
    assert len({round(m.x, 1) for m in chart.marks}) > 2  # still fanned out
    assert all(min(abs(m.x - t) for t in ticks) <= 12.0 for m in chart.marks)


@pytest.mark.parametrize(("reports", "marks", "note"), [(3, 3, ""), (10, 3, "and 7 more reports")])
def test_services_topics_chart_folds_one_value_reported_many_times_a_day(
    reports: int, marks: int, note: str
) -> None:
    """A wire text reprinted many times draws a few marks, the last saying how many more."""
    arts = [_article(i, f"Outlet {i}", D1) for i in range(1, reports + 1)]
    arts.append(_article(reports + 1, "Other", D1))
    pairs = [(_figure(a.id or 0, a.id or 0, "killed|total|Oruro", 4), a) for a in arts[:-1]]
    pairs.append((_figure(99, reports + 1, "killed|total|Oruro", 6), arts[-1]))
    chart = group_topics(pairs)[0].chart
    assert chart is not None
    fours = [m for m in chart.marks if m.figure_id != 99]
    assert len(fours) == marks and len(chart.marks) == marks + 1
    assert (note in fours[-1].title) if note else all("more report" not in m.title for m in fours)
    assert (note in chart.summary) if note else "more report" not in chart.summary
