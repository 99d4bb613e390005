"""The correction pages' data: what a reader has corrected in an article or an actor, what
can still be rejected there, and how to undo it (the write side is record.py).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from sqlalchemy import or_
from sqlmodel import Session, col, select

from app.link.figures import invert
from app.models import Actor, ActorAlias, Article, Correction, Figure, Link, Statement
from app.services.figures import figure_sentence


@dataclass
class CorrectionRow:
    id: int
    label: str
    value: str | None
    created_at: dt.datetime
    undoable: bool
    current: bool  # the last word on its target and field; earlier ones are history


def _label(c: Correction) -> str:
    if c.target.startswith("article:"):
        if c.field == "deleted":
            return "article deleted" if c.value == "1" else "deletion lifted"
        return f"{c.field} corrected"
    if c.target.startswith("figure:"):
        return "figure rejected"
    if c.target.startswith("link:statement:"):
        return "statement link rejected"
    if c.target.startswith("link:"):
        return "figure link rejected"
    if c.target.startswith("alias:"):
        return "spelling split off"
    return c.field


def correction_rows(corrections: list[Correction]) -> list[CorrectionRow]:
    last: dict[tuple[str, str], int] = {}
    for c in corrections:
        last[(c.target, c.field)] = c.id or 0
    return [
        CorrectionRow(
            id=c.id or 0,
            label=_label(c),
            value=c.value,
            created_at=c.created_at,
            undoable=c.field in ("rejected", "split"),
            current=last[(c.target, c.field)] == c.id,
        )
        for c in sorted(corrections, key=lambda c: c.id or 0, reverse=True)
    ]


@dataclass
class FigureRow:
    figure: Figure
    sentence: str


@dataclass
class LinkRow:
    link: Link
    own_text: str
    other_text: str
    other_article: Article
    relation: str  # how the other claim stands to this article's claim
    own_id: int = 0


@dataclass
class LinkGroup:
    """The links of one claim of this article: read together, rejected one by one."""

    kind: str
    claim_id: int
    own_text: str
    rows: list[LinkRow]

    @property
    def active(self) -> int:
        return sum(not r.link.rejected for r in self.rows)


@dataclass
class ArticleEdit:
    article: Article
    figures: list[FigureRow]
    links: list[LinkRow]
    corrections: list[CorrectionRow] = field(default_factory=list)

    def groups(self, kind: str) -> list[LinkGroup]:
        out: dict[int, LinkGroup] = {}
        for row in self.links:
            if row.link.kind != kind:
                continue
            mine = row.link.a_id if row.own_id == row.link.a_id else row.link.b_id
            group = out.setdefault(mine, LinkGroup(kind, mine, row.own_text, []))
            group.rows.append(row)
        return list(out.values())


def article_edit(session: Session, article_id: int) -> ArticleEdit | None:
    """One article with its figures, the links of its claims and the corrections made to it."""
    article = session.get(Article, article_id)
    if article is None:
        return None
    figures = list(
        session.exec(
            select(Figure).where(Figure.article_id == article_id).order_by(col(Figure.start))
        )
    )
    statements = list(session.exec(select(Statement).where(Statement.article_id == article_id)))
    return ArticleEdit(
        article=article,
        figures=[FigureRow(f, figure_sentence(f, article).strip()) for f in figures],
        links=_links(session, figures, statements),
        corrections=correction_rows(
            list(
                session.exec(
                    select(Correction)
                    .where(col(Correction.target).contains(article.content_hash))
                    .order_by(col(Correction.id))
                )
            )
        ),
    )


def _claims_by_id(session: Session, kind: str, ids: set[int]) -> dict[int, Figure | Statement]:
    if kind == "figure":
        figures = session.exec(select(Figure).where(col(Figure.id).in_(ids)))
        return {c.id: c for c in figures if c.id is not None}
    statements = session.exec(select(Statement).where(col(Statement.id).in_(ids)))
    return {c.id: c for c in statements if c.id is not None}


def _links(session: Session, figures: list[Figure], statements: list[Statement]) -> list[LinkRow]:
    out: list[LinkRow] = []
    groups: list[tuple[str, list[Figure] | list[Statement]]] = [
        ("figure", figures),
        ("statement", statements),
    ]
    for kind, own in groups:
        mine: dict[int, Figure | Statement] = {c.id: c for c in own if c.id is not None}
        if not mine:
            continue
        links = list(
            session.exec(
                select(Link).where(
                    Link.kind == kind,
                    or_(col(Link.a_id).in_(mine), col(Link.b_id).in_(mine)),
                )
            )
        )
        other_ids = {lk.b_id if lk.a_id in mine else lk.a_id for lk in links}
        others = _claims_by_id(session, kind, other_ids)
        articles = {
            a.id: a
            for a in session.exec(
                select(Article).where(col(Article.id).in_({c.article_id for c in others.values()}))
            )
        }
        for lk in sorted(links, key=lambda x: (x.a_id, x.b_id)):
            forward = lk.a_id in mine
            own_claim = mine[lk.a_id if forward else lk.b_id]
            other = others.get(lk.b_id if forward else lk.a_id)
            if other is None or other.article_id not in articles:
                continue
            out.append(
                LinkRow(
                    link=lk,
                    own_text=own_claim.text,
                    other_text=other.text,
                    other_article=articles[other.article_id],
                    relation=lk.relation if forward else invert(lk.relation),
                    own_id=lk.a_id if forward else lk.b_id,
                )
            )
    return out


@dataclass
class ActorEdit:
    actor: Actor
    aliases: list[str]
    splits: list[tuple[CorrectionRow, Actor | None]]


def actor_edit(session: Session, slug: str) -> ActorEdit | None:
    actor = session.exec(select(Actor).where(Actor.slug == slug)).first()
    if actor is None:
        return None
    aliases = sorted(
        session.exec(select(ActorAlias.alias).where(ActorAlias.actor_id == actor.id)),
        key=str.casefold,
    )
    corrections = list(
        session.exec(
            select(Correction)
            .where(col(Correction.target).startswith("alias:"))
            .order_by(col(Correction.id))
        )
    )
    owners = {
        al.alias.casefold(): al.actor_id
        for al in session.exec(
            select(ActorAlias).where(col(ActorAlias.alias).in_([c.value for c in corrections]))
        )
    }
    actors = {
        a.id: a for a in session.exec(select(Actor).where(col(Actor.id).in_(set(owners.values()))))
    }
    splits = [
        (row, actors.get(owners.get((c.value or "").casefold(), -1)))
        for row, c in zip(
            correction_rows(corrections),
            sorted(corrections, key=lambda c: c.id or 0, reverse=True),
            strict=True,
        )
    ]
    return ActorEdit(actor=actor, aliases=aliases, splits=splits)
