"""Which articles are near-copies of another (found at link time, app/link/copies.py), as the
reader names them: "a copy of the Valley Wire's text of 7 March"."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from dataclasses import dataclass

from sqlalchemy import Connection

from app.services.reader_data import _date, read, sql

_COPIES_OF = sql(
    "SELECT c.article_id, c.original_id, c.family_id, c.similarity, a.title, a.outlet,"
    " a.date FROM articlecopy c JOIN article a ON a.id = c.original_id"
    " WHERE c.article_id IN :ids",
    "ids",
)


@dataclass(slots=True)
class CopyRef:
    article_id: int  # the copy
    original_id: int  # the article it copies
    family_id: int  # the first article of its family of copies
    similarity: float
    title: str  # the original's
    outlet: str | None
    date: dt.date | None

    @property
    def text(self) -> str:
        """ "a copy of Valley Wire, 2024-03-07 (92% the same text)"."""
        where = self.outlet or self.title or f"article {self.original_id}"
        when = f", {self.date}" if self.date else ""
        return f"a copy of {where}{when} ({round(self.similarity * 100)}% the same text)"


def copies_of(db: Connection, article_ids: Collection[int]) -> dict[int, CopyRef]:
    """The articles among these that copy another, with the article each copies."""
    if not article_ids:
        return {}
    out: dict[int, CopyRef] = {}
    found = read(db, _COPIES_OF, ids=list(article_ids))
    for aid, original, family, similarity, title, outlet, date in found:
        out[aid] = CopyRef(aid, original, family, similarity, title or "", outlet, _date(date))
    return out
