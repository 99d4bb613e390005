"""The index of articles and the article page."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import HTMLResponse, Response

from app.services import ArticleFilters, list_articles, list_outlets, list_undated
from app.services.reader import article_page
from app.web.deps import SessionDep, SettingsDep, parse_date_param, parse_int_param
from app.web.templating import render, render_cached

router = APIRouter()


def filters_from(
    date_from: str | None,
    date_to: str | None,
    outlet: str | None,
    story: str | None,
    city: str | None = None,
) -> ArticleFilters:
    return ArticleFilters(
        date_from=parse_date_param("date_from", date_from),
        date_to=parse_date_param("date_to", date_to),
        outlet=(outlet or "").strip() or None,
        story=parse_int_param("story", story),
        city=(city or "").strip() or None,
    )


@router.get("/", response_class=HTMLResponse)
def index(
    request: Request,
    session: SessionDep,
    settings: SettingsDep,
    date_from: str | None = None,
    date_to: str | None = None,
    city: str | None = None,
    outlet: str | None = None,
    story: str | None = None,
    page: str | None = None,
) -> HTMLResponse:
    filters = filters_from(date_from, date_to, outlet, story, city)
    number = parse_int_param("page", page) or 1
    result = list_articles(session, filters=filters, page=number, size=settings.page_size)
    context = {
        "result": result,
        "undated": list_undated(session, filters=filters, size=settings.page_size),
        "filters": filters,
        "city": city or "",
        "outlets": list_outlets(session),
    }
    return render(request, "index.html", "partials/_article_list.html", context)


# Async on purpose, like every reader page: see `render_cached`.
@router.get("/articles/{article_id}", response_class=HTMLResponse)
async def article(request: Request, article_id: int, session: SessionDep) -> Response:
    """The text with every figure and linked statement highlighted, and a panel for a claim."""

    def context() -> dict[str, Any]:
        page = article_page(session, article_id=article_id)
        if page is None:
            raise HTTPException(404, f"no article with id {article_id}")
        return {"page": page, "a": page.text.article}

    return render_cached(request, session, "article.html", None, context)
