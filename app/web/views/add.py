"""Adding articles through the reader: upload files or paste a text. The same pipeline as
`parallax ingest`; a text the reader deleted before comes back when added here."""

from __future__ import annotations

import contextlib
import re
import tempfile
from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, Depends, File, Form, Request, UploadFile
from fastapi.responses import HTMLResponse
from sqlmodel import select
from starlette.concurrency import run_in_threadpool

from app.ingest.errors import IngestError
from app.ingest.readers import HTML_SUFFIXES, JSONL_SUFFIXES, read_path
from app.ingest.store import content_hash
from app.models import Article
from app.services.corrections.record import lift_deletions
from app.web.csrf import require_csrf
from app.web.deps import SessionDep, SettingsDep
from app.web.forms import form_page

router = APIRouter()
Checked = [Depends(require_csrf)]

DONE = {
    "deleted": "Article deleted, with its figures, statements and links. Ingesting the same "
    "text again does not bring it back; adding it here does.",
}


def _page(
    request: Request, template: str, context: dict[str, Any], *, status_code: int = 200
) -> HTMLResponse:
    return form_page(request, template, context, messages=DONE, status_code=status_code)


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


def _disk_name(n: int, name: str) -> str:
    """The file an upload is written to: a number, and the suffix that picks its reader. The
    name the reader gave never reaches the file system."""
    suffix = Path(name).suffix.lower()
    return f"{n:04d}{suffix if suffix in HTML_SUFFIXES | JSONL_SUFFIXES else '.txt'}"


def _ingest_folder(
    request: Request,
    session: SessionDep,
    settings: SettingsDep,
    names: dict[Path, str],
    errors: list[str],
) -> HTMLResponse:
    """Ingest the files written (`names`: each file and the name it was given) with the same
    pipeline as `parallax ingest`."""
    files = sorted(names)
    hashes: set[str] = set()
    for path in files:
        with contextlib.suppress(IngestError):  # ingest reports it below, with its reason
            hashes.update(content_hash(raw.body) for raw in read_path(path))
    if hashes:
        lift_deletions(session, hashes)  # adding a text here brings back one deleted before
        session.commit()
    # The whole pipeline (spaCy and the linking libraries) is loaded by the first upload,
    # not by every process of the reader.
    from app.pipeline import ingest_paths

    report = ingest_paths([str(p) for p in files], settings)

    def shown(name: str) -> str:
        # A JSON Lines file's articles are `path#n`.
        path, hash_, line = name.partition("#")
        return names.get(Path(path), path) + hash_ + line

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
    results: list[dict[str, object]] = []
    for path in files:
        try:
            raws = read_path(path)
        except IngestError:
            # Read well, but another article of their file failed: none of them is stored.
            held = [n for n in report.held_back if n.partition("#")[0] == str(path)]
            results += [{"name": shown(n), "status": "not loaded"} for n in held]
            continue
        for raw in raws:
            article = by_hash.get(content_hash(raw.body))
            status = "added" if raw.source_file in report.added else "already stored"
            results.append({"name": shown(raw.source_file), "status": status, "article": article})
    errors = errors + [f"{shown(e.path)}: {e.reason}" for e in report.failed]
    loaded = any(r["status"] != "not loaded" for r in results)
    status_code = 200 if loaded or not errors else 400
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
        names: dict[Path, str] = {}
        for n, upload_file in enumerate(chosen, start=1):
            name = _file_name(upload_file.filename, set(names.values()), "upload.txt")
            data = await upload_file.read(settings.max_file_bytes + 1)
            if len(data) > settings.max_file_bytes:
                errors.append(f"{name}: over the size limit of {settings.max_file_bytes:,} bytes")
                continue
            path = Path(tmp) / _disk_name(n, name)
            path.write_bytes(data)
            names[path] = name
        return await run_in_threadpool(_ingest_folder, request, session, settings, names, errors)


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
        name = _file_name(
            (re.sub(r"\W+", "-", title.lower()).strip("-")[:60] or "pasted") + ".txt",
            set(),
            "pasted.txt",
        )
        path = Path(tmp) / _disk_name(1, ".txt")
        path.write_text(body, encoding="utf-8")
        response = _ingest_folder(request, session, settings, {path: name}, [])
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
