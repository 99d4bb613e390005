"""Hostile parameters on every route: a 4xx with a message, never a 500.

The routes and their parameters are read from the app's own OpenAPI schema, which FastAPI
builds from `app.routes`: a new route or parameter is tried without editing this file.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest
from fastapi.testclient import TestClient

from app.config import Settings
from app.web.app import create_app
from app.web.csrf import FIELD
from tests.test_web_edit import copy_db, token

HOSTILE = [
    "9223372036854775808",  # 2^63: one past SQLite's integers
    "-9223372036854775809",
    "99999999999999999999999999",
    "-1",
    "0",
    "1.5",
    "1e3",
    "abc",
    "",
    "null",
    "Алматы",
    "١٢",  # digits of another script
    "\x00",
    "%",
    "2021-02-30",
    "0001-01-01",
    "9999-12-31",
    # FTS5 query syntax, meant for /search but sent to every parameter
    '"unbalanced',
    "a NEAR b",
    "NEAR(a b, 2)",
    "title:x",
    "^x",
    "x*",
    "(a OR",
    "AND",
    "*",
    "'; DROP TABLE article; --",
]

# A value each path parameter takes when another parameter is the hostile one.
FINE = {"kind": "figures", "fmt": "csv", "day": "2022-01-05", "slug": "x"}


def _operations(spec: dict[str, Any], method: str) -> Iterator[tuple[str, list[str], list[str]]]:
    for path, operations in spec["paths"].items():
        if method in operations:
            params = operations[method].get("parameters", [])
            queries = [p["name"] for p in params if p["in"] == "query"]
            yield path, re.findall(r"{(\w+)}", path), queries


def _fill(path: str, values: dict[str, str]) -> str:
    return re.sub(r"{(\w+)}", lambda m: quote(values.get(m[1], FINE.get(m[1], "1")), safe=""), path)


@pytest.fixture(scope="module")
def hostile_client(seeded_settings: Settings) -> Iterator[TestClient]:
    with TestClient(create_app(seeded_settings), raise_server_exceptions=False) as c:
        yield c


def _failures(client: TestClient, value: str) -> list[str]:
    spec = client.get("/openapi.json").json()
    failed = []
    for path, names, queries in _operations(spec, "get"):
        cases = [(_fill(path, {n: value}), {}) for n in names]
        cases += [(_fill(path, {}), {q: value}) for q in queries]
        cases += [(_fill(path, {}), {q: f"1,{value}"}) for q in queries if q == "ids"]
        for url, params in cases:
            for accept in ("text/html", "application/json"):
                r = client.get(url, params=params, headers={"Accept": accept})
                if r.status_code >= 500 or not r.text.strip():
                    failed.append(f"{r.status_code} GET {url} {params} ({accept})")
                elif (
                    r.status_code >= 400
                    and accept == "application/json"
                    and not isinstance(r.json().get("detail"), str)
                ):
                    failed.append(f"{r.status_code} GET {url} {params}: no message")
    return failed


@pytest.mark.parametrize("value", HOSTILE)
def test_web_hostile_get_parameters_never_give_a_server_error(
    hostile_client: TestClient, value: str
) -> None:
    assert _failures(hostile_client, value) == []


def test_web_hostile_routes_are_all_tried(hostile_client: TestClient) -> None:
    """The table reaches the routes it is meant to: pages, the API and the downloads."""
    spec = hostile_client.get("/openapi.json").json()
    paths = {path for path, _names, _queries in _operations(spec, "get")}
    assert {
        "/",
        "/search",
        "/articles/{article_id}",
        "/api/figures",
        "/export/{kind}.{fmt}",
    } <= paths
    assert len(paths) >= 20


def test_web_hostile_post_ids_never_give_a_server_error(seeded_db: Path, tmp_path: Path) -> None:
    """Every POST route, with a good CSRF token, given hostile ids in its path."""
    own = copy_db(seeded_db, tmp_path / "hostile.db")
    with TestClient(create_app(own), raise_server_exceptions=False) as client:
        client.headers["Accept"] = "text/html"
        good = token(client, "/add")
        spec = client.get("/openapi.json").json()
        failed = []
        for path, names, _queries in _operations(spec, "post"):
            for value in HOSTILE if names else [""]:
                url = _fill(path, {n: value for n in names})
                r = client.post(url, data={FIELD: good}, follow_redirects=False)
                if r.status_code >= 500:
                    failed.append(f"{r.status_code} POST {url}")
        assert failed == []
