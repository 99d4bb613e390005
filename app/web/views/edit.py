"""The reader has the last word: correct an article, correct or reject its figures, add one the
program missed, reject links, split an actor, delete an article. Every POST carries the CSRF
token.

Each change is stored as a correction first (app/services/corrections) and answered
with a redirect to the page that shows it (POST, redirect, GET), so a reload never posts
twice. Messages after a redirect come from a fixed list, never from the query string.
"""

from __future__ import annotations

import contextlib
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Form, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlmodel import select

from app.models import Actor, Article, Figure, Link, Statement
from app.services.corrections.figure_edits import (
    FigureInput,
    add_figure,
    correct_figure,
    missed_figure,
)
from app.services.corrections.pages import actor_edit, article_edit
from app.services.corrections.record import (
    CorrectionError,
    MetadataInput,
    NoSuchCorrection,
    correct_article,
    delete_article,
    reject_figure,
    reject_link,
    split_actor,
    undo,
)
from app.web.csrf import require_csrf
from app.web.deps import IdPath, SessionDep
from app.web.forms import author_of, back_to, form_page, remember_author, see

router = APIRouter()
Checked = [Depends(require_csrf)]

DONE = {
    "saved": "Saved. The corrected fields are kept through re-ingest and reprocess.",
    "unchanged": "Nothing to save: the fields were as they are.",
    "figure": "Figure rejected: it is no longer shown, linked or exported.",
    "link": "Link rejected: the two claims are no longer shown as matching.",
    "split": "Spelling split off into an actor of its own.",
    "undone": "Undone: the links and actors were rebuilt without that correction.",
    "corrected": "Figure corrected: it is shown, linked and exported as you set it, and kept "
    "through re-ingest and reprocess.",
    "same": "Nothing to save: the figure was as you set it.",
}


def _page(
    request: Request, template: str, context: dict[str, Any], *, status_code: int = 200
) -> HTMLResponse:
    return form_page(request, template, context, messages=DONE, status_code=status_code)


def _figure_form(
    value: Annotated[str, Form()] = "",
    measure: Annotated[str, Form()] = "other",
    group: Annotated[str, Form()] = "",
    place: Annotated[str, Form()] = "",
    source: Annotated[str, Form()] = "",
    event: Annotated[str, Form()] = "this",
) -> FigureInput:
    """The fields of a figure's form, as corrected or added."""
    return FigureInput(value, measure, group, place, source, event)


FigureForm = Annotated[FigureInput, Depends(_figure_form)]


def _article(session: SessionDep, article_id: int) -> Article:
    article = session.get(Article, article_id)
    if article is None:
        raise HTTPException(404, f"no article with id {article_id}")
    return article


# --- one article ----------------------------------------------------------------------------


def _edit_context(
    session: SessionDep, article_id: int, typed: dict[int, FigureInput] | None = None
) -> dict[str, Any]:
    view = article_edit(session, article_id, typed)
    if view is None:
        raise HTTPException(404, f"no article with id {article_id}")
    a = view.article
    return {
        "view": view,
        "form": {"title": a.title, "outlet": a.outlet or "", "date": a.date or ""},
        "error": None,
    }


@router.get("/articles/{article_id}/edit", response_class=HTMLResponse)
def edit_article(request: Request, article_id: IdPath, session: SessionDep) -> HTMLResponse:
    return _page(request, "edit_article.html", _edit_context(session, article_id))


@router.post("/articles/{article_id}/edit", dependencies=Checked, response_model=None)
def save_article(
    request: Request,
    article_id: IdPath,
    session: SessionDep,
    title: Annotated[str, Form()] = "",
    outlet: Annotated[str, Form()] = "",
    date: Annotated[str, Form()] = "",
) -> Response:
    article = _article(session, article_id)
    given = MetadataInput(title=title, outlet=outlet, date=date)
    try:
        changed = correct_article(session, article, given, author_of(request))
    except CorrectionError as exc:
        session.rollback()
        context = _edit_context(session, article_id)
        context["form"] = {"title": title, "outlet": outlet, "date": date}
        context["error"] = str(exc)
        return _page(request, "edit_article.html", context, status_code=400)
    session.commit()
    return see(f"/articles/{article_id}/edit?done={'saved' if changed else 'unchanged'}")


@router.post("/articles/{article_id}/delete", dependencies=Checked)
def remove_article(
    request: Request, article_id: IdPath, session: SessionDep, confirm: Annotated[str, Form()] = ""
) -> RedirectResponse:
    article = _article(session, article_id)
    if confirm != "yes":
        raise HTTPException(400, "Tick “Yes, delete this article” to delete it.")
    delete_article(session, article, author_of(request))
    session.commit()
    return see("/add?done=deleted")


@router.post("/figures/{figure_id}/reject", dependencies=Checked)
def reject_one_figure(
    request: Request, figure_id: IdPath, session: SessionDep, back: Annotated[str, Form()] = ""
) -> RedirectResponse:
    figure = session.get(Figure, figure_id)
    if figure is None:
        raise HTTPException(404, f"no figure with id {figure_id}")
    article_id = figure.article_id
    reject_figure(session, figure, author_of(request))
    session.commit()
    return see(back_to(back, f"/articles/{article_id}/edit") + "?done=figure")


@router.post("/figures/{figure_id}/correct", dependencies=Checked, response_model=None)
def correct_one_figure(
    request: Request,
    figure_id: IdPath,
    session: SessionDep,
    given: FigureForm,
    part_of: Annotated[str, Form()] = "",
    author: Annotated[str, Form()] = "",
) -> Response:
    figure = session.get(Figure, figure_id)
    if figure is None:
        raise HTTPException(404, f"no figure with id {figure_id}")
    article_id = figure.article_id
    whole = int(part_of) if part_of.isdigit() else None
    try:
        changed = correct_figure(
            session, figure, given, part_of=whole, author=author_of(request, author)
        )
    except CorrectionError as exc:
        session.rollback()
        context = _edit_context(session, article_id, {figure_id: given})
        context["error"] = str(exc)
        return _page(request, "edit_article.html", context, status_code=400)
    session.commit()
    done = "corrected" if changed else "same"
    return remember_author(see(f"/articles/{article_id}/edit?done={done}#fig-{figure_id}"), author)


@router.get("/articles/{article_id}/figures/new", response_class=HTMLResponse)
def new_figure(
    request: Request,
    article_id: IdPath,
    session: SessionDep,
    start: str = "",
    end: str = "",
    quote: str = "",
) -> HTMLResponse:
    """The form for a figure the program missed: from words selected in the article (their
    offsets and text), or from the words typed in the form's own field."""
    article = _article(session, article_id)
    form, error = None, None
    if quote.strip():
        try:
            form = missed_figure(session, article, _offset(start), _offset(end), quote)
        except CorrectionError as exc:
            error = str(exc)
    context = {"article": article, "form": form, "quote": quote, "error": error}
    return form_page(
        request,
        "add_figure.html",
        context,
        fragment="partials/_add_figure.html",
    )


def _offset(value: str) -> int | None:
    return int(value) if value.strip().isdigit() else None


@router.post("/articles/{article_id}/figures/add", dependencies=Checked, response_model=None)
def add_missed_figure(
    request: Request,
    article_id: IdPath,
    session: SessionDep,
    given: FigureForm,
    start: Annotated[str, Form()] = "",
    end: Annotated[str, Form()] = "",
    author: Annotated[str, Form()] = "",
) -> Response:
    article = _article(session, article_id)
    begin, stop = _offset(start), _offset(end)
    try:
        if begin is None or stop is None:
            raise CorrectionError("Select the words of the figure in the article's text.")
        figure = add_figure(session, article, begin, stop, given, author_of(request, author))
    except CorrectionError as exc:
        session.rollback()
        words = article.body[begin:stop] if begin is not None and stop is not None else ""
        form = None
        if words:
            with contextlib.suppress(CorrectionError):
                form = missed_figure(session, article, begin, stop, words)
        if form is not None:
            form.guess = given
        context = {"article": article, "form": form, "quote": words, "error": str(exc)}
        return form_page(request, "add_figure.html", context, status_code=400)
    session.commit()
    return remember_author(see(f"/articles/{article_id}#fig-{figure.id}"), author)


@router.post("/links/{link_id}/reject", dependencies=Checked)
def reject_one_link(
    request: Request, link_id: IdPath, session: SessionDep, back: Annotated[str, Form()] = ""
) -> RedirectResponse:
    link = session.get(Link, link_id)
    if link is None:
        raise HTTPException(404, f"no link with id {link_id}")
    claim: Figure | Statement | None = (
        session.get(Figure, link.a_id)
        if link.kind == "figure"
        else session.get(Statement, link.a_id)
    )
    default = f"/articles/{claim.article_id}/edit" if claim is not None else "/"
    try:
        reject_link(session, link, author_of(request))
    except CorrectionError as exc:
        raise HTTPException(404, str(exc)) from None
    session.commit()
    return see(back_to(back, default) + "?done=link")


@router.post("/corrections/{correction_id}/undo", dependencies=Checked)
def undo_correction(
    request: Request, correction_id: IdPath, session: SessionDep, back: Annotated[str, Form()] = ""
) -> RedirectResponse:
    try:
        undo(session, correction_id, author_of(request))
    except NoSuchCorrection as exc:
        raise HTTPException(404, str(exc)) from None
    except CorrectionError as exc:
        raise HTTPException(400, str(exc)) from None
    session.commit()
    return see(back_to(back, "/") + "?done=undone")


# --- actors ---------------------------------------------------------------------------------


@router.get("/actors/{slug}/edit", response_class=HTMLResponse)
def edit_actor(request: Request, slug: str, session: SessionDep) -> HTMLResponse:
    view = actor_edit(session, slug)
    if view is None:
        raise HTTPException(404, f"no actor {slug!r}")
    return _page(request, "edit_actor.html", {"view": view, "error": None})


@router.post("/actors/{slug}/split", dependencies=Checked, response_model=None)
def split(
    request: Request, slug: str, session: SessionDep, alias: Annotated[str, Form()] = ""
) -> Response:
    actor = session.exec(select(Actor).where(Actor.slug == slug)).first()
    if actor is None:
        raise HTTPException(404, f"no actor {slug!r}")
    try:
        split_actor(session, actor, alias, author_of(request))
    except CorrectionError as exc:
        session.rollback()
        view = actor_edit(session, slug)
        return _page(request, "edit_actor.html", {"view": view, "error": str(exc)}, status_code=400)
    session.commit()
    return see(f"/actors/{slug}/edit?done=split")
