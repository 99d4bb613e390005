"""Figure links in the database: every figure's topic set and the links written anew
(the linking itself is app/link/figures.py)."""

from __future__ import annotations

from sqlalchemy import delete, update
from sqlalchemy import select as sa_select
from sqlmodel import Session, col, select

from app.extract.figure_lexicon import HARM_MEASURES
from app.link.figure_undated import GROWN, Common
from app.link.figure_victims import Victims
from app.link.figures import FigureRef, iter_figure_links, mark_pieces, own_time
from app.link.rows import insert_plain
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
    dated: set[int] = set()
    for figure in rows:
        story_id, article_date = figure.story_id, figure.date
        if article_date is not None:
            dated.add(figure.article_id)
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
    victims = Victims()
    undated_stories = {r.story_id for r in refs if r.article_id not in dated}
    common = Common(
        dated=dated,
        places=frozenset(n.lower() for n in session.exec(select(Place.name))),
        among={r.article_id for r in refs if r.story_id in undated_stories},
        other_victim=lambda a, b: victims.unnamed_in(a, b) or victims.unnamed_in(b, a),
    )
    common.follows = _sequels(session, common.among or set())
    persons = session.execute(
        sa_select(col(ActorMention.article_id), col(ActorMention.text), col(Actor.name))
        .join(Actor, col(Actor.id) == ActorMention.actor_id)
        .where(col(Actor.kind) == "person")
    )
    for article_id, said, name in persons:
        victims.add_person(article_id, said)
        # The person as merged across articles: "Dvorski" in one report, "Dvorsky" in another.
        common.add_person(article_id, name)
    # Counts after persons: a victim's count is read against the names its article gives.
    for r in refs:
        victims.add_count(r.article_id, r.measure, r.group, r.value, r.event)
        common.add_count(r.article_id, r.measure, r.group, r.value, r.value_high, r.event)
    links = iter_figure_links(
        refs,
        is_country=countries.__contains__,
        apart=lambda a, b: victims.apart(a, b) or common.apart(a, b),
    )
    columns = ("kind", "a_id", "b_id", "relation", "reason", "score", "rejected")
    return insert_plain(
        session,
        "link",
        columns,
        (("figure", k.a_id, k.b_id, k.relation, k.reason, 1.0, False) for k in links),
    )


def _sequels(session: Session, among: set[int]) -> set[int]:
    """The undated articles among `among` whose sentence of a toll says the toll rose."""
    out: set[int] = set()
    rows = session.execute(
        sa_select(
            col(Figure.article_id),
            col(Figure.sentence_start),
            col(Figure.sentence_end),
            col(Figure.in_title),
            col(Article.body),
            col(Article.title),
        )
        .join(Article, col(Article.id) == Figure.article_id)
        .where(
            col(Article.date).is_(None),
            col(Figure.measure).in_(HARM_MEASURES),
            col(Figure.event) == "this",
            col(Figure.rejected).is_(False),
        )
    )
    for article_id, start, end, in_title, body, title in rows:
        if article_id in among and GROWN.search((title if in_title else body)[start:end]):
            out.add(article_id)
    return out
