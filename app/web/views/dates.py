"""The timeline: what the articles published and what they say happened, day by day."""

from __future__ import annotations

import datetime as dt

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import HTMLResponse

from app.services.dates import Day, neighbour_days, timeline, unplaced_dates
from app.services.stories import story_choices
from app.web.deps import SessionDep, parse_int_param
from app.web.templating import render

router = APIRouter()


@router.get("/dates", response_class=HTMLResponse)
def dates(request: Request, session: SessionDep, story: str | None = None) -> HTMLResponse:
    story_id = parse_int_param("story", story)
    context = {
        "days": timeline(session, story=story_id),
        "unplaced": unplaced_dates(session, story=story_id),
        "story": story_id,
        "stories": story_choices(session),
    }
    return render(request, "dates.html", "partials/_timeline.html", context)


@router.get("/dates/{day}", response_class=HTMLResponse)
def date_page(
    request: Request, day: str, session: SessionDep, story: str | None = None
) -> HTMLResponse:
    try:
        when = dt.date.fromisoformat(day)
    except ValueError:
        raise HTTPException(400, f"the day must be a date as YYYY-MM-DD, not {day!r}") from None
    story_id = parse_int_param("story", story)
    found = timeline(session, story=story_id, day=when)
    previous, following = neighbour_days(session, day=when, story=story_id)
    context = {
        "day": found[0] if found else Day(when),
        "previous": previous,
        "following": following,
        "story": story_id,
    }
    return render(request, "date.html", None, context)
