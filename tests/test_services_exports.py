"""Every export kind carries the fields of SPEC.md, on the seeded fixture database."""

from __future__ import annotations

import pytest
from sqlmodel import Session

from app.config import Settings
from app.db import get_engine
from app.export import to_csv
from app.services import EXPORTERS

FIELDS = {
    "articles": {
        "source_file",
        "title",
        "outlet",
        "date",
        "date_basis",
        "url",
        "words",
        "story",
        "copy_of",
    },
    "figures": {
        "id",
        "article",
        "outlet",
        "article_title",
        "article_date",
        "url",
        "text",
        "start",
        "end",
        "sentence",
        "value",
        "value_high",
        "qualifier",
        "measure",
        "group",
        "place",
        "source",
        "topic",
        "matches",
        "relations",
        "derived",
        "parts",
        "event",
        "event_reason",
        "status",
        "in_title",
        "figure_date",
        "reported_on",
        "added",
        "corrected",
    },
    "links": {
        "id",
        *(
            f"{side}_{k}"
            for side in "ab"
            for k in (
                "id",
                "article",
                "outlet",
                "reported_on",
                "text",
                "value",
                "value_high",
                "qualifier",
                "topic",
            )
        ),
        "relation",
        "reason",
    },
    "claims": {"id", "article", "text", "start", "end", "matches"},
    "actors": {"name", "kind", "aliases", "articles"},
    "places": {"name", "lat", "lon", "aliases", "articles"},
    "stories": {"id", "title", "articles"},
}


@pytest.mark.parametrize("kind", sorted(FIELDS))
def test_services_exports_fields(kind: str, seeded_settings: Settings) -> None:
    with Session(get_engine(seeded_settings.db_url)) as s:
        rows = EXPORTERS[kind](s)
    assert rows, kind
    assert set(rows[0]) == FIELDS[kind]


def test_services_exports_figure_offsets_and_relations(seeded_settings: Settings) -> None:
    with Session(get_engine(seeded_settings.db_url)) as s:
        figures = EXPORTERS["figures"](s)
    by_id = {f["id"]: f for f in figures}
    for f in figures:
        assert f["text"] in f["sentence"]
        assert [r["id"] for r in f["relations"]] == f["matches"]
        for r in f["relations"]:
            other = by_id[r["id"]]
            assert other["article"] != f["article"]
            back = {x["id"]: x["relation"] for x in other["relations"]}[f["id"]]
            pair = {r["relation"], back}
            assert pair in (
                {"same"},
                {"compatible"},
                {"differs"},
                {"earlier", "later"},
                {"scope"},
                {"about"},
            )


def test_services_exports_seed_toll_linked_across_outlets(seeded_settings: Settings) -> None:
    with Session(get_engine(seeded_settings.db_url)) as s:
        figures = EXPORTERS["figures"](s)
    tolls = [f for f in figures if f["value"] == 164]
    assert len(tolls) == 2
    a, b = tolls
    assert b["id"] in a["matches"] and a["topic"] == b["topic"] == "killed|total|Kazakhstan"
    assert {r["relation"] for r in a["relations"] if r["id"] == b["id"]} == {"same"}


def test_services_exports_csv_joins_lists_with_bar(seeded_settings: Settings) -> None:
    with Session(get_engine(seeded_settings.db_url)) as s:
        rows = EXPORTERS["stories"](s)
    text = to_csv(rows)
    assert "|" in text.splitlines()[1]
