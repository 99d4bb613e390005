"""Figures: their links to the other articles, seen from either end."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from sqlmodel import Session, col, select

from app.link.figures import invert
from app.models import Figure, Link


@dataclass(frozen=True)
class Match:
    other_id: int
    relation: str  # how the other figure stands to this one
    reason: str


def figure_matches(
    session: Session, *, figure_ids: list[int] | None = None
) -> dict[int, list[Match]]:
    """Each figure's links, with the relation read from that figure's side."""
    query = select(Link).where(Link.kind == "figure", col(Link.rejected).is_(False))
    if figure_ids is not None:
        query = query.where(col(Link.a_id).in_(figure_ids) | col(Link.b_id).in_(figure_ids))
    out: dict[int, list[Match]] = defaultdict(list)
    for link in session.exec(query):
        out[link.a_id].append(Match(link.b_id, link.relation, link.reason))
        out[link.b_id].append(Match(link.a_id, invert(link.relation), link.reason))
    return out


def active_figures(session: Session) -> list[Figure]:
    return list(
        session.exec(select(Figure).where(col(Figure.rejected).is_(False)).order_by(col(Figure.id)))
    )
