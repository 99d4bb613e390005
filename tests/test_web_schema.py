"""Schemathesis over /openapi.json, a few examples an operation: every answer is declared,
matches its schema, and none is a server error. (A longer run: README, "Web security".)"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import schemathesis
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from schemathesis.specs.openapi.checks import positive_data_acceptance

from app.config import Settings
from app.web.app import create_app
from app.web.csrf import COOKIE, HEADER
from tests.databases import copy_db

# Rules a JSON Schema cannot state, answered 400 with a message although the schema allows the
# request: the checks of these operations leave out "schema-valid means accepted".
UNSTATABLE = {
    "/compare": "2 to 4 distinct ids, given as ids=1,2 or ids=1&ids=2",
    "/export/{kind}.{fmt}": "which filters each kind of download takes",
}
# A form says what is wrong with what was typed into it ("tick Yes to delete", "that
# correction was undone already"), with the form again and a 400: rules of the data and of
# the moment, not of the request's shape.
FORM_RULES = "POST"


def test_web_schema_answers_match_the_openapi_schema(
    seeded_settings: Settings, tmp_path: Path
) -> None:
    # The forms change the database: they are sent, with a good token, to a copy of it.
    app = create_app(Settings(db_url=copy_db(seeded_settings.db_url, tmp_path / "seeds.db")))
    with TestClient(app) as browser:
        token = browser.get("/add").cookies[COOKIE]
    signed = {HEADER: token, "Cookie": f"{COOKIE}={token}"}
    schema = schemathesis.openapi.from_asgi("/openapi.json", app)
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 30
    assert sum(op.method.upper() == FORM_RULES for op in operations) >= 10
    for operation in operations:
        unstatable = operation.path in UNSTATABLE or operation.method.upper() == FORM_RULES
        excluded = [positive_data_acceptance] if unstatable else []

        @given(case=operation.as_strategy())
        @settings(
            max_examples=8, deadline=None, suppress_health_check=list(HealthCheck), database=None
        )
        def answers_as_declared(case: Any) -> None:
            response = case.call_and_validate(headers=signed, excluded_checks=excluded)  # noqa: B023
            # A form that reaches its own rules got past the token: it was really tried.
            assert response.status_code != 403 or operation.method.upper() != FORM_RULES  # noqa: B023

        answers_as_declared()
