"""Figure links in the database: every figure's topic set and the links written anew
(the linking itself is app/link/figures.py)."""

from __future__ import annotations

from sqlalchemy import delete, insert, update
from sqlalchemy import select as sa_select
from sqlmodel import Session, col, select

from app.link.figure_victims import read_victims
from app.link.figures import FigureRef, link_figures, mark_pieces, own_time
from app.link.rows import chunked
from app.models import Actor, ActorMention, Article, Figure, FigurePart, Link, Place


def relink_figures(session: Session) -> int:
    """Set every figure's topic and rewrite the figure links from scratch."""
    # A country counts as one whether the text names it or only its cities.
    countries = set(session.exec(select(Place.name).where(Place.kind == "country")))
    countries |= {c for c in session.exec(select(Place.country)) if c}
    # Plain rows, not ORM objects: a big corpus holds hundreds of thousands of figures.
    rows = session.execute(
        sa_select(
            col(Figure.id),
            col(Figure.article_id),
            col(Figure.measure),
            col(Figure.group),
            col(Figure.place),
            col(Figure.value),
            col(Figure.value_high),
            col(Figure.qualifier),
            col(Figure.ref_date),
            col(Figure.event),
            col(Figure.topic),
            col(Article.story_id),
            col(Article.date),
        )
        .join(Article, col(Article.id) == Figure.article_id)
        .where(col(Figure.rejected).is_(False))
    ).all()
    first_year: dict[int, int] = {}
    for *_figure, story_id, article_date in rows:
        if story_id is not None and article_date is not None:
            first_year[story_id] = min(first_year.get(story_id, 9999), article_date.year)
    refs = []
    topics = []
    for figure in rows:
        story_id, article_date = figure.story_id, figure.date
        ref = FigureRef(
            id=figure.id,
            article_id=figure.article_id,
            story_id=story_id,
            measure=figure.measure,
            group=own_time(figure.group, first_year.get(story_id or 0)),
            place=figure.place,
            value=figure.value,
            value_high=figure.value_high,
            qualifier=figure.qualifier,
            day=figure.ref_date or article_date,
            day_stated=figure.ref_date is not None,
            event=figure.event,
        )
        refs.append(ref)
        if figure.topic != ref.topic:
            topics.append({"id": figure.id, "topic": ref.topic})
    del rows
    refs = mark_pieces(refs, session.exec(select(FigurePart.figure_id, FigurePart.part_id)))
    if topics:
        session.execute(update(Figure), topics)
    session.execute(delete(Link).where(col(Link.kind) == "figure"))
    persons = session.execute(
        sa_select(col(ActorMention.article_id), col(ActorMention.text))
        .join(Actor, col(Actor.id) == ActorMention.actor_id)
        .where(col(Actor.kind) == "person")
    )
    victims = read_victims(
        persons, ((r.article_id, r.measure, r.group, r.value, r.event) for r in refs)
    )
    links = link_figures(refs, is_country=countries.__contains__, apart=victims.apart)
    link_rows = (
        {
            "kind": "figure",
            "a_id": k.a_id,
            "b_id": k.b_id,
            "relation": k.relation,
            "reason": k.reason,
            "score": 1.0,
            "rejected": False,
        }
        for k in links
    )
    for chunk in chunked(link_rows):
        session.execute(insert(Link), chunk)
    return len(links)
