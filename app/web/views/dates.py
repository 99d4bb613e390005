"""The timeline: what the articles published and what they say happened, day by day."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, HTTPException, Path, Request
from fastapi.responses import HTMLResponse

from app.services.dates import Day, neighbour_days, timeline, unplaced_dates
from app.services.stories import story_choices
from app.web.deps import IdParam, SessionDep, parse_date_param, parse_int_param
from app.web.templating import render

router = APIRouter()


@router.get("/dates", response_class=HTMLResponse)
def dates(request: Request, session: SessionDep, story: IdParam = "") -> HTMLResponse:
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
    request: Request,
    day: Annotated[str, Path(description="YYYY-MM-DD", json_schema_extra={"format": "date"})],
    session: SessionDep,
    story: IdParam = "",
) -> HTMLResponse:
    when = parse_date_param("the day", day)
    if when is None:
        raise HTTPException(404, "no day given")
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
