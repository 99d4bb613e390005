"""The timeline: what the articles published and what they say happened, day by day."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Path, Request
from fastapi.responses import HTMLResponse, Response

from app.services.articles import Page
from app.services.dates import DAY_ROWS, Day, neighbour_days, timeline
from app.services.stories import story_choices
from app.services.summary_pages import day_list
from app.web.deps import (
    IdParam,
    PageParam,
    SessionDep,
    parse_date_param,
    parse_int_param,
    parse_page,
)
from app.web.templating import render, render_cached

router = APIRouter()


# Async and cached like the reader's pages (see `render_cached`).
@router.get("/dates", response_class=HTMLResponse)
async def dates(
    request: Request, session: SessionDep, story: IdParam = "", page: PageParam = ""
) -> Response:
    story_id = parse_int_param("story", story)
    number = parse_page(page)

    def context() -> dict[str, Any]:
        days, unplaced = day_list(session, story=story_id, page=number)
        return {
            "days": days.items,
            "pager": days,
            "unplaced": unplaced,
            "story": story_id,
            "stories": story_choices(session, selected=story_id),
        }

    return render_cached(request, session, "dates.html", "partials/_timeline.html", context)


@router.get("/dates/{day}", response_class=HTMLResponse)
def date_page(
    request: Request,
    day: Annotated[str, Path(description="YYYY-MM-DD", json_schema_extra={"format": "date"})],
    session: SessionDep,
    story: IdParam = "",
    page: PageParam = "",
) -> HTMLResponse:
    when = parse_date_param("the day", day)
    if when is None:
        raise HTTPException(404, "no day given")
    story_id = parse_int_param("story", story)
    number = parse_page(page)
    found = timeline(session, story=story_id, day=when, page=number)
    previous, following = neighbour_days(session, day=when, story=story_id)
    shown = found[0] if found else Day(when)
    longest = max(shown.article_count, shown.event_count, shown.figure_count)
    context = {
        "day": shown,
        "pager": Page([], longest, number, DAY_ROWS),
        "previous": previous,
        "following": following,
        "story": story_id,
    }
    return render(request, "date.html", None, context)
