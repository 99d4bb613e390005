"""Side by side: two to four articles in columns, their shared claims joined."""

from __future__ import annotations

import re
from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from app.services.reader import compare_from
from app.services.reader_compare import MAX_COMPARE, UnknownArticles, compare_page
from app.web.deps import (
    ID_DIGITS,
    ID_PATTERN,
    IdParam,
    IdPath,
    SessionDep,
    parse_int_param,
    whole_number,
)
from app.web.templating import render_cached

router = APIRouter()
_ID = whole_number(ID_DIGITS)
ID_LIST = f"^ *{_ID} *(, *{_ID} *)*$"


def parse_ids(values: list[str]) -> list[int]:
    """`ids=1,2,3` or `ids=1&ids=2` (the checkboxes of the form): 2 to 4 distinct article ids."""
    raw = [part.strip(" ") for value in values for part in value.split(",")]
    ids: list[int] = []
    for part in raw:
        if not part or not re.fullmatch(ID_PATTERN, part):
            raise HTTPException(400, f"ids must be article ids (whole numbers), not {part!r}")
        if int(part) in ids:
            raise HTTPException(400, f"article {part} is listed twice: give each article once")
        ids.append(int(part))
    if not 2 <= len(ids) <= MAX_COMPARE:
        raise HTTPException(
            400, f"choose 2 to {MAX_COMPARE} articles to compare (ids=1,2), not {len(ids)}"
        )
    return ids


# Async on purpose, like every reader page: see `render_cached`.
@router.get("/compare", response_class=HTMLResponse)
async def compare(
    request: Request,
    session: SessionDep,
    ids: Annotated[
        list[str],
        Query(
            description="2 to 4 distinct article ids, as ids=1,2 or ids=1&ids=2.",
            json_schema_extra={
                "items": {"type": "string", "pattern": ID_LIST},
                "uniqueItems": True,
            },
        ),
    ],
) -> Response:
    wanted = parse_ids(ids)

    def context() -> dict[str, Any]:
        try:
            page = compare_page(session, article_ids=wanted)
        except UnknownArticles as exc:
            plural = "s" if len(exc.ids) > 1 else ""
            raise HTTPException(404, f"no article with id{plural} {exc}") from None
        return {"page": page}

    return render_cached(request, session, "compare.html", None, context)


@router.get(
    "/articles/{article_id}/compare",
    response_class=HTMLResponse,
    responses={303: {"description": "To the side-by-side page (answered 200 there)."}},
)
def compare_article(
    article_id: IdPath, session: SessionDep, figure: IdParam = ""
) -> RedirectResponse:
    """Side by side with the articles sharing most claims; `figure` (the one the reader has
    open) brings the article of its counterpart along and is scrolled to."""
    url = compare_from(session, article_id=article_id, figure_id=parse_int_param("figure", figure))
    if url is None:
        raise HTTPException(404, f"article {article_id} has no other article to compare with")
    return RedirectResponse(url, status_code=303)
