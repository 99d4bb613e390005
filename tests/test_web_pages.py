"""The figures overview, actors, dates, stories and places pages over the seeded database."""

from __future__ import annotations

import re

from fastapi.testclient import TestClient

from app.config import Settings
from app.web.app import create_app


def _topic_names(html: str) -> list[tuple[str, str, str]]:
    """(measure, group, place) of each row of the figures overview, in order."""
    return [tuple(t.split("|")) for t in re.findall(r'data-topic="([^"]+)"', html)]  # type: ignore[misc]


# -- /figures ----------------------------------------------------------------------------


def test_web_figures_lists_topics_most_disputed_first(client: TestClient) -> None:
    r = client.get("/figures")
    assert r.status_code == 200 and r.headers["vary"] == "HX-Request"
    names = _topic_names(r.text)
    assert ("killed", "total", "Kazakhstan") in names and len(names) == len(set(names))
    # Arrests (2,000 / 5,800 / 850 / nearly 6,000 / 200) are far more disputed than the 26 dead
    # protesters that two articles agree on.
    arrests = names.index(("arrested", "total", "Kazakhstan"))
    assert arrests < names.index(("killed", "protesters", "Kazakhstan"))
    assert re.search(r'href="/figures/\d+"', r.text)
    assert '<svg class="chart' in r.text and "style=" not in r.text and "<script>" not in r.text


def test_web_figures_htmx_gets_the_list_only(client: TestClient) -> None:
    r = client.get("/figures?measure=killed", headers={"HX-Request": "true"})
    assert "<html" not in r.text and '<table class="topics"' in r.text


def test_web_figures_filter_by_city_any_case(client: TestClient) -> None:
    for spelling in ("Almaty", "almaty"):
        names = _topic_names(client.get(f"/figures?city={spelling}").text)
        assert names and all(place == "Almaty" for _, _, place in names)


def test_web_figures_filter_by_date_range(client: TestClient) -> None:
    r = client.get("/figures?date_from=2022-01-08&date_to=2022-01-08")
    assert "checkpoints" in r.text  # "At least 70 checkpoints", said of 8 January
    assert "russian troops" not in r.text  # reported on the 7th
    assert 'value="2022-01-08"' in r.text


def test_web_figures_filters_combine_and_say_when_nothing_matches(client: TestClient) -> None:
    r = client.get("/figures?measure=troops&city=Almaty")
    assert "No figures match these filters" in r.text
    r = client.get("/figures?measure=killed&story=1&outlet=Le+Figaro")
    names = _topic_names(r.text)
    assert names and "only one article" in r.text


def test_web_figures_malformed_filters_answer_400(client: TestClient) -> None:
    assert client.get("/figures?date_from=last+week").status_code == 400
    assert client.get("/figures?story=x").status_code == 400


# -- /actors -----------------------------------------------------------------------------


def test_web_actors_list_with_counts_and_kind_filter(client: TestClient) -> None:
    r = client.get("/actors")
    assert r.status_code == 200 and "Kassym-Jomart Tokayev" in r.text
    assert re.search(r"actors\b", r.text)
    orgs = client.get("/actors?kind=organization").text
    assert "Collective Security Treaty Organization" in orgs and "Kassym-Jomart Tokayev" not in orgs
    assert client.get("/actors?kind=planet").status_code == 400


def test_web_actors_paginate(seeded_settings: Settings) -> None:
    small = Settings(db_url=seeded_settings.db_url, page_size=10)
    with TestClient(create_app(small)) as c:
        c.headers["Accept"] = "text/html"
        first = c.get("/actors?kind=organization").text
        assert (
            "page 1 of" in first
            and 'rel="next" href="/actors?kind=organization&amp;page=2"' in first
        )
        second = c.get("/actors?kind=organization&page=2").text
        assert 'rel="prev"' in second
        assert c.get("/actors?page=0").status_code == 400


def test_web_actor_reached_by_a_spelling_variant_redirects(client: TestClient) -> None:
    r = client.get("/actors/tokajev", follow_redirects=False)
    assert r.status_code in (307, 308)
    assert r.headers["location"] == "/actors/kassym-jomart-tokayev"
    page = client.get("/actors/tokajev")
    assert page.status_code == 200
    for spelling in ("Kassym-Jomart Tokayev", "Kassym-Jomart Tokajev", "Tokajev", "Tokayev"):
        assert f"<li>{spelling}</li>" in page.text


def test_web_actor_page_has_articles_statements_and_figures(client: TestClient) -> None:
    r = client.get("/actors/kazakh-interior-ministry")
    assert r.status_code == 200
    assert "Named in" in r.text and "<mark>" in r.text  # a statement with the mention marked
    assert re.search(r'href="/figures/\d+"', r.text)  # figures it is the source of
    assert "317" in r.text


def test_web_unknown_actor_is_404_with_a_message(client: TestClient) -> None:
    r = client.get("/actors/nobody-at-all")
    assert r.status_code == 404 and "no actor known as" in r.text


# -- /dates ------------------------------------------------------------------------------


def test_web_dates_timeline(client: TestClient) -> None:
    r = client.get("/dates")
    assert r.status_code == 200
    assert 'datetime="2022-01-07"' in r.text and 'datetime="2022-01-09"' in r.text
    assert "counted from" in r.text  # "yesterday" resolved against its article's date
    assert "could not be put on a day" in r.text
    assert client.get("/dates?story=1").status_code == 200


def test_web_date_page_and_neighbours(client: TestClient) -> None:
    r = client.get("/dates/2022-01-08")
    assert r.status_code == 200
    assert "Saturday 8 January 2022" in r.text
    assert 'href="/dates/2022-01-07"' in r.text and 'href="/dates/2022-01-09"' in r.text
    assert "<mark>" in r.text


def test_web_date_without_anything_says_so(client: TestClient) -> None:
    r = client.get("/dates/2031-06-01")
    assert r.status_code == 200 and "Nothing is known about this day" in r.text


def test_web_malformed_date_answers_400(client: TestClient) -> None:
    for bad in ("2022-02-30", "yesterday", "2022-1-7x"):
        r = client.get(f"/dates/{bad}")
        assert r.status_code == 400 and "YYYY-MM-DD" in r.text


# -- /stories ----------------------------------------------------------------------------


def test_web_stories_list_articles_and_disputed_figures(client: TestClient) -> None:
    r = client.get("/stories")
    assert r.status_code == 200
    assert "Disputed figures" in r.text
    # Arrests that grew over the days are told as a series, apart from the disputes.
    series = r.text.split("Counts that moved over the days", 1)[1]
    assert re.search(r"arrested.*?rose from more than 200 on \d+ Jan", series, re.S)
    ids = re.search(r'href="/compare\?ids=([\d,]+)"', r.text)
    assert ids and len(ids.group(1).split(",")) == 4
    assert re.search(r'href="/\?story=\d+"', r.text)
    assert re.search(r'href="/figures\?story=\d+"', r.text)
    assert r.text.count('href="/articles/') >= 5


def _story_id(client: TestClient) -> int:
    found = re.search(r'<h2 id="story-\d+"><a href="/stories/(\d+)">', client.get("/stories").text)
    assert found, "the stories list links each story to its page"
    return int(found.group(1))


def test_web_story_page_outlets_headlines_and_figures(client: TestClient) -> None:
    sid = _story_id(client)
    r = client.get(f"/stories/{sid}")
    assert r.status_code == 200
    outlets = r.text.split('<table class="coverage">', 1)[1].split("</table>", 1)[0]
    assert "Le Figaro" in outlets and "unknown outlet" in outlets
    headlines = r.text.split('<table class="headlines">', 1)[1].split("</table>", 1)[0]
    days = re.findall(
        r'<td class="when">(?:<time datetime="([\d-]+)">|<span class="unknown">(undated))',
        headlines,
    )
    assert len(days) == 5 and days[-1] == ("", "undated")
    dated = [d for d, _ in days if d]
    assert dated == sorted(dated)
    assert headlines.count('href="/articles/') == 5
    assert re.search(r'class="rel rel-(same|compatible|differs|earlier|later|about)"', r.text)
    assert re.search(r"Agreeing with .*?\d+ of \d+ outlets", r.text, re.S)
    assert '<svg class="chart' in r.text and "rose from more than 200" in r.text
    assert "style=" not in r.text and "<script>" not in r.text


def test_web_story_page_linked_from_article_and_figure_panel(client: TestClient) -> None:
    sid = _story_id(client)
    article = client.get("/articles/1").text
    assert f'href="/stories/{sid}"' in article
    figure = re.search(r'href="/figures/(\d+)"', client.get(f"/stories/{sid}").text)
    assert figure
    assert f'href="/stories/{sid}"' in client.get(f"/figures/{figure.group(1)}").text


def test_web_story_page_unknown_and_bad_page(client: TestClient) -> None:
    missing = client.get("/stories/999999", headers={"accept": "text/html"})
    assert missing.status_code == 404 and "no story with id 999999" in missing.text
    assert client.get(f"/stories/{_story_id(client)}?page=zero").status_code == 400


# -- /places -----------------------------------------------------------------------------


def test_web_places_map_and_table(client: TestClient) -> None:
    r = client.get("/places")
    assert r.status_code == 200
    svg = r.text.split("<svg", 1)[1].split("</svg>", 1)[0]
    assert svg.count("<circle") >= 5 and svg.count("<path") > 10
    assert 'href="/?city=Almaty"' in svg and "<title>Almaty: 5 articles</title>" in svg
    # The window frames Central Asia: Almaty inside, Washington left out (listed instead).
    box = re.search(r'viewBox="([^"]+)"', r.text)
    assert box
    left, _top, w, h = (float(v) for v in box.group(1).split())
    assert left > -60 and w > 0 and h > 0  # in x = lon * cos(lat): well east of the Americas
    assert "United States" in r.text.split("Far off", 1)[1].split("</span>", 1)[0]
    assert '<table class="listing places">' in r.text and "Nur-Sultan" in r.text


def test_web_places_whole_map_and_story_filter(client: TestClient) -> None:
    r = client.get("/places?fit=all")
    svg = r.text.split("<svg", 1)[1].split("</svg>", 1)[0]
    assert 'href="/?city=United%20States"' in svg
    assert client.get("/places?story=1").status_code == 200
    assert "No places found in this story" in client.get("/places?story=999").text


def test_web_pages_escape_and_use_no_inline_styles(client: TestClient) -> None:
    for url in (
        "/figures",
        "/actors",
        "/actors/kassym-jomart-tokayev",
        "/dates",
        "/stories",
        "/places",
    ):
        html = client.get(url).text
        assert "style=" not in html and "<script>" not in html, url


def test_web_pages_favicon_linked_and_served_at_the_usual_address(client: TestClient) -> None:
    html = client.get("/").text
    assert '<link rel="icon" href="/static/favicon.svg" type="image/svg+xml">' in html
    for url in ("/static/favicon.svg", "/favicon.ico"):
        r = client.get(url)
        assert r.status_code == 200 and r.headers["content-type"].startswith("image/svg+xml")
        assert r.text.lstrip().startswith("<svg")
