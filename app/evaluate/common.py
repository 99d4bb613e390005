"""What the scoring of each part shares: the scores, the references, finding a quote."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlmodel import Session, select

from app.models import Article


def locate(body: str, quote: str) -> tuple[int, int] | None:
    at = body.find(quote)
    if at >= 0:
        return at, at + len(quote)
    # Quotes are typed by hand: let any run of spaces or quote marks stand for another.
    pattern = r"\s+".join(re.escape(w) for w in quote.split())
    m = re.search(pattern, body)
    return (m.start(), m.end()) if m else None


def prf(tp: int, n_pred: int, n_gold: int) -> dict[str, float | int]:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {
        "precision": round(p, 3),
        "recall": round(r, 3),
        "f1": round(f, 3),
        "found": n_pred,
        "reference": n_gold,
        "matched": tp,
    }


@dataclass
class Scores:
    parts: dict[str, Any] = field(default_factory=dict)
    misses: dict[str, list[str]] = field(default_factory=dict)


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    return [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines() if x.strip()]


def articles_by_name(session: Session) -> dict[str, Article]:
    return {Path(a.source_file.split("#")[0]).name: a for a in session.exec(select(Article))}
