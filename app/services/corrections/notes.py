"""A reader's notes on articles, figures and statements: kept by the keys corrections use, so a
note stays on its words through reprocess and re-ingest, listed on /notes and exported."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import ColumnElement, and_, or_
from sqlmodel import Session, col, select

from app.models import Article, Figure, Note, Statement
from app.services.corrections.figures import claim_ids
from app.services.corrections.keys import anchor_of, article_target, claim_key
from app.services.corrections.record import CorrectionError

NOTE_KINDS = ("article", "figure", "statement")
MAX_NOTE_CHARS = 5000


@dataclass
class NoteRow:
    note: Note
    kind: str  # article | figure | statement
    article: Article | None  # None when the text is no longer stored
    claim: Figure | Statement | None  # the figure or statement now at its key, if any

    @property
    def quote(self) -> str:
        if self.claim is not None:
            return self.claim.text
        return self.article.title if self.article is not None else ""

    @property
    def href(self) -> str:
        if self.claim is not None:
            kind = "figures" if isinstance(self.claim, Figure) else "statements"
            return f"/{kind}/{self.claim.id}"
        return f"/articles/{self.article.id}" if self.article is not None else "/notes"


def _claim(session: Session, kind: str, claim_id: int) -> tuple[Article, Figure | Statement]:
    row: Figure | Statement | None = (
        session.get(Figure, claim_id) if kind == "figure" else session.get(Statement, claim_id)
    )
    article = session.get(Article, row.article_id) if row is not None else None
    if row is None or article is None:
        raise CorrectionError(f"no {kind} with id {claim_id}")
    return article, row


def target_of(session: Session, kind: str, item_id: int) -> tuple[str, Article]:
    """The key a note on this article, figure or statement is kept by, and its article."""
    if kind == "article":
        article = session.get(Article, item_id)
        if article is None:
            raise CorrectionError(f"no article with id {item_id}")
        return article_target(article.content_hash), article
    if kind not in NOTE_KINDS:
        raise CorrectionError("A note is on an article, a figure or a statement.")
    article, claim = _claim(session, kind, item_id)
    return f"{kind}:{claim_key(article.content_hash, anchor_of(claim))}", article


def add_note(session: Session, kind: str, item_id: int, text: str, author: str = "") -> Note:
    text = text.strip().replace("\r\n", "\n")
    if not text:
        raise CorrectionError("Write the note first.")
    if len(text) > MAX_NOTE_CHARS:
        raise CorrectionError(f"A note has at most {MAX_NOTE_CHARS:,} characters.")
    target, _article = target_of(session, kind, item_id)
    note = Note(target=target, text=text, author=" ".join(author.split())[:100])
    session.add(note)
    session.flush()
    return note


def set_deleted(session: Session, note_id: int, deleted: bool) -> Note:
    """Delete a note, or bring back one deleted: a deleted note is kept so it can be."""
    note = session.get(Note, note_id)
    if note is None:
        raise CorrectionError(f"no note with id {note_id}")
    note.deleted_at = dt.datetime.now(dt.UTC) if deleted else None
    session.add(note)
    session.flush()
    return note


def _on_article(content_hash: str) -> ColumnElement[bool]:
    """The notes on an article and its claims, as ranges of the target index (a `LIKE` on the
    hash would read every note there is for each article page)."""
    target = col(Note.target)
    ranges = [
        and_(target >= f"{kind}:{content_hash}:", target < f"{kind}:{content_hash};")
        for kind in ("figure", "statement")
    ]
    return or_(target == article_target(content_hash), *ranges)


def note_rows(
    session: Session,
    *,
    content_hash: str | None = None,
    target: str | None = None,
    deleted: bool = False,
) -> list[NoteRow]:
    """The notes, newest first: all of them, those on one article (by its text's hash) and its
    claims, or those on one target."""
    query = select(Note).where(
        col(Note.deleted_at).is_not(None) if deleted else col(Note.deleted_at).is_(None)
    )
    if content_hash is not None:
        query = query.where(_on_article(content_hash))
    if target is not None:
        query = query.where(col(Note.target) == target)
    notes = list(session.exec(query.order_by(col(Note.id).desc())))
    if not notes:
        return []
    hashes = {n.target.split(":")[1] for n in notes}
    articles = {
        a.content_hash: a
        for a in session.exec(select(Article).where(col(Article.content_hash).in_(hashes)))
    }
    keys: dict[str, set[str]] = {"figure": set(), "statement": set()}
    for n in notes:
        kind, _, key = n.target.partition(":")
        if kind in keys:
            keys[kind].add(key)
    ids = {
        kind: claim_ids(session, Figure if kind == "figure" else Statement, wanted)
        for kind, wanted in keys.items()
    }
    out = []
    for n in notes:
        kind, _, key = n.target.partition(":")
        claim: Figure | Statement | None = None
        if kind == "figure" and key in ids[kind]:
            claim = session.get(Figure, ids[kind][key])
        elif kind == "statement" and key in ids[kind]:
            claim = session.get(Statement, ids[kind][key])
        out.append(NoteRow(n, kind, articles.get(key.split(":")[0]), claim))
    return out


def article_notes(session: Session, article_id: int) -> list[NoteRow]:
    """The notes on an article and on its figures and statements."""
    found = session.exec(select(Article.content_hash).where(col(Article.id) == article_id))
    content_hash = found.first()  # not the article's row: its body makes it large
    return note_rows(session, content_hash=content_hash) if content_hash is not None else []


def claim_notes(session: Session, kind: str, item_id: int) -> list[NoteRow]:
    """The notes on one figure or statement."""
    model = Figure if kind == "figure" else Statement
    found = session.exec(
        select(model, col(Article.content_hash))
        .join(Article, col(Article.id) == col(model.article_id))
        .where(col(model.id) == item_id)
    ).first()
    if found is None:
        return []
    claim: Figure | Statement = found[0]  # type: ignore[assignment]  # select(model) of a union
    return note_rows(session, target=f"{kind}:{claim_key(found[1], anchor_of(claim))}")
