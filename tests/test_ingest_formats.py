"""The four input formats of SPEC.md."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from app.ingest.readers import read_path

BODY = "Flood waters rose overnight in the valley. At least 12 people died, officials said."


def test_ingest_formats_header_block(tmp_path: Path) -> None:
    f = tmp_path / "a.txt"
    f.write_text(
        f"outlet: River Gazette\ntitle: Valley floods\ndate: 2023-05-02\nurl: https://x.test/a\n\n{BODY}\n"
    )
    (a,) = read_path(f)
    assert (a.title, a.title_basis) == ("Valley floods", "stated")
    assert (a.outlet, a.outlet_basis) == ("River Gazette", "stated")
    assert (a.date, a.date_basis) == (dt.date(2023, 5, 2), "header")
    assert a.url == "https://x.test/a"
    assert a.body == BODY
    assert a.source_file == str(f)


def test_ingest_formats_front_matter(tmp_path: Path) -> None:
    f = tmp_path / "b.md"
    f.write_text(f"---\ntitle: Valley floods\ndate: 2023-05-03\n---\n{BODY}\n")
    (a,) = read_path(f)
    assert a.title == "Valley floods" and a.date == dt.date(2023, 5, 3)
    assert a.body == BODY


def test_ingest_formats_plain_text_infers_title_and_language(tmp_path: Path) -> None:
    f = tmp_path / "c.txt"
    f.write_text(BODY + "\n")
    (a,) = read_path(f)
    assert a.title == "Flood waters rose overnight in the valley."
    assert a.title_basis == "inferred"
    assert a.date is None and a.date_basis == "none"
    assert a.language == "en" or a.language is None


def test_ingest_formats_published_stamp_in_text(tmp_path: Path) -> None:
    f = tmp_path / "d.txt"
    f.write_text(f"Published on March 4, 2021\n\n{BODY}\n")
    (a,) = read_path(f)
    assert (a.date, a.date_basis) == (dt.date(2021, 3, 4), "posted-line")
    assert "Published" not in a.body


def test_ingest_formats_html(tmp_path: Path) -> None:
    paragraphs = "".join(
        f"<p>{BODY} Rescue teams searched house number {i} along the river bank for hours.</p>"
        for i in range(6)
    )
    html = (
        "<html><head><title>Valley floods | River Gazette</title>"
        '<meta property="og:site_name" content="River Gazette">'
        '<meta property="article:published_time" content="2023-05-04T10:00:00Z"></head>'
        "<body><nav><a href='/'>Home</a><a href='/sport'>Sport</a></nav>"
        f"<article><h1>Valley floods</h1>{paragraphs}</article>"
        "<footer>Copyright River Gazette</footer></body></html>"
    )
    f = tmp_path / "e.html"
    f.write_text(html)
    (a,) = read_path(f)
    assert "At least 12 people died" in a.body
    assert "Sport" not in a.body and "Copyright" not in a.body
    assert (a.date, a.date_basis) == (dt.date(2023, 5, 4), "html-meta")
    assert a.title.startswith("Valley floods")


def test_ingest_formats_jsonl(tmp_path: Path) -> None:
    f = tmp_path / "f.jsonl"
    rows = [
        {"title": "One", "outlet": "Wire", "date": "2023-05-05", "text": BODY, "extra": 1},
        {"text": "A second report. Rescuers found 3 more bodies on Tuesday."},
    ]
    f.write_text("\n".join(json.dumps(r) for r in rows) + "\n")
    one, two = read_path(f)
    assert one.source_file == f"{f}#1" and two.source_file == f"{f}#2"
    assert (one.title, one.outlet, one.date) == ("One", "Wire", dt.date(2023, 5, 5))
    assert two.outlet is None and two.body.startswith("A second report.")


def test_ingest_formats_nul_is_no_character(tmp_path: Path) -> None:
    """A NUL in a JSON string, or in a text past the bytes read to tell text from binary,
    becomes U+FFFD: no PostgreSQL text can hold one, and it cut SQLite's text short."""
    f = tmp_path / "f.jsonl"
    f.write_text(json.dumps({"title": "Bridge\u0000 shut", "text": "Nine\u0000 hurt. " + BODY}))
    (one,) = read_path(f)
    assert one.title == "Bridge\ufffd shut" and one.body.startswith("Nine\ufffd hurt.")
    g = tmp_path / "g.txt"
    g.write_text("title: Late nul\n\n" + BODY * 200 + "Then\x00 more. " + BODY)
    (late,) = read_path(g)
    assert "Then\ufffd more." in late.body and "\x00" not in late.body


def test_ingest_formats_latin1_declared_or_detected(tmp_path: Path) -> None:
    f = tmp_path / "g.txt"
    text = (
        "Le ministère a annoncé que 40 personnes ont été arrêtées à Genève après la manifestation. "
        * 3
    )
    f.write_bytes(text.encode("latin-1"))
    (a,) = read_path(f)
    assert "ministère" in a.body and "Genève" in a.body


@pytest.mark.parametrize(
    ("title", "first", "kept"),
    [
        ("Valley floods - River Gazette", "Valley floods", False),
        ("Valley floods", "VALLEY FLOODS!", False),
        ("Valley floods", "Valley floods reach the town", True),
    ],
)
def test_ingest_formats_headline_repeated_in_body_is_the_title(
    tmp_path: Path, title: str, first: str, kept: bool
) -> None:
    f = tmp_path / "h.jsonl"
    f.write_text(json.dumps({"title": title, "text": f"{first}\n\n{BODY}"}) + "\n")
    (a,) = read_path(f)
    assert a.title == title
    assert a.body.startswith(first) is kept and a.body.endswith(BODY)


def test_ingest_formats_headline_alone_stays_the_body(tmp_path: Path) -> None:
    f = tmp_path / "i.jsonl"
    f.write_text(json.dumps({"title": "Valley floods", "text": "Valley floods"}) + "\n")
    (a,) = read_path(f)
    assert a.body == "Valley floods"


def test_ingest_formats_url_line_is_the_url_not_the_title_or_body(tmp_path: Path) -> None:
    f = tmp_path / "u.txt"
    f.write_text(
        "https://www.example.com/news/2021/06/02/valley-floods/\n"
        "Valley floods reach the town\n"
        "Flood waters rose overnight in the valley.\n"
        "At least 12 people died, officials said.\n"
    )
    (a,) = read_path(f)
    assert a.url == "https://www.example.com/news/2021/06/02/valley-floods/"
    assert (a.title, a.title_basis) == ("Valley floods reach the town", "inferred")
    assert "http" not in a.body and a.body.startswith("Flood waters rose")
    assert (a.outlet, a.outlet_basis) == ("example.com", "inferred")
    assert (a.date, a.date_basis) == (dt.date(2021, 6, 2), "url")


@pytest.mark.parametrize(
    ("header", "text", "date", "basis"),
    [
        # the header beats everything the text says
        (
            {"date": "2021-06-05", "url": "https://example.com/2021/06/01/a"},
            f"Posted: June 3, 2021\n\n{BODY}",
            dt.date(2021, 6, 5),
            "header",
        ),
        # a posted line beats a dateline and the URL
        (
            {"url": "https://example.com/2021/06/01/a"},
            f"Posted: June 3, 2021\n\nVALLEYTOWN (June 2, 2021) — {BODY}",
            dt.date(2021, 6, 3),
            "posted-line",
        ),
        # a dateline beats the URL
        (
            {"url": "https://example.com/2021/06/01/a"},
            f"VALLEYTOWN (June 2, 2021) — {BODY}",
            dt.date(2021, 6, 2),
            "dateline",
        ),
        ({"url": "https://example.com/2021/06/01/a"}, BODY, dt.date(2021, 6, 1), "url"),
        # a follow-up recalls the flood "on May 3, 2021": that is no publication date
        (
            {},
            f"{BODY} The flood of May 3, 2021 was the worst since 1990.",
            None,
            "none",
        ),
    ],
)
def test_ingest_formats_date_order_of_trust(
    tmp_path: Path, header: dict[str, str], text: str, date: dt.date | None, basis: str
) -> None:
    f = tmp_path / "t.jsonl"
    f.write_text(json.dumps({**header, "text": text}) + "\n")
    (a,) = read_path(f)
    assert (a.date, a.date_basis) == (date, basis)


@pytest.mark.parametrize(
    ("header", "text", "outlet"),
    [
        ({"outlet": "River Gazette", "url": "https://example.com/a"}, BODY, "River Gazette"),
        ({"url": "https://example.com/a"}, f"VALLEYTOWN (Wire) — {BODY}", "Wire"),
        ({"url": "https://www.example.com/a"}, BODY, "example.com"),
        ({}, BODY, None),
    ],
)
def test_ingest_formats_outlet_order_of_trust(
    tmp_path: Path, header: dict[str, str], text: str, outlet: str | None
) -> None:
    f = tmp_path / "o.jsonl"
    f.write_text(json.dumps({**header, "text": text}) + "\n")
    (a,) = read_path(f)
    assert a.outlet == outlet


def test_ingest_formats_title_skips_the_dateline(tmp_path: Path) -> None:
    f = tmp_path / "d.txt"
    f.write_text(f"VALLEYTOWN, Ore. (Wire) — {BODY}\n")
    (a,) = read_path(f)
    assert a.title == "Flood waters rose overnight in the valley."


def test_ingest_formats_headline_over_a_date_line_one_sentence_a_line(tmp_path: Path) -> None:
    f = tmp_path / "s.txt"
    f.write_text(
        "https://example.org/world/story-123\n"
        "Bridge reopens after repairs\n"
        "Sat Nov 16 2019, 01:19 hrs\n"
        "The old bridge reopened on Friday.\n"
        "Traffic was light.\n"
    )
    (a,) = read_path(f)
    assert a.title == "Bridge reopens after repairs"
    assert (a.date, a.date_basis) == (dt.date(2019, 11, 16), "posted-line")
    assert a.body == "The old bridge reopened on Friday.\n\nTraffic was light."
    assert a.outlet == "example.org"


def test_ingest_formats_title_from_body_stays_in_its_first_line(tmp_path: Path) -> None:
    f = tmp_path / "n.txt"
    f.write_text("no headline here but a line without a stop\nand another line.\n")
    (a,) = read_path(f)
    assert "\n" not in a.title
