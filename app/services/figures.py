"""Figures: their links to the other articles, seen from either end."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection
from dataclasses import dataclass
from typing import Any

from sqlmodel import Session, col, select
from sqlmodel.sql.expression import SelectOfScalar

from app.link.figures import invert
from app.models import Article, Figure, FigurePart, Link

# Ids as a list, or as a query that selects them (a filtered view of any size).
Ids = Collection[int] | SelectOfScalar[Any]


@dataclass(frozen=True)
class Match:
    other_id: int
    relation: str  # how the other figure stands to this one
    reason: str


def figure_matches(session: Session, *, figure_ids: Ids | None = None) -> dict[int, list[Match]]:
    """Each figure's links, with the relation read from that figure's side."""
    query = select(Link).where(Link.kind == "figure", col(Link.rejected).is_(False))
    if figure_ids is not None:
        query = query.where(col(Link.a_id).in_(figure_ids) | col(Link.b_id).in_(figure_ids))
    out: dict[int, list[Match]] = defaultdict(list)
    for link in session.exec(query):
        out[link.a_id].append(Match(link.b_id, link.relation, link.reason))
        out[link.b_id].append(Match(link.a_id, invert(link.relation), link.reason))
    return out


def figure_sentence(f: Figure, article: Article) -> str:
    """The sentence a figure stands in: in the title for a figure read from it."""
    return (article.title if f.in_title else article.body)[f.sentence_start : f.sentence_end]


def figure_parts(session: Session, *, figure_ids: Ids | None = None) -> dict[int, list[int]]:
    """Each figure's parts that the reader has not rejected (ids, in order), for the figures
    that have any."""
    query = (
        select(FigurePart)
        .join(Figure, col(Figure.id) == col(FigurePart.part_id))
        .where(col(Figure.rejected).is_(False))
    )
    if figure_ids is not None:
        query = query.where(col(FigurePart.figure_id).in_(figure_ids))
    out: dict[int, list[int]] = defaultdict(list)
    for row in session.exec(query.order_by(col(FigurePart.figure_id), col(FigurePart.part_id))):
        out[row.figure_id].append(row.part_id)
    return out
