"""Laying the reader's corrections over what extraction and linking produced.

Runs after every ingest, every `parallax reprocess` and every correction made in the reader,
so what the reader decided is kept whatever the extractor finds next time (the keys are in
keys.py). A deleted article stays deleted when the same text is ingested again: deleting is
the reader's decision about that text, and `make run` re-ingests the seeds on every start.
Adding the text again through the reader's own form (`/add`) lifts the deletion.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from sqlalchemy import delete, update
from sqlmodel import Session, col, select

from app.models import Article, Correction, Figure, Link, Statement
from app.services.corrections.actors import split_alias
from app.services.corrections.figures import apply_figures, claim_ids
from app.services.corrections.keys import ARTICLE_FIELDS
from app.services.summaries import refresh_actors, refresh_if_stale


def latest(session: Session) -> dict[tuple[str, str], str | None]:
    """The reader's last word on each (target, field); earlier rows stay as the history."""
    out: dict[tuple[str, str], str | None] = {}
    live = select(Correction).where(col(Correction.undone_at).is_(None))
    for c in session.exec(live.order_by(col(Correction.id))):
        out[(c.target, c.field)] = c.value
    return out


@dataclass
class Applied:
    deleted: list[str] = field(default_factory=list)  # source files of deleted articles
    changed: int = 0  # rows changed by this run
    split: int = 0  # spellings split off their actors by this run


def apply_corrections(session: Session) -> Applied:
    """Bring the database in line with every stored correction; relinks when needed. Every
    relink is followed by this, so the pages' summaries are made again here when the links
    changed (by the caller or by the corrections), before the transaction ends."""
    applied = Applied()
    _apply(session, latest(session), applied)
    if not refresh_if_stale(session) and applied.split:
        refresh_actors(session)  # a spelling split off without a relink: a new actor
    return applied


def _apply(session: Session, wanted: dict[tuple[str, str], str | None], applied: Applied) -> None:
    if not wanted:
        return
    needs_relink = _apply_articles(session, wanted, applied)
    figures = apply_figures(session, wanted)
    applied.changed += figures
    needs_relink |= figures > 0
    if needs_relink:
        # The linking libraries (numpy, scikit-learn, datasketch) are loaded here, by the
        # rare correction that needs them, not by every process of the reader.
        from app.link.relink import relink

        session.flush()
        relink(session)
    _apply_links(session, wanted, applied)
    _apply_splits(session, wanted, applied)
    session.flush()


def _by_hash(session: Session, hashes: set[str]) -> dict[str, Article]:
    if not hashes:
        return {}
    rows = session.exec(select(Article).where(col(Article.content_hash).in_(hashes)))
    return {a.content_hash: a for a in rows}


def _apply_articles(
    session: Session, wanted: dict[tuple[str, str], str | None], applied: Applied
) -> bool:
    per_hash: dict[str, dict[str, str | None]] = defaultdict(dict)
    for (target, name), value in wanted.items():
        if target.startswith("article:"):
            per_hash[target.removeprefix("article:")][name] = value
    changed = False
    for digest, article in _by_hash(session, set(per_hash)).items():
        fields = per_hash[digest]
        assert article.id is not None
        if fields.get("deleted") == "1":
            remove_article_rows(session, article.id)
            applied.deleted.append(article.source_file)
            applied.changed += 1
            changed = True
            continue
        for name in ARTICLE_FIELDS:
            if name not in fields:
                continue
            if set_article_field(session, article, name, fields[name], "corrected"):
                applied.changed += 1
                changed = True  # titles and dates shape stories and earlier/later relations
    return changed


def set_article_field(
    session: Session, article: Article, name: str, value: str | None, basis: str
) -> bool:
    """One of an article's title, outlet or date, with the basis it has; True if it changed."""
    new = _article_value(name, value)
    if getattr(article, name) == new and getattr(article, f"{name}_basis") == basis:
        return False
    if name == "title" and article.title != new:
        # Title figures point into the old title; reprocess reads the new one.
        session.execute(
            delete(Figure).where(col(Figure.article_id) == article.id, col(Figure.in_title))
        )
    setattr(article, name, new)
    setattr(article, f"{name}_basis", basis)
    session.add(article)
    return True


def _article_value(name: str, value: str | None) -> object:
    if name == "date":
        return dt.date.fromisoformat(value) if value else None
    if name == "title":
        return value or ""
    return value or None


def remove_article_rows(session: Session, article_id: int) -> None:
    """An article and everything found in it; links from other articles to it go too."""
    for kind, model in (("figure", Figure), ("statement", Statement)):
        ids = select(col(model.id)).where(col(model.article_id) == article_id)
        session.execute(
            delete(Link).where(
                col(Link.kind) == kind, col(Link.a_id).in_(ids) | col(Link.b_id).in_(ids)
            )
        )
    # The rest follows by ON DELETE CASCADE (foreign keys are on in every connection).
    session.execute(delete(Article).where(col(Article.id) == article_id))


def _apply_links(
    session: Session, wanted: dict[tuple[str, str], str | None], applied: Applied
) -> None:
    pairs: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for (target, name), value in wanted.items():
        if target.startswith("link:") and name == "rejected" and value == "1":
            kind, _, keys = target.removeprefix("link:").partition(":")
            key_a, _, key_b = keys.partition("|")
            pairs[kind].append((key_a, key_b))
    for kind, model in (("figure", Figure), ("statement", Statement)):
        if not pairs.get(kind):
            continue
        ids = claim_ids(session, model, {k for pair in pairs[kind] for k in pair})
        for key_a, key_b in pairs[kind]:
            if key_a not in ids or key_b not in ids:
                continue
            a, b = ids[key_a], ids[key_b]
            result = session.execute(
                update(Link)
                .where(
                    col(Link.kind) == kind,
                    ((col(Link.a_id) == a) & (col(Link.b_id) == b))
                    | ((col(Link.a_id) == b) & (col(Link.b_id) == a)),
                    col(Link.rejected).is_(False),
                )
                .values(rejected=True)
            )
            applied.changed += int(getattr(result, "rowcount", 0) or 0)


def _apply_splits(
    session: Session, wanted: dict[tuple[str, str], str | None], applied: Applied
) -> None:
    for (target, name), value in wanted.items():
        if (
            target.startswith("alias:")
            and name == "split"
            and value
            and split_alias(session, value)
        ):
            applied.changed += 1
            applied.split += 1
