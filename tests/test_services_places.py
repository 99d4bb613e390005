"""The places map: which places it frames, circle sizes, labels that never overlap."""

from __future__ import annotations

from app.services.places import Dot, PlaceRow, build_map, focus_points, place_labels


def _place(name: str, lon: float, lat: float, articles: int, kind: str = "city") -> PlaceRow:
    return PlaceRow(
        id=hash(name) % 1000,
        name=name,
        kind=kind,
        country=None,
        lat=lat,
        lon=lon,
        spellings=[name],
        articles=articles,
        mentions=articles,
    )


ANDES = [
    _place("Santiago", -70.6, -33.4, 6),
    _place("La Paz", -68.1, -16.5, 5),
    _place("Lima", -77.0, -12.0, 5),
    _place("Cusco", -72.0, -13.5, 3),
    _place("Arica", -70.3, -18.5, 3),
    _place("Madrid", -3.7, 40.4, 1),  # named once, far away
]


def test_services_places_focus_leaves_far_off_places_out_of_view() -> None:
    framed = focus_points(ANDES)
    assert (-3.7, 40.4) not in framed and len(framed) >= 4
    m = build_map(ANDES)
    assert [p.name for p in m.outside] == ["Madrid"] and m.focused
    assert {d.place.name for d in m.dots} == {"Santiago", "La Paz", "Lima", "Cusco", "Arica"}
    everything = build_map(ANDES, fit_all=True)
    assert not everything.outside and len(everything.dots) == 6


def test_services_places_circles_grow_with_articles_and_labels_never_overlap() -> None:
    m = build_map(ANDES)
    radius = {d.place.name: d.r for d in m.dots}
    assert radius["Santiago"] > radius["Cusco"]
    boxes = []
    for d in m.dots:
        if d.labelled:
            w = 0.6 * m.font * len(d.place.name)
            left = (
                d.label_x
                if d.anchor == "start"
                else d.label_x - w
                if d.anchor == "end"
                else d.label_x - w / 2
            )
            boxes.append((left, d.label_y - m.font * 0.8, left + w, d.label_y + m.font * 0.2))
    for i, a in enumerate(boxes):
        for b in boxes[i + 1 :]:
            assert not (a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3])


def test_services_places_a_name_that_fits_nowhere_is_left_off() -> None:
    m = build_map(ANDES)
    crowd = [Dot(_place(f"Place {i}", -70.0, -20.0, 1), -70.0, 20.0, 0.1) for i in range(6)]
    labelled = [d for d in place_labels(crowd, view=m.view, font=m.font) if d.labelled]
    assert 1 <= len(labelled) < 6
