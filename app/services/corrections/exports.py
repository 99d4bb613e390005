"""`parallax export notes` and `parallax export corrections`: what readers wrote and decided,
with who and when (the figures export shows the corrected figures themselves)."""

from __future__ import annotations

import json
from typing import Any

from sqlmodel import Session, col, select

from app.models import Article, Correction
from app.services.corrections.notes import note_rows
from app.services.corrections.pages import label

Rows = list[dict[str, Any]]


def _when(value: Any) -> str | None:
    return value.isoformat(timespec="seconds") if value is not None else None


def note_export_rows(session: Session) -> list[dict[str, Any]]:
    """`parallax export notes`: one row a note, oldest first."""
    rows = []
    for r in reversed(note_rows(session)):
        claim = r.claim
        rows.append(
            {
                "id": r.note.id,
                "on": r.kind,
                "article": r.article.source_file if r.article is not None else None,
                "title": r.article.title if r.article is not None else None,
                "quote": r.quote if r.kind != "article" else None,
                "start": claim.start if claim is not None else None,
                "end": claim.end if claim is not None else None,
                "claim_id": claim.id if claim is not None else None,
                "text": r.note.text,
                "author": r.note.author,
                "created_at": _when(r.note.created_at),
            }
        )
    return rows


def correction_export_rows(session: Session) -> Rows:
    """One row a correction, undone ones included (they say when and by whom)."""
    articles = {a.content_hash: a.source_file for a in session.exec(select(Article))}
    rows = []
    for c in session.exec(select(Correction).order_by(col(Correction.id))):
        kind, _, key = c.target.partition(":")
        digest = key.split(":")[0] if kind in ("article", "figure") else ""
        value: Any = c.value
        if c.field == "added" and c.value:
            value = json.loads(c.value).get("text")
        rows.append(
            {
                "id": c.id,
                "on": kind,
                "article": articles.get(digest),
                "target": c.target,
                "what": label(c),
                "field": c.field,
                "value": value,
                "author": c.author,
                "created_at": _when(c.created_at),
                "undone_at": _when(c.undone_at),
                "undone_by": c.undone_by or None,
            }
        )
    return rows
