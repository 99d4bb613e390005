"""The FastAPI application: routes, static files, security headers, error pages."""

from __future__ import annotations

import gc
from collections.abc import AsyncIterator, Mapping
from contextlib import asynccontextmanager

from anyio import to_thread
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from app import __version__
from app.config import Settings, get_settings
from app.web.docs import install_docs
from app.web.openapi import allowed_methods, install_openapi
from app.web.templating import ROOT, templates
from app.web.views import (
    actors,
    add,
    api,
    articles,
    compare,
    dates,
    edit,
    figures,
    notes,
    places,
    search,
    statements,
    stories,
    topics,
)

_HANDLER_THREADS = 1

CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
)


DOCS_CSP = CSP.replace("style-src 'self'", "style-src 'self' 'unsafe-inline'")

_HEADERS = [
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"same-origin"),
    # For browsers that predate CSP's frame-ancestors.
    (b"x-frame-options", b"DENY"),
]


class SecurityHeaders:
    """Adds the CSP and friends to every response; plain ASGI, so it costs next to nothing."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        # Swagger UI on /docs sets style attributes as it draws: that page alone allows them.
        csp = DOCS_CSP if scope["path"].startswith("/docs") else CSP
        extra = [*_HEADERS, (b"content-security-policy", csp.encode())]

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                present = {k.lower() for k, _v in message.get("headers", [])}
                message["headers"] = [
                    *message.get("headers", []),
                    *((k, v) for k, v in extra if k not in present),
                ]
            await send(message)

        await self.app(scope, receive, send_with_headers)


def _wants_json(request: Request) -> bool:
    return request.url.path.startswith("/api/") or "text/html" not in request.headers.get(
        "accept", "text/html"
    )


def _error(
    request: Request, status: int, message: str, headers: Mapping[str, str] | None = None
) -> Response:
    """`{"detail": message}`, or the error page for a browser; `headers` kept (a 405's Allow)."""
    if _wants_json(request):
        return JSONResponse({"detail": message}, status_code=status, headers=headers)
    return templates.TemplateResponse(
        request,
        "error.html",
        {"status": status, "message": message},
        status_code=status,
        headers=headers,
    )


@asynccontextmanager
async def _lifespan(_app: FastAPI) -> AsyncIterator[None]:
    # Page handlers are CPU-bound and short: run them few at a time rather than letting
    # dozens of threads time-slice the interpreter, which makes every request slow.
    to_thread.current_default_thread_limiter().total_tokens = _HANDLER_THREADS
    # What is loaded at start lives as long as the server: keep the collector off it, and
    # let it run less often, since a page makes many short-lived objects.
    gc.freeze()
    gc.set_threshold(20_000, 20, 20)
    yield


def create_app(settings: Settings | None = None) -> FastAPI:
    app = FastAPI(
        title="Parallax", version=__version__, lifespan=_lifespan, docs_url=None, redoc_url=None
    )
    app.state.settings = settings or get_settings()
    install_openapi(app)
    install_docs(app)
    app.add_middleware(SecurityHeaders)
    app.mount("/static", StaticFiles(directory=str(ROOT / "static")), name="static")
    for module in (
        articles,
        topics,
        figures,
        statements,
        compare,
        actors,
        dates,
        stories,
        places,
        search,
        api,
        edit,
        add,
        notes,
    ):
        app.include_router(module.router)

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, exc: HTTPException) -> Response:
        headers = dict(exc.headers or {})
        if exc.status_code == 405:
            headers["Allow"] = allowed_methods(app, request.url.path, headers.get("Allow", ""))
        return _error(request, exc.status_code, str(exc.detail), headers)

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> Response:
        first = exc.errors()[0] if exc.errors() else {}
        where = ".".join(str(x) for x in first.get("loc", ()) if x not in ("path", "query"))
        if first.get("type") == "missing":
            return _error(request, 422, f"{where} is required")
        return _error(request, 422, f"{where}: {first.get('msg', 'invalid parameter')}")

    # Browsers ask for /favicon.ico whatever the page links: the same drawing answers there.
    @app.get("/favicon.ico", include_in_schema=False)
    def favicon() -> FileResponse:
        return FileResponse(ROOT / "static" / "favicon.svg", media_type="image/svg+xml")

    @app.get("/healthz", include_in_schema=False)
    def healthz() -> HTMLResponse:
        return HTMLResponse("ok")

    return app


def app_from_environment() -> FastAPI:
    """The factory each worker process of `parallax serve --workers N` calls."""
    return create_app(get_settings())
