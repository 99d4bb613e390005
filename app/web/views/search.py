"""Search: `/search?q=` over titles, bodies and statements, ranked, with snippets."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from app.services.search import search as run_search
from app.web.deps import PageParam, SessionDep, parse_page
from app.web.templating import render

router = APIRouter()

EXPORT_KINDS = ("figures", "links", "claims", "articles", "actors", "places", "stories")


@router.get("/search", response_class=HTMLResponse)
def search(
    request: Request,
    session: SessionDep,
    q: str = "",
    page: PageParam = "",
) -> HTMLResponse:
    number = parse_page(page)
    result = run_search(session, q=q[:500], page=number)
    context = {"result": result, "q": q, "export_kinds": EXPORT_KINDS}
    return render(request, "search.html", "partials/_search_results.html", context)
