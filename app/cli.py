"""The `parallax` command line."""

from __future__ import annotations

import ipaddress
import re
import sys
from dataclasses import replace
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    ProgressColumn,
    Task,
    TaskID,
    TextColumn,
    TimeElapsedColumn,
)
from rich.text import Text

from app.config import SERVER_PAGE_CACHE_MB, get_settings

if TYPE_CHECKING:
    from app.models import Article

cli = typer.Typer(
    help="Parallax: read several news reports of one event side by side.",
    no_args_is_help=True,
    add_completion=False,
)
err = Console(stderr=True)

DbOption = Annotated[
    str | None,
    typer.Option(
        "--db", help="SQLAlchemy URL or file path (default: $PARALLAX_DB, else data/parallax.db)."
    ),
]


def pace(speed: float | None, remaining: float | None) -> str:
    """The rate and what remains, as the progress bar says them: "3.4 articles/s, 4:18 left"."""
    if not speed:
        return "– articles/s"
    rate = f"{speed:.1f} articles/s"
    if remaining is None:
        return rate
    minutes, seconds = divmod(round(remaining), 60)
    hours, minutes = divmod(minutes, 60)
    left = f"{hours}:{minutes:02d}:{seconds:02d}" if hours else f"{minutes}:{seconds:02d}"
    return f"{rate}, {left} left"


class PaceColumn(ProgressColumn):
    """The rate since the first articles came back, and the time left at that rate.

    Articles come back a batch at a time, and the first batch waits for the workers to load
    the language model: a rate over the last seconds (Rich's own) jumps between nothing and a
    burst, and one since the start counts the loading.
    """

    def __init__(self) -> None:
        super().__init__()
        self._first: dict[TaskID, tuple[float, float]] = {}  # when, and how many done then

    def render(self, task: Task) -> Text:
        if task.finished:
            elapsed = task.finished_time or 0.0
            speed = task.completed / elapsed if elapsed else None
            return Text(pace(speed, None), style="progress.elapsed")
        now = task.get_time()
        if task.completed and task.id not in self._first:
            self._first[task.id] = (now, task.completed)
        since, done_then = self._first.get(task.id, (now, task.completed))
        speed = (task.completed - done_then) / (now - since) if now > since else None
        remaining = None
        if speed and task.total is not None:
            remaining = (task.total - task.completed) / speed
        return Text(pace(speed, remaining), style="progress.remaining")


def _progress() -> Progress:
    return Progress(
        TextColumn("[bold]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("articles"),
        TimeElapsedColumn(),
        PaceColumn(),
        console=err,
        transient=False,
    )


# Control characters (a newline, a terminal's escape sequences), Unicode's line breaks and
# bidirectional overrides, and the bytes of a file name that are not UTF-8 (which Python
# holds as lone surrogates).
_UNPRINTABLE = re.compile(
    r"[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]"
)


def _escape(char: str) -> str:
    code = ord(char)
    if 0xDC80 <= code <= 0xDCFF:  # a byte the file system's name held, as that byte
        return f"\\x{code - 0xDC00:02x}"
    return char.encode("unicode_escape").decode("ascii")


def printable(text: str) -> str:
    """`text` on one line as it is, but for the characters that would act on the terminal,
    written as Python escapes ("\\n"): a file name can forge no line, colour or cursor move."""
    return _UNPRINTABLE.sub(lambda m: _escape(m.group()), text)


def _say(message: str, style: str | None = None) -> None:
    # Text, not markup: a file named "[red]x.txt" is printed as it is named; soft wrap: a
    # long path stays one line to copy or grep.
    err.print(Text(printable(message), style=style or ""), soft_wrap=True)


def _say_error(path: str, reason: str) -> None:
    err.print(Text.assemble(("error", "red"), " " + printable(f"{path}: {reason}")), soft_wrap=True)


@cli.command()
def ingest(
    paths: Annotated[list[str], typer.Argument(help="Files or folders to load.")],
    db: DbOption = None,
    scheduler: Annotated[
        str | None,
        typer.Option(
            metavar="ADDRESS",
            help="Extract on the workers of this Dask scheduler (tcp://host:8786)"
            " instead of this machine's processes.",
        ),
    ] = None,
) -> None:
    """Load articles (plain text, header/front matter, HTML, JSON Lines), extract and link."""
    from app.extract.cluster import ClusterError
    from app.pipeline import ingest_paths

    settings = replace(get_settings(db), scheduler=scheduler)
    with _progress() as progress:
        # Through a cluster the bar waits for the cluster's answer: a scheduler that does not
        # answer leaves no empty bar above its error.
        tasks = [progress.add_task("ingest", total=None)] if scheduler is None else []

        def task() -> TaskID:
            if not tasks:
                tasks.append(progress.add_task("ingest", total=None))
            return tasks[0]

        try:
            report = ingest_paths(
                paths,
                settings,
                on_progress=lambda done, total: progress.update(
                    task(), completed=done, total=total
                ),
                on_stage=lambda stage: progress.update(task(), description=stage, refresh=True),
            )
        except ClusterError as exc:
            _say_error(f"--scheduler {scheduler}", str(exc))
            raise typer.Exit(1) from None
        if tasks:
            progress.update(tasks[0], description="ingest")
    for failure in report.failed:
        _say_error(failure.path, failure.reason)
    summary = (
        f"{len(report.added)} added, {len(report.unchanged)} unchanged (same text already"
        f" stored), {len(report.failed)} failed"
    )
    if report.held_back:
        summary += (
            f"; {len(report.held_back)} good articles of failed files not loaded"
            " (a file loads whole or not at all)"
        )
    _say(summary)
    raise typer.Exit(1 if report.failed else 0)


@cli.command()
def reprocess(db: DbOption = None) -> None:
    """Run extraction and linking again over every stored article, keeping corrections."""
    from app.pipeline import reprocess as run

    settings = get_settings(db)
    failed: list[tuple[str, str]] = []

    def failure(article: Article, exc: Exception) -> None:
        failed.append((f"article {article.id} ({article.source_file})", f"{exc!r}"))

    with _progress() as progress:
        task = progress.add_task("reprocess", total=None)
        count = run(
            settings,
            on_article=lambda _i: progress.advance(task),
            on_stage=lambda stage: progress.update(task, description=stage, refresh=True),
            on_total=lambda total: progress.update(task, total=total),
            on_failure=failure,
        )
        progress.update(task, description="reprocess")
    for name, reason in failed:
        _say_error(name, f"extraction failed, its earlier reading kept: {reason}")
    kept = f"; {len(failed)} kept their earlier reading" if failed else ""
    _say(f"{count} articles reprocessed{kept}")
    raise typer.Exit(1 if failed else 0)


def _is_loopback(host: str) -> bool:
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False  # a host name: it may resolve to any interface


@cli.command()
def serve(
    host: Annotated[
        str, typer.Option(help="Interface to bind; loopback by default.")
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
    db: DbOption = None,
    workers: Annotated[
        int, typer.Option(min=1, help="Server processes (2 uses both cores of a small machine).")
    ] = 1,
) -> None:
    """Serve the web reader."""
    import os

    from app.db import get_engine
    from app.services.summaries import ensure_summaries
    from app.web.serve import run

    # The server's processes each hold several connections: each keeps few pages of its own
    # (a user's PARALLAX_PAGE_CACHE_MB stands), and a relink widens its own for its duration.
    os.environ.setdefault("PARALLAX_PAGE_CACHE_MB", str(SERVER_PAGE_CACHE_MB))
    settings = get_settings(db)
    # The schema brought up to date once, before the workers start: each worker opens the
    # database on its first request, and two of them adding the same new index at once
    # would fail one request (a new index takes seconds at 100,000 articles).
    engine = get_engine(settings.db_url)
    # Likewise the summaries of the figures and the stories, missing in a database made by an
    # earlier version: no request works them out over the whole database.
    took = ensure_summaries(engine)
    if took is not None:
        err.print(f"Summarised the figures and the stories in {took:.1f} s.")
    if not _is_loopback(host):
        _say(
            f"Warning: serving on {host}, not only this machine: anyone who can reach port "
            f"{port} can read every article and change the database (there is no login).",
            "bold yellow",
        )
    run(settings, host=host, port=port, workers=workers)

class Kind(StrEnum):
    articles = "articles"
    figures = "figures"
    links = "links"
    claims = "claims"
    actors = "actors"
    places = "places"
    stories = "stories"
    notes = "notes"
    corrections = "corrections"


class Format(StrEnum):
    jsonl = "jsonl"
    csv = "csv"


@cli.command()
def export(
    kind: Annotated[Kind, typer.Argument(help="What to export.")],
    fmt: Annotated[Format, typer.Option("--format", help="jsonl (default) or csv.")] = Format.jsonl,
    out: Annotated[
        Path | None, typer.Option("--out", help="File to write (default: stdout).")
    ] = None,
    db: DbOption = None,
) -> None:
    """Write articles, figures, links (one row a relation between two figures), claims,
    actors, places, stories, notes or corrections as JSON Lines or CSV."""
    from sqlmodel import Session

    from app.db import get_engine
    from app.services import EXPORTERS
    from app.services.downloads import export_text

    settings = get_settings(db)
    exporter = EXPORTERS[kind.value]
    with Session(get_engine(settings.db_url)) as session:
        rows = exporter(session)
    text = export_text(kind.value, rows, fmt.value)
    if out is None:
        sys.stdout.write(text)
        return
    try:
        out.write_text(text, encoding="utf-8")
    except OSError as exc:
        _say_error(str(out), f"could not be written ({exc.strerror or exc})")
        raise typer.Exit(1) from None


@cli.command(name="eval")
def eval_(
    gold: Annotated[
        Path, typer.Option("--gold", help="Folder with the seeds_*.jsonl/json references.")
    ],
    db: DbOption = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the scores as JSON.")] = False,
    misses: Annotated[bool, typer.Option("--misses", help="Also list what did not match.")] = False,
) -> None:
    """Score the database against hand-made references: precision, recall and F1 per part."""
    import json

    from rich.table import Table
    from sqlmodel import Session

    from app.db import get_engine
    from app.evaluate import evaluate

    for name in ("seeds_figures.jsonl", "seeds_claims.jsonl", "seeds_entities.json"):
        if not (gold / name).is_file():
            _say_error(str(gold / name), "reference file not found")
            raise typer.Exit(2)
    settings = get_settings(db)
    with Session(get_engine(settings.db_url)) as session:
        scores = evaluate(session, gold)
    if as_json:
        payload = {"scores": scores.parts, **({"misses": scores.misses} if misses else {})}
        sys.stdout.write(json.dumps(payload, indent=2, ensure_ascii=False) + "\n")
        return
    table = Table(title="parallax eval", show_lines=False)
    for column in ("part", "precision", "recall", "F1", "accuracy", "detail"):
        table.add_column(column, justify="left" if column in ("part", "detail") else "right")
    for part, values in scores.parts.items():
        detail = ", ".join(
            f"{k} {v}"
            for k, v in values.items()
            if k not in ("precision", "recall", "f1", "accuracy")
        )
        table.add_row(
            part,
            *(str(values.get(k, "")) for k in ("precision", "recall", "f1", "accuracy")),
            detail,
        )
    Console(width=140).print(table)
    if misses:
        for name, rows in scores.misses.items():
            if rows:
                Console().print(f"[bold]{name}[/bold] ({len(rows)})")
                for row in rows:
                    Console().print(Text(printable(f"  {row}")), soft_wrap=True)


def main() -> None:
    cli()


if __name__ == "__main__":
    main()
