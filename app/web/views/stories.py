"""The stories: their articles and their most disputed figures."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from app.services.stories import list_stories
from app.web.deps import SessionDep
from app.web.templating import render

router = APIRouter()


@router.get("/stories", response_class=HTMLResponse)
def stories(request: Request, session: SessionDep) -> HTMLResponse:
    return render(request, "stories.html", None, {"stories": list_stories(session)})
