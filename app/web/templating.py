"""Jinja2 environment and the one render call that serves pages and htmx fragments."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from fastapi import Request
from fastapi.responses import HTMLResponse, Response
from fastapi.templating import Jinja2Templates
from sqlmodel import Session

from app.generation import current_generation
from app.lru import LRU
from app.services.labels import byline_of, date_basis_words, label_of
from app.services.reader_segments import MEASURES
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


def with_param(params: Any, name: str, value: str | int | None) -> str:
    """The current query string with one parameter set (None: removed), from the first page:
    a facet's link adds its filter and keeps the others. Empty form fields are left out."""
    items = [(k, v) for k, v in params.multi_items() if k not in (name, "page") and v != ""]
    if value is not None:
        items.append((name, str(value)))
    return urlencode(items)


def replace_page(params: Any, page: int) -> str:
    """The current query string with another page number."""
    return with_param(params, "page", page)


def swap_dates(params: Any) -> str:
    """The current query string with its two dates exchanged: a reversed range set right."""
    swap = {"date_from": "date_to", "date_to": "date_from"}
    items = [(swap.get(k, k), v) for k, v in params.multi_items() if k != "page" and v != ""]
    return urlencode(items)


def drop_dates(params: Any) -> str:
    """The current query string without its date range: the same view over every date."""
    dates = ("date_from", "date_to", "page")
    return urlencode([(k, v) for k, v in params.multi_items() if k not in dates and v != ""])


# http(s) only, from its first character: no javascript: or data: link, and none that a browser
# would read as one after dropping leading spaces or control characters.
_WEB_ADDRESS = re.compile(r"https?://[^\s/?#\\]+[^\x00-\x20\x7f]*", re.IGNORECASE)


def web_link(url: str | None) -> str | None:
    """The address to link to, or None when it is not a web address (then shown as text)."""
    return url if url and _WEB_ADDRESS.fullmatch(url) else None


templates.env.filters["web_link"] = web_link
templates.env.filters["replace_page"] = replace_page
templates.env.filters["with_param"] = with_param
templates.env.filters["swap_dates"] = swap_dates
templates.env.filters["drop_dates"] = drop_dates
# One way to name an article on every page (app/services/labels.py).
templates.env.filters["article_label"] = label_of
templates.env.filters["byline"] = byline_of
templates.env.filters["date_basis"] = date_basis_words
# The measures the reader draws, each with its colour and line style (static/css).
templates.env.globals["measures"] = MEASURES


# Rendered reader pages, kept while the data they show is unchanged (app/generation.py).
# Article, compare and panel pages are read far more often than the data changes, and a page
# is the same for every reader: one render serves them all.
page_cache: LRU[tuple[bytes, dict[str, str]]] = LRU(512)


def render_cached(
    request: Request,
    session: Session,
    page: str,
    fragment: str | None,
    make_context: Callable[[], dict[str, Any]],
) -> Response:
    """`render`, served from the page cache while the database's generation holds.

    The reader's pages that call this are async routes: a short CPU-bound page runs on the
    event loop; on a worker thread the loop and the handler would take turns at the
    interpreter, which doubles the slowest responses.
    """
    conn = session.connection()
    generation = current_generation(conn)
    if generation is None:
        return render(request, page, fragment, make_context())
    key = (
        conn.engine.url.render_as_string(),
        request.url.path,
        request.url.query,
        bool(fragment and is_htmx(request)),
        generation,
    )
    hit = page_cache.get(key)
    if hit is not None:
        body, headers = hit
        return HTMLResponse(body, headers=headers)
    response = render(request, page, fragment, make_context())
    kept = {k: v for k, v in response.headers.items() if k.lower() == "vary"}
    page_cache.put(key, (bytes(response.body), kept))
    return response
