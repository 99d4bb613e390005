"""A JSON Lines file is spread over the workers like a folder: one article a unit of work,
loaded whole or not at all, with the same articles, ids and figures as the same texts as files."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

from sqlmodel import Session, select

from app.config import Settings
from app.db import get_engine
from app.models import Article, Figure, Paragraph, Sentence
from app.pipeline import ingest_paths
from tests.conftest import settings_for

TOWNS = ["Alderbrook", "Kessington", "Marlow Falls", "Penhallow", "Quarry Bend"]


def _text(i: int) -> str:
    """An invented report, distinct for each i."""
    town = TOWNS[i % len(TOWNS)]
    return (
        f"Fire crews in {town} said {i + 2} people were injured when a warehouse burned on"
        f" Dock Street number {i}. Police arrested {i % 4 + 1} men near the scene."
    )


def _rows(count: int) -> list[dict[str, str]]:
    rows = []
    for i in range(count):
        row = {"text": _text(i)}
        if i % 3 == 0:
            row |= {"title": f"Warehouse fire number {i}", "date": f"2022-03-{i % 28 + 1:02d}"}
        rows.append(row)
    return rows


def _as_file(row: dict[str, str]) -> str:
    header = "".join(f"{k}: {row[k]}\n" for k in ("title", "date") if k in row)
    return f"{header}\n{row['text']}\n" if header else row["text"] + "\n"


def _write_jsonl(path: Path, lines: list[str]) -> Path:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _stored(settings: Settings) -> tuple[list[tuple[object, ...]], list[tuple[object, ...]]]:
    with Session(get_engine(settings.db_url)) as s:
        articles = [
            (a.id, a.title, a.title_basis, a.outlet, a.date, a.date_basis, a.body, a.words)
            for a in s.exec(select(Article).order_by(Article.id))  # type: ignore[arg-type]
        ]
        figures = [
            (f.id, f.article_id, f.start, f.end, f.text, f.value, f.measure, f.group, f.place)
            for f in s.exec(select(Figure).order_by(Figure.id))  # type: ignore[arg-type]
        ]
    return articles, figures


def _counts(settings: Settings) -> tuple[int, ...]:
    with Session(get_engine(settings.db_url)) as s:
        return tuple(len(s.exec(select(m)).all()) for m in (Article, Paragraph, Sentence, Figure))


def test_pipeline_jsonl_same_articles_as_files(tmp_path: Path) -> None:
    # Past one batch of units (64), so that the file's transaction spans batches. One
    # process: the workers run the same extraction (the bench measures them), and starting
    # them costs a test more than the whole ingest.
    rows = _rows(70)
    rows[40] = {"text": rows[5]["text"].replace(" ", "  ")}  # the same text again
    lines = [json.dumps(r) for r in rows]
    lines.insert(10, "")  # a blank line: numbers still count every line
    jsonl = _write_jsonl(tmp_path / "reports.jsonl", lines)
    folder = tmp_path / "files"
    folder.mkdir()
    for i, row in enumerate(rows):
        (folder / f"r{i:03d}.txt").write_text(_as_file(row), encoding="utf-8")

    by_line = dataclasses.replace(settings_for(tmp_path / "lines.db"), workers=1)
    by_file = dataclasses.replace(settings_for(tmp_path / "files.db"), workers=1)
    from_lines = ingest_paths([str(jsonl)], by_line)
    from_files = ingest_paths([str(folder)], by_file)

    assert not from_lines.failed and not from_files.failed
    numbers = [n for n in range(1, 72) if n != 11]  # line 11 is the blank one
    assert from_lines.added == [f"{jsonl}#{n}" for n in numbers if n != 42]
    assert from_lines.unchanged == [f"{jsonl}#42"]
    assert len(from_files.added) == 69 and len(from_files.unchanged) == 1
    articles, figures = _stored(by_line)
    assert len(articles) == 69 and figures
    assert (articles, figures) == _stored(by_file)


def test_pipeline_jsonl_broken_line_loads_nothing_of_the_file(
    tmp_path: Path, settings: Settings
) -> None:
    good = tmp_path / "good.txt"
    good.write_text(_text(900) + "\n", encoding="utf-8")
    assert not ingest_paths([str(good)], settings).failed
    before = _counts(settings)
    lines = [json.dumps(r) for r in _rows(6)]
    lines[1] = '{"text": "cut short'
    lines[4] = '["not", "an", "object"]'
    broken = _write_jsonl(tmp_path / "broken.jsonl", lines)
    other = tmp_path / "other.txt"
    other.write_text(_text(901) + "\n", encoding="utf-8")

    report = ingest_paths([str(broken), str(other)], dataclasses.replace(settings, workers=1))

    assert [(e.path, e.reason.split(" (")[0]) for e in report.failed] == [
        (f"{broken}#2", "line 2 is not valid JSON"),
        (f"{broken}#5", "line 5 is not a JSON object"),
    ]
    assert report.held_back == [f"{broken}#{n}" for n in (1, 3, 4, 6)]
    assert report.added == [str(other)]
    with Session(get_engine(settings.db_url)) as s:
        names = {a.source_file for a in s.exec(select(Article))}
    assert names == {str(good), str(other)}
    assert _counts(settings)[0] == before[0] + 1


def test_pipeline_jsonl_bad_record_after_extracted_batches_loads_nothing(
    tmp_path: Path, settings: Settings
) -> None:
    # The bad date is met when the third batch is read, after the first batch has been
    # extracted and waits for the file's end: none of the file's articles is stored.
    rows = _rows(140)
    rows[135] = {"text": _text(135), "date": "the day after"}
    jsonl = _write_jsonl(tmp_path / "late.jsonl", [json.dumps(r) for r in rows])
    before = _counts(settings)

    report = ingest_paths([str(jsonl)], dataclasses.replace(settings, workers=1))

    assert [e.path for e in report.failed] == [f"{jsonl}#136"]
    assert "not a date" in report.failed[0].reason
    assert report.added == [] and len(report.held_back) == 139
    assert _counts(settings) == before
    # Mended, the same file loads whole: no text of it was taken for stored meanwhile.
    rows[135] = {"text": _text(135)}
    _write_jsonl(jsonl, [json.dumps(r) for r in rows])
    again = ingest_paths([str(jsonl)], dataclasses.replace(settings, workers=1))
    assert not again.failed and len(again.added) == 140


def test_pipeline_progress_counts_articles(tmp_path: Path, settings: Settings) -> None:
    jsonl = _write_jsonl(tmp_path / "a.jsonl", [json.dumps(r) for r in _rows(70)])
    single = tmp_path / "b.txt"
    single.write_text(_text(500) + "\n", encoding="utf-8")
    seen: list[tuple[int, int]] = []

    ingest_paths(
        [str(jsonl), str(single)],
        dataclasses.replace(settings, workers=1),
        on_progress=lambda done, total: seen.append((done, total)),
    )

    assert seen[0] == (0, 71) and seen[-1] == (71, 71)
    # Counted as articles are stored, batch by batch, not once for the one big file.
    assert [done for done, _ in seen] == [0, 64, 71]
