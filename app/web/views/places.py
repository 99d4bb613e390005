"""The places map: every place the articles mention, each leading to its articles."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from app.services.places import build_map
from app.services.stories import story_choices
from app.services.summary_pages import place_list
from app.web.deps import IdParam, SessionDep, parse_int_param
from app.web.templating import render

router = APIRouter()


@router.get("/places", response_class=HTMLResponse)
def places(
    request: Request,
    session: SessionDep,
    story: IdParam = "",
    fit: str | None = None,
) -> HTMLResponse:
    story_id = parse_int_param("story", story)
    rows = place_list(session, story=story_id)
    fit_all = fit == "all"
    context = {
        "rows": rows,
        "map": build_map(rows, fit_all=fit_all) if rows else None,
        "story": story_id,
        "fit_all": fit_all,
        "stories": story_choices(session),
    }
    return render(request, "places.html", None, context)
