"""The figure panel: one figure beside the same count in the other articles of its story."""

from __future__ import annotations

from typing import Any, Literal

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import HTMLResponse, Response

from app.services.corrections.notes import claim_notes
from app.services.reader import PANEL_ROWS, figure_panel
from app.web.deps import IdPath, SessionDep
from app.web.templating import render_cached

router = APIRouter()


# Async on purpose, like every reader page: see `render_cached`.
@router.get("/figures/{figure_id}", response_class=HTMLResponse)
async def figure(
    request: Request,
    figure_id: IdPath,
    session: SessionDep,
    rows: Literal["all", ""] | None = None,
) -> Response:
    """`rows=all` lists every row; else each list shows its first rows (PANEL_ROWS)."""

    def context() -> dict[str, Any]:
        limit = None if rows == "all" else PANEL_ROWS
        panel = figure_panel(session, figure_id=figure_id, limit=limit)
        if panel is None:
            raise HTTPException(404, f"no figure with id {figure_id}")
        return {"panel": panel, "notes": claim_notes(session, "figure", figure_id)}

    return render_cached(request, session, "figure.html", "partials/_figure_panel.html", context)
