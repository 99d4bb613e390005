"""The places map: a country drawn at its centre, apart from its cities and under them."""

from __future__ import annotations

import math
from pathlib import Path

from sqlmodel import Session

from app.db import get_engine
from app.services.places import build_map, list_places
from tests.conftest import settings_for


def test_places_country_at_its_centre_apart_from_its_capital(spellings_db: Path) -> None:
    with Session(get_engine(settings_for(spellings_db).db_url)) as session:
        rows = {r.name: r for r in list_places(session)}
    kenya, nairobi = rows["Kenya"], rows["Nairobi"]
    # The gazetteer pins a country on its capital; the map draws it at its centre.
    assert (kenya.lat, kenya.lon) != (nairobi.lat, nairobi.lon)
    assert math.dist((kenya.lon or 0, kenya.lat or 0), (nairobi.lon or 0, nairobi.lat or 0)) > 1.5
    place_map = build_map([kenya, nairobi])
    dots = {d.place.name: d for d in place_map.dots}
    apart = math.dist(
        (dots["Kenya"].cx, dots["Kenya"].cy), (dots["Nairobi"].cx, dots["Nairobi"].cy)
    )
    assert apart > dots["Kenya"].r + dots["Nairobi"].r  # two markers, neither over the other
    # Countries are drawn first, even under a city's larger circle: no city is under a ring.
    india_map = build_map([rows["Mumbai"], rows["India"]])
    assert rows["Mumbai"].articles > rows["India"].articles
    assert [d.place.name for d in india_map.dots] == ["India", "Mumbai"]
