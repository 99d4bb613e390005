"""The stories: their list with their articles and most disputed figures, and one story's
page of coverage."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import HTMLResponse, Response

from app.services.story_page import story_page
from app.services.summary_pages import story_list
from app.web.deps import IdPath, PageParam, SessionDep, parse_page
from app.web.templating import render, render_cached

router = APIRouter()


@router.get("/stories", response_class=HTMLResponse)
def stories(request: Request, session: SessionDep, page: PageParam = "") -> HTMLResponse:
    result = story_list(session, page=parse_page(page))
    return render(request, "stories.html", None, {"result": result})


# Async on purpose, like every cached page: see `render_cached`.
@router.get("/stories/{story_id}", response_class=HTMLResponse)
async def story(
    request: Request, story_id: IdPath, session: SessionDep, page: PageParam = ""
) -> Response:
    """Who covered the story and when, its headlines, how its main figures agree."""
    number = parse_page(page)

    def context() -> dict[str, Any]:
        found = story_page(session, story_id=story_id, page=number)
        if found is None:
            raise HTTPException(404, f"no story with id {story_id}")
        return {"s": found}

    return render_cached(request, session, "story.html", None, context)
