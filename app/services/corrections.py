"""The reader's corrections from the web: record them, apply them, show them, undo them.

Every change is first written as a `Correction` (app/corrections.py says by which keys)
and then made by `apply_corrections`, the same code that re-applies it after a
reprocess or a re-ingest — so what the page shows is what the next run will keep.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from sqlalchemy import or_, update
from sqlmodel import Session, col, select

from app.corrections import (
    alias_target,
    anchor_of,
    apply_corrections,
    article_target,
    claim_key,
    figure_target,
    link_target,
)
from app.link.figures import invert
from app.link.relink import relink
from app.models import Actor, ActorAlias, Article, Correction, Figure, Link, Statement
from app.services.figures import figure_sentence


class CorrectionError(ValueError):
    """A correction that cannot be made, with a message for the reader."""


def _record(session: Session, target: str, name: str, value: str | None) -> Correction:
    row = Correction(target=target, field=name, value=value)
    session.add(row)
    session.flush()
    return row


# --- articles -------------------------------------------------------------------------------


@dataclass
class MetadataInput:
    title: str
    outlet: str
    date: str


def correct_article(session: Session, article: Article, given: MetadataInput) -> list[str]:
    """Record the fields the reader changed; returns their names (empty: nothing changed)."""
    title = " ".join(given.title.split())
    outlet = " ".join(given.outlet.split())
    if not title:
        raise CorrectionError("The title cannot be empty.")
    if len(title) > 500 or len(outlet) > 200:
        raise CorrectionError("The title or outlet is too long.")
    date: dt.date | None = None
    if given.date.strip():
        try:
            date = dt.date.fromisoformat(given.date.strip())
        except ValueError:
            raise CorrectionError(f"{given.date!r} is not a date as YYYY-MM-DD.") from None
    target = article_target(article.content_hash)
    changed = []
    if title != article.title:
        _record(session, target, "title", title)
        changed.append("title")
    if (outlet or None) != article.outlet:
        _record(session, target, "outlet", outlet or None)
        changed.append("outlet")
    if date != article.date:
        _record(session, target, "date", date.isoformat() if date else None)
        changed.append("date")
    if changed:
        apply_corrections(session)
    return changed


def delete_article(session: Session, article: Article) -> None:
    _record(session, article_target(article.content_hash), "deleted", "1")
    apply_corrections(session)


def lift_deletions(session: Session, hashes: set[str]) -> None:
    """Texts the reader adds again through the reader: a deletion of them no longer holds."""
    deleted = {
        c.target
        for c in session.exec(
            select(Correction).where(
                col(Correction.target).in_([article_target(h) for h in hashes]),
                Correction.field == "deleted",
            )
        )
    }
    for target in deleted:
        _record(session, target, "deleted", "0")


# --- figures and links ----------------------------------------------------------------------


def _hash_of(session: Session, article_id: int) -> str:
    article = session.get(Article, article_id)
    if article is None:
        raise CorrectionError(f"no article with id {article_id}")
    return article.content_hash


def reject_figure(session: Session, figure: Figure) -> None:
    _record(
        session,
        figure_target(_hash_of(session, figure.article_id), anchor_of(figure)),
        "rejected",
        "1",
    )
    apply_corrections(session)


def _claim_key_of(session: Session, kind: str, claim_id: int) -> str:
    row: Figure | Statement | None = (
        session.get(Figure, claim_id) if kind == "figure" else session.get(Statement, claim_id)
    )
    if row is None:
        raise CorrectionError(f"no {kind} with id {claim_id}")
    anchor = anchor_of(row) if isinstance(row, Figure) else str(row.start)
    return claim_key(_hash_of(session, row.article_id), anchor)


def link_target_of(session: Session, link: Link) -> str:
    return link_target(
        link.kind,
        _claim_key_of(session, link.kind, link.a_id),
        _claim_key_of(session, link.kind, link.b_id),
    )


def reject_link(session: Session, link: Link) -> None:
    _record(session, link_target_of(session, link), "rejected", "1")
    apply_corrections(session)


# --- actors ---------------------------------------------------------------------------------


def split_actor(session: Session, actor: Actor, alias: str) -> Actor | None:
    """Split one spelling off a merged actor; returns the new actor (None: nothing to split)."""
    aliases = list(session.exec(select(ActorAlias).where(ActorAlias.actor_id == actor.id)))
    match = [a for a in aliases if a.alias == alias]
    if not match:
        raise CorrectionError(f"{alias!r} is not a spelling of {actor.name}.")
    if len(aliases) < 2:
        raise CorrectionError(f"{actor.name} has only one spelling: there is nothing to split.")
    _record(session, alias_target(alias), "split", alias)
    apply_corrections(session)
    moved = session.exec(select(ActorAlias).where(ActorAlias.alias == alias)).all()
    new_ids = [m.actor_id for m in moved if m.actor_id != actor.id]
    return session.get(Actor, new_ids[0]) if new_ids else None


# --- the list of corrections, and undo -------------------------------------------------------


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


def _rows(corrections: list[Correction]) -> list[CorrectionRow]:
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


def undo(session: Session, correction_id: int) -> Correction:
    """Take back a rejection or a split: its rows are rebuilt as if it had never been made."""
    row = session.get(Correction, correction_id)
    if row is None:
        raise CorrectionError(f"no correction with id {correction_id}")
    if row.field not in ("rejected", "split"):
        raise CorrectionError("Only rejections and splits can be undone; correct the field again.")
    same = session.exec(
        select(Correction).where(Correction.target == row.target, Correction.field == row.field)
    ).all()
    for c in same:
        session.delete(c)
    session.flush()
    if row.target.startswith("figure:"):
        digest, _, anchor = row.target.removeprefix("figure:").partition(":")
        article = session.exec(select(Article).where(Article.content_hash == digest)).first()
        if article is not None:
            ids = [
                f.id
                for f in session.exec(select(Figure).where(Figure.article_id == article.id))
                if anchor_of(f) == anchor
            ]
            session.execute(update(Figure).where(col(Figure.id).in_(ids)).values(rejected=False))
    # Links and actors are rebuilt from scratch; the remaining corrections are laid on again.
    relink(session)
    apply_corrections(session)
    return row


# --- the edit pages -------------------------------------------------------------------------


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
        corrections=_rows(
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
            _rows(corrections),
            sorted(corrections, key=lambda c: c.id or 0, reverse=True),
            strict=True,
        )
    ]
    return ActorEdit(actor=actor, aliases=aliases, splits=splits)
