"""A figure corrected field by field, made a part of another, or added by the reader: kept
through `parallax reprocess` and re-ingest, exported, and undone."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlmodel import Session, col, select

from app.config import Settings
from app.db import get_engine
from app.models import Article, Correction, Figure, FigurePart, Link
from app.pipeline import ingest_paths, reprocess
from app.services.corrections.apply import remove_article_rows
from app.services.corrections.figure_edits import (
    FigureInput,
    add_figure,
    correct_figure,
    missed_figure,
)
from app.services.corrections.figures import parse_value
from app.services.corrections.record import CorrectionError, undo
from app.services.exports import figure_rows

RIVER = (
    "title: Floods hit Marrowby\noutlet: River Wire\ndate: 2024-03-04\n\n"
    "Heavy rain flooded the town of Marrowby on Sunday. At least 12 people were killed and 40 "
    "injured, the fire service said. Two of the dead were children. Volunteers reported 7 "
    "families still waiting on rooftops by nightfall. The missing numbered 6 on Monday morning. "
    "Sandbags: 900."
)
VALLEY = (
    "title: Marrowby counts the cost\noutlet: Valley Post\ndate: 2024-03-05\n\n"
    "The death toll from the Marrowby floods rose to 15 people killed, the fire service said on "
    "Monday. More than 50 were injured. Police arrested 3 looters near the market."
)


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    d = tmp_path / "floods"
    d.mkdir()
    (d / "river.txt").write_text(RIVER, encoding="utf-8")
    (d / "valley.txt").write_text(VALLEY, encoding="utf-8")
    return d


@pytest.fixture
def loaded(settings: Settings, folder: Path) -> Settings:
    report = ingest_paths([str(folder)], settings)
    assert len(report.added) == 2 and not report.failed
    return settings


def open_session(settings: Settings) -> Session:
    return Session(get_engine(settings.db_url))


def river(s: Session) -> Article:
    return s.exec(select(Article).where(col(Article.source_file).endswith("river.txt"))).one()


def figure_at(s: Session, words: str) -> Figure:
    article = river(s)
    start = article.body.index(words)
    return s.exec(
        select(Figure).where(Figure.article_id == article.id, Figure.start == start)
    ).one()


def exported(settings: Settings, words: str) -> dict[str, object]:
    with open_session(settings) as s:
        return next(r for r in figure_rows(s) if str(r["text"]).startswith(words))


@pytest.mark.parametrize(
    ("text", "expected"),
    [("12", (12, None)), ("1,200", (1200, None)), ("10-12", (10, 12)), ("", (None, None))],
)
def test_corrections_parse_value(text: str, expected: tuple[float | None, float | None]) -> None:
    assert parse_value(text) == expected


@pytest.mark.parametrize("text", ["many", "-3", "12-10"])
def test_corrections_parse_value_refuses(text: str) -> None:
    with pytest.raises(ValueError):
        parse_value(text)


def test_corrections_measure_survives_reprocess_and_undo_restores(loaded: Settings) -> None:
    with open_session(loaded) as s:
        toll = figure_at(s, "At least 12 people")
        assert toll.measure == "killed"
        given = FigureInput.of(toll)
        given.measure, given.place = "injured", "Marrowby"
        assert correct_figure(s, toll, given, author="Ann") == ["measure", "place"]
        s.commit()
    reprocess(loaded)
    row = exported(loaded, "At least 12 people")
    assert (row["measure"], row["place"], row["corrected"]) == (
        "injured",
        "Marrowby",
        ["measure", "place"],
    )
    assert row["topic"] == "injured|total|Marrowby"
    with open_session(loaded) as s:
        last = s.exec(select(Correction).where(Correction.field == "place")).one()
        assert last.author == "Ann"
        undo(s, last.id or 0, author="Bob")
        s.commit()
        assert (last.undone_by, last.undone_at is not None) == ("Bob", True)
        with pytest.raises(CorrectionError):
            undo(s, last.id or 0)
    row = exported(loaded, "At least 12 people")
    assert (row["measure"], row["place"], row["corrected"]) == ("injured", None, ["measure"])


def test_corrections_value_and_event(loaded: Settings) -> None:
    with open_session(loaded) as s:
        toll = figure_at(s, "At least 12 people")
        given = FigureInput.of(toll)
        given.value, given.event = "12-14", "other"
        correct_figure(s, toll, given)
        s.commit()
        toll = figure_at(s, "At least 12 people")
        got = (toll.value, toll.value_high, toll.qualifier, toll.event)
        assert got == (12, 14, "range", "other")
        links = s.exec(
            select(Link).where((Link.a_id == toll.id) | (Link.b_id == toll.id))
        ).all()
        assert links == [], "another event's figure is not joined to the story's counts"
        value = s.exec(select(Correction).where(Correction.field == "value")).one()
        undo(s, value.id or 0)
        s.commit()
        toll = figure_at(s, "At least 12 people")
        assert (toll.value, toll.value_high, toll.qualifier) == (12, None, "at_least")


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("value", "a few", "not a number"),
        ("measure", "wounded", "measure is one of"),
        ("event", "past", "event is"),
        ("group", "x" * 101, "too long"),
    ],
)
def test_corrections_figure_input_refused(
    loaded: Settings, field: str, value: str, message: str
) -> None:
    with open_session(loaded) as s:
        toll = figure_at(s, "At least 12 people")
        given = FigureInput.of(toll)
        setattr(given, field, value)
        with pytest.raises(CorrectionError, match=message):
            correct_figure(s, toll, given)


def test_corrections_part_of_survives_reprocess(loaded: Settings) -> None:
    with open_session(loaded) as s:
        toll, part = figure_at(s, "At least 12 people"), figure_at(s, "Two of the dead")
        given = FigureInput.of(part)
        given.group = "children"
        correct_figure(s, part, given, part_of=toll.id)
        s.commit()
    reprocess(loaded)
    toll_row, part_row = exported(loaded, "At least 12 people"), exported(loaded, "Two of the")
    assert toll_row["parts"] == [part_row["id"]]
    assert part_row["group"] == "children"
    with open_session(loaded) as s:
        mark = s.exec(select(Correction).where(Correction.field == "part_of")).one()
        undo(s, mark.id or 0)
        s.commit()
        assert s.exec(select(FigurePart)).all() == []


def test_corrections_part_of_needs_the_same_article(loaded: Settings) -> None:
    with open_session(loaded) as s:
        part = figure_at(s, "Two of the dead")
        other = s.exec(select(Figure).where(Figure.article_id != part.article_id)).first()
        assert other is not None
        with pytest.raises(CorrectionError, match="same article"):
            correct_figure(s, part, FigureInput.of(part), part_of=other.id)


def test_corrections_missed_figure_added_kept_and_undone(
    loaded: Settings, folder: Path
) -> None:
    words = "The missing numbered 6"
    with open_session(loaded) as s:
        article = river(s)
        start = article.body.index(words)
        assert not s.exec(
            select(Figure).where(Figure.article_id == article.id, Figure.start == start)
        ).all(), "the extractor must miss these words for this test to mean anything"
        form = missed_figure(s, article, start, start + len(words), words)
        assert (form.text, form.guess.value) == (words, "6")
        assert form.sentence.startswith(words)
        form.guess.measure, form.guess.group = "other", "missing"
        added = add_figure(s, article, form.start, form.end, form.guess, author="Ann")
        s.commit()
        assert (added.text, added.value, added.added) == (words, 6, True)
        with pytest.raises(CorrectionError, match="already"):
            add_figure(s, article, form.start, form.end, form.guess)
        remove_article_rows(s, article.id or 0)  # gone behind the reader's back
        s.commit()
    reprocess(loaded)
    ingest_paths([str(folder)], loaded)
    row = exported(loaded, words)
    assert (row["value"], row["group"], row["added"]) == (6, "missing", True)
    with open_session(loaded) as s:
        mark = s.exec(select(Correction).where(Correction.field == "added")).one()
        undo(s, mark.id or 0)
        s.commit()
    with open_session(loaded) as s:
        assert not [r for r in figure_rows(s) if str(r["text"]).startswith(words)]


@pytest.mark.parametrize(
    ("start", "end", "quote", "found"),
    [
        (None, None, "numbered 6", "numbered 6"),  # no offsets: the quote is looked up
        (0, 5, "numbered 6", "numbered 6"),  # offsets that do not hold the quote
        (None, None, "numbered\n 6", "numbered 6"),  # the browser's own white space
    ],
)
def test_corrections_missed_figure_finds_the_words(
    loaded: Settings, start: int | None, end: int | None, quote: str, found: str
) -> None:
    with open_session(loaded) as s:
        form = missed_figure(s, river(s), start, end, quote)
        assert form.text == found


def test_corrections_missed_figure_refuses_words_not_in_text(loaded: Settings) -> None:
    with open_session(loaded) as s, pytest.raises(CorrectionError, match="not in the article"):
        missed_figure(s, river(s), None, None, "nine hundred boats")


@pytest.mark.parametrize("fmt", ["jsonl", "csv"])
def test_corrections_cli_exports_notes_and_corrections(loaded: Settings, fmt: str) -> None:
    import csv
    import io
    import json

    from typer.testing import CliRunner

    from app.cli import cli
    from app.services.corrections.notes import add_note

    with open_session(loaded) as s:
        toll = figure_at(s, "At least 12 people")
        add_note(s, "figure", toll.id or 0, 'Says "at least", =1+1', author="Ann")
        given = FigureInput.of(toll)
        given.source = "the mayor"
        correct_figure(s, toll, given, author="Ann")
        s.commit()

    def rows(kind: str) -> list[dict[str, str]]:
        out = CliRunner().invoke(cli, ["export", kind, "--format", fmt, "--db", loaded.db_url])
        assert out.exit_code == 0, out.output
        if fmt == "jsonl":
            return [json.loads(line) for line in out.stdout.splitlines()]
        return list(csv.DictReader(io.StringIO(out.stdout)))

    [note] = rows("notes")
    assert (note["on"], note["quote"], note["author"]) == ("figure", "At least 12 people", "Ann")
    assert note["text"].endswith("=1+1") and str(note["article"]).endswith("river.txt")
    [fix] = rows("corrections")
    assert (fix["on"], fix["field"], fix["value"], fix["author"]) == (
        "figure",
        "source",
        "the mayor",
        "Ann",
    )


def test_corrections_added_figure_the_program_finds_later(loaded: Settings) -> None:
    """Once the program reads the words itself, the addition sets their fields; undone, the
    program's reading comes back."""
    from app.services.corrections.apply import apply_corrections

    with open_session(loaded) as s:
        article = river(s)
        start = article.body.index("The missing numbered 6")
        given = FigureInput(value="6", measure="other", group="missing")
        added = add_figure(s, article, start, start + len("The missing numbered 6"), given)
        s.delete(added)  # as if a newer extractor found the figure on its own
        s.add(
            Figure(
                article_id=article.id or 0,
                start=start,
                end=start + 22,
                text="The missing numbered 6",
                sentence_start=start,
                sentence_end=start + 22,
                value=6,
                measure="killed",
            )
        )
        apply_corrections(s)
        s.commit()
        found = figure_at(s, "The missing numbered 6")
        assert (found.added, found.measure, found.group) == (False, "other", "missing")
        mark = s.exec(select(Correction).where(Correction.field == "added")).one()
        undo(s, mark.id or 0)
        s.commit()
        found = figure_at(s, "The missing numbered 6")
        assert (found.measure, found.group, found.corrected) == ("killed", "total", "")
