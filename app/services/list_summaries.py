"""The stored summaries of the index of articles, the places page and the timeline, made with
the others (app/services/summaries.py) whenever the links change; their pages read them in
app/services/summary_pages.py.

The index's order is stored as a rank per article, so that any page of it is a range of
ranks instead of an OFFSET that reads every article before it. The places and the days keep
what their pages show, counted over the whole database once instead of on every visit; the
places' spellings are the gazetteer's, read here once instead of on a reader's first filter
or search.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from sqlalchemy import delete, insert, text
from sqlmodel import Session, select

from app.extract.place_spellings import spelling_index
from app.models import ArticleRank, DateSummary, DaySummary, Place, PlaceSpelling, PlaceSummary
from app.services.actors import Segment
from app.services.dates import ArticleRef, DateEvent, Day, DayFigure, timeline, unplaced_dates
from app.services.places import list_places
from app.services.summary_rows import to_json

DAY_ITEMS_KEPT = 5  # of each list of a day on the timeline's overview; its own page has all

# Newest first, the undated last, then by id: the order of the index (app/services/articles.py).
_RANK_ARTICLES = """
    INSERT INTO articlerank (rank, article_id)
    SELECT row_number() OVER (ORDER BY date DESC NULLS LAST, id) - 1, id FROM article
"""


def refresh_list_summaries(session: Session) -> None:
    session.execute(delete(ArticleRank))
    session.execute(text(_RANK_ARTICLES))
    _refresh_places(session)
    _refresh_spellings(session)
    _refresh_days(session)
    session.flush()


def _refresh_places(session: Session) -> None:
    session.execute(delete(PlaceSummary))
    rows = [
        {"rank": rank, "place_id": row.id, "articles": row.articles, "mentions": row.mentions}
        for rank, row in enumerate(list_places(session))
    ]
    if rows:
        session.execute(insert(PlaceSummary), rows)


def _refresh_spellings(session: Session) -> None:
    session.execute(delete(PlaceSpelling))
    names = frozenset(session.exec(select(Place.name)))
    rows = [
        {"key": key, "name": name}
        for key, found in (spelling_index(names) if names else {}).items()
        for name in found
    ]
    if rows:
        session.execute(insert(PlaceSpelling), rows)


def _refresh_days(session: Session) -> None:
    session.execute(delete(DaySummary))
    session.execute(delete(DateSummary))
    rows = [
        {"rank": rank, "day": day.date, "data": to_json(shown_day(day))}
        for rank, day in enumerate(timeline(session))
    ]
    if rows:
        session.execute(insert(DaySummary), rows)
    session.execute(insert(DateSummary), [{"unplaced": unplaced_dates(session)}])


def shown_day(day: Day) -> Day:
    """The day as the timeline's overview shows it: the first few of each list, with how
    many there are in all."""
    keep = DAY_ITEMS_KEPT
    return Day(
        day.date,
        day.articles[:keep],
        day.events[:keep],
        day.figures[:keep],
        counts=(day.article_count, day.event_count, day.figure_count),
    )


def _ref(d: dict[str, Any]) -> ArticleRef:
    return ArticleRef(**{**d, "date": dt.date.fromisoformat(d["date"]) if d["date"] else None})


def day_from_json(data: str) -> Day:
    d = json.loads(data)
    return Day(
        date=dt.date.fromisoformat(d["date"]),
        articles=[_ref(a) for a in d["articles"]],
        events=[
            DateEvent(
                **{
                    **e,
                    "article": _ref(e["article"]),
                    "segments": [Segment(**s) for s in e["segments"]],
                }
            )
            for e in d["events"]
        ],
        figures=[DayFigure(**{**f, "article": _ref(f["article"])}) for f in d["figures"]],
        counts=tuple(d["counts"]) if d["counts"] else None,
    )
