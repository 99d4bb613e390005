"""Exports as files: the rows of a kind, narrowed to what a page shows or to one story, topic
or actor, written as JSON Lines or CSV. `parallax export` and the /export/ downloads share it."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from sqlmodel import Session, col, select

from app.export import to_csv, to_jsonl
from app.models import Actor, ActorMention, Article, Figure
from app.services.articles import ArticleFilters, article_conditions
from app.services.exports import Rows, article_rows, figure_rows, link_rows
from app.services.topics import TopicFilters, figure_conditions

Row = dict[str, Any]

_LINK_SIDE = (
    "id",
    "article",
    "outlet",
    "reported_on",
    "text",
    "value",
    "value_high",
    "qualifier",
    "topic",
)

# The columns of each kind, in order: a CSV of an empty selection still has its header.
FIELDS: dict[str, tuple[str, ...]] = {
    "articles": (
        "source_file",
        "title",
        "outlet",
        "date",
        "date_basis",
        "url",
        "words",
        "story",
        "copy_of",
    ),
    "figures": (
        "id",
        "article",
        "outlet",
        "article_title",
        "article_date",
        "url",
        "text",
        "start",
        "end",
        "sentence",
        "value",
        "value_high",
        "qualifier",
        "measure",
        "group",
        "place",
        "source",
        "topic",
        "derived",
        "parts",
        "event",
        "event_reason",
        "status",
        "in_title",
        "figure_date",
        "reported_on",
        "added",
        "corrected",
        "matches",
        "relations",
    ),
    "links": (
        "id",
        *(f"a_{k}" for k in _LINK_SIDE),
        *(f"b_{k}" for k in _LINK_SIDE),
        "relation",
        "reason",
    ),
    "claims": ("id", "article", "text", "start", "end", "matches"),
    "actors": ("name", "kind", "aliases", "articles"),
    "places": ("name", "lat", "lon", "aliases", "articles"),
    "stories": ("id", "title", "articles"),
    "notes": (
        "id",
        "on",
        "article",
        "title",
        "quote",
        "start",
        "end",
        "claim_id",
        "text",
        "author",
        "created_at",
    ),
    "corrections": (
        "id",
        "on",
        "article",
        "target",
        "what",
        "field",
        "value",
        "author",
        "created_at",
        "undone_at",
        "undone_by",
    ),
}


def _for_csv(row: Row) -> Row:
    """A figure's relations as `id:relation` (their reasons are in the links export): a
    spreadsheet cell should not hold JSON."""
    if "relations" not in row:
        return row
    return {**row, "relations": [f"{r['id']}:{r['relation']}" for r in row["relations"]]}


def export_text(kind: str, rows: Rows, fmt: str) -> str:
    """The rows as a JSON Lines or CSV file."""
    if fmt == "jsonl":
        return to_jsonl(rows)
    return to_csv([_for_csv(r) for r in rows], fields=FIELDS[kind])


# -- a page's view ---------------------------------------------------------------------

VIEW_KINDS = ("articles", "figures", "links")


def view_rows(session: Session, kind: str, view: ArticleFilters | TopicFilters) -> Rows:
    """The rows behind what / (articles) or /figures (figures and their links) shows."""
    if kind == "articles" and isinstance(view, ArticleFilters):
        ids = select(Article.id).where(*article_conditions(session, filters=view))
        return article_rows(session, ids=ids)
    if kind in ("figures", "links") and isinstance(view, TopicFilters):
        ids = (
            select(Figure.id)
            .join(Article, col(Article.id) == Figure.article_id)
            .where(*figure_conditions(session, filters=view))
        )
        return figure_rows(session, ids=ids) if kind == "figures" else link_rows(session, ids=ids)
    raise ExportFilterError(f"{kind} cannot be filtered like a page (only {', '.join(VIEW_KINDS)})")


class ExportFilterError(ValueError):
    """A filter that does not apply to this kind of export."""


_FILTERS_BY_KIND = {
    "articles": {"story", "actor"},
    "figures": {"story", "topic", "actor"},
    "links": {"story", "topic"},
    "claims": {"story", "actor"},
    "actors": {"story", "actor"},
    "places": {"story"},
    "stories": {"story"},
}


def export_filters(kind: str) -> set[str]:
    return _FILTERS_BY_KIND.get(kind, set())


def filter_export_rows(
    session: Session,
    kind: str,
    rows: Rows,
    *,
    story: int | None = None,
    topic: str | None = None,
    actor: Actor | None = None,
) -> Rows:
    """Narrow the rows of `parallax export KIND` to one story, one topic or one actor."""
    given = {k for k, v in (("story", story), ("topic", topic), ("actor", actor)) if v}
    wrong = given - export_filters(kind)
    if wrong:
        allowed = ", ".join(sorted(export_filters(kind))) or "none"
        raise ExportFilterError(
            f"{kind} cannot be filtered by {', '.join(sorted(wrong))} "
            f"(filters for {kind}: {allowed})"
        )
    if story:
        files = set(session.exec(select(Article.source_file).where(Article.story_id == story)))
        if kind == "articles":
            rows = [r for r in rows if r["story"] == story]
        elif kind in ("figures", "claims"):
            rows = [r for r in rows if r["article"] in files]
        elif kind == "links":
            rows = [r for r in rows if r["a_article"] in files or r["b_article"] in files]
        elif kind in ("actors", "places"):
            rows = [r for r in rows if files.intersection(r["articles"])]
        elif kind == "stories":
            rows = [r for r in rows if r["id"] == story]
    if topic:
        rows = [r for r in rows if topic in (r.get("topic"), r.get("a_topic"), r.get("b_topic"))]
    if actor is not None:
        rows = _by_actor(session, kind, rows, actor)
    return rows


def _by_actor(session: Session, kind: str, rows: Rows, actor: Actor) -> Rows:
    if kind == "actors":
        return [r for r in rows if r["name"] == actor.name]
    if kind == "figures":
        ids = set(session.exec(select(Figure.id).where(Figure.source_actor_id == actor.id)))
        return [r for r in rows if r["id"] in ids]
    mentions = session.exec(
        select(ActorMention.article_id, ActorMention.start, ActorMention.end, Article.source_file)
        .join(Article, col(Article.id) == ActorMention.article_id)
        .where(ActorMention.actor_id == actor.id)
    ).all()
    files = {m[3] for m in mentions}
    if kind == "articles":
        return [r for r in rows if r["source_file"] in files]
    # claims: the statements in whose span the actor is named
    spans: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for _aid, start, end, source in mentions:
        spans[source].append((start, end))
    return [
        r
        for r in rows
        if any(r["start"] <= s and e <= r["end"] for s, e in spans.get(r["article"], []))
    ]
