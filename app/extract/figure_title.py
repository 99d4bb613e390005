"""Which event a headline's count belongs to, read from its body.

A title is read apart from the body and too short to tell a roundup or an earlier incident
by its own words ("Violent night leaves 2 dead, 8 hurt"). It restates its article's lead, so
a count the body gives only as another event's ("a series of shootings overnight left two
dead") is that event's in the title too; where the body also gives the count as its own
event's, the title's stays this event's.
"""

from __future__ import annotations

from collections.abc import Sequence

from app.extract.types import FoundFigure


def title_events(figures: Sequence[FoundFigure]) -> None:
    """Mark the title's figures (`in_title`) `other` where every body figure of the same
    measure and value is another event's."""
    body = [f for f in figures if not f.in_title and f.value is not None]
    for t in figures:
        if not t.in_title or t.event != "this" or t.value is None:
            continue
        same = [f for f in body if f.measure == t.measure and f.value == t.value]
        if same and all(f.event == "other" for f in same):
            t.event, t.event_reason = "other", f"the headline of {same[0].event_reason}"
