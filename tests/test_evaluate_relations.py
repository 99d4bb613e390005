"""`parallax eval` figure relations: a pair of reference figures is right when the stored
relation of B beside A (or the inverse of A beside B) is one the reference accepts."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlmodel import Session, select

from app.db import get_engine
from app.evaluate import Scores
from app.evaluate.relations import score_relations
from app.extract.run import Extraction
from app.extract.types import FoundFigure
from app.ingest.readers import RawArticle
from app.ingest.store import store_article
from app.models import Figure, Link
from app.persist import save_extraction
from tests.databases import db_url_for

BODIES = {
    "a.txt": "At least eight people died in the flood in Brindlemoor, officials said.",
    "b.txt": "The flood in Brindlemoor killed 16 people, the mayor said on Friday.",
}
QUOTES = {"a.txt": "At least eight people", "b.txt": "16 people"}
VALUES = {"a.txt": 8, "b.txt": 16}


def _scores(tmp_path: Path, stored: str | None, accept: list[str]) -> Scores:
    pair = {
        "a": {"article": "a.txt", "quote": QUOTES["a.txt"]},
        "b": {"article": "b.txt", "quote": QUOTES["b.txt"]},
        "accept": accept,
        "why": "a test pair",
    }
    (tmp_path / "seeds_relations.jsonl").write_text(json.dumps(pair) + "\n")
    (tmp_path / "seeds_figures.jsonl").write_text("")
    with Session(get_engine(db_url_for(tmp_path / 'e.db'))) as s:
        ids = []
        for name, body in BODIES.items():
            article = store_article(s, RawArticle(name, body, title=name))
            assert article is not None
            start = body.index(QUOTES[name])
            figure = FoundFigure(
                start, start + len(QUOTES[name]), QUOTES[name], 0, len(body), VALUES[name]
            )
            save_extraction(s, article, Extraction(figures=[figure]))
            s.flush()
            ids.append(article.id)
        fa, fb = (s.exec(select(Figure).where(Figure.article_id == i)).one() for i in ids)
        if stored is not None:
            # Stored from B's side: the scorer reads it back inverted.
            s.add(Link(kind="figure", a_id=fb.id, b_id=fa.id, relation=stored, reason="test"))
            s.flush()
        scores = Scores()
        score_relations(s, tmp_path, scores)
    return scores


@pytest.mark.parametrize(
    ("stored", "accept", "accuracy", "false_same"),
    [
        ("earlier", ["later", "compatible"], 1.0, 0),  # B beside A is the inverse: later
        ("same", ["later", "compatible"], 0.0, 1),
        (None, ["none"], 1.0, 0),
        (None, ["later"], 0.0, 0),
    ],
)
def test_evaluate_relations_accuracy_and_false_same(
    tmp_path: Path, stored: str | None, accept: list[str], accuracy: float, false_same: int
) -> None:
    part = _scores(tmp_path, stored, accept).parts["figure relations"]
    assert (part["accuracy"], part["false same"], part["checked"]) == (accuracy, false_same, 1)
