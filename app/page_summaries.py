"""Tables of the list pages' stored summaries: the order of the index of articles, the places
with their counts and their spellings, and the days of the timeline, made when the links change
(app/services/summaries.py) so that a page reads a page of rows by an index, never the whole
database. Registered with the rest of the data model by app/models.py.
"""

from __future__ import annotations

import datetime as dt

from sqlmodel import Field, SQLModel


class ArticleRank(SQLModel, table=True):
    """An article's place in the index without filters (newest first, the undated last): a
    page of the index is a range of ranks, however deep."""

    rank: int = Field(primary_key=True)  # from 0, without gaps
    # Not a foreign key: a deleted article drops out of the page's join until the next relink
    # ranks the articles anew, and a delete need not look its rank up.
    article_id: int = 0


class PlaceSummary(SQLModel, table=True):
    """A place the articles mention with its counts, in the order of the places page."""

    rank: int = Field(primary_key=True)
    place_id: int = 0  # not a foreign key, as above
    articles: int = 0
    mentions: int = 0


class DaySummary(SQLModel, table=True):
    """A day of the timeline as its overview shows it: how many articles were published,
    events placed and figures reported on it, and the first few of each (JSON)."""

    rank: int = Field(primary_key=True)  # the days oldest first
    day: dt.date | None = Field(default=None, unique=True)
    data: str = ""


class DateSummary(SQLModel, table=True):
    """What the timeline says beside its days: how many dates in the texts could not be put
    on a day (one row)."""

    id: int | None = Field(default=None, primary_key=True)
    unplaced: int = 0


class PlaceSpelling(SQLModel, table=True):
    """A spelling of a place the database holds, as the gazetteer knows it (an old name,
    another script), by its key (app/extract/place_spellings.py): the city filter and search
    look a spelling up here instead of reading the gazetteer's names on a request."""

    id: int | None = Field(default=None, primary_key=True)
    key: str = Field(index=True)
    name: str = ""  # the place's name
