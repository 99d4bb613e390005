"""Spellings: a name typed in any spelling stands for its actor or place, in search and filters."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session

from app.db import get_engine
from app.services.articles import ArticleFilters, list_articles
from app.services.search import expand, query_terms, search
from app.services.spellings import fewest_phrases, place_ids_for
from app.web.app import create_app
from tests.conftest import settings_for


@pytest.fixture(scope="module")
def session(spellings_db: Path) -> Iterator[Session]:
    with Session(get_engine(settings_for(spellings_db).db_url)) as s:
        yield s


def _titles(session: Session, q: str) -> set[str]:
    result = search(session, q=q)
    return {"".join(text for text, _ in hit.title) for hit in result.hits}


FLOODS = {
    "Monsoon floods swamp Mumbai suburbs",
    "Flood toll rises in India's financial capital",
    "Trains resume after deluge",
    "Clean-up begins as rain eases",
}


@pytest.mark.parametrize("typed", ["Velitchko", "Velichko", "velichko", "Radomir Velitchko"])
def test_search_any_spelling_finds_every_article_of_the_actor(session: Session, typed: str) -> None:
    assert _titles(session, typed) == FLOODS


def test_search_two_names_find_the_article_that_spells_one_otherwise(session: Session) -> None:
    # The second report writes "Velitchko"; both reports name the opposition leader.
    assert _titles(session, "Velichko Brandt") == {
        "Monsoon floods swamp Mumbai suburbs",
        "Flood toll rises in India's financial capital",
    }


def test_search_says_which_spellings_it_searched(session: Session) -> None:
    result = search(session, q="Velitchko rain")
    [spelt] = result.expanded
    assert spelt.typed == "Velitchko"
    assert spelt.name == "Radomir Velichko"
    assert spelt.phrases == ("Velitchko", "Velichko")  # the full names add nothing
    assert result.as_typed == '"Velitchko" rain'


def test_search_in_quotes_is_that_spelling_only(session: Session) -> None:
    result = search(session, q='"Velitchko"')
    assert result.expanded == []
    assert result.total == 1


@pytest.mark.parametrize(
    ("typed", "title"),
    [
        ("Bombay", "Monsoon floods swamp Mumbai suburbs"),  # an old name the articles use
        ("Мумбаи", "Trains resume after deluge"),  # another script, from the gazetteer
        ("Madras", "Heatwave grips Madras"),
    ],
)
def test_search_a_place_in_any_spelling(session: Session, typed: str, title: str) -> None:
    assert title in _titles(session, typed)


def test_search_longest_name_wins_over_its_words(session: Session) -> None:
    groups = expand(session, query_terms("Radomir Velitchko flood"))
    assert [len(g.terms) for g in groups] == [2, 1]
    assert groups[0].spellings is not None
    assert groups[1].spellings is None


@pytest.mark.parametrize(
    ("typed", "spellings", "phrases"),
    [
        (
            "Velitchko",
            ["Radomir Velitchko", "Velichko", "Radomir Velichko"],
            ("Velitchko", "Velichko"),
        ),
        ("velichko", ["Velichko", "Velitchko"], ("velichko", "Velitchko")),
        ("Bombay", ["Mumbai", "Bombay"], ("Bombay", "Mumbai")),
        ("Нур-Султан", ["Nur-Sultan", "Nursultan"], ("Нур-Султан", "Nursultan", "Nur-Sultan")),
    ],
)
def test_spellings_fewest_phrases(
    typed: str, spellings: list[str], phrases: tuple[str, ...]
) -> None:
    assert fewest_phrases(typed, spellings) == phrases


@pytest.mark.parametrize(
    ("city", "titles"),
    [
        ("Mumbai", FLOODS),
        ("bombay", FLOODS),
        ("Мумбаи", FLOODS),  # Cyrillic: a gazetteer name no article wrote
        ("Madras", {"Heatwave grips Madras"}),
        ("Chennai", {"Heatwave grips Madras"}),
        ("Atlantis", set()),
    ],
)
def test_city_filter_takes_any_spelling(session: Session, city: str, titles: set[str]) -> None:
    page = list_articles(session, filters=ArticleFilters(city=city))
    assert {a.title for a in page.items} == titles


def test_place_ids_for_blank_is_nothing(session: Session) -> None:
    assert place_ids_for(session, spelling="  ") == []


def test_web_search_page_tells_the_expansion(spellings_db: Path) -> None:
    with TestClient(create_app(settings_for(spellings_db))) as client:
        r = client.get("/search?q=Velitchko")
    assert 'class="expanded-note"' in r.text
    assert '<a href="/actors/radomir-velichko">Radomir Velichko</a>' in r.text
    assert "<q>Velichko</q>" in r.text
    assert 'href="/search?q=%22Velitchko%22"' in r.text


def test_web_index_names_the_city_a_spelling_met(spellings_db: Path) -> None:
    with TestClient(create_app(settings_for(spellings_db))) as client:
        other_script = client.get("/", params={"city": "Мумбаи"}).text
        own_name = client.get("/", params={"city": "mumbai"}).text
    assert "4 articles that name Mumbai (asked as “Мумбаи”)" in other_script
    assert "4 articles that name Mumbai<span" in own_name
