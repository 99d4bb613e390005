"""Notes: a reader's remarks on an article, a figure or a statement, listed on /notes.
Every POST carries the CSRF token and answers with a redirect (POST, redirect, GET)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Form, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, Response
from sqlmodel import Session

from app.models import Article, Figure, Statement
from app.services.corrections.notes import (
    MAX_NOTE_CHARS,
    NOTE_KINDS,
    add_note,
    note_rows,
    set_deleted,
    target_of,
)
from app.services.corrections.record import CorrectionError
from app.web.csrf import require_csrf
from app.web.deps import ID_PATTERN, IdParam, IdPath, SessionDep, parse_int_param
from app.web.forms import author_of, back_to, form_page, remember_author, see, with_done

router = APIRouter()
Checked = [Depends(require_csrf)]

DONE = {
    "added": "Note saved. It stays on its words through re-ingest and reprocess.",
    "deleted": "Note deleted. It is kept below under “Deleted notes” and can be restored.",
    "restored": "Note restored.",
}


@router.get("/notes", response_class=HTMLResponse)
def notes(request: Request, session: SessionDep, article: IdParam = "") -> HTMLResponse:
    """Every note, newest first, or the notes on one article (`?article=`)."""
    article_id = parse_int_param("article", article)
    chosen = session.get(Article, article_id) if article_id is not None else None
    if article_id is not None and chosen is None:
        raise HTTPException(404, f"no article with id {article_id}")
    on = chosen.content_hash if chosen is not None else None
    context = {
        "rows": note_rows(session, content_hash=on),
        "deleted": note_rows(session, content_hash=on, deleted=True),
        "chosen": chosen,
        "nav": "notes",
    }
    return form_page(request, "notes.html", context, messages=DONE)


def _about(session: Session, on: str, item_id: int) -> dict[str, Any]:
    """What a new note is about, for its form: the article, and the claim's words."""
    try:
        _target, article = target_of(session, on, item_id)
    except CorrectionError as exc:
        raise HTTPException(404, str(exc)) from None
    claim = (
        session.get(Figure if on == "figure" else Statement, item_id) if on != "article" else None
    )
    return {"on": on, "item_id": item_id, "article": article, "claim": claim}


@router.get("/notes/new", response_class=HTMLResponse)
def new_note(
    request: Request,
    session: SessionDep,
    id: Annotated[
        str,
        Query(
            description="The article, figure or statement the note is on.",
            json_schema_extra={"pattern": ID_PATTERN.replace(")?$", ")$")},
        ),
    ],
    on: Annotated[str, Query(json_schema_extra={"enum": list(NOTE_KINDS)})] = "article",
) -> HTMLResponse:
    if on not in NOTE_KINDS:
        raise HTTPException(400, f"on must be one of {', '.join(NOTE_KINDS)}")
    item_id = parse_int_param("id", id)
    if item_id is None:
        raise HTTPException(400, "id is required: the article, figure or statement the note is on")
    context = {**_about(session, on, item_id), "text": "", "error": None}
    context["limit"] = MAX_NOTE_CHARS
    return form_page(request, "note_new.html", context)


@router.post("/notes", dependencies=Checked, response_model=None)
def save_note(
    request: Request,
    session: SessionDep,
    on: Annotated[str, Form()] = "article",
    id: Annotated[str, Form()] = "",
    text: Annotated[str, Form()] = "",
    author: Annotated[str, Form()] = "",
) -> Response:
    item_id = int(id) if id.isdigit() else 0
    try:
        note = add_note(session, on, item_id, text, author_of(request, author))
    except CorrectionError as exc:
        session.rollback()
        context = {**_about(session, on, item_id), "text": text, "error": str(exc)}
        context["limit"] = MAX_NOTE_CHARS
        return form_page(request, "note_new.html", context, status_code=400)
    session.commit()
    return remember_author(see(f"/notes?done=added#note-{note.id}"), author)


def _toggle(session: Session, note_id: int, deleted: bool) -> None:
    try:
        set_deleted(session, note_id, deleted)
    except CorrectionError as exc:
        raise HTTPException(404, str(exc)) from None
    session.commit()


@router.post("/notes/{note_id}/delete", dependencies=Checked)
def delete_note(
    note_id: IdPath, session: SessionDep, back: Annotated[str, Form()] = ""
) -> Response:
    _toggle(session, note_id, True)
    return see(with_done(back_to(back, "/notes"), "deleted"))


@router.post("/notes/{note_id}/restore", dependencies=Checked)
def restore_note(
    note_id: IdPath, session: SessionDep, back: Annotated[str, Form()] = ""
) -> Response:
    _toggle(session, note_id, False)
    return see(with_done(back_to(back, "/notes") + f"#note-{note_id}", "restored"))
