"""The API's documentation page at /docs, served from this machine.

FastAPI's own page loads Swagger UI from a CDN and starts it with an inline script: offline
it shows nothing, and under the app's CSP it could not run. Here the files come from the
`fastapi-offline` package and the start-up script is static/docs.js.
"""

from __future__ import annotations

from pathlib import Path

import fastapi_offline
from fastapi import FastAPI
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles

SWAGGER = Path(fastapi_offline.__file__).resolve().parent / "static"

_PAGE = """<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>Parallax API</title>
  <link rel="stylesheet" href="/docs/static/swagger-ui.css">
</head>
<body>
  <div id="swagger-ui"></div>
  <script src="/docs/static/swagger-ui-bundle.js"></script>
  <script src="/static/docs.js"></script>
</body>
</html>
"""


def install_docs(app: FastAPI) -> None:
    """/docs and the Swagger UI files it loads (FastAPI's CDN pages are switched off)."""
    app.mount("/docs/static", StaticFiles(directory=str(SWAGGER)), name="docs-static")

    @app.get("/docs", include_in_schema=False)
    async def docs() -> HTMLResponse:
        return HTMLResponse(_PAGE)
