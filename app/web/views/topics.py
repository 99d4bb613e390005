"""The figures overview: one row per topic, its values across the outlets, most disputed first."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from app.services import list_outlets
from app.services.stories import story_choices
from app.services.topics import TopicFilters, count_undated, list_topics, measure_choices
from app.web.deps import SessionDep, parse_date_param, parse_int_param
from app.web.templating import render

router = APIRouter()


@router.get("/figures", response_class=HTMLResponse)
def figures_overview(
    request: Request,
    session: SessionDep,
    date_from: str | None = None,
    date_to: str | None = None,
    city: str | None = None,
    story: str | None = None,
    outlet: str | None = None,
    measure: str | None = None,
) -> HTMLResponse:
    filters = TopicFilters(
        date_from=parse_date_param("date_from", date_from),
        date_to=parse_date_param("date_to", date_to),
        city=(city or "").strip() or None,
        story=parse_int_param("story", story),
        outlet=(outlet or "").strip() or None,
        measure=(measure or "").strip() or None,
    )
    context = {
        "rows": list_topics(session, filters=filters),
        "undated": count_undated(session, filters=filters),
        "filters": filters,
        "outlets": list_outlets(session),
        "stories": story_choices(session),
        "measures": measure_choices(session),
    }
    return render(request, "figures.html", "partials/_topics_list.html", context)
