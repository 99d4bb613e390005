"""`parallax eval`: what the database holds, scored against hand-made references.

The rules are those of SPEC.md: a found figure matches a reference figure in the same
article with the same value (or both null) whose text overlaps the reference quote;
groups and sources compare loosely, measure, qualifier and place exactly.
"""

from __future__ import annotations

from pathlib import Path

from sqlmodel import Session

from app.evaluate.claims import score_entities, score_statements
from app.evaluate.common import Scores
from app.evaluate.figures import score_figures
from app.evaluate.relations import score_relations

__all__ = ["Scores", "evaluate", "score_figures"]


def evaluate(session: Session, gold_dir: Path) -> Scores:
    scores = Scores()
    score_figures(session, gold_dir, scores)
    score_relations(session, gold_dir, scores)
    score_statements(session, gold_dir, scores)
    score_entities(session, gold_dir, scores)
    return scores
