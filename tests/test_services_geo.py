"""TopoJSON decoding and the map window, on hand-made topologies of invented shapes."""

from __future__ import annotations

import math

import pytest

from app.services.geo import (
    decode_arcs,
    fit_view,
    outlines_in,
    outlines_of,
    path_data,
    ring_points,
    world_outlines,
)

# Two unit squares side by side sharing the arc x=1 (arc 0), quantized: scale 0.5, translate
# (10, 20), so integer step 2 is one degree. Arc 1 closes the left square, arc 2 the right one.
TINY = {
    "type": "Topology",
    "transform": {"scale": [0.5, 0.5], "translate": [10, 20]},
    "arcs": [
        [[2, 0], [0, 2]],  # (11,20) -> (11,21)
        [[2, 2], [-2, 0], [0, -2], [2, 0]],  # (11,21) -> (10,21) -> (10,20) -> (11,20)
        [[2, 0], [2, 0], [0, 2], [-2, 0]],  # (11,20) -> (12,20) -> (12,21) -> (11,21)
    ],
    "objects": {
        "lands": {
            "type": "GeometryCollection",
            "geometries": [
                {"type": "Polygon", "arcs": [[0, 1]], "properties": {"name": "West"}},
                {"type": "MultiPolygon", "arcs": [[[2, ~0]]], "properties": {"name": "East"}},
                {"type": None},
            ],
        }
    },
}


def test_services_geo_decodes_delta_encoded_quantized_arcs() -> None:
    arcs = decode_arcs(TINY)
    assert arcs[0] == [(11.0, 20.0), (11.0, 21.0)]
    assert arcs[1] == [(11.0, 21.0), (10.0, 21.0), (10.0, 20.0), (11.0, 20.0)]


def test_services_geo_unquantized_arcs_are_taken_as_they_are() -> None:
    plain = {"arcs": [[[1.5, 2.5], [3.0, 4.0]]]}
    assert decode_arcs(plain) == [[(1.5, 2.5), (3.0, 4.0)]]


def test_services_geo_ring_stitches_arcs_and_reverses_negative_ones() -> None:
    arcs = decode_arcs(TINY)
    west = ring_points(arcs, [0, 1])
    assert west == [(11, 20), (11, 21), (10, 21), (10, 20), (11, 20)]
    east = ring_points(arcs, [2, ~0])  # ~0 == -1: arc 0 walked backwards
    assert east == [(11, 20), (12, 20), (12, 21), (11, 21), (11, 20)]


@pytest.mark.parametrize(
    ("rings", "expected"),
    [
        ([[(1.0, 2.0), (3.0, -4.0)]], "M1.00 -2.00 3.00 4.00Z"),
        ([[(0.0, 0.0)]], ""),  # a lone point draws nothing
        ([[(0, 0), (1, 1)], [(5, 5), (6, 6)]], "M0.00 0.00 1.00 -1.00ZM5.00 -5.00 6.00 -6.00Z"),
    ],
)
def test_services_geo_path_data_flips_latitude(rings: list, expected: str) -> None:
    assert path_data(rings) == expected


def test_services_geo_outlines_have_names_bboxes_and_paths() -> None:
    outlines = outlines_of(TINY, "lands")
    assert [o.name for o in outlines] == ["West", "East"]  # the null geometry is skipped
    assert outlines[0].bbox == (10, 20, 11, 21)
    assert outlines[1].bbox == (11, 20, 12, 21)
    assert outlines[1].path.startswith("M11.00 -20.00 12.00 -20.00")


def test_services_geo_fit_view_frames_points_with_margin_and_shape() -> None:
    # Invented places in the Andes: the window holds them all, with room around them.
    points = [(-70.6, -33.4), (-68.1, -16.5), (-77.0, -12.0)]
    view = fit_view(points)
    for lon, lat in points:
        assert view.west < lon < view.east and view.south < lat < view.north
    assert 1.3 - 1e-6 <= view.width / view.height <= 2.2 + 1e-6
    assert view.kx == pytest.approx(math.cos(math.radians((view.south + view.north) / 2)))


def test_services_geo_fit_view_of_one_point_and_of_nothing() -> None:
    one = fit_view([(100.0, 13.7)])
    assert one.east - one.west >= 8 and one.west < 100 < one.east
    world = fit_view([])
    assert (world.west, world.east) == (-180, 180)


def test_services_geo_fit_view_stays_on_the_globe() -> None:
    view = fit_view([(179.0, 84.0), (170.0, 80.0)])
    assert view.east <= 180 and view.north <= 85 and view.west < 170


def test_services_geo_world_outlines_are_read_once_and_filtered_by_view() -> None:
    outlines = world_outlines()
    assert world_outlines() is outlines  # cached per process
    assert len(outlines) > 150 and all(o.path.startswith("M") for o in outlines)
    near_andes = outlines_in(fit_view([(-70.6, -33.4), (-68.1, -16.5)]))
    names = {o.name for o in near_andes}
    assert "Chile" in names and "Japan" not in names


# A "C" open to the east: its centroid falls in the gap, outside the land.
C_SHAPE = [(0, 0), (10, 0), (10, 2), (2, 2), (2, 8), (10, 8), (10, 10), (0, 10)]


@pytest.mark.parametrize(
    ("ring", "inside"),
    [
        ([(0, 0), (4, 0), (4, 2), (0, 2)], (2.0, 1.0)),  # a rectangle: its middle
        (C_SHAPE, None),  # the centroid lies in the gap: moved onto the land
    ],
)
def test_geo_ring_centre_lies_inside(
    ring: list[tuple[float, float]], inside: tuple[float, float] | None
) -> None:
    from app.services.geo import _contains, ring_centre

    centre = ring_centre(ring)
    if inside is not None:
        assert centre == pytest.approx(inside)
    assert _contains(ring, centre)


def test_geo_country_centres_are_inland_not_on_a_city() -> None:
    from app.services.geo import country_centres

    centres = country_centres()
    lon, lat = centres[404]  # Kenya: the middle of the country, well north-east of Nairobi
    assert 36.5 < lon < 39.5 and -1.0 < lat < 2.0
    assert math.dist((lon, lat), (36.82, -1.28)) > 1.5
    lon, lat = centres[250]  # France: the mainland, not pulled towards French Guiana
    assert 0 < lon < 5 and 44 < lat < 49
