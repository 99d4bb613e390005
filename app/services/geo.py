"""Country outlines for the places map: a small TopoJSON decoder and SVG path builder.

The outlines are Natural Earth 1:110m countries from the npm package `world-atlas`, vendored
under static/vendor/world-atlas/. Nothing is read at import time; the decoded outlines are
cached once per process. Coordinates stay in degrees: x = longitude, y = -latitude, and the
map widens x by a cosine factor with an SVG transform (an equirectangular projection whose
standard parallel is the middle of the view), so the cached paths serve every view.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

WORLD_ATLAS = (
    Path(__file__).resolve().parents[2]
    / "static"
    / "vendor"
    / "world-atlas"
    / "countries-110m.json"
)

Point = tuple[float, float]  # (lon, lat)
Ring = list[Point]


def decode_arcs(topology: dict[str, Any]) -> list[list[Point]]:
    """Every arc as absolute positions.

    A quantized topology stores each arc as integer deltas from the previous point; the
    transform's scale and translate turn the running sums back into degrees.
    """
    transform = topology.get("transform")
    arcs: list[list[Point]] = []
    for arc in topology["arcs"]:
        if transform is None:
            arcs.append([(float(p[0]), float(p[1])) for p in arc])
            continue
        (sx, sy), (tx, ty) = transform["scale"], transform["translate"]
        x = y = 0
        points: list[Point] = []
        for p in arc:
            x += p[0]
            y += p[1]
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)
    return arcs


def ring_points(arcs: Sequence[Sequence[Point]], indexes: Iterable[int]) -> Ring:
    """Stitch a ring from arc indexes; a negative index ~i means arc i walked backwards.

    Consecutive arcs share their joining point, so it is kept only once.
    """
    ring: Ring = []
    for index in indexes:
        arc = list(arcs[~index])[::-1] if index < 0 else list(arcs[index])
        ring.extend(arc[1:] if ring else arc)
    return ring


@dataclass(frozen=True)
class Outline:
    name: str
    code: int | None  # ISO 3166 numeric code, where Natural Earth gives one
    rings: tuple[tuple[Point, ...], ...]
    bbox: tuple[float, float, float, float]  # min lon, min lat, max lon, max lat
    path: str  # SVG path data in (lon, -lat)


def geometry_rings(arcs: Sequence[Sequence[Point]], geometry: dict[str, Any]) -> list[Ring]:
    kind = geometry.get("type")
    if kind == "Polygon":
        return [ring_points(arcs, r) for r in geometry["arcs"]]
    if kind == "MultiPolygon":
        return [ring_points(arcs, r) for polygon in geometry["arcs"] for r in polygon]
    return []  # points, lines and null geometries draw no outline


def path_data(rings: Iterable[Sequence[Point]], digits: int = 2) -> str:
    """SVG path data, y flipped so north is up."""
    parts: list[str] = []
    for ring in rings:
        if len(ring) < 2:
            continue
        coords = " ".join(f"{lon:.{digits}f} {0.0 - lat:.{digits}f}" for lon, lat in ring)
        parts.append(f"M{coords}Z")
    return "".join(parts)


def outlines_of(topology: dict[str, Any], object_name: str) -> list[Outline]:
    arcs = decode_arcs(topology)
    out: list[Outline] = []
    for geometry in topology["objects"][object_name]["geometries"]:
        rings = geometry_rings(arcs, geometry)
        points = [p for r in rings for p in r]
        if not points:
            continue
        lons = [p[0] for p in points]
        lats = [p[1] for p in points]
        name = str((geometry.get("properties") or {}).get("name", ""))
        code = str(geometry.get("id") or "")
        out.append(
            Outline(
                name=name,
                code=int(code) if code.isdigit() else None,
                rings=tuple(tuple(r) for r in rings),
                bbox=(min(lons), min(lats), max(lons), max(lats)),
                path=path_data(rings),
            )
        )
    return out


@lru_cache(maxsize=1)
def world_outlines() -> tuple[Outline, ...]:
    """The vendored country outlines, read and decoded once per process."""
    with WORLD_ATLAS.open(encoding="utf-8") as handle:
        topology = json.load(handle)
    return tuple(outlines_of(topology, "countries"))


def ring_area_centroid(ring: Sequence[Point]) -> tuple[float, Point]:
    """Absolute area and centroid of a closed ring, in plain degrees (shoelace formula)."""
    area2 = cx = cy = 0.0
    for (x0, y0), (x1, y1) in zip(ring, [*ring[1:], ring[0]], strict=True):
        cross = x0 * y1 - x1 * y0
        area2 += cross
        cx += (x0 + x1) * cross
        cy += (y0 + y1) * cross
    if abs(area2) < 1e-12:
        return 0.0, (sum(p[0] for p in ring) / len(ring), sum(p[1] for p in ring) / len(ring))
    return abs(area2) / 2, (cx / (3 * area2), cy / (3 * area2))


def _inside_span(ring: Sequence[Point], lat: float) -> tuple[float, float] | None:
    """The widest stretch of land along a parallel across the ring (even-odd crossings)."""
    xs = sorted(
        x0 + (lat - y0) * (x1 - x0) / (y1 - y0)
        for (x0, y0), (x1, y1) in zip(ring, [*ring[1:], ring[0]], strict=True)
        if (y0 <= lat) != (y1 <= lat)
    )
    spans = list(zip(xs[::2], xs[1::2], strict=False))
    return max(spans, key=lambda s: s[1] - s[0]) if spans else None


def ring_centre(ring: Sequence[Point]) -> Point:
    """A point inside the ring near its centroid: the centroid itself when it lies inside,
    else the middle of the widest stretch of land along the centroid's parallel (a
    crescent-shaped country's centroid can fall in the sea or a neighbour)."""
    _, (lon, lat) = ring_area_centroid(ring)
    if _contains(ring, (lon, lat)):
        return lon, lat
    span = _inside_span(ring, lat)
    return ((span[0] + span[1]) / 2, lat) if span else (lon, lat)


def _contains(ring: Sequence[Point], point: Point) -> bool:
    x, y = point
    inside = False
    for (x0, y0), (x1, y1) in zip(ring, [*ring[1:], ring[0]], strict=True):
        if (y0 <= y) != (y1 <= y) and x < x0 + (y - y0) * (x1 - x0) / (y1 - y0):
            inside = not inside
    return inside


@lru_cache(maxsize=1)
def country_centres() -> dict[int, Point]:
    """ISO numeric code -> the centre of the country's largest piece of land, (lon, lat).

    The largest piece, not the whole: France's centre is in France, not in the Atlantic
    between it and French Guiana; the United States' is in the lower 48.
    """
    out: dict[int, Point] = {}
    for outline in world_outlines():
        if outline.code is None or not outline.rings:
            continue
        largest = max(outline.rings, key=lambda r: ring_area_centroid(r)[0])
        out[outline.code] = ring_centre(largest)
    return out


@dataclass(frozen=True)
class View:
    """A map window in degrees, and how it is drawn."""

    west: float
    south: float
    east: float
    north: float

    @property
    def kx(self) -> float:
        """Horizontal stretch of the equirectangular projection at the view's middle."""
        return max(0.2, math.cos(math.radians((self.south + self.north) / 2)))

    def x(self, lon: float) -> float:
        return lon * self.kx

    def y(self, lat: float) -> float:
        return -lat

    @property
    def width(self) -> float:
        return (self.east - self.west) * self.kx

    @property
    def height(self) -> float:
        return self.north - self.south

    @property
    def viewbox(self) -> str:
        return (
            f"{self.x(self.west):.3f} {self.y(self.north):.3f} {self.width:.3f} {self.height:.3f}"
        )


def fit_view(
    points: Sequence[Point],
    *,
    margin: float = 0.12,
    min_span: float = 8.0,
    aspect: tuple[float, float] = (1.3, 2.2),
) -> View:
    """The smallest window around the points, with a margin, a floor and a sane shape.

    With no points the whole world is shown.
    """
    if not points:
        return View(-180.0, -60.0, 180.0, 84.0)
    west = min(p[0] for p in points)
    east = max(p[0] for p in points)
    south = min(p[1] for p in points)
    north = max(p[1] for p in points)
    span_lon = max(east - west, min_span)
    span_lat = max(north - south, min_span / 2)
    mid_lon, mid_lat = (west + east) / 2, (south + north) / 2
    span_lon *= 1 + 2 * margin
    span_lat *= 1 + 2 * margin
    kx = max(0.2, math.cos(math.radians(mid_lat)))
    # Keep width / height within the aspect range, growing the short side.
    ratio = span_lon * kx / span_lat
    if ratio < aspect[0]:
        span_lon = aspect[0] * span_lat / kx
    elif ratio > aspect[1]:
        span_lat = span_lon * kx / aspect[1]
    span_lon = min(span_lon, 360.0)
    span_lat = min(span_lat, 170.0)
    south, north = _slide(mid_lat - span_lat / 2, span_lat, -85.0, 85.0)
    west, east = _slide(mid_lon - span_lon / 2, span_lon, -180.0, 180.0)
    return View(west, south, east, north)


def _slide(low: float, span: float, floor: float, ceiling: float) -> tuple[float, float]:
    """A window of this span moved back inside [floor, ceiling] rather than cut."""
    low = min(max(low, floor), ceiling - span)
    return max(low, floor), min(low + span, ceiling)


def outlines_in(view: View) -> list[Outline]:
    """The outlines that reach into the view; the rest are left out of the page."""
    return [
        o
        for o in world_outlines()
        if o.bbox[2] >= view.west
        and o.bbox[0] <= view.east
        and o.bbox[3] >= view.south
        and o.bbox[1] <= view.north
    ]
