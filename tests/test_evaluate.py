"""`parallax eval` figure scores: casualties are their own measure; title and derived figures
are not scored against references that quote the body."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlmodel import Session

from app.db import get_engine
from app.evaluate import Scores, score_figures
from app.extract.run import Extraction
from app.extract.types import FoundFigure
from app.ingest.readers import RawArticle
from app.ingest.store import store_article
from app.persist import save_extraction
from tests.databases import db_url_for

BODY = "Five people were shot outside a bar in Brindlemoor late on Friday, police said."


def _scores(tmp_path: Path, figures: list[FoundFigure], measure: str = "killed") -> Scores:
    gold = {
        "article": "bar.txt",
        "quote": "Five people were shot",
        "value": 5,
        "qualifier": "exact",
        "measure": measure,
        "group": "total",
        "place": "",
        "source": "police",
        "topic": f"{measure}|total|",
    }
    (tmp_path / "seeds_figures.jsonl").write_text(json.dumps(gold) + "\n")
    with Session(get_engine(db_url_for(tmp_path / 'e.db'))) as s:
        article = store_article(s, RawArticle("bar.txt", BODY, title="Five shot in Brindlemoor"))
        assert article is not None
        save_extraction(s, article, Extraction(figures=figures))
        s.flush()
        scores = Scores()
        score_figures(s, tmp_path, scores)
    return scores


def fig(measure: str, **kw: object) -> FoundFigure:
    return FoundFigure(0, 11, "Five people", 0, len(BODY), 5, measure=measure, **kw)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("gold", "found", "part", "expected"),
    [
        ("killed", "casualties", "figures: killed", {"found": 0, "reference": 1}),
        ("killed", "casualties", "figures: casualties", {"found": 1, "reference": 0}),
        ("casualties", "casualties", "figures: casualties", {"found": 1, "matched": 1}),
        ("casualties", "killed", "figure measure", {"accuracy": 0.0}),
        ("killed", "killed", "figure measure", {"accuracy": 1.0}),
    ],
)
def test_evaluate_casualties_are_not_killed(
    tmp_path: Path, gold: str, found: str, part: str, expected: dict[str, float]
) -> None:
    scores = _scores(tmp_path, [fig(found)], measure=gold)
    assert {k: scores.parts[part][k] for k in expected} == expected


def test_evaluate_title_and_derived_figures_not_scored(tmp_path: Path) -> None:
    title = FoundFigure(0, 4, "Five", 0, 24, 5, measure="killed", in_title=True)
    derived = fig("injured", derived=True)
    scores = _scores(tmp_path, [fig("killed"), title, derived])
    assert scores.parts["figures"]["found"] == 1 and scores.parts["figures"]["precision"] == 1.0
    assert scores.parts["figures not scored"] == {"in titles": 1, "derived": 1}
