"""The figure panel: one figure beside the same count in the other articles of its story."""

from __future__ import annotations

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import HTMLResponse

from app.services.reader import figure_panel
from app.web.deps import SessionDep
from app.web.templating import render

router = APIRouter()


@router.get("/figures/{figure_id}", response_class=HTMLResponse)
def figure(request: Request, figure_id: int, session: SessionDep) -> HTMLResponse:
    panel = figure_panel(session, figure_id=figure_id)
    if panel is None:
        raise HTTPException(404, f"no figure with id {figure_id}")
    return render(request, "figure.html", "partials/_figure_panel.html", {"panel": panel})
