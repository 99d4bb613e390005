"""Request-scoped dependencies: the settings, a database session, query parsing."""

from __future__ import annotations

import datetime as dt
from collections.abc import AsyncIterator
from typing import Annotated, Any

from fastapi import Depends, HTTPException, Request
from sqlmodel import Session

from app.config import Settings
from app.db import get_engine


# Async on purpose: a sync dependency is run on a worker thread, and these do no I/O.
async def get_settings_dep(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


async def get_session(
    settings: Annotated[Settings, Depends(get_settings_dep)],
) -> AsyncIterator[Session]:
    with Session(get_engine(settings.db_url)) as session:
        yield session


SessionDep = Annotated[Session, Depends(get_session)]
SettingsDep = Annotated[Settings, Depends(get_settings_dep)]


def is_htmx(request: Request) -> bool:
    return request.headers.get("HX-Request") == "true"


def parse_date_param(name: str, value: str | None) -> dt.date | None:
    """An empty form field means no filter; anything else must be YYYY-MM-DD."""
    if value is None or not value.strip():
        return None
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError:
        raise HTTPException(400, f"{name} must be a date as YYYY-MM-DD, not {value!r}") from None


def parse_int_param(name: str, value: str | None, *, minimum: int = 1) -> int | None:
    if value is None or not value.strip():
        return None
    try:
        number = int(value)
    except ValueError:
        raise HTTPException(400, f"{name} must be a whole number, not {value!r}") from None
    if number < minimum:
        raise HTTPException(400, f"{name} must be at least {minimum}")
    return number


def view_params(
    date_from: str | None = None,
    date_to: str | None = None,
    city: str | None = None,
    outlet: str | None = None,
    measure: str | None = None,
    source: str | None = None,
) -> dict[str, Any]:
    """The filters / and /figures share (and their downloads), parsed; `story` apart, since
    each route checks it its own way. An empty field is no filter."""
    return {
        "date_from": parse_date_param("date_from", date_from),
        "date_to": parse_date_param("date_to", date_to),
        "city": (city or "").strip() or None,
        "outlet": (outlet or "").strip() or None,
        "measure": (measure or "").strip() or None,
        "source": (source or "").strip() or None,
    }


ViewDep = Annotated[dict[str, Any], Depends(view_params)]
