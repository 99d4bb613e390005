"""The correction pages' data: what a reader has corrected in an article or an actor, what
can still be rejected there, and how to undo it (the write side is record.py).
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field

from sqlalchemy import or_
from sqlmodel import Session, col, select

from app.link.figures import invert
from app.models import Actor, ActorAlias, Article, Correction, Figure, FigurePart, Link, Statement
from app.services.corrections.figure_edits import FigureInput
from app.services.corrections.keys import anchor_of, figure_target
from app.services.corrections.record import undoable
from app.services.figures import figure_sentence


@dataclass
class CorrectionRow:
    id: int
    label: str
    value: str | None
    created_at: dt.datetime
    undoable: bool
    current: bool  # the last word on its target and field; earlier ones are history
    author: str = ""
    undone_at: dt.datetime | None = None
    undone_by: str = ""
    subject: str = ""  # the words of the figure it is on, where the page knows them


_FIGURE_LABELS = {
    "rejected": "figure rejected",
    "added": "figure added",
    "part_of": "marked a part of another figure",
}


def label(c: Correction) -> str:
    if c.target.startswith("article:"):
        if c.field == "deleted":
            return "article deleted" if c.value == "1" else "deletion lifted"
        return f"{c.field} corrected"
    if c.target.startswith("figure:"):
        return _FIGURE_LABELS.get(c.field, f"figure {c.field} corrected")
    if c.target.startswith("link:statement:"):
        return "statement link rejected"
    if c.target.startswith("link:"):
        return "figure link rejected"
    if c.target.startswith("alias:"):
        return "spelling split off"
    return c.field


def _shown_value(c: Correction, words: dict[str, str]) -> str | None:
    """What the history shows of a value: an added figure by its words, a whole by its."""
    if c.field == "added" and c.value:
        return str(json.loads(c.value).get("text", ""))
    if c.field == "part_of" and c.value:
        digest = c.target.split(":")[1]
        return words.get(figure_target(digest, c.value))
    if c.field in ("rejected", "deleted"):
        return None
    return c.value


def correction_rows(
    corrections: list[Correction], words: dict[str, str] | None = None
) -> list[CorrectionRow]:
    """The history, newest first; `words` gives the words of the figures by their targets."""
    words = words or {}
    last: dict[tuple[str, str], int] = {}
    for c in corrections:
        if c.undone_at is None:
            last[(c.target, c.field)] = c.id or 0
    return [
        CorrectionRow(
            id=c.id or 0,
            label=label(c),
            value=_shown_value(c, words),
            created_at=c.created_at,
            undoable=undoable(c),
            current=last.get((c.target, c.field)) == c.id,
            author=c.author,
            undone_at=c.undone_at,
            undone_by=c.undone_by,
            subject=words.get(c.target, "") if c.field != "added" else "",
        )
        for c in sorted(corrections, key=lambda c: c.id or 0, reverse=True)
    ]


@dataclass
class FigureRow:
    figure: Figure
    sentence: str
    form: FigureInput  # what the correction form shows: the figure, or what was typed
    wholes: list[Figure]  # the figures of the article it can be marked a part of
    part_of: int | None = None  # the whole it is a part of now, if any

    @property
    def corrected(self) -> list[str]:
        return sorted(json.loads(self.figure.corrected)) if self.figure.corrected else []


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


def article_edit(
    session: Session, article_id: int, typed: dict[int, FigureInput] | None = None
) -> ArticleEdit | None:
    """One article with its figures, the links of its claims and the corrections made to it;
    `typed` keeps what the reader typed in a figure's form that could not be saved."""
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
        figures=_figure_rows(session, article, figures, typed or {}),
        links=_links(session, figures, statements),
        corrections=correction_rows(
            list(
                session.exec(
                    select(Correction)
                    .where(col(Correction.target).contains(article.content_hash))
                    .order_by(col(Correction.id))
                )
            ),
            {figure_target(article.content_hash, anchor_of(f)): f.text for f in figures},
        ),
    )


def _figure_rows(
    session: Session, article: Article, figures: list[Figure], typed: dict[int, FigureInput]
) -> list[FigureRow]:
    live = [f for f in figures if not f.rejected]
    whole_of = {
        p.part_id: p.figure_id
        for p in session.exec(
            select(FigurePart).where(col(FigurePart.part_id).in_([f.id for f in figures]))
        )
    }
    return [
        FigureRow(
            f,
            figure_sentence(f, article).strip(),
            typed.get(f.id or 0) or FigureInput.of(f),
            [w for w in live if w.id != f.id],
            whole_of.get(f.id or 0),
        )
        for f in figures
    ]


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
