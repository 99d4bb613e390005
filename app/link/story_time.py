"""When two reports far apart in time still follow one event (see app/link/stories.py, dates).

Similarity fades once two reports are more than a few days apart: two shootings in one city
a week apart share their vocabulary, their city and its institutions. A report weeks or
years on stays with its event when it shows that it follows it:

- it concerns a person the other concerns (story_people.py): the victim, the accused;
- it states the day of the other ("the May 3 shooting", "killed on May 3, 2021"): a
  follow-up names the day of the event it follows, which the first reports were dated on,
  and a first report may name the day of a hearing that a later one reports.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
import scipy.sparse as sp

from app.link.arrays import locate
from app.link.story_people import named_people, share_a_person

if TYPE_CHECKING:
    from app.link.stories import StoryDoc, StoryParams


def fade(gap: np.ndarray, window: float, half_life: float) -> np.ndarray:
    """1 within `window` days, then halving every `half_life` days."""
    return np.power(0.5, (gap - window).clip(min=0.0) / half_life)


def date_ordinals(docs: Sequence[StoryDoc]) -> np.ndarray:
    return np.array(
        [d.date.toordinal() if d.date is not None else np.nan for d in docs], dtype=np.float64
    )


@dataclass(frozen=True)
class Continuity:
    """What each report names and the days it states, as rows per report."""

    everyone: sp.csr_matrix  # persons named
    principal: sp.csr_matrix  # persons named more than once
    stated: sp.csr_matrix  # days stated, each widened by the date window (columns: ordinals)
    day0: int  # the ordinal of `stated`'s first column

    def kept(self, days: np.ndarray, r: np.ndarray, c: np.ndarray) -> np.ndarray:
        """For each pair (r[i], c[i]) of reports: does one follow the other's event?"""
        out = share_a_person((self.everyone, self.principal), r, c)
        for a, b in ((r, c), (c, r)):
            dated = np.isfinite(days[b])
            day = np.where(dated, days[b], self.day0).astype(np.int64) - self.day0
            out |= dated & _holds(self.stated, a, day)
        return out


def continuity(docs: Sequence[StoryDoc], p: StoryParams) -> Continuity:
    everyone, principal = named_people(docs, p)
    days = [(i, d.toordinal()) for i, doc in enumerate(docs) for d in doc.stated_dates]
    day0 = min((o for _, o in days), default=0) - p.date_window_days
    width = max((o for _, o in days), default=0) + p.date_window_days - day0 + 1
    rows: list[int] = []
    cols: list[int] = []
    for i, o in days:
        lo = o - p.date_window_days - day0
        rows.extend([i] * (2 * p.date_window_days + 1))
        cols.extend(range(lo, lo + 2 * p.date_window_days + 1))
    stated = sp.csr_matrix(
        (np.ones(len(rows), dtype=np.float32), (rows, cols)), shape=(len(docs), max(1, width))
    )
    stated.data[:] = 1.0  # a day stated twice, or two stated days whose windows overlap
    return Continuity(everyone, principal, stated, day0)


def _holds(m: sp.csr_matrix, rows: np.ndarray, cols: np.ndarray) -> np.ndarray:
    """m[rows[i], cols[i]] != 0 for each i; a column outside the matrix holds nothing."""
    inside = (cols >= 0) & (cols < m.shape[1])
    n = m.shape[1]
    coo = m.tocoo()
    hit, _ = locate(coo.row.astype(np.int64) * n + coo.col, rows * n + np.where(inside, cols, 0))
    return hit & inside
