"""The index of articles and the article page."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import HTMLResponse, Response

from app.services import ArticleFilters, list_outlets, list_undated
from app.services.corrections.notes import article_notes
from app.services.facets import article_facets
from app.services.reader import article_page
from app.services.spellings import place_names_for
from app.services.summary_pages import article_list
from app.web.deps import (
    IdParam,
    IdPath,
    PageParam,
    SessionDep,
    SettingsDep,
    ViewDep,
    parse_int_param,
    parse_page,
)
from app.web.templating import render, render_cached

router = APIRouter()


@router.get("/", response_class=HTMLResponse)
def index(
    request: Request,
    session: SessionDep,
    settings: SettingsDep,
    view: ViewDep,
    story: IdParam = "",
    page: PageParam = "",
) -> HTMLResponse:
    filters = ArticleFilters(**view, story=parse_int_param("story", story))
    number = parse_page(page)
    result = article_list(session, filters=filters, page=number, size=settings.page_size)
    context = {
        "result": result,
        "undated": list_undated(session, filters=filters, size=settings.page_size),
        "filters": filters,
        "facets": article_facets(session, filters=filters, budget_ms=settings.facet_budget_ms),
        "city": filters.city or "",
        "city_places": place_names_for(session, spelling=filters.city) if filters.city else [],
        "outlets": list_outlets(session),
    }
    return render(request, "index.html", "partials/_article_list.html", context)


# Async on purpose, like every reader page: see `render_cached`.
@router.get("/articles/{article_id}", response_class=HTMLResponse)
async def article(request: Request, article_id: IdPath, session: SessionDep) -> Response:
    """The text with every figure and linked statement highlighted, and a panel for a claim."""

    def context() -> dict[str, Any]:
        page = article_page(session, article_id=article_id)
        if page is None:
            raise HTTPException(404, f"no article with id {article_id}")
        return {"page": page, "a": page.text.article, "notes": article_notes(session, article_id)}

    return render_cached(request, session, "article.html", None, context)
