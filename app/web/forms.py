"""What every page with a form shares: the CSRF token, POST-redirect-GET, a safe way back,
and the name a reader signs corrections and notes with."""

from __future__ import annotations

from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse, RedirectResponse

from app.config import Settings
from app.web.csrf import csrf_token, set_csrf_cookie
from app.web.templating import render

AUTHOR_COOKIE = "parallax_author"


def form_page(
    request: Request,
    template: str,
    context: dict[str, Any],
    *,
    messages: dict[str, str] | None = None,
    status_code: int = 200,
    fragment: str | None = None,
) -> HTMLResponse:
    """A page with forms: the CSRF token in the context and in the cookie. A message after a
    redirect comes from the page's fixed list, never from the query string."""
    token = csrf_token(request)
    done = request.query_params.get("done", "")
    context = {
        **context,
        "csrf_token": token,
        "done": (messages or {}).get(done),
        "author": author_of(request),
    }
    response = render(request, template, fragment, context, status_code=status_code)
    set_csrf_cookie(request, response, token)
    response.headers["Cache-Control"] = "no-store"
    return response


def back_to(request_path: str | None, default: str) -> str:
    """Only a path on this site: a form must not redirect the reader elsewhere."""
    if request_path and request_path.startswith("/") and not request_path.startswith("//"):
        return request_path
    return default


def with_done(url: str, done: str) -> str:
    """The page to come back to, told which message to show (before any #fragment)."""
    path, hash_, fragment = url.partition("#")
    return f"{path}{'&' if '?' in path else '?'}done={done}{hash_}{fragment}"


def see(url: str) -> RedirectResponse:
    return RedirectResponse(url, status_code=303)


def author_of(request: Request, given: str = "") -> str:
    """Who signs: the name typed in the form, else the one typed last time, else the
    setting (PARALLAX_AUTHOR)."""
    name = " ".join(given.split()) or request.cookies.get(AUTHOR_COOKIE, "")
    settings: Settings = request.app.state.settings
    return (name or settings.author)[:100]


def remember_author(response: RedirectResponse, given: str) -> RedirectResponse:
    """Keep the name a reader typed for the next form (a cookie of this site only)."""
    name = " ".join(given.split())[:100]
    if name:
        response.set_cookie(
            AUTHOR_COOKIE, name, httponly=True, samesite="strict", max_age=365 * 86400
        )
    return response
