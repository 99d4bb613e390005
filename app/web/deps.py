"""Request-scoped dependencies: the settings, a database session, query parsing."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import AsyncIterator
from typing import Annotated, Any

from fastapi import Depends, HTTPException, Path, Query, Request
from sqlmodel import Session

from app.backend import read_snapshot
from app.config import Settings
from app.db import get_engine


# Async on purpose: a sync dependency is run on a worker thread, and these do no I/O.
async def get_settings_dep(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


async def get_session(
    request: Request,
    settings: Annotated[Settings, Depends(get_settings_dep)],
) -> AsyncIterator[Session]:
    with Session(get_engine(settings.db_url)) as session:
        if request.method in ("GET", "HEAD"):
            read_snapshot(session)  # a page's reads agree while an ingest writes
        yield session


SessionDep = Annotated[Session, Depends(get_session)]
SettingsDep = Annotated[Settings, Depends(get_settings_dep)]


def is_htmx(request: Request) -> bool:
    return request.headers.get("HX-Request") == "true"


# SQLite keeps integers in 64 bits: a larger id names no row and cannot even be asked for.
MAX_ID = 2**63 - 1
# Ids and page numbers typed as text (a form's empty field means "none"); the pattern is the
# one the OpenAPI schema declares, so what the schema allows and what a route accepts agree.
ID_DIGITS, PAGE_DIGITS = 18, 9  # a page number times a page's size must stay below MAX_ID


def whole_number(digits: int) -> str:
    """A regular expression: a whole number from 1, of at most `digits` digits."""
    return f"[1-9][0-9]{{0,{digits - 1}}}"


def digits_pattern(digits: int) -> str:
    return f"^({whole_number(digits)})?$"


ID_PATTERN, PAGE_PATTERN = digits_pattern(ID_DIGITS), digits_pattern(PAGE_DIGITS)
DATE_PATTERN = r"^([0-9]{4}-[0-9]{2}-[0-9]{2})?$"

IdPath = Annotated[int, Path(ge=1, le=MAX_ID, description="An id, from 1.")]
IdParam = Annotated[
    str, Query(description="An id; empty: none.", json_schema_extra={"pattern": ID_PATTERN})
]
PageParam = Annotated[
    str, Query(description="A page number, from 1.", json_schema_extra={"pattern": PAGE_PATTERN})
]
DateParam = Annotated[
    str,
    Query(
        description="A date as YYYY-MM-DD; empty: no filter.",
        json_schema_extra={
            "anyOf": [{"type": "string", "format": "date"}, {"type": "string", "maxLength": 0}]
        },
    ),
]


def parse_date_param(name: str, value: str | None) -> dt.date | None:
    """An empty form field means no filter; anything else must be a real YYYY-MM-DD."""
    if not value:
        return None
    try:
        if not re.fullmatch(DATE_PATTERN, value):
            raise ValueError
        return dt.date.fromisoformat(value)
    except ValueError:
        raise HTTPException(400, f"{name} must be a date as YYYY-MM-DD, not {value!r}") from None


def parse_int_param(name: str, value: str | None, *, digits: int = ID_DIGITS) -> int | None:
    """An empty form field means none; anything else a whole number from 1, short enough
    to be stored."""
    if not value:
        return None
    if not re.fullmatch(digits_pattern(digits), value):
        raise HTTPException(
            400, f"{name} must be a whole number from 1, of at most {digits} digits, not {value!r}"
        )
    return int(value)


def parse_page(value: str | None) -> int:
    """The page asked for, 1 when none is."""
    return parse_int_param("page", value, digits=PAGE_DIGITS) or 1


def view_params(
    date_from: DateParam = "",
    date_to: DateParam = "",
    city: str = "",
    outlet: str = "",
    measure: str = "",
    source: str = "",
) -> dict[str, Any]:
    """The filters / and /figures share (and their downloads), parsed; `story` apart, since
    each route checks it its own way. An empty field is no filter."""
    return {
        "date_from": parse_date_param("date_from", date_from),
        "date_to": parse_date_param("date_to", date_to),
        "city": city.strip() or None,
        "outlet": outlet.strip() or None,
        "measure": measure.strip() or None,
        "source": source.strip() or None,
    }


ViewDep = Annotated[dict[str, Any], Depends(view_params)]
