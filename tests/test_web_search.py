"""Search: FTS5 over titles, bodies and statements, ranked, with escaped snippets."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from app.services.search import parse_query, to_segments


@pytest.mark.parametrize(
    ("typed", "terms"),
    [
        ("flood", ['"flood"']),
        ("river flood", ['"river"', '"flood"']),
        ('"state of emergency" curfew', ['"state of emergency"', '"curfew"']),
        ('"unbalanced', ['"unbalanced"']),
        ("arrest*", ['"arrest"*']),
        ("AND OR NOT", ['"AND"', '"OR"', '"NOT"']),
        ("NEAR(a b) col:x -y ^z", ['"NEAR(a"', '"b)"', '"col:x"', '"-y"', '"^z"']),
        ("- ( ) : *", []),
        ("", []),
        ("Zürich", ['"Zürich"']),
    ],
)
def test_search_query_terms_are_always_quoted(typed: str, terms: list[str]) -> None:
    assert parse_query(typed) == terms


def test_search_segments_split_marked_text() -> None:
    from app.services import search as s

    marked = f"a {s._OPEN}b{s._CLOSE} c {s._OPEN}d{s._CLOSE}"
    assert to_segments(marked) == [("a ", False), ("b", True), (" c ", False), ("d", True)]
    assert to_segments("plain <b>") == [("plain <b>", False)]


def test_web_search_finds_ranked_snippets(client: TestClient) -> None:
    r = client.get("/search?q=killed")
    assert r.status_code == 200
    assert r.headers["vary"] == "HX-Request"
    assert "5 articles" in r.text and "best match first" in r.text
    assert "<mark>killed</mark>" in r.text or "<mark>Killed</mark>" in r.text
    assert 'class="search-hit"' in r.text
    # A statement that matches links to its place in the article.
    assert "#st-" in r.text


def test_web_search_title_hits_rank_first(client: TestClient) -> None:
    r = client.get("/search?q=peacekeeping", headers={"HX-Request": "true"})
    first = r.text.split('class="search-hit"')[1]
    assert "Riots in Kazakhstan" in first  # "peacekeeping" stands in that title


def test_web_search_phrase_and_prefix(client: TestClient) -> None:
    assert "article" in client.get('/search?q="health ministry"').text
    r = client.get("/search?q=demonstrat*")
    assert "<mark>demonstrat" in r.text.lower() or "<mark>Demonstrat" in r.text


@pytest.mark.parametrize(
    "q", ['"unbalanced', "AND(", "NEAR(", "*", "a:b", "-", '""', "'", "OR", "x" * 600]
)
def test_web_search_malformed_syntax_never_fails(client: TestClient, q: str) -> None:
    r = client.get("/search", params={"q": q})
    assert r.status_code == 200


def test_web_search_empty_query_shows_hint(client: TestClient) -> None:
    r = client.get("/search?q=")
    assert r.status_code == 200 and "Type a word or a phrase" in r.text
    assert "Type at least one word" in client.get("/search?q=%2A%2A").text


def test_web_search_no_results_says_so(client: TestClient) -> None:
    r = client.get("/search?q=xylophonequartet")
    assert "Nothing found for" in r.text and "xylophonequartet" in r.text


def test_web_search_some_words_when_not_all(client: TestClient) -> None:
    r = client.get("/search?q=killed+xylophonequartet")
    assert "no article holds every word" in r.text and "<mark>" in r.text


def test_web_search_query_is_escaped(client: TestClient) -> None:
    r = client.get("/search", params={"q": "<script>alert(1)</script>"})
    assert "<script>alert(1)</script>" not in r.text
    assert "&lt;script&gt;" in r.text


def test_web_search_htmx_gets_fragment(client: TestClient) -> None:
    r = client.get("/search?q=killed", headers={"HX-Request": "true"})
    assert "<html" not in r.text and "search-hit" in r.text


def test_web_search_pages(client: TestClient) -> None:
    r = client.get("/search?q=the&page=2")
    assert r.status_code == 200
    assert client.get("/search?q=the&page=0").status_code == 400


def test_web_search_page_links_downloads(client: TestClient) -> None:
    r = client.get("/search")
    assert 'href="/export/figures.csv"' in r.text and 'href="/api/"' in r.text


def test_web_search_a_merged_spelling_finds_every_seed_article_of_the_actor(
    client: TestClient,
) -> None:
    # One seed writes the president's name with a "j"; /actors merged it with the others.
    r = client.get("/search?q=Tokajev")
    assert r.text.count('class="search-hit"') == 5
    assert 'class="expanded-note"' in r.text


def test_web_search_two_names_find_the_french_spelling(client: TestClient) -> None:
    # Two seeds write both names alike; a third writes the Russian president's in French.
    r = client.get("/search?q=Tokayev Putin")
    assert r.text.count('class="search-hit"') == 3


def test_web_city_filter_takes_an_old_name_and_another_script(client: TestClient) -> None:
    for spelling in ("Alma-Ata", "Алматы"):
        r = client.get("/", params={"city": spelling})
        assert "5 articles that name Almaty" in r.text
