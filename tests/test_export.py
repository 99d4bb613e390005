"""CSV cells a spreadsheet opens as written: no formulas, numbers as numbers, lists joined."""

from __future__ import annotations

import csv
import io

import pytest

from app.export import to_csv


def _cells(value: object) -> str:
    rows = list(csv.reader(io.StringIO(to_csv([{"x": value}]))))
    return rows[1][0]


@pytest.mark.parametrize(
    ("value", "cell"),
    [
        ('=HYPERLINK("http://x")', '\'=HYPERLINK("http://x")'),
        ("+18 dead", "'+18 dead"),
        ("-- update", "'-- update"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tindented", "'\tindented"),
        ("plain words", "plain words"),
        ("a = b", "a = b"),
        (["-x", "=y"], "'-x|=y"),  # the cell's start is what a spreadsheet reads
        (-3, "-3"),  # a number stays a number, negative or not
        (18, "18"),
        (2.5, "2.5"),
        (None, ""),
        (True, "true"),
    ],
)
def test_export_csv_cell(value: object, cell: str) -> None:
    assert _cells(value) == cell


def test_export_csv_header_without_rows() -> None:
    assert to_csv([], fields=["id", "outlet"]) == "id,outlet\n"
