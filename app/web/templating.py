"""Jinja2 environment and the one render call that serves pages and htmx fragments."""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from fastapi import Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates

from app.web.deps import is_htmx

ROOT = Path(__file__).resolve().parents[2]
templates = Jinja2Templates(directory=str(ROOT / "templates"))
templates.env.autoescape = True
# Templates ship with the code: no stat of every file on every render.
templates.env.auto_reload = False


def render(
    request: Request,
    page: str,
    fragment: str | None,
    context: dict[str, Any],
    *,
    status_code: int = 200,
) -> HTMLResponse:
    """The full page, or only its fragment (a partial of the same page) for htmx."""
    name = fragment if fragment and is_htmx(request) else page
    response = templates.TemplateResponse(request, name, context, status_code=status_code)
    if fragment:
        response.headers["Vary"] = "HX-Request"
    return response


def replace_page(params: Any, page: int) -> str:
    """The current query string with another page number."""
    items = [(k, v) for k, v in params.multi_items() if k != "page" and v != ""]
    return urlencode([*items, ("page", str(page))])


templates.env.filters["replace_page"] = replace_page
