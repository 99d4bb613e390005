"""The places map: every place the articles mention, each leading to its articles."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from app.services.places import build_map
from app.services.stories import story_choices
from app.services.summary_pages import place_list
from app.web.deps import IdParam, SessionDep, parse_int_param
from app.web.templating import render_cached

router = APIRouter()


# Async and cached like the reader's pages (see `render_cached`): the map of every place is
# drawn once while the data stays the same, not on every visit.
@router.get("/places", response_class=HTMLResponse)
async def places(
    request: Request,
    session: SessionDep,
    story: IdParam = "",
    fit: str | None = None,
) -> Response:
    story_id = parse_int_param("story", story)
    fit_all = fit == "all"

    def context() -> dict[str, Any]:
        rows = place_list(session, story=story_id)
        return {
            "rows": rows,
            "map": build_map(rows, fit_all=fit_all) if rows else None,
            "story": story_id,
            "fit_all": fit_all,
            "stories": story_choices(session, selected=story_id),
        }

    return render_cached(request, session, "places.html", None, context)
