"""The reader's corrections: record them, apply them, undo them (what the correction pages
show is in pages.py).

Every change is first written as a `Correction` (keys.py says by which keys)
and then made by `apply_corrections`, the same code that re-applies it after a
reprocess or a re-ingest — so what the page shows is what the next run will keep.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass

from sqlalchemy import delete
from sqlmodel import Session, col, select

from app.backend import one_linker_at_a_time
from app.ingest.metadata import stated_date
from app.models import Actor, ActorAlias, Article, Correction, Figure, FigurePart, Link, Statement
from app.services.corrections.apply import apply_corrections, set_article_field
from app.services.corrections.figures import FIGURE_FIELDS, restore_field
from app.services.corrections.keys import (
    ARTICLE_FIELDS,
    alias_target,
    anchor_of,
    article_target,
    claim_key,
    figure_target,
    link_target,
)


class CorrectionError(ValueError):
    """A correction that cannot be made, with a message for the reader."""


class NoSuchCorrection(CorrectionError):
    """A correction asked for by an id that names none."""


def record(
    session: Session,
    target: str,
    name: str,
    value: str | None,
    author: str = "",
    was: str | None = None,
) -> Correction:
    row = Correction(target=target, field=name, value=value, author=author.strip()[:100], was=was)
    session.add(row)
    session.flush()
    return row


# --- articles -------------------------------------------------------------------------------


@dataclass
class MetadataInput:
    title: str
    outlet: str
    date: str


def correct_article(
    session: Session, article: Article, given: MetadataInput, author: str = ""
) -> list[str]:
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
            date = stated_date(given.date, iso_only=True)
        except ValueError as exc:
            raise CorrectionError(f"The date {exc}.") from None
    target = article_target(article.content_hash)
    changed = []
    for name, new, old in (
        ("title", title, article.title),
        ("outlet", outlet or None, article.outlet),
        ("date", date.isoformat() if date else None, _iso(article.date)),
    ):
        if new != old:
            was = json.dumps([old, getattr(article, f"{name}_basis")])
            record(session, target, name, new, author, was)
            changed.append(name)
    if changed:
        apply_corrections(session)
    return changed


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None


def delete_article(session: Session, article: Article, author: str = "") -> None:
    record(session, article_target(article.content_hash), "deleted", "1", author)
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
        record(session, target, "deleted", "0")


# --- figures and links ----------------------------------------------------------------------


def _hash_of(session: Session, article_id: int) -> str:
    article = session.get(Article, article_id)
    if article is None:
        raise CorrectionError(f"no article with id {article_id}")
    return article.content_hash


def reject_figure(session: Session, figure: Figure, author: str = "") -> None:
    record(
        session,
        figure_target(_hash_of(session, figure.article_id), anchor_of(figure)),
        "rejected",
        "1",
        author,
    )
    apply_corrections(session)


def _claim_key_of(session: Session, kind: str, claim_id: int) -> str:
    row: Figure | Statement | None = (
        session.get(Figure, claim_id) if kind == "figure" else session.get(Statement, claim_id)
    )
    if row is None:
        raise CorrectionError(f"no {kind} with id {claim_id}")
    anchor = anchor_of(row)
    return claim_key(_hash_of(session, row.article_id), anchor)


def link_target_of(session: Session, link: Link) -> str:
    return link_target(
        link.kind,
        _claim_key_of(session, link.kind, link.a_id),
        _claim_key_of(session, link.kind, link.b_id),
    )


def reject_link(session: Session, link: Link, author: str = "") -> None:
    record(session, link_target_of(session, link), "rejected", "1", author)
    apply_corrections(session)


# --- actors ---------------------------------------------------------------------------------


def split_actor(session: Session, actor: Actor, alias: str, author: str = "") -> Actor | None:
    """Split one spelling off a merged actor; returns the new actor (None: nothing to split)."""
    aliases = list(session.exec(select(ActorAlias).where(ActorAlias.actor_id == actor.id)))
    match = [a for a in aliases if a.alias == alias]
    if not match:
        raise CorrectionError(f"{alias!r} is not a spelling of {actor.name}.")
    if len(aliases) < 2:
        raise CorrectionError(f"{actor.name} has only one spelling: there is nothing to split.")
    record(session, alias_target(alias), "split", alias, author)
    apply_corrections(session)
    moved = session.exec(select(ActorAlias).where(ActorAlias.alias == alias)).all()
    new_ids = [m.actor_id for m in moved if m.actor_id != actor.id]
    return session.get(Actor, new_ids[0]) if new_ids else None


# --- the list of corrections, and undo -------------------------------------------------------


def undo(session: Session, correction_id: int, author: str = "") -> Correction:
    """Take a correction back: the rows it changed are as if it had never been made, and it
    stays in the history as undone, by whom and when.

    A rejection or a split is taken back whole (every time it was made); a field of a
    figure goes back to the reader's earlier value, else to the extractor's."""
    row = session.get(Correction, correction_id)
    if row is None:
        raise NoSuchCorrection(f"no correction with id {correction_id}")
    if row.undone_at is not None:
        raise CorrectionError("That correction was undone already.")
    if not undoable(row):
        raise CorrectionError("A deletion is undone by adding the text again (Add articles).")
    live = session.exec(
        select(Correction).where(
            Correction.target == row.target,
            Correction.field == row.field,
            col(Correction.undone_at).is_(None),
        )
    ).all()
    whole = row.field in ("rejected", "split")
    if not whole and max(c.id or 0 for c in live) != row.id:
        raise CorrectionError("A later correction of the same field replaced it: undo that one.")
    # It changes figures and links again: it takes its turn with any linking first.
    one_linker_at_a_time(session)
    now = dt.datetime.now(dt.UTC)
    for c in live if whole else [row]:
        c.undone_at, c.undone_by = now, author.strip()[:100]
        session.add(c)
    session.flush()
    if row.target.startswith("figure:"):
        _undo_on_figures(session, row)
    elif row.target.startswith("article:"):
        _undo_on_article(session, row)
    # Links and actors are rebuilt from scratch; the remaining corrections are laid on again.
    from app.link.relink import relink  # the linking libraries, loaded by the rare undo only

    relink(session)
    apply_corrections(session)
    return row


def undoable(c: Correction) -> bool:
    return c.target.startswith(("figure:", "link:", "alias:")) or c.field in ARTICLE_FIELDS


def _undo_on_article(session: Session, row: Correction) -> None:
    """Back to the reader's earlier value of the field, else to the one read from the text."""
    digest = row.target.removeprefix("article:")
    article = session.exec(select(Article).where(Article.content_hash == digest)).first()
    history = session.exec(
        select(Correction)
        .where(Correction.target == row.target, Correction.field == row.field)
        .order_by(col(Correction.id))
    ).all()
    if article is None or any(c.undone_at is None for c in history):
        return  # an earlier correction holds: apply_corrections lays it on again
    first = history[0]
    if first.was is None:
        raise CorrectionError(
            "This correction was made before the earlier value was kept: correct the field again."
        )
    value, basis = json.loads(first.was)
    set_article_field(session, article, row.field, value, basis)
    session.flush()


def _undo_on_figures(session: Session, row: Correction) -> None:
    digest, _, anchor = row.target.removeprefix("figure:").partition(":")
    article = session.exec(select(Article).where(Article.content_hash == digest)).first()
    if article is None:
        return
    figures = [
        f
        for f in session.exec(select(Figure).where(Figure.article_id == article.id))
        if anchor_of(f) == anchor
    ]
    for f in figures:
        if row.field == "rejected":
            f.rejected = False
        elif row.field == "added" and f.added:
            session.delete(f)
            continue
        elif row.field == "added":
            # The program finds the figure by now: the addition only set its fields.
            for name in FIGURE_FIELDS:
                restore_field(f, name)
        elif row.field == "part_of":
            session.execute(
                delete(FigurePart).where(
                    col(FigurePart.part_id) == f.id, col(FigurePart.by_reader).is_(True)
                )
            )
        else:
            restore_field(f, row.field)
        session.add(f)
    session.flush()


# --- the edit pages -------------------------------------------------------------------------
