"""The reader's corrections: stored by keys that survive re-ingest, applied again after every run.

Rows of the extraction are rebuilt by `parallax reprocess` and links by every relink, so a
correction never names a row id. It names what stays the same:

- `article:<content_hash>`: fields `title`, `outlet`, `date` (the reader's value) and
  `deleted` (`1`, or `0` once lifted);
- `figure:<content_hash>:<start>`: field `rejected` (`1`);
- `link:<kind>:<key a>|<key b>` (keys sorted): field `rejected` (`1`);
- `alias:<alias, case-folded>`: field `split`, value the alias as the reader saw it;

where a figure's or statement's key is `<content_hash>:<start>` of its article's text. A
figure read from the title or derived from others is anchored apart (`title-<start>`,
`derived-<measure>-<start>`): its start is not a place in the body, or is shared.
A deleted article stays deleted when the same text is ingested again: deleting is the
reader's decision about that text, and `make run` re-ingests the seeds on every start.
Adding the text again through the reader's own form (`/add`) lifts the deletion.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from sqlalchemy import delete, update
from sqlmodel import Session, col, select

from app.link.actors import slugify
from app.link.relink import relink
from app.models import Actor, ActorAlias, ActorMention, Article, Correction, Figure, Link, Statement

ARTICLE_FIELDS = ("title", "outlet", "date")


def article_target(content_hash: str) -> str:
    return f"article:{content_hash}"


def claim_key(content_hash: str, start: int | str) -> str:
    """A figure or statement, by its article's text and where it starts in it."""
    return f"{content_hash}:{start}"


def figure_anchor(
    start: int, *, in_title: bool = False, derived: bool = False, measure: str = ""
) -> str:
    """Where a figure stands: its start in the body, else what sets it apart from body figures."""
    if derived:
        return f"derived-{measure}-{start}" + ("-title" if in_title else "")
    return f"title-{start}" if in_title else str(start)


def anchor_of(claim: Figure | Statement) -> str:
    """The anchor of a figure or a statement in its article (a statement: its start)."""
    if isinstance(claim, Statement):
        return str(claim.start)
    return figure_anchor(
        claim.start, in_title=claim.in_title, derived=claim.derived, measure=claim.measure
    )


def figure_target(content_hash: str, start: int | str) -> str:
    return f"figure:{claim_key(content_hash, start)}"


def link_target(kind: str, key_a: str, key_b: str) -> str:
    first, second = sorted((key_a, key_b))
    return f"link:{kind}:{first}|{second}"


def alias_target(alias: str) -> str:
    return f"alias:{alias.casefold()}"


def latest(session: Session) -> dict[tuple[str, str], str | None]:
    """The reader's last word on each (target, field); earlier rows stay as the history."""
    out: dict[tuple[str, str], str | None] = {}
    for c in session.exec(select(Correction).order_by(col(Correction.id))):
        out[(c.target, c.field)] = c.value
    return out


@dataclass
class Applied:
    deleted: list[str] = field(default_factory=list)  # source files of deleted articles
    changed: int = 0  # rows changed by this run


def apply_corrections(session: Session) -> Applied:
    """Bring the database in line with every stored correction; relinks when needed."""
    wanted = latest(session)
    applied = Applied()
    if not wanted:
        return applied
    needs_relink = _apply_articles(session, wanted, applied)
    needs_relink |= _apply_figures(session, wanted, applied)
    if needs_relink:
        session.flush()
        relink(session)
    _apply_links(session, wanted, applied)
    _apply_splits(session, wanted, applied)
    session.flush()
    return applied


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
            delete_article(session, article.id)
            applied.deleted.append(article.source_file)
            applied.changed += 1
            changed = True
            continue
        for name in ARTICLE_FIELDS:
            if name not in fields:
                continue
            new = _article_value(name, fields[name])
            if getattr(article, name) != new or getattr(article, f"{name}_basis") != "corrected":
                if name == "title" and article.title != new:
                    # Title figures point into the old title; reprocess reads the new one.
                    session.execute(
                        delete(Figure).where(
                            col(Figure.article_id) == article.id, col(Figure.in_title)
                        )
                    )
                setattr(article, name, new)
                setattr(article, f"{name}_basis", "corrected")
                session.add(article)
                applied.changed += 1
                changed = True  # titles and dates shape stories and earlier/later relations
    return changed


def _article_value(name: str, value: str | None) -> object:
    if name == "date":
        return dt.date.fromisoformat(value) if value else None
    if name == "title":
        return value or ""
    return value or None


def delete_article(session: Session, article_id: int) -> None:
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


def _claim_ids(
    session: Session, model: type[Figure] | type[Statement], keys: set[str]
) -> dict[str, int]:
    """Keys `<hash>:<start>` of figures or statements → their current row ids."""
    hashes = {k.split(":", 1)[0] for k in keys}
    if not hashes:
        return {}
    rows = session.exec(
        select(model, col(Article.content_hash))
        .join(Article, col(Article.id) == col(model.article_id))
        .where(col(Article.content_hash).in_(hashes))
    )
    out: dict[str, int] = {}
    for claim, digest in rows:
        row: Figure | Statement = claim  # type: ignore[assignment]  # select(model) of a union
        anchor = anchor_of(row)
        key = claim_key(digest, anchor)
        if key in keys and row.id is not None:
            out.setdefault(key, row.id)
    return out


def _apply_figures(
    session: Session, wanted: dict[tuple[str, str], str | None], applied: Applied
) -> bool:
    keys = {
        target.removeprefix("figure:")
        for (target, name), value in wanted.items()
        if target.startswith("figure:") and name == "rejected" and value == "1"
    }
    ids = _claim_ids(session, Figure, keys)
    if not ids:
        return False
    result = session.execute(
        update(Figure)
        .where(col(Figure.id).in_(ids.values()), col(Figure.rejected).is_(False))
        .values(rejected=True)
    )
    count = int(getattr(result, "rowcount", 0) or 0)
    applied.changed += count
    return count > 0


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
        ids = _claim_ids(session, model, {k for pair in pairs[kind] for k in pair})
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


def split_alias(session: Session, alias: str) -> Actor | None:
    """Give one spelling of a merged actor its own actor, with the mentions in that spelling.

    Nothing happens when the spelling is the actor's only one (there is nothing to split).
    """
    folded = alias.casefold()
    rows = [
        r
        for r in session.exec(select(ActorAlias).where(ActorAlias.alias == alias))
        if r.alias.casefold() == folded
    ] or [
        r
        for r in session.exec(select(ActorAlias))
        if r.alias.casefold() == folded  # a different letter case than the one recorded
    ]
    for row in rows:
        old = session.get(Actor, row.actor_id)
        siblings = [
            a.alias
            for a in session.exec(select(ActorAlias).where(ActorAlias.actor_id == row.actor_id))
            if a.alias.casefold() != folded
        ]
        if old is None or not siblings:
            continue
        assert old.id is not None
        new = Actor(name=row.alias, slug=_free_slug(session, row.alias), kind=old.kind)
        session.add(new)
        session.flush()
        assert new.id is not None
        row.actor_id = new.id
        session.add(row)
        for mention in session.exec(select(ActorMention).where(ActorMention.actor_id == old.id)):
            if mention.text.casefold() == folded:
                mention.actor_id = new.id
                session.add(mention)
        if old.name.casefold() == folded:
            old.name = max(siblings, key=len)  # the fullest spelling left names it
            session.add(old)
        for figure in session.exec(select(Figure).where(Figure.source_actor_id == old.id)):
            source = figure.source.casefold()
            if folded in source and not any(s.casefold() in source for s in siblings):
                figure.source_actor_id = new.id
                session.add(figure)
        session.flush()
        return new
    return None


def _free_slug(session: Session, name: str) -> str:
    base = slug = slugify(name)
    n = 2
    while session.exec(select(Actor.id).where(Actor.slug == slug)).first() is not None:
        slug, n = f"{base}-{n}", n + 1
    return slug
