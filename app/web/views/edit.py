"""The reader has the last word: correct an article, reject figures and links, split an actor,
add articles by upload or paste, delete one. Every POST carries the CSRF token.

Each change is stored as a correction first (app/services/corrections) and answered
with a redirect to the page that shows it (POST, redirect, GET), so a reload never posts
twice. Messages after a redirect come from a fixed list, never from the query string.
"""

from __future__ import annotations

import contextlib
import re
import tempfile
from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, Depends, File, Form, HTTPException, Request, UploadFile
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlmodel import select
from starlette.concurrency import run_in_threadpool

from app.ingest.errors import IngestError
from app.ingest.readers import read_path
from app.ingest.store import content_hash
from app.models import Actor, Article, Figure, Link, Statement
from app.pipeline import ingest_paths
from app.services.corrections.pages import actor_edit, article_edit
from app.services.corrections.record import (
    CorrectionError,
    MetadataInput,
    correct_article,
    delete_article,
    lift_deletions,
    reject_figure,
    reject_link,
    split_actor,
    undo,
)
from app.web.csrf import csrf_token, require_csrf, set_csrf_cookie
from app.web.deps import SessionDep, SettingsDep
from app.web.templating import render

router = APIRouter()
Checked = [Depends(require_csrf)]

DONE = {
    "saved": "Saved. The corrected fields are kept through re-ingest and reprocess.",
    "unchanged": "Nothing to save: the fields were as they are.",
    "figure": "Figure rejected: it is no longer shown, linked or exported.",
    "link": "Link rejected: the two claims are no longer shown as matching.",
    "split": "Spelling split off into an actor of its own.",
    "undone": "Undone: the links and actors were rebuilt without that correction.",
    "deleted": "Article deleted, with its figures, statements and links. Ingesting the same "
    "text again does not bring it back; adding it here does.",
}


def _page(
    request: Request, template: str, context: dict[str, Any], *, status_code: int = 200
) -> HTMLResponse:
    """A page with forms: the CSRF token in the context and in the cookie."""
    token = csrf_token(request)
    done = request.query_params.get("done", "")
    context = {**context, "csrf_token": token, "done": DONE.get(done)}
    response = render(request, template, None, context, status_code=status_code)
    set_csrf_cookie(request, response, token)
    response.headers["Cache-Control"] = "no-store"
    return response


def _back(request_path: str | None, default: str) -> str:
    """Only a path on this site: a form must not redirect the reader elsewhere."""
    if request_path and request_path.startswith("/") and not request_path.startswith("//"):
        return request_path
    return default


def _see(url: str) -> RedirectResponse:
    return RedirectResponse(url, status_code=303)


def _article(session: SessionDep, article_id: int) -> Article:
    article = session.get(Article, article_id)
    if article is None:
        raise HTTPException(404, f"no article with id {article_id}")
    return article


# --- one article ----------------------------------------------------------------------------


def _edit_context(session: SessionDep, article_id: int) -> dict[str, Any]:
    view = article_edit(session, article_id)
    if view is None:
        raise HTTPException(404, f"no article with id {article_id}")
    a = view.article
    return {
        "view": view,
        "form": {"title": a.title, "outlet": a.outlet or "", "date": a.date or ""},
        "error": None,
    }


@router.get("/articles/{article_id}/edit", response_class=HTMLResponse)
def edit_article(request: Request, article_id: int, session: SessionDep) -> HTMLResponse:
    return _page(request, "edit_article.html", _edit_context(session, article_id))


@router.post("/articles/{article_id}/edit", dependencies=Checked, response_model=None)
def save_article(
    request: Request,
    article_id: int,
    session: SessionDep,
    title: Annotated[str, Form()] = "",
    outlet: Annotated[str, Form()] = "",
    date: Annotated[str, Form()] = "",
) -> Response:
    article = _article(session, article_id)
    given = MetadataInput(title=title, outlet=outlet, date=date)
    try:
        changed = correct_article(session, article, given)
    except CorrectionError as exc:
        session.rollback()
        context = _edit_context(session, article_id)
        context["form"] = {"title": title, "outlet": outlet, "date": date}
        context["error"] = str(exc)
        return _page(request, "edit_article.html", context, status_code=400)
    session.commit()
    return _see(f"/articles/{article_id}/edit?done={'saved' if changed else 'unchanged'}")


@router.post("/articles/{article_id}/delete", dependencies=Checked)
def remove_article(
    article_id: int, session: SessionDep, confirm: Annotated[str, Form()] = ""
) -> RedirectResponse:
    article = _article(session, article_id)
    if confirm != "yes":
        raise HTTPException(400, "Tick “Yes, delete this article” to delete it.")
    delete_article(session, article)
    session.commit()
    return _see("/add?done=deleted")


@router.post("/figures/{figure_id}/reject", dependencies=Checked)
def reject_one_figure(
    figure_id: int, session: SessionDep, back: Annotated[str, Form()] = ""
) -> RedirectResponse:
    figure = session.get(Figure, figure_id)
    if figure is None:
        raise HTTPException(404, f"no figure with id {figure_id}")
    article_id = figure.article_id
    reject_figure(session, figure)
    session.commit()
    return _see(_back(back, f"/articles/{article_id}/edit") + "?done=figure")


@router.post("/links/{link_id}/reject", dependencies=Checked)
def reject_one_link(
    link_id: int, session: SessionDep, back: Annotated[str, Form()] = ""
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
        reject_link(session, link)
    except CorrectionError as exc:
        raise HTTPException(404, str(exc)) from None
    session.commit()
    return _see(_back(back, default) + "?done=link")


@router.post("/corrections/{correction_id}/undo", dependencies=Checked)
def undo_correction(
    correction_id: int, session: SessionDep, back: Annotated[str, Form()] = ""
) -> RedirectResponse:
    try:
        undo(session, correction_id)
    except CorrectionError as exc:
        raise HTTPException(400, str(exc)) from None
    session.commit()
    return _see(_back(back, "/") + "?done=undone")


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
        split_actor(session, actor, alias)
    except CorrectionError as exc:
        session.rollback()
        view = actor_edit(session, slug)
        return _page(request, "edit_actor.html", {"view": view, "error": str(exc)}, status_code=400)
    session.commit()
    return _see(f"/actors/{slug}/edit?done=split")


# --- adding articles ------------------------------------------------------------------------


@router.get("/add", response_class=HTMLResponse)
def add_form(request: Request) -> HTMLResponse:
    return _page(request, "add.html", _add_context())


def _add_context(**extra: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "results": None,
        "errors": [],
        "paste": {"title": "", "outlet": "", "date": "", "text": ""},
    }
    return {**base, **extra}


_UNSAFE = re.compile(r"[^\w.\-]+")


def _file_name(given: str | None, taken: set[str], default: str) -> str:
    """The upload's own base name, made safe as a file name and unique in the folder."""
    name = _UNSAFE.sub("_", Path(given or "").name).strip("._") or default
    stem, suffix = Path(name).stem[:80] or "upload", Path(name).suffix[:10]
    name, n = f"{stem}{suffix}", 2
    while name in taken:
        name, n = f"{stem}-{n}{suffix}", n + 1
    taken.add(name)
    return name


def _ingest_folder(
    request: Request, session: SessionDep, settings: SettingsDep, folder: Path, errors: list[str]
) -> HTMLResponse:
    """Ingest every file in the folder with the same pipeline as `parallax ingest`."""
    files = sorted(p for p in folder.iterdir() if p.is_file())
    hashes: set[str] = set()
    for path in files:
        with contextlib.suppress(IngestError):  # ingest reports it below, with its reason
            hashes.update(content_hash(raw.body) for raw in read_path(path))
    if hashes:
        lift_deletions(session, hashes)  # adding a text here brings back one deleted before
        session.commit()
    report = ingest_paths([str(p) for p in files], settings)
    prefix = str(folder) + "/"

    def shown(name: str) -> str:
        return name.removeprefix(prefix)

    for name in report.added:
        # The article keeps the name it was uploaded under, not the temporary folder's path.
        session.exec(select(Article).where(Article.source_file == name)).one().source_file = shown(
            name
        )
    session.commit()
    by_hash = {
        a.content_hash: a
        for a in session.exec(select(Article).where(Article.content_hash.in_(hashes)))  # type: ignore[attr-defined]
    }
    results = []
    for path in files:
        try:
            raws = read_path(path)
        except IngestError:
            continue
        for raw in raws:
            article = by_hash.get(content_hash(raw.body))
            status = "added" if raw.source_file in report.added else "already stored"
            results.append({"name": shown(raw.source_file), "status": status, "article": article})
    errors = errors + [f"{shown(e.path)}: {e.reason}" for e in report.failed]
    status_code = 200 if results or not errors else 400
    return _page(
        request,
        "add.html",
        _add_context(results=results, errors=errors),
        status_code=status_code,
    )


@router.post("/add/upload", dependencies=Checked, response_class=HTMLResponse)
async def upload(
    request: Request,
    session: SessionDep,
    settings: SettingsDep,
    files: Annotated[list[UploadFile], File()] = [],  # noqa: B006  (FastAPI reads it, never mutated)
) -> HTMLResponse:
    chosen = [f for f in files if f.filename]
    if not chosen:
        return _page(
            request,
            "add.html",
            _add_context(errors=["Choose one or more files to upload."]),
            status_code=400,
        )
    errors: list[str] = []
    with tempfile.TemporaryDirectory(prefix="parallax-upload-") as tmp:
        folder = Path(tmp)
        taken: set[str] = set()
        for upload_file in chosen:
            name = _file_name(upload_file.filename, taken, "upload.txt")
            data = await upload_file.read(settings.max_file_bytes + 1)
            if len(data) > settings.max_file_bytes:
                errors.append(f"{name}: over the size limit of {settings.max_file_bytes:,} bytes")
                continue
            (folder / name).write_bytes(data)
        return await run_in_threadpool(_ingest_folder, request, session, settings, folder, errors)


@router.post("/add/paste", dependencies=Checked, response_class=HTMLResponse)
def paste(
    request: Request,
    session: SessionDep,
    settings: SettingsDep,
    title: Annotated[str, Form()] = "",
    outlet: Annotated[str, Form()] = "",
    date: Annotated[str, Form()] = "",
    text: Annotated[str, Form()] = "",
) -> HTMLResponse:
    given = {"title": title, "outlet": outlet, "date": date, "text": text}
    if not text.strip():
        return _page(
            request,
            "add.html",
            _add_context(errors=["Paste the text of the article."], paste=given),
            status_code=400,
        )
    # The header block of SPEC.md's second input format: one line a key, then an empty line.
    header = [
        f"{key}: {' '.join(value.split())}"
        for key, value in (("title", title), ("outlet", outlet), ("date", date))
        if value.strip()
    ]
    body = "\n".join(header) + ("\n\n" if header else "") + text.replace("\r\n", "\n")
    with tempfile.TemporaryDirectory(prefix="parallax-paste-") as tmp:
        folder = Path(tmp)
        name = _file_name(
            (re.sub(r"\W+", "-", title.lower()).strip("-")[:60] or "pasted") + ".txt",
            set(),
            "pasted.txt",
        )
        (folder / name).write_text(body, encoding="utf-8")
        response = _ingest_folder(request, session, settings, folder, [])
    if response.status_code != 200:
        # Keep what the reader typed so a wrong date can be fixed without pasting again.
        return _page(
            request,
            "add.html",
            _add_context(errors=_errors_of(response), paste=given),
            status_code=400,
        )
    return response


def _errors_of(response: HTMLResponse) -> list[str]:
    context = getattr(response, "context", {}) or {}
    errors: list[str] = context.get("errors", [])
    return errors
