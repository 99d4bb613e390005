"""Units of work: one a file, one a line of a JSON Lines file; what the progress bar counts."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.ingest.errors import IngestError
from app.ingest.units import split_units

ROW = '{"text": "Divers found 3 sailors alive after the trawler sank."}'

CASES = [
    # files (name -> content), units, broken files, lines of the units
    ({"a.txt": "Two boats collided.\n"}, 1, set(), [None]),
    ({"a.jsonl": f"{ROW}\n\n{ROW}\n{ROW}\n"}, 3, set(), [1, 3, 4]),
    ({"a.ndjson": f"{ROW}\r\n{ROW}\r\n"}, 2, set(), [1, 2]),
    ({"a.jsonl": f"{ROW}\nnot json\n{ROW}\n"}, 3, {"a.jsonl"}, [1, 2, 3]),
    ({"a.jsonl": ""}, 1, {"a.jsonl"}, [None]),
    ({"a.jsonl": f"{ROW}\n", "b.html": "<p>x</p>", "c.txt": "y"}, 3, set(), [1, None, None]),
]


@pytest.mark.parametrize(("files", "count", "broken", "lines"), CASES)
def test_ingest_units_one_an_article(
    tmp_path: Path, files: dict[str, str], count: int, broken: set[str], lines: list[int | None]
) -> None:
    for name, content in files.items():
        (tmp_path / name).write_bytes(content.encode())
    units = split_units([str(tmp_path / name) for name in files], max_bytes=1_000_000)
    assert len(units) == count
    assert [u.line for u in units] == lines
    assert {Path(u.source.path).name for u in units if u.source.broken} == broken
    assert [u.last for u in units] == [
        i + 1 == len(units) or units[i + 1].source is not u.source for i, u in enumerate(units)
    ]


def test_ingest_units_read_names_the_line(tmp_path: Path) -> None:
    f = tmp_path / "r.jsonl"
    f.write_text(f'{ROW}\n{{"text": "x", "date": "soon"}}\n{{"text": 5}}\n')
    first, second, third = split_units([str(f)], max_bytes=1_000_000)
    (article,) = first.read(max_bytes=1_000_000)
    assert article.source_file == f"{f}#1"
    for unit, reason in ((second, "is not a date"), (third, 'line 3 has "text": 5, a number')):
        with pytest.raises(IngestError) as info:
            unit.read(max_bytes=1_000_000)
        assert info.value.path == f"{f}#{unit.line}"
        assert reason in info.value.reason
