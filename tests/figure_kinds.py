"""A hand-made database with every kind of figure the reader draws apart: a title figure, a
computed total and its parts, casualties, another event's count and a preliminary count."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from sqlmodel import Session

from app.db import get_engine
from app.models import Article, Figure, FigurePart, Paragraph, Story
from tests.databases import db_url_for

TITLE = "Five dead in Brindlemoor school attack - The Valley Courier"
BODY = (
    "Gunmen killed two guards and three pupils at a school in Brindlemoor on Monday."
    " Seven people were shot in all, the police said in a first count."
    " In 2019, 4 people died in a similar attack nearby."
)
# id: (text, measure, value, extra fields); offsets are found in the body (or the title).
FIGURES: dict[int, tuple[str, str, float, dict[str, object]]] = {
    1: ("Five dead", "killed", 5, {"in_title": True}),
    2: ("two guards", "killed", 2, {"group": "guards"}),
    3: ("three pupils", "killed", 3, {"group": "pupils"}),
    4: ("three pupils", "killed", 5, {"derived": True}),
    5: ("Seven people were shot", "casualties", 7, {"status": "preliminary"}),
    6: (
        "4 people died",
        "killed",
        4,
        {"event": "other", "event_reason": "an attack of an earlier year"},
    ),
}


def build(path: Path) -> str:
    """The database at `path`; returns its URL."""
    url = db_url_for(path)
    with Session(get_engine(url)) as s:
        s.add(Story(id=1, title="school attack"))
        s.flush()
        s.add(
            Article(
                id=1, source_file="courier.txt", content_hash="k1", title=TITLE, body=BODY,
                outlet="The Valley Courier", date=dt.date(2031, 5, 6), story_id=1,
            )
        )  # fmt: skip
        s.flush()
        s.add(Paragraph(article_id=1, idx=0, start=0, end=len(BODY)))
        for fid, (text, measure, value, extra) in FIGURES.items():
            where = TITLE if extra.get("in_title") else BODY
            start = where.index(text)
            sentence_start = where.rfind(". ", 0, start) + 2 if ". " in where[:start] else 0
            end = where.find(".", start)
            s.add(
                Figure(
                    id=fid, article_id=1, start=start, end=start + len(text), text=text,
                    sentence_start=sentence_start, sentence_end=end + 1 if end > 0 else len(where),
                    value=value, measure=measure, topic=f"{measure}|total|Brindlemoor",
                    **extra,  # type: ignore[arg-type]
                )
            )  # fmt: skip
        s.flush()
        s.add_all([FigurePart(figure_id=4, part_id=2), FigurePart(figure_id=4, part_id=3)])
        s.commit()
    return url
