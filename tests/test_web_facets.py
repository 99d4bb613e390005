"""Facets and the downloads of a page's view on / and /figures: links that add a filter and
keep the others, a link that removes it, and files of exactly what the page shows."""

from __future__ import annotations

import csv
import html
import io
import re
from collections.abc import Iterator
from dataclasses import replace
from urllib.parse import parse_qsl, unquote, urlsplit

import pytest
from fastapi.testclient import TestClient

from app.config import Settings
from app.web.app import create_app


@pytest.fixture(scope="module")
def reports(two_reports: Settings) -> Iterator[TestClient]:
    with TestClient(create_app(two_reports)) as c:
        c.headers["Accept"] = "text/html"
        yield c


def _facet_links(page: str, param: str) -> dict[str, str]:
    """The links of one facet, by label."""
    section = page.split(f'id="facet-{param}"', 1)[1].split("</section>", 1)[0]
    return {
        html.unescape(label): html.unescape(href)
        for href, label in re.findall(
            r'<a href="([^"]+)"[^>]*><span class="facet-label">([^<]+)</span>', section
        )
    }


def _query(href: str) -> list[tuple[str, str]]:
    return parse_qsl(urlsplit(href).query)


def _table(response: object) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))  # type: ignore[attr-defined]


def test_web_facets_value_adds_its_filter_and_keeps_the_others(reports: TestClient) -> None:
    page = reports.get("/?date_from=2031-04-01&page=1&city=").text
    href = _facet_links(page, "outlet")["Valley Post"]
    assert href.startswith("/?") and _query(href) == [
        ("date_from", "2031-04-01"),
        ("outlet", "Valley Post"),
    ]
    narrowed = reports.get(href).text
    assert re.search(r"\b1 article\b", narrowed)
    assert re.findall(r'<td><a href="/articles/\d+">([^<]+)</a>', narrowed) == [
        "Leeds floods: toll rises"
    ]


def test_web_facets_selected_value_has_a_remove_link(reports: TestClient) -> None:
    page = reports.get("/?outlet=Valley+Post&measure=killed").text
    removes = {
        name: href
        for href, name in re.findall(
            r'class="facet-remove" href="([^"]+)"\s+aria-label="Remove the filter (\w+)', page
        )
    }
    assert _query(html.unescape(removes["outlet"])) == [("measure", "killed")]
    assert _query(html.unescape(removes["measure"])) == [("outlet", "Valley Post")]
    # A filter set by a facet alone stays in the form, so that changing a field keeps it.
    assert '<input type="hidden" name="measure" value="killed">' in page


def test_web_facets_on_figures_filter_by_source(reports: TestClient) -> None:
    page = reports.get("/figures").text
    href = _facet_links(page, "source")["mayor"]
    assert _query(href) == [("source", "mayor")]
    narrowed = reports.get(href).text
    assert narrowed.count('class="value ') == 1 and "per mayor" in narrowed
    assert '<input type="hidden" name="source" value="mayor">' in narrowed


def test_web_facets_and_pages_combine(two_reports: Settings) -> None:
    """The pager keeps the facet filters; a facet's link goes back to the first page."""
    with TestClient(create_app(replace(two_reports, page_size=1))) as c:
        first = c.get("/?measure=killed").text
        pager = html.unescape(re.search(r'rel="next" href="\?([^"]+)"', first).group(1))  # type: ignore[union-attr]
        assert parse_qsl(pager) == [("measure", "killed"), ("page", "2")]
        second = c.get(f"/?{pager}").text
        assert "page 2 of 2" in second
        assert all("page=" not in href for href in _facet_links(second, "outlet").values())


@pytest.mark.parametrize(
    ("page", "downloads"),
    [
        ("/?outlet=Valley+Post&page=1", ["/export/articles.csv?outlet=Valley+Post"]),
        (
            "/figures?measure=killed&date_from=",
            ["/export/figures.csv?measure=killed", "/export/links.csv?measure=killed"],
        ),
    ],
)
def test_web_facets_page_offers_its_view_as_download(
    reports: TestClient, page: str, downloads: list[str]
) -> None:
    text = html.unescape(reports.get(page).text)
    for href in downloads:
        assert f'href="{href}"' in text


def test_web_facets_view_download_holds_what_the_page_shows(reports: TestClient) -> None:
    articles = _table(reports.get("/export/articles.csv?outlet=valley+post"))
    assert [a["outlet"] for a in articles] == ["Valley Post"]
    figures = _table(reports.get("/export/figures.csv?source=mayor"))
    assert figures and {f["source"] for f in figures} == {"mayor"}
    links = _table(reports.get("/export/links.csv?outlet=Valley+Post"))
    assert links and all("Valley Post" in (row["a_outlet"], row["b_outlet"]) for row in links)


@pytest.mark.parametrize(
    ("url", "status"),
    [
        ("/export/claims.csv?outlet=Valley+Post", 400),
        ("/export/figures.csv?date_from=April", 400),
        ("/export/links.csv?actor=someone", 404),
        ("/export/links.csv?story=99999", 404),
    ],
)
def test_web_facets_view_download_bad_requests(reports: TestClient, url: str, status: int) -> None:
    assert reports.get(url).status_code == status


@pytest.mark.parametrize(
    ("topic", "ascii_name", "utf8_name"),
    [
        ("killed|total|Leeds", "parallax-figures-topic-killed_total_Leeds.csv", None),
        ("killed|total|Zürich", "parallax-figures-topic-killed_total_Zurich.csv", "Zürich"),
        ("killed|total|Алматы", "parallax-figures-topic-killed_total.csv", "Алматы"),
        ('a"b;c\\d', "parallax-figures-topic-a_b_c_d.csv", None),
    ],
)
def test_web_facets_download_name_safe_for_any_topic(
    reports: TestClient, topic: str, ascii_name: str, utf8_name: str | None
) -> None:
    r = reports.get("/export/figures.csv", params={"topic": topic})
    assert r.status_code == 200
    header = r.headers["content-disposition"]
    assert header.isascii() and f'filename="{ascii_name}"' in header
    star = re.search(r"filename\*=UTF-8''(\S+)", header)
    if utf8_name is None:
        assert star is None
    else:
        assert star and utf8_name in unquote(star.group(1))
