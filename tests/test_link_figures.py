"""Figure topics, relations and links, table-driven on figures of our own making."""

from __future__ import annotations

import datetime as dt

import pytest

from app.link.figures import FigureRef, invert, link_figures, normalise_group, relation, topic_of

D6, D7 = dt.date(2024, 3, 6), dt.date(2024, 3, 7)


def fig(
    id: int,
    article: int,
    value: float | None,
    qualifier: str = "exact",
    *,
    measure: str = "killed",
    group: str = "total",
    place: str | None = "Chile",
    day: dt.date | None = None,
    story: int | None = 1,
    high: float | None = None,
) -> FigureRef:
    return FigureRef(id, article, story, measure, group, place, value, high, qualifier, day)


@pytest.mark.parametrize(
    ("group", "normal"),
    [
        ("police officers", "security forces"),
        ("agents of the security forces", "security forces"),
        ("soldiers", "security forces"),
        ("armed criminals", "protesters"),
        ("demonstrators", "protesters"),
        ("people", "total"),
        ("", "total"),
        ("civilians", "civilians"),
        ("Russian troops", "russian troops"),
        ("checkpoints", "checkpoints"),
        ("additional total", "additional total"),
        ("additional police officers", "additional security forces"),
    ],
)
def test_link_figures_normalise_group(group: str, normal: str) -> None:
    assert normalise_group(group) == normal


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        (fig(1, 1, 164), fig(2, 2, 164, "at_least"), "same"),
        (fig(1, 1, 5800), fig(2, 2, 6000, "nearly"), "same"),
        (fig(1, 1, 40, "about"), fig(2, 2, 42), "same"),
        (fig(1, 1, 10, "range", high=20), fig(2, 2, 15), "same"),
        (fig(1, 1, 8, "at_least", day=D6), fig(2, 2, 18, day=D7), "later"),
        (fig(1, 1, 18, day=D7), fig(2, 2, 8, "at_least", day=D6), "earlier"),
        (fig(1, 1, 164, day=D6), fig(2, 2, 164, "at_least", day=D7), "same"),
        (fig(1, 1, 5800, day=D6), fig(2, 2, 6000, "nearly"), "same"),
        (fig(1, 1, 18, day=D7), fig(2, 2, 8, day=D6), "earlier"),
        (fig(1, 1, 16, day=D7), fig(2, 2, 18, day=D7), "differs"),
        (fig(1, 1, 16), fig(2, 2, 18), "differs"),
        (fig(1, 1, None, "about"), fig(2, 2, 164), "about"),
        (fig(1, 1, 100, "up_to"), fig(2, 2, 120), "differs"),
        (fig(1, 1, 200, "more_than"), fig(2, 2, 200), "differs"),
    ],
)
def test_link_figures_relation(a: FigureRef, b: FigureRef, expected: str) -> None:
    assert relation(a, b)[0] == expected


def test_link_figures_relation_reason_names_values() -> None:
    rel, reason = relation(fig(1, 1, 8, day=D6), fig(2, 2, 18, day=D7))
    assert rel == "later" and "18" in reason and "8" in reason


def test_link_figures_invert() -> None:
    assert invert("earlier") == "later" and invert("same") == "same"


def test_link_figures_same_topic_linked_across_articles_only() -> None:
    refs = [fig(1, 1, 164), fig(2, 1, 160), fig(3, 2, 150, "about"), fig(4, 3, 170)]
    pairs = {(k.a_id, k.b_id) for k in link_figures(refs, is_country=lambda p: p == "Chile")}
    assert pairs == {(1, 3), (1, 4), (2, 3), (2, 4), (3, 4)}


def test_link_figures_never_across_measures_or_stories() -> None:
    refs = [
        fig(1, 1, 12),
        fig(2, 2, 12, measure="injured"),
        fig(3, 3, 12, story=2),
        fig(4, 4, 12, story=None),
    ]
    assert link_figures(refs, is_country=lambda p: True) == []


def test_link_figures_city_beside_country_is_scope() -> None:
    refs = [
        fig(1, 1, 103, place="Valparaiso"),
        fig(2, 2, 164, place="Chile"),
        fig(3, 3, 30, group="protesters", place="Valparaiso"),
    ]
    links = link_figures(refs, is_country=lambda p: p == "Chile")
    # The city's protesters sit inside the city's total and inside the country's total.
    assert {(k.a_id, k.b_id, k.relation) for k in links} == {
        (1, 2, "scope"),
        (3, 1, "scope"),
        (3, 2, "scope"),
    }


def test_link_figures_group_and_place_widen_together() -> None:
    refs = [fig(1, 1, 2, group="workers", place="Valparaiso"), fig(2, 2, 2, place="Chile")]
    links = link_figures(refs, is_country=lambda p: p == "Chile")
    assert [(k.a_id, k.b_id, k.relation) for k in links] == [(1, 2, "scope")]
    # Narrower on one side and wider on the other is no scope: protesters in the country
    # beside the total of one city.
    refs = [fig(1, 1, 30, group="protesters", place="Chile"), fig(2, 2, 103, place="Valparaiso")]
    assert link_figures(refs, is_country=lambda p: p == "Chile") == []


def test_link_figures_subset_beside_total_is_scope() -> None:
    refs = [fig(1, 1, 16, group="police"), fig(2, 2, 164)]
    links = link_figures(refs, is_country=lambda p: p == "Chile")
    assert [(k.a_id, k.b_id, k.relation) for k in links] == [(1, 2, "scope")]


def test_link_figures_topic_string() -> None:
    assert topic_of("killed", "police officers", "Chile") == "killed|security forces|Chile"
    assert topic_of("arrested", "people", None) == "arrested|total|unknown"


def test_link_figures_big_topic_links_stay_linear() -> None:
    from app.link.figures import MAX_PARTNERS

    refs = [fig(i, i, 100 + i % 3) for i in range(1, 501)]
    links = link_figures(refs, is_country=lambda p: True)
    assert len(links) <= 500 * MAX_PARTNERS
    partners: dict[int, int] = {}
    for k in links:
        partners[k.a_id] = partners.get(k.a_id, 0) + 1
        partners[k.b_id] = partners.get(k.b_id, 0) + 1
    assert min(partners.values()) >= MAX_PARTNERS


def test_link_figures_past_event_count_is_its_own_topic() -> None:
    assert topic_of("killed", "civilians in 2004", "Chile") == "killed|civilians in 2004|Chile"
    refs = [fig(1, 1, 170_000, group="total in 2004", place="Chile"), fig(2, 2, 24, place="Chile")]
    # Neither the same count nor a part of today's total.
    assert link_figures(refs, is_country=lambda p: p == "Chile") == []


def test_link_figures_past_year_within_the_story_is_its_own_count() -> None:
    from app.link.figures import own_time

    # A trial report two years on names the year of the shooting the story began with.
    assert own_time("workers in 2010", 2010) == "workers"
    # A tsunami of 2004 in a story of 2013 stays a count of its own.
    assert own_time("total in 2004", 2013) == "total in 2004"
    assert own_time("total in 1983–2005", 2011) == "total in 1983–2005"
    assert own_time("total", 2013) == "total"
    assert own_time("total in 2004", None) == "total in 2004"
