"""The figures overview: one row per topic, its values across the outlets, most disputed first."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from app.services import list_outlets
from app.services.facets import figure_facets
from app.services.stories import story_choices
from app.services.summary_pages import overview_page
from app.services.topic_undated import UNDATED_BOUND, count_undated
from app.services.topics import TopicFilters, measure_choices
from app.web.deps import (
    IdParam,
    PageParam,
    SessionDep,
    SettingsDep,
    ViewDep,
    parse_int_param,
    parse_page,
)
from app.web.templating import render

router = APIRouter()


@router.get("/figures", response_class=HTMLResponse)
def figures_overview(
    request: Request,
    session: SessionDep,
    settings: SettingsDep,
    view: ViewDep,
    story: IdParam = "",
    page: PageParam = "",
) -> HTMLResponse:
    filters = TopicFilters(**view, story=parse_int_param("story", story))
    context = {
        "result": overview_page(session, filters=filters, page=parse_page(page)),
        "undated": count_undated(session, filters=filters),
        "undated_bound": UNDATED_BOUND,
        "filters": filters,
        "facets": figure_facets(session, filters=filters, budget_ms=settings.facet_budget_ms),
        "outlets": list_outlets(session),
        "stories": story_choices(session, selected=filters.story),
        "measures": measure_choices(session),
    }
    return render(request, "figures.html", "partials/_topics_list.html", context)
