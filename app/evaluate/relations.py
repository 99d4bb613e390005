"""Figure relations against `seeds_relations.jsonl` (the rules of SPEC.md): what each
pair of reference figures is to the other, `none` where they must not be linked."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlmodel import Session, col, select

from app.evaluate.common import Scores, articles_by_name, locate, read_jsonl
from app.link.figures import invert
from app.models import Article, Figure, Link


def _figure_at(
    session: Session, article: Article, quote: str, value: float | None
) -> Figure | None:
    """The body figure whose words overlap the quote, the one of the quote's own value
    first where the reference gives it."""
    span = locate(article.body, quote)
    if span is None:
        return None
    found = [
        f
        for f in session.exec(
            select(Figure).where(Figure.article_id == article.id, col(Figure.rejected).is_(False))
        )
        if not f.in_title and not f.derived and f.start < span[1] and f.end > span[0]
    ]
    found.sort(key=lambda f: (value is not None and f.value != value, f.start))
    return found[0] if found else None


def _relation(links: dict[tuple[int, int], str], a: Figure, b: Figure) -> str:
    """B beside A: the stored relation, or the inverse of A beside B, or `none`."""
    if (a.id or 0, b.id or 0) in links:
        return links[(a.id or 0, b.id or 0)]
    if (b.id or 0, a.id or 0) in links:
        return invert(links[(b.id or 0, a.id or 0)])
    return "none"


def score_relations(session: Session, gold_dir: Path, scores: Scores) -> None:
    path = gold_dir / "seeds_relations.jsonl"
    if not path.exists():
        return
    pairs = read_jsonl(path)
    values = {
        (g["article"], g["quote"]): g.get("value")
        for g in read_jsonl(gold_dir / "seeds_figures.jsonl")
    }
    articles = articles_by_name(session)
    links = {
        (ln.a_id, ln.b_id): ln.relation or ""
        for ln in session.exec(
            select(Link).where(Link.kind == "figure", col(Link.rejected).is_(False))
        )
    }
    right = wrong_same = scored = 0
    misses: list[str] = []

    def side(ref: dict[str, Any]) -> Figure | None:
        article = articles.get(ref["article"])
        if article is None:
            return None
        value = values.get((ref["article"], ref["quote"]))
        return _figure_at(session, article, ref["quote"], value)

    for pair in pairs:
        a, b = side(pair["a"]), side(pair["b"])
        if a is None or b is None:
            misses.append(f"not found: {pair['a']['quote']!r} ~ {pair['b']['quote']!r}")
            continue
        scored += 1
        rel = _relation(links, a, b)
        if rel in pair["accept"]:
            right += 1
            continue
        wrong_same += rel == "same"
        misses.append(
            f"{pair['a']['quote']!r} ~ {pair['b']['quote']!r}: {rel}, reference {pair['accept']}"
        )
    scores.parts["figure relations"] = {
        "accuracy": round(right / scored, 3) if scored else 0.0,
        "checked": scored,
        "reference": len(pairs),
        "false same": wrong_same,
    }
    scores.misses["figure relations"] = misses
