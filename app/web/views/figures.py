"""The figure panel: one figure beside the same count in the other articles of its story."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import HTMLResponse, Response

from app.services.corrections.notes import claim_notes
from app.services.reader import figure_panel
from app.web.deps import IdPath, SessionDep
from app.web.templating import render_cached

router = APIRouter()


# Async on purpose, like every reader page: see `render_cached`.
@router.get("/figures/{figure_id}", response_class=HTMLResponse)
async def figure(request: Request, figure_id: IdPath, session: SessionDep) -> Response:
    def context() -> dict[str, Any]:
        panel = figure_panel(session, figure_id=figure_id)
        if panel is None:
            raise HTTPException(404, f"no figure with id {figure_id}")
        return {"panel": panel, "notes": claim_notes(session, "figure", figure_id)}

    return render_cached(request, session, "figure.html", "partials/_figure_panel.html", context)
