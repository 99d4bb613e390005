"""The JSON API under /api/ (documented at /docs) and the CSV/JSONL downloads under /export/."""

from __future__ import annotations

import re
import unicodedata
from typing import Annotated, Any
from urllib.parse import quote

from fastapi import APIRouter, HTTPException, Query
from fastapi.responses import Response
from sqlmodel import select

from app.models import Actor, Story
from app.services import EXPORTERS, ArticleFilters
from app.services.api import (
    FigureFilters,
    api_actors,
    api_articles,
    api_figure,
    api_figures,
    api_stories,
    api_story,
)
from app.services.downloads import ExportFilterError, export_text, filter_export_rows, view_rows
from app.services.topics import TopicFilters
from app.web.api_models import (
    ActorPage,
    ApiIndex,
    ArticlePage,
    FigureDetailOut,
    FigurePage,
    StoryOut,
    StoryPageOut,
)
from app.web.deps import (
    MAX_ID,
    PAGE_DIGITS,
    DateParam,
    IdPath,
    SessionDep,
    ViewDep,
    parse_date_param,
)

router = APIRouter()

Limit = Annotated[int, Query(ge=1, le=1000, description="How many rows at most.")]
Offset = Annotated[int, Query(ge=0, le=MAX_ID, description="How many rows to skip.")]
StoryId = Annotated[int | None, Query(ge=1, le=MAX_ID, description="A story id.")]


_ENDPOINTS = [
    (
        "/api/articles",
        "Articles; filters date_from, date_to (YYYY-MM-DD), city (any spelling), "
        "outlet, story; paged with limit and offset.",
    ),
    (
        "/api/figures",
        "Figures with their matches; filters topic, measure, story, article; "
        "paged with limit and offset.",
    ),
    (
        "/api/figures/{id}",
        "One figure, its matches with relation and reason, and the agreement "
        "of its topic in its story.",
    ),
    ("/api/actors", "Actors with every spelling and the articles naming them; paged."),
    ("/api/stories", "Stories with their articles and first and last dates."),
    (
        "/api/stories/{id}",
        "One story: its outlets with their first and last reports, its headlines by date "
        "(?page=, 100 a page), how its most reported counts agree, its series and disputes.",
    ),
]


@router.get("/api/", response_model=ApiIndex, tags=["api"])
@router.get("/api", response_model=ApiIndex, include_in_schema=False)
def api_index() -> dict[str, Any]:
    """The JSON endpoints and where their documentation is."""
    return {
        "endpoints": [{"url": u, "description": d} for u, d in _ENDPOINTS],
        "docs": "/docs",
        "downloads": [f"/export/{kind}.{fmt}" for kind in EXPORTERS for fmt in ("jsonl", "csv")],
    }


@router.get("/api/articles", response_model=ArticlePage, tags=["api"])
def articles(
    session: SessionDep,
    date_from: DateParam = "",
    date_to: DateParam = "",
    city: str = "",
    outlet: str = "",
    story: StoryId = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> dict[str, Any]:
    """Articles, newest first, filtered like the index page."""
    filters = ArticleFilters(
        date_from=parse_date_param("date_from", date_from),
        date_to=parse_date_param("date_to", date_to),
        outlet=outlet.strip() or None,
        story=story,
        city=city.strip() or None,
    )
    total, items = api_articles(session, filters=filters, limit=limit, offset=offset)
    return {"total": total, "limit": limit, "offset": offset, "items": items}


@router.get("/api/figures", response_model=FigurePage, tags=["api"])
def figures(
    session: SessionDep,
    topic: str | None = None,
    measure: str | None = None,
    story: StoryId = None,
    article: Annotated[int | None, Query(ge=1, le=MAX_ID, description="An article id.")] = None,
    limit: Limit = 100,
    offset: Offset = 0,
) -> dict[str, Any]:
    """Figures (not rejected by the reader), each with the ids and relations of its matches."""
    filters = FigureFilters(
        topic=(topic or "").strip() or None,
        measure=(measure or "").strip() or None,
        story=story,
        article=article,
    )
    total, items = api_figures(session, filters=filters, limit=limit, offset=offset)
    return {"total": total, "limit": limit, "offset": offset, "items": items}


@router.get("/api/figures/{figure_id}", response_model=FigureDetailOut, tags=["api"])
def figure(figure_id: IdPath, session: SessionDep) -> dict[str, Any]:
    """One figure with its matches (relation and reason) and its topic's agreement summary."""
    row = api_figure(session, figure_id=figure_id)
    if row is None:
        raise HTTPException(404, f"no figure with id {figure_id}")
    return row


@router.get("/api/actors", response_model=ActorPage, tags=["api"])
def actors(session: SessionDep, limit: Limit = 100, offset: Offset = 0) -> dict[str, Any]:
    """Actors by name, with every spelling met and the ids of the articles naming them."""
    total, items = api_actors(session, limit=limit, offset=offset)
    return {"total": total, "limit": limit, "offset": offset, "items": items}


@router.get("/api/stories", response_model=list[StoryOut], tags=["api"])
def stories(session: SessionDep) -> list[dict[str, Any]]:
    """Stories with the ids of their articles."""
    return api_stories(session)


@router.get("/api/stories/{story_id}", response_model=StoryPageOut, tags=["api"])
def story(
    story_id: IdPath,
    session: SessionDep,
    page: Annotated[int, Query(ge=1, le=10**PAGE_DIGITS - 1)] = 1,
) -> dict[str, Any]:
    """One story's coverage, as its page shows it."""
    row = api_story(session, story_id=story_id, page=page)
    if row is None:
        raise HTTPException(404, f"no story with id {story_id}")
    return row


_MEDIA = {"jsonl": "application/x-ndjson; charset=utf-8", "csv": "text/csv; charset=utf-8"}
# Excel reads a CSV without it as the local code page: accents and curly quotes garbled.
_BOM = "\ufeff"


@router.get(
    "/export/{kind}.{fmt}",
    tags=["downloads"],
    response_class=Response,
    responses={200: {"content": {m.split(";")[0]: {} for m in _MEDIA.values()}}},
)
def download(
    kind: str,
    fmt: str,
    session: SessionDep,
    view: ViewDep,
    story: StoryId = None,
    topic: str | None = None,
    actor: str | None = None,
) -> Response:
    """The rows of `parallax export KIND` as a file, optionally for one story, topic or actor,
    or for what / (articles) or /figures (figures, links) shows under the same filters."""
    if kind not in EXPORTERS:
        raise HTTPException(404, f"no export of {kind!r}; one of {', '.join(EXPORTERS)}")
    if fmt not in _MEDIA:
        raise HTTPException(404, f"no format {fmt!r}; jsonl or csv")
    if story is not None and session.get(Story, story) is None:
        raise HTTPException(404, f"no story with id {story}")
    who = None
    if actor:
        who = session.exec(select(Actor).where(Actor.slug == actor.strip())).first()
        if who is None:
            raise HTTPException(404, f"no actor {actor!r}")
    topic = (topic or "").strip() or None
    try:
        if any(v is not None for v in view.values()):
            filters = ArticleFilters(**view) if kind == "articles" else TopicFilters(**view)
            rows = view_rows(session, kind, filters)
        else:
            rows = EXPORTERS[kind](session)
        rows = filter_export_rows(session, kind, rows, story=story, topic=topic, actor=who)
    except ExportFilterError as exc:
        raise HTTPException(400, str(exc)) from None
    body = export_text(kind, rows, fmt)
    labels = [("story", story), ("topic", topic), ("actor", actor), *view.items()]
    name = "-".join(["parallax", kind, *(f"{k}-{v}" for k, v in labels if v)])
    return Response(
        _BOM + body if fmt == "csv" else body,
        media_type=_MEDIA[fmt],
        headers={"Content-Disposition": attachment(f"{name}.{fmt}")},
    )


def attachment(filename: str) -> str:
    """A Content-Disposition safe for any name: an ASCII `filename`, and the name in UTF-8 as
    `filename*` (RFC 6266/5987) when it has other letters ("Алматы", "Zürich")."""
    kept = "".join(ch if ch.isalnum() or ch in "-_." else "_" for ch in filename)
    kept = re.sub(r"_+", "_", kept)[:150]
    ascii_name = unicodedata.normalize("NFKD", kept).encode("ascii", "ignore").decode()
    ascii_name = re.sub(r"_+", "_", re.sub(r"[^A-Za-z0-9._-]", "_", ascii_name))
    # Letters of another script leave nothing behind: no "topic-.csv", no "--".
    ascii_name = re.sub(r"[-_]+(?=\.[^.]*$)", "", re.sub(r"-[-_]*-", "-", ascii_name))
    header = f'attachment; filename="{ascii_name}"'
    if ascii_name != kept:
        header += f"; filename*=UTF-8''{quote(kept, safe='')}"
    return header
