"""Places: the places the articles mention, and the map they are drawn on."""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass

from sqlalchemy import func
from sqlmodel import Session, col, select

from app.extract.gazetteer import country_numbers
from app.models import Article, Place, PlaceAlias, PlaceMention
from app.services.geo import Outline, View, country_centres, fit_view, outlines_in


@dataclass(frozen=True)
class PlaceRow:
    id: int
    name: str
    kind: str
    country: str | None
    lat: float | None
    lon: float | None
    spellings: list[str]
    articles: int
    mentions: int


def list_places(session: Session, *, story: int | None = None) -> list[PlaceRow]:
    """Places with at least one mention (in the story, if one is given), most articles first."""
    counts = select(
        PlaceMention.place_id,
        func.count(func.distinct(PlaceMention.article_id)).label("articles"),
        func.count().label("mentions"),
    )
    if story is not None:
        counts = counts.join(Article, col(Article.id) == PlaceMention.article_id).where(
            Article.story_id == story
        )
    counted = {
        pid: (int(arts), int(ments))
        for pid, arts, ments in session.exec(counts.group_by(col(PlaceMention.place_id)))
    }
    return place_rows(session, counted)


def place_rows(session: Session, counted: dict[int, tuple[int, int]]) -> list[PlaceRow]:
    """The places of these ids with their (articles, mentions), most articles first."""
    if not counted:
        return []
    places = session.exec(select(Place).where(col(Place.id).in_(list(counted)))).all()
    spellings: dict[int, list[str]] = defaultdict(list)
    for alias in session.exec(
        select(PlaceAlias).where(col(PlaceAlias.place_id).in_(list(counted)))
    ):
        spellings[alias.place_id].append(alias.alias)
    rows = [
        PlaceRow(
            id=p.id or 0,
            name=p.name,
            kind=p.kind,
            country=p.country,
            lat=where(p)[0],
            lon=where(p)[1],
            spellings=sorted(set(spellings[p.id or 0]) | {p.name}, key=str.lower),
            articles=counted[p.id or 0][0],
            mentions=counted[p.id or 0][1],
        )
        for p in places
    ]
    rows.sort(key=lambda r: (-r.articles, -r.mentions, r.name.lower()))
    return rows


def where(place: Place) -> tuple[float | None, float | None]:
    """Where a place is drawn: a country at the centre of its land, not on its capital (where
    the capital's own marker would be hidden under it); anything else at its coordinates."""
    if place.kind == "country":
        code = country_numbers().get(place.name)
        centre = country_centres().get(code) if code is not None else None
        if centre is not None:
            return round(centre[1], 5), round(centre[0], 5)
    return place.lat, place.lon


@dataclass(frozen=True)
class Dot:
    place: PlaceRow
    cx: float
    cy: float
    r: float
    label_x: float = 0.0
    label_y: float = 0.0
    anchor: str = "start"  # text-anchor of the label
    labelled: bool = False  # False: the label would cover another, so only the table names it


@dataclass(frozen=True)
class PlaceMap:
    view: View
    outlines: list[Outline]
    dots: list[Dot]
    outside: list[PlaceRow]  # places with coordinates that fall outside this view
    focused: bool  # the view leaves out far-off places; the whole set is one link away
    font: float
    stroke: float


def _weighted_quantile(pairs: list[tuple[float, int]], q: float) -> float:
    pairs = sorted(pairs)
    total = sum(w for _, w in pairs)
    running = 0
    for value, weight in pairs:
        running += weight
        if running >= q * total:
            return value
    return pairs[-1][0]


def focus_points(rows: list[PlaceRow]) -> list[tuple[float, float]]:
    """The points the map should frame: the bulk of the places weighted by their articles.

    A story is mostly about one region, with a few far-off capitals named in passing; framing
    the 10th to 90th percentile (by articles) of longitudes and latitudes keeps that region
    large. With few places every one is framed.
    """
    located = [r for r in rows if r.lat is not None and r.lon is not None]
    points = [(r.lon or 0.0, r.lat or 0.0) for r in located]
    if len(located) <= 4:
        return points
    lons = [(r.lon or 0.0, r.articles) for r in located]
    lats = [(r.lat or 0.0, r.articles) for r in located]
    west, east = _weighted_quantile(lons, 0.1), _weighted_quantile(lons, 0.9)
    south, north = _weighted_quantile(lats, 0.1), _weighted_quantile(lats, 0.9)
    return [(lon, lat) for lon, lat in points if west <= lon <= east and south <= lat <= north]


Box = tuple[float, float, float, float]  # left, top, right, bottom


def _overlaps(a: Box, b: Box) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def place_labels(dots: list[Dot], *, view: View, font: float) -> list[Dot]:
    """Put each name beside its circle where it covers no other name, most-read places first.

    Four spots are tried (right, left, above, below); a spot that also clears every other
    circle is preferred. A name that fits nowhere is left off the map (the table has it).
    """
    pad = font * 0.3
    circles = [(d.cx - d.r, d.cy - d.r, d.cx + d.r, d.cy + d.r) for d in dots]
    bounds = (view.x(view.west), view.y(view.north), view.x(view.east), view.y(view.south))
    taken: list[Box] = []
    placed: dict[int, Dot] = {}
    order = sorted(range(len(dots)), key=lambda i: (-dots[i].place.articles, dots[i].place.name))
    for i in order:
        d = dots[i]
        width, height = 0.6 * font * len(d.place.name), font
        spots = [
            (d.cx + d.r + pad, d.cy + height * 0.35, "start"),
            (d.cx - d.r - pad, d.cy + height * 0.35, "end"),
            (d.cx, d.cy - d.r - pad, "middle"),
            (d.cx, d.cy + d.r + pad + height * 0.8, "middle"),
        ]
        best: tuple[float, float, str] | None = None
        for strict in (True, False):
            for x, y, anchor in spots:
                left = x if anchor == "start" else x - width if anchor == "end" else x - width / 2
                box = (left, y - height * 0.8, left + width, y + height * 0.2)
                inside = box[0] >= bounds[0] and box[2] <= bounds[2] and box[1] >= bounds[1]
                clear = not any(_overlaps(box, t) for t in taken)
                if strict:
                    clear = clear and not any(
                        _overlaps(box, c) for j, c in enumerate(circles) if j != i
                    )
                if inside and clear and box[3] <= bounds[3]:
                    best = (x, y, anchor)
                    taken.append(box)
                    break
            if best:
                break
        placed[i] = Dot(d.place, d.cx, d.cy, d.r, best[0], best[1], best[2], True) if best else d
    return [placed[i] for i in range(len(dots))]


def build_map(rows: list[PlaceRow], *, fit_all: bool = False) -> PlaceMap:
    located = [r for r in rows if r.lat is not None and r.lon is not None]
    everything = [(r.lon or 0.0, r.lat or 0.0) for r in located]
    framed = everything if fit_all else focus_points(rows)
    view = fit_view(framed or everything, margin=0.15)
    most = max((r.articles for r in located), default=1)
    unit = view.width / 100  # sizes in view units, so they look the same at any zoom
    dots: list[Dot] = []
    outside: list[PlaceRow] = []
    for row in located:
        lon, lat = row.lon or 0.0, row.lat or 0.0
        if not (view.west <= lon <= view.east and view.south <= lat <= view.north):
            outside.append(row)
            continue
        r = unit * (0.7 + 1.6 * math.sqrt(row.articles / most))
        if row.kind == "country":
            # A country is drawn as a wider ring, so a city at the same point stays visible.
            r *= 1.35
        cx, cy = view.x(lon), view.y(lat)
        dots.append(Dot(row, cx, cy, r))
    dots = place_labels(dots, view=view, font=unit * 1.7)
    # Countries first, then big circles before small: every city is drawn over any country
    # ring and any larger circle, so none is hidden and each stays reachable by the pointer.
    dots.sort(key=lambda d: (d.place.kind != "country", -d.r))
    return PlaceMap(
        view=view,
        outlines=outlines_in(view),
        dots=dots,
        outside=outside,
        focused=bool(outside) and not fit_all,
        font=unit * 1.7,
        stroke=unit * 0.15,
    )
