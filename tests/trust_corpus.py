"""Four reports of one invented attack, for the panels that must say what a number is: a toll
with a named part ("two of them beheaded"), a wire story reprinted by a second outlet, a
retracted figure, and arrests that grow over five days (a series, not a dispute)."""

from __future__ import annotations

from pathlib import Path

from sqlmodel import Session, select

from app.config import Settings
from app.db import get_engine
from app.models import Article, Figure
from app.pipeline import ingest_paths
from tests.databases import db_url_for

_WIRE = (
    "At least 12 soldiers were killed in an attack on a border post near Varnholm on Tuesday,"
    " two of them beheaded, the defence ministry said. Police arrested more than 150 people in"
    " the city after the attack, the interior ministry said. The border crossing was closed and"
    " trains to the south were stopped. Residents said they heard gunfire through the night and"
    " that shops in the old town stayed shut. The governor, Edda Lindqvist, asked people to stay"
    " at home until the army had secured the roads around the city."
)
ARTICLES = {
    "wire.txt": ("Soldiers killed in Varnholm attack", "Northern Wire", "2029-04-03", _WIRE),
    # The same wire text a day later under another headline, with one line of its own.
    "reprint.txt": (
        "Varnholm attack: 12 soldiers dead",
        "The Harbour Times",
        "2029-04-04",
        _WIRE + "\nOur correspondent said the roads were still closed on Wednesday morning.",
    ),
    "retracted.txt": (
        "Varnholm arrests climb as army patrols streets",
        "Daily Meridian",
        "2029-04-05",
        "The interior ministry said on Thursday that 1,900 people had been arrested in Varnholm"
        " since the unrest began. The ministry also said 12 soldiers were killed in the attack."
        " A report by the regional broadcaster that 40 soldiers had died was retracted on"
        " Thursday. Army patrols moved through the old town and the governor, Edda Lindqvist,"
        " lifted the curfew on the eastern districts.",
    ),
    "later.txt": (
        "Varnholm calm returns",
        "Coastal Post",
        "2029-04-07",
        "Police in Varnholm have now arrested 4,200 people, the interior ministry said on"
        " Saturday. Shops reopened and trains to the south ran again. The governor, Edda"
        " Lindqvist, said 12 soldiers had been killed in the attack earlier in the week.",
    ),
}


def build(folder: Path, db: Path) -> dict[str, int]:
    """Ingest the four reports; returns ids by name: articles by file name, figures by
    "file:text"."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, (title, outlet, date, body) in ARTICLES.items():
        (folder / name).write_text(f"title: {title}\noutlet: {outlet}\ndate: {date}\n\n{body}\n")
    settings = Settings(db_url=db_url_for(db))
    report = ingest_paths([str(folder)], settings)
    assert not report.failed, report.failed
    ids: dict[str, int] = {}
    with Session(get_engine(settings.db_url)) as session:
        for figure, article in session.exec(
            select(Figure, Article).join(Article, Article.id == Figure.article_id)  # type: ignore[arg-type]
        ):
            name = Path(article.source_file).name
            ids[name] = article.id or 0
            ids[f"{name}:{figure.text}"] = figure.id or 0
    return ids
