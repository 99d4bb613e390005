"""Extraction results into the tables, per article; cleared again before a reprocess."""

from __future__ import annotations

from sqlalchemy import delete, or_
from sqlmodel import Session, col, select

from app.bulk import insert_rows
from app.extract.run import Extraction
from app.models import (
    Article,
    DateMention,
    EntityMention,
    Figure,
    FigurePart,
    Link,
    Place,
    PlaceAlias,
    PlaceMention,
    Statement,
)

PER_ARTICLE = (Figure, Statement, EntityMention, PlaceMention, DateMention)


def clear_extraction(session: Session, article_id: int) -> None:
    # A link names its claims by id, with no reference the database follows: the links of
    # the claims cleared go with them, or they would point at ids that later rows reuse.
    for kind, claim in (("figure", Figure), ("statement", Statement)):
        ids = select(claim.id).where(claim.article_id == article_id)
        session.execute(
            delete(Link).where(
                col(Link.kind) == kind, or_(col(Link.a_id).in_(ids), col(Link.b_id).in_(ids))
            )
        )
    for model in PER_ARTICLE:
        session.execute(delete(model).where(model.article_id == article_id))  # type: ignore[arg-type]


def _place_ids(session: Session, extraction: Extraction) -> dict[str, int]:
    """Canonical place name → row id, adding places and spellings not seen before (one read
    of the places and one of their spellings for the whole article)."""
    if not extraction.places:
        return {}
    names = sorted({found.name for found in extraction.places})
    ids = {
        name: pid
        for name, pid in session.exec(
            select(Place.name, Place.id).where(col(Place.name).in_(names))
        )
        if pid is not None
    }
    for found in extraction.places:
        if found.name in ids:
            continue  # stored already, or named twice in one extraction
        place = Place(
            name=found.name, kind=found.kind, country=found.country, lat=found.lat, lon=found.lon
        )
        session.add(place)
        session.flush()
        assert place.id is not None
        ids[found.name] = place.id
    known = set(
        session.exec(
            select(PlaceAlias.place_id, PlaceAlias.alias).where(
                col(PlaceAlias.place_id).in_(sorted(ids.values()))
            )
        )
    )
    wanted = {
        (ids[found.name], alias)
        for found in extraction.places
        for alias in found.aliases | {found.name}
    }
    insert_rows(
        session,
        PlaceAlias,
        [{"place_id": pid, "alias": alias} for pid, alias in sorted(wanted - known)],
    )
    return ids


def save_extraction(session: Session, article: Article, extraction: Extraction) -> None:
    assert article.id is not None
    aid = article.id
    _save_figures(session, aid, extraction)
    insert_rows(
        session,
        Statement,
        [
            dict(article_id=aid, start=s.start, end=s.end, text=s.text)
            for s in extraction.statements
        ],
    )
    insert_rows(
        session,
        EntityMention,
        [
            dict(article_id=aid, start=m.start, end=m.end, text=m.text, key=m.key, kind=m.kind)
            for m in extraction.actors
        ],
    )
    place_ids = _place_ids(session, extraction)
    insert_rows(
        session,
        PlaceMention,
        [
            dict(
                place_id=place_ids[m.key],
                article_id=aid,
                start=m.start,
                end=m.end,
                text=m.text,
                in_title=m.in_title,
            )
            for m in extraction.place_mentions
            if m.key in place_ids
        ],
    )
    insert_rows(
        session,
        DateMention,
        [
            dict(
                article_id=aid, start=d.start, end=d.end, text=d.text, value=d.value, basis=d.basis
            )
            for d in extraction.dates
        ],
    )


def _save_figures(session: Session, article_id: int, extraction: Extraction) -> None:
    """The figures, then their parts: `parts` are indices into the same list, stored as ids."""
    rows = [
        dict(
            article_id=article_id,
            start=f.start,
            end=f.end,
            text=f.text,
            sentence_start=f.sentence_start,
            sentence_end=f.sentence_end,
            value=f.value,
            value_high=f.value_high,
            qualifier=f.qualifier,
            measure=f.measure,
            group=f.group,
            place=f.place,
            source=f.source,
            ref_date=f.ref_date,
            derived=f.derived,
            event=f.event,
            event_reason=f.event_reason,
            status=f.status,
            in_title=f.in_title,
        )
        for f in extraction.figures
    ]
    if not any(f.parts for f in extraction.figures):
        insert_rows(session, Figure, rows)
        return
    ids = insert_rows(session, Figure, rows, ids=True)
    pairs: set[tuple[int, int]] = set()
    for i, found in enumerate(extraction.figures):
        for k in found.parts:
            # An index out of the list, or the figure itself, is the extractor's slip: skipped.
            if 0 <= k < len(ids) and k != i:
                pairs.add((ids[i], ids[k]))
    insert_rows(session, FigurePart, [{"figure_id": a, "part_id": b} for a, b in sorted(pairs)])
