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
    event: str = "this",
    piece: bool = False,
) -> FigureRef:
    return FigureRef(
        id, article, story, measure, group, place, value, high, qualifier, day,
        event=event, piece=piece,
    )  # fmt: skip


def linked(refs: list[FigureRef]) -> set[tuple[int, int, str]]:
    return {
        (k.a_id, k.b_id, k.relation) for k in link_figures(refs, is_country=lambda p: p == "Chile")
    }


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
        # Those killed in one manner, and those held on one charge, are groups of their own.
        ("police officers beheaded", "security forces beheaded"),
        ("beheaded", "beheaded"),
        ("for looting", "for looting"),
        ("for attacking police", "for attacking police"),
    ],
)
def test_link_figures_normalise_group(group: str, normal: str) -> None:
    assert normalise_group(group) == normal


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        (fig(1, 1, 164), fig(2, 2, 164, "at_least"), "same"),
        # Different numbers are never the same, however their qualifiers overlap.
        (fig(1, 1, 5800), fig(2, 2, 6000, "nearly"), "compatible"),
        (fig(1, 1, 40, "about"), fig(2, 2, 42), "compatible"),
        (fig(1, 1, 10, "range", high=20), fig(2, 2, 15), "compatible"),
        (fig(1, 1, 8, "at_least"), fig(2, 2, 16), "compatible"),
        (fig(1, 1, 6, "at_least"), fig(2, 2, 3, "at_least"), "compatible"),
        (fig(1, 1, 8, "at_least", day=D6), fig(2, 2, 18, day=D7), "later"),
        (fig(1, 1, 18, day=D7), fig(2, 2, 8, "at_least", day=D6), "earlier"),
        (fig(1, 1, 164, day=D6), fig(2, 2, 164, "at_least", day=D7), "same"),
        (fig(1, 1, 5800, day=D6), fig(2, 2, 6000, "nearly"), "compatible"),
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


def test_link_figures_scope_of_a_manner_inside_its_toll_in_words() -> None:
    refs = [
        fig(1, 1, 4, group="villagers beheaded", place="Dorvik"),
        fig(2, 2, 30, "at_least", group="villagers", place="Dorvik"),
    ]
    (link,) = link_figures(refs, is_country=lambda p: False)
    assert (link.a_id, link.b_id, link.relation) == (1, 2, "scope")
    # Plain words, never a topic key.
    assert "|" not in link.reason
    assert link.reason == (
        "4 villagers beheaded in Dorvik is part of at least 30 villagers killed in Dorvik"
    )


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


@pytest.mark.parametrize(
    ("refs", "expected"),
    [
        # Another event's count never joins the story's toll, nor sits inside its total.
        ([fig(1, 1, 4, event="other"), fig(2, 2, 4)], set()),
        ([fig(1, 1, 4, event="other", place="Valparaiso"), fig(2, 2, 9)], set()),
        # Two reports of the same earlier incident: one topic of its own.
        ([fig(1, 1, 4, event="other"), fig(2, 2, 4, event="other")], {(1, 2, "same")}),
        # Casualties (killed and injured together) cover both, never the same as either.
        ([fig(1, 1, 5, measure="casualties"), fig(2, 2, 5)], {(2, 1, "scope")}),
        (
            [fig(1, 1, 5, measure="casualties"), fig(2, 2, 3, measure="injured")],
            {(2, 1, "scope")},
        ),
        (
            [fig(1, 1, 5, measure="casualties", place="Valparaiso"), fig(2, 2, 2)],
            set(),
        ),
        (
            [fig(1, 1, 5, measure="casualties"), fig(2, 2, 2, place="Valparaiso")],
            {(2, 1, "scope")},
        ),
        ([fig(1, 1, 5, measure="casualties"), fig(2, 2, 5, measure="arrested")], set()),
        (
            [fig(1, 1, 5, measure="casualties"), fig(2, 2, 6, measure="casualties")],
            {(1, 2, "differs")},
        ),
        (
            [fig(1, 1, 5, measure="casualties", event="other"), fig(2, 2, 5)],
            set(),
        ),
        # A part its article names of a total is no rival of another report's total.
        ([fig(1, 1, 2, piece=True), fig(2, 2, 5)], {(1, 2, "scope")}),
        ([fig(1, 1, 5), fig(2, 2, 2, piece=True)], {(1, 2, "scope")}),
        ([fig(1, 1, 2, piece=True), fig(2, 2, 3, piece=True)], set()),
        ([fig(1, 1, 2, piece=True), fig(2, 2, 2, piece=True)], {(1, 2, "same")}),
    ],
)
def test_link_figures_events_casualties_and_parts(
    refs: list[FigureRef], expected: set[tuple[int, int, str]]
) -> None:
    assert linked(refs) == expected


def test_link_figures_other_event_topic() -> None:
    assert topic_of("killed", "people", "Chile", "other") == "killed|total (other event)|Chile"
    assert topic_of("killed", "people", "Chile", "this") == "killed|total|Chile"


@pytest.mark.parametrize(
    ("parts", "pieces"),
    [
        ([(3, 1), (3, 2)], {1, 2}),  # a derived total of two parts of its topic
        ([(1, 3)], set()),  # a "part" larger than its whole: a derived figure's input
        ([(3, 4)], set()),  # a part of another topic (guards of the total): already narrower
        ([(3, 5)], set()),  # a figure of another article is no part
        ([(3, 99)], set()),  # a rejected part
    ],
)
def test_link_figures_mark_pieces(parts: list[tuple[int, int]], pieces: set[int]) -> None:
    from app.link.figures import mark_pieces

    refs = [
        fig(1, 1, 2),
        fig(2, 1, 3),
        fig(3, 1, 5),
        fig(4, 1, 2, group="police"),
        fig(5, 2, 2),
    ]
    assert {r.id for r in mark_pieces(refs, parts) if r.piece} == pieces
