"""The statement panel: the sentences of other outlets that make the same claim."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import HTMLResponse, Response

from app.services.corrections.notes import claim_notes
from app.services.reader import statement_panel
from app.web.deps import IdPath, SessionDep
from app.web.templating import render_cached

router = APIRouter()


# Async on purpose, like every reader page: see `render_cached`.
@router.get("/statements/{statement_id}", response_class=HTMLResponse)
async def statement(request: Request, statement_id: IdPath, session: SessionDep) -> Response:
    def context() -> dict[str, Any]:
        panel = statement_panel(session, statement_id=statement_id)
        if panel is None:
            raise HTTPException(404, f"no statement with id {statement_id}")
        return {"panel": panel, "notes": claim_notes(session, "statement", statement_id)}

    return render_cached(
        request, session, "statement.html", "partials/_statement_panel.html", context
    )
