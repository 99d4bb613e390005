"""Near-copies on texts of our own making: a wire story reprinted, and reports of one event
written by different outlets."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from sqlmodel import Session, select

from app.config import Settings
from app.db import get_engine
from app.link.copies import CopyDoc, find_copies, independent, shingles
from app.models import Article, ArticleCopy
from app.pipeline import ingest_paths
from app.services.exports import article_rows
from tests.databases import db_url_for

D = dt.date

WIRE = (
    "Flood waters rose through the night in the river town of Kessen, where rescuers in "
    "boats carried 340 residents from flooded homes, the regional emergency office said on "
    "Thursday. Three people drowned when their car was swept from a bridge near the old mill, "
    "and a fourth is missing. The river crested at 7.2 metres shortly before dawn, half a "
    "metre above the record set in 1998. Schools stayed closed and the main road south was cut "
    "in two places. The mayor, Ilse Brandauer, said shelters in the sports hall and the church "
    "could take another 500 people if the levee on the east bank gave way. Forecasters expect "
    "more rain over the weekend."
)
# The same wire text as a second outlet runs it: its own headline, one line cut, one added.
REPRINT = (
    "Three drown as river floods Kessen. "
    + WIRE.replace(" Forecasters expect more rain over the weekend.", "")
    + " Our reporter in the valley said the water was still rising."
)
# A different outlet's own report of the same flood: same facts, its own words.
OWN_REPORT = (
    "In Kessen, the emergency office counted three dead and one missing by Thursday evening "
    "after the river broke its record level. Boats took some 340 people out of their houses "
    "overnight. Mayor Ilse Brandauer opened the sports hall as a shelter and warned that the "
    "east bank levee was under strain. Roads to the south were closed and lessons cancelled "
    "while forecasters warned of further rain."
)


def test_copies_shingles_ignore_case_and_punctuation() -> None:
    a = shingles("Rescuers carried 340 residents from flooded homes, officials said.")
    b = shingles("rescuers carried 340 residents from flooded homes officials said")
    assert len(a) > 0 and set(a.tolist()) == set(b.tolist())


@pytest.mark.parametrize(
    ("texts", "copies"),
    [
        # A reprint names the earlier text as its original.
        ([(1, WIRE, D(2024, 3, 7)), (2, REPRINT, D(2024, 3, 8))], {(2, 1)}),
        # The earlier by date is the original, whatever came in first.
        ([(1, REPRINT, D(2024, 3, 8)), (2, WIRE, D(2024, 3, 7))], {(1, 2)}),
        # Same day: the first to arrive.
        ([(5, WIRE, D(2024, 3, 7)), (9, REPRINT, D(2024, 3, 7))], {(9, 5)}),
        # An outlet's own report of the same event is no copy.
        ([(1, WIRE, D(2024, 3, 7)), (2, OWN_REPORT, D(2024, 3, 7))], set()),
        # Too short to say.
        ([(1, "Three drown in Kessen.", None), (2, "Three drown in Kessen.", None)], set()),
    ],
)
def test_copies_find_copies(
    texts: list[tuple[int, str, dt.date | None]], copies: set[tuple[int, int]]
) -> None:
    found = find_copies(CopyDoc(k, t, d) for k, t, d in texts)
    assert {(c.article, c.original) for c in found} == copies


def test_copies_family_of_many_reprints_counts_once() -> None:
    docs = [CopyDoc(1, WIRE, D(2024, 3, 7)), CopyDoc(4, OWN_REPORT, D(2024, 3, 7))]
    docs += [CopyDoc(10 + i, REPRINT + f" Edition {i}.", D(2024, 3, 8)) for i in range(4)]
    found = find_copies(docs)
    assert {c.article for c in found} == {10, 11, 12, 13}
    assert {c.family for c in found} == {1}
    families = {c.article: c.family for c in found}
    assert independent([1, 4, 10, 11, 12, 13], families) == 2
    assert independent([10, 11], families) == 1


def test_copies_stored_at_ingest(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(
        f"title: Kessen flood\noutlet: Valley Wire\ndate: 2024-03-07\n\n{WIRE}\n"
    )
    (folder / "b.txt").write_text(
        f"title: Three drown\noutlet: The Lowland Post\ndate: 2024-03-08\n\n{REPRINT}\n"
    )
    (folder / "c.txt").write_text(
        f"title: Kessen counts its losses\noutlet: Kessen Courier\ndate: 2024-03-07\n\n"
        f"{OWN_REPORT}\n"
    )
    settings = Settings(db_url=db_url_for(tmp_path / 'copies.db'))
    report = ingest_paths([str(folder)], settings)
    assert not report.failed
    with Session(get_engine(settings.db_url)) as session:
        rows = session.exec(select(ArticleCopy)).all()
        by_file = {a.id: a.source_file for a in session.exec(select(Article))}
    assert [
        (Path(by_file[r.article_id]).name, Path(by_file[r.original_id]).name) for r in rows
    ] == [("b.txt", "a.txt")]
    assert rows[0].similarity >= 0.5
    with Session(get_engine(settings.db_url)) as session:
        exported = {Path(r["source_file"]).name: r["copy_of"] for r in article_rows(session)}
    assert {k: v and Path(v).name for k, v in exported.items()} == {
        "a.txt": None,
        "b.txt": "a.txt",
        "c.txt": None,
    }
