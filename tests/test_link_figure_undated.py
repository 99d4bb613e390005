"""A report without a date: its figures join another report's only where the two share a count
or a person. Invented quakes on an invented island, two of them."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from sqlmodel import Session, select

from app.db import get_engine
from app.link.figure_store import relink_figures
from app.link.figure_undated import GROWN, Common, read_common
from app.link.figure_victims import read_victims
from app.link.figures import FigureRef, link_figures
from app.models import Actor, ActorMention, Article, Figure, Link, Place, Story

Count = tuple[int, str, str, float | None, float | None, str]  # article, measure, group, value…

# Article 1 is dated, article 2 is not, article 3 is dated too.
DATED = [1, 3]
FIVE_HURT: list[Count] = [(2, "injured", "total", 5, None, "this")]
EIGHTY_HURT: list[Count] = [(1, "injured", "total", 80, None, "this")]
TEN_DEAD: list[Count] = [(1, "killed", "total", 10, None, "this")]


@pytest.mark.parametrize(
    ("persons", "counts", "apart"),
    [
        # Five hurt in an undated report, 80 hurt and ten dead in a dated one, nothing else
        # shared: the count may have moved or the quake be another one; nothing tells.
        ([], FIVE_HURT + EIGHTY_HURT + TEN_DEAD, True),
        # Both give ten dead: one toll in common.
        ([], [*FIVE_HURT, (2, "killed", "total", 10, None, "this"), *TEN_DEAD], False),
        # "Ten villagers killed" beside "ten dead": one toll, however each words who died.
        ([], [*FIVE_HURT, (2, "killed", "villagers", 10, None, "this"), *TEN_DEAD], False),
        # Both name the island's governor: one event, though their counts differ.
        ([(1, "Oskar Venn"), (2, "Oskar  Venn")], FIVE_HURT + EIGHTY_HURT, False),
        # A surname alone may be anyone's.
        ([(1, "Venn"), (2, "Venn")], FIVE_HURT + EIGHTY_HURT, True),
        # A town read as a person is no person in common.
        ([(1, "Port Selva"), (2, "Port Selva")], FIVE_HURT + EIGHTY_HURT, True),
        # Five tents in one and five houses in the other: no count of the same things.
        (
            [],
            [
                *FIVE_HURT,
                (2, "other", "tents", 5, None, "this"),
                (1, "other", "houses", 5, None, "this"),
                *EIGHTY_HURT,
            ],
            True,
        ),
        # An earlier quake's toll given in both says nothing of which quake each tells.
        (
            [],
            [
                *FIVE_HURT,
                (2, "killed", "total", 600, None, "other"),
                (1, "killed", "total", 600, None, "other"),
                *EIGHTY_HURT,
            ],
            True,
        ),
    ],
)
def test_link_figure_undated_apart(
    persons: list[tuple[int, str]], counts: list[Count], apart: bool
) -> None:
    common = read_common(DATED, persons, counts, places=["Port Selva"])
    assert common.apart(1, 2) is apart
    assert common.apart(2, 1) is apart


def test_link_figure_undated_two_dated_reports_never_apart() -> None:
    # Time tells a count that moved between two dated reports: this rule stays silent.
    common = read_common(DATED, [], [*EIGHTY_HURT, (3, "injured", "total", 5, None, "this")])
    assert common.apart(1, 3) is False


def test_link_figure_undated_only_reads_articles_it_is_asked_about() -> None:
    common = Common(dated={1, 3}, among={1, 2})
    common.add_count(3, "killed", "total", 10, None, "this")
    common.add_person(3, "Oskar Venn")
    assert not common.counts and not common.persons


def test_link_figure_undated_keeps_links_out_between_twin_quakes() -> None:
    def ref(id: int, article: int, value: float, day: dt.date | None) -> FigureRef:
        return FigureRef(id, article, 1, "injured", "total", "Quarnholm", value, None, "exact", day)

    day = dt.date(2031, 4, 6)
    # 1: dated, 80 hurt; 2: undated, five hurt; 3: undated, 80 hurt (the dated quake's count).
    refs = [ref(1, 1, 80, day), ref(2, 2, 5, None), ref(3, 3, 80, None)]
    counts: list[Count] = [(r.article_id, "injured", "total", r.value, None, "this") for r in refs]
    common = read_common([1], [], counts)
    links = link_figures(refs, is_country=lambda p: False, apart=common.apart)
    pairs = {frozenset((k.a_id, k.b_id)) for k in links}
    assert pairs == {frozenset({1, 3})}


def test_link_figure_undated_relink_in_the_database(tmp_path: Path) -> None:
    """Through relink_figures: an undated report of five hurt on the island stays apart from a
    dated one of 80 hurt, unless both name the same governor."""
    url = f"sqlite:///{tmp_path / 'quakes.db'}"
    with Session(get_engine(url)) as session:
        session.add(Story(id=1, title="Quake on Quarnholm"))
        session.add(Place(name="Port Selva", kind="city", country="Quarnholm"))
        session.flush()
        for aid, date in ((1, dt.date(2031, 4, 6)), (2, None), (3, None)):
            session.add(
                Article(
                    id=aid, source_file=f"{aid}.txt", content_hash=str(aid), body="…",
                    date=date, story_id=1,
                )
            )  # fmt: skip
        for fid, aid, value in ((1, 1, 80), (2, 2, 5), (3, 3, 5)):
            session.add(
                Figure(
                    id=fid, article_id=aid, start=0, end=1, text=str(value), sentence_start=0,
                    sentence_end=1, value=value, measure="injured", place="Quarnholm",
                )
            )  # fmt: skip
        session.add(Actor(id=1, name="Oskar Venn", slug="oskar-venn", kind="person"))
        session.flush()  # the rows the figures and mentions point at
        # Each report spells him its own way: one person as the actors merged them.
        for aid, said in ((1, "Oskar Venn"), (3, "Oskar Wenn")):
            session.add(ActorMention(article_id=aid, actor_id=1, start=0, end=1, text=said))
        session.commit()
        relink_figures(session)
        session.commit()
        pairs = {frozenset((k.a_id, k.b_id)) for k in session.exec(select(Link))}
    # 2 shares nothing with 1; 3 names the governor 1 names; 2 and 3 give the same count.
    assert pairs == {frozenset({1, 3}), frozenset({2, 3})}


@pytest.mark.parametrize(
    ("value", "apart"),
    [
        # One deputy killed in each, one report names him and the other never does: two deaths.
        (1, True),
        # Two killed in each: a count of more than one victim is a count in common.
        (2, False),
    ],
)
def test_link_figure_undated_one_dead_named_otherwise(value: float, apart: bool) -> None:
    victims = read_victims(
        [(1, "Ilse Marrow"), (2, "Sven Tollak"), (2, "Rudi Hesk")],
        [(1, "killed", "ilse marrow", 1, "this"), (2, "killed", "total", value, "this")],
    )
    assert victims.unnamed_in(1, 2) and not victims.unnamed_in(2, 1)
    counts: list[Count] = [
        (1, "killed", "security forces", value, None, "this"),
        (2, "killed", "total", value, None, "this"),
    ]
    common = read_common([1], [], counts)
    common.other_victim = lambda a, b: victims.unnamed_in(a, b) or victims.unnamed_in(b, a)
    assert common.apart(1, 2) is apart


def test_link_figure_undated_a_toll_that_rose_follows_its_story() -> None:
    # "The toll rose to 31": the undated report follows an earlier count, whatever it differs.
    common = read_common(DATED, [], FIVE_HURT + EIGHTY_HURT)
    common.follows = {2}
    assert common.apart(1, 2) is False
    assert GROWN.search("The death toll from the quake rose to 31 on Tuesday.")
