"""Actors: the list, and one actor with its spellings, articles, statements and figures."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from app.extract.types import ORG, PERSON
from app.services.actors import actor_kinds, canonical_slug, get_actor, list_actors
from app.web.deps import PageParam, SessionDep, SettingsDep, parse_page
from app.web.templating import render

router = APIRouter()
KINDS = (PERSON, ORG)


@router.get("/actors", response_class=HTMLResponse)
def actors(
    request: Request,
    session: SessionDep,
    settings: SettingsDep,
    kind: Annotated[str, Query(json_schema_extra={"enum": ["", *KINDS]})] = "",
    page: PageParam = "",
) -> HTMLResponse:
    kinds = actor_kinds(session)
    chosen = kind or None
    if chosen and chosen not in KINDS:
        raise HTTPException(400, f"kind must be one of {', '.join(KINDS)}, not {kind!r}")
    number = parse_page(page)
    result = list_actors(session, kind=chosen, page=number, size=settings.page_size)
    context = {"result": result, "kinds": kinds, "kind": chosen}
    return render(request, "actors.html", "partials/_actor_list.html", context)


@router.get("/actors/{slug}", response_class=HTMLResponse)
def actor(request: Request, slug: str, session: SessionDep) -> Response:
    view = get_actor(session, slug=slug)
    if view is None:
        # A spelling variant leads to the actor it was merged into.
        canonical = canonical_slug(session, slug=slug)
        if canonical is not None and canonical != slug:
            return RedirectResponse(f"/actors/{canonical}", status_code=308)
        raise HTTPException(404, f"no actor known as {slug!r}")
    return render(request, "actor.html", None, {"view": view, "asked": slug})
