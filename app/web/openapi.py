"""The OpenAPI schema at /openapi.json, told the answers every route can give.

FastAPI documents a route's success and its 422; this adds what the app's own handlers send:
every error is `{"detail": "<message>"}` (JSON, or the error page when a browser asks for
HTML), a parameter that parses but names nothing is 400 or 404, and a POST is 403 without
its CSRF token or from another site, else a redirect to the page that shows the change.
"""

from __future__ import annotations

import re
from typing import Any

from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi

ERROR = {
    "title": "Error",
    "type": "object",
    "properties": {"detail": {"type": "string", "title": "Detail"}},
    "required": ["detail"],
}
_ERROR_CONTENT = {
    "application/json": {"schema": {"$ref": "#/components/schemas/Error"}},
    "text/html": {"schema": {"type": "string"}},
}
_ERRORS = {
    "400": "A parameter is malformed or does not fit the others.",
    "404": "Nothing has that id or name.",
    "422": "A parameter has the wrong type or is out of range.",
}


def _document_errors(spec: dict[str, Any]) -> None:
    schemas = spec.setdefault("components", {}).setdefault("schemas", {})
    schemas["Error"] = ERROR
    schemas.pop("HTTPValidationError", None)
    schemas.pop("ValidationError", None)
    for operations in spec.get("paths", {}).values():
        for method, operation in operations.items():
            responses = operation.setdefault("responses", {})
            success = responses.get("200", {}).get("content", {})
            if success.get("application/json", {}).get("schema", None) == {}:
                # No response model: the route answers with a page.
                responses["200"]["content"] = {"text/html": {"schema": {"type": "string"}}}
            errors = (
                dict(_ERRORS) if operation.get("parameters") or "requestBody" in operation else {}
            )
            if method == "post":
                errors["403"] = "The form's CSRF token is missing or stale, or it came from "
                errors["403"] += "another site."
                responses.setdefault("303", {"description": "To the page that shows the change."})
            for status, description in errors.items():
                responses[status] = {"description": description, "content": _ERROR_CONTENT}


def install_openapi(app: FastAPI) -> None:
    """Replace the app's schema builder with one that documents its errors (built once)."""

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            spec = get_openapi(
                title=app.title, version=app.version, routes=app.routes, tags=app.openapi_tags
            )
            _document_errors(spec)
            app.openapi_schema = spec
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]


def allowed_methods(app: FastAPI, path: str, answered: str = "") -> str:
    """The Allow header of a 405 for `path`: Starlette's answer names only the methods of the
    first route that matched, while /notes (say) has a GET route and a POST route."""
    methods = {m.strip().upper() for m in answered.split(",") if m.strip()}
    for template, operations in app.openapi().get("paths", {}).items():
        pattern = re.sub(r"\\{\w+\\}", "[^/]+", re.escape(template))
        if re.fullmatch(pattern, path):
            methods |= {m.upper() for m in operations}
    if "GET" in methods:
        methods.add("HEAD")
    return ", ".join(sorted(methods))
