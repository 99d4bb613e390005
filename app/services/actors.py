"""Actors: the people and organisations the articles name, with every spelling merged."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from sqlalchemy import func
from sqlmodel import Session, and_, col, select

from app.link.actors import slugify
from app.models import (
    Actor,
    ActorAlias,
    ActorMention,
    ActorSummary,
    Article,
    Figure,
    Statement,
)
from app.services.articles import Page
from app.services.distinct import distinct_values
from app.services.labels import label_of
from app.services.topics import show_value


@dataclass(frozen=True)
class ActorRow:
    actor: Actor
    spellings: int
    articles: int
    mentions: int


def actor_counts(session: Session) -> list[ActorRow]:
    """Every actor with its counts, most widely named first: what the list of actors shows,
    worked out over every mention (app/services/summaries.py stores it)."""
    spellings = (
        select(ActorAlias.actor_id, func.count().label("n"))
        .group_by(col(ActorAlias.actor_id))
        .subquery()
    )
    named = (
        select(
            ActorMention.actor_id,
            func.count(func.distinct(ActorMention.article_id)).label("articles"),
            func.count().label("mentions"),
        )
        .group_by(col(ActorMention.actor_id))
        .subquery()
    )
    query = (
        select(
            Actor,
            func.coalesce(spellings.c.n, 0),
            func.coalesce(named.c.articles, 0),
            func.coalesce(named.c.mentions, 0),
        )
        .outerjoin(spellings, spellings.c.actor_id == Actor.id)
        .outerjoin(named, named.c.actor_id == Actor.id)
        .order_by(
            func.coalesce(named.c.articles, 0).desc(),
            func.coalesce(named.c.mentions, 0).desc(),
            func.lower(Actor.name),
            col(Actor.id),
        )
    )
    return [ActorRow(a, int(s), int(n), int(m)) for a, s, n, m in session.exec(query)]


def list_actors(
    session: Session, *, kind: str | None = None, page: int = 1, size: int = 50
) -> Page:
    """A page of actors with their counts, most widely named first, from the stored list: a
    range of its ranks (among all, or among the actors of one kind)."""
    start = (page - 1) * size
    if kind:
        rank = col(ActorSummary.kind_rank)
        terms = [ActorSummary.kind == kind]
    else:
        rank = col(ActorSummary.rank)
        terms = []
    last = session.exec(select(func.max(rank)).where(*terms)).one()
    query = (
        select(Actor, ActorSummary)
        .join(Actor, col(Actor.id) == ActorSummary.actor_id)
        .where(*terms, rank >= start)
        .order_by(rank)
        .limit(size)
    )
    items = [ActorRow(a, s.spellings, s.articles, s.mentions) for a, s in session.exec(query)]
    return Page(items=items, total=0 if last is None else last + 1, page=page, size=size)


def actor_kinds(session: Session) -> list[str]:
    return distinct_values(session, "actorsummary", "kind")


def canonical_slug(session: Session, *, slug: str) -> str | None:
    """The slug of the actor that one of whose spellings slugifies to this, if any.

    An actor is reached by any of its spellings (`/actors/<slug of a variant>`); when several
    actors share the spelling, the most often named one wins.
    """
    wanted = slugify(slug)
    owners = {
        alias.actor_id
        for alias in session.exec(select(ActorAlias))
        if slugify(alias.alias) == wanted
    }
    if not owners:
        return None
    counts = dict(
        session.exec(
            select(ActorMention.actor_id, func.count())
            .where(col(ActorMention.actor_id).in_(owners))
            .group_by(col(ActorMention.actor_id))
        ).all()
    )
    best = min(owners, key=lambda i: (-counts.get(i, 0), i))
    actor = session.get(Actor, best)
    return actor.slug if actor else None


@dataclass(frozen=True)
class ActorArticle:
    article: Article
    mentions: int
    spellings: list[str]

    @property
    def label(self) -> str:
        return label_of(self.article)


@dataclass(frozen=True)
class Segment:
    text: str
    marked: bool


@dataclass(frozen=True)
class ActorStatement:
    statement: Statement
    article: Article
    segments: list[Segment]  # the statement's text with the actor's mentions marked

    @property
    def label(self) -> str:
        return label_of(self.article)


@dataclass(frozen=True)
class ActorFigure:
    figure: Figure
    article: Article

    @property
    def shown(self) -> str:
        f = self.figure
        return show_value(f.value, f.value_high, f.qualifier)

    @property
    def label(self) -> str:
        return label_of(self.article)


@dataclass(frozen=True)
class ActorView:
    actor: Actor
    aliases: list[str]
    articles: list[ActorArticle]
    statements: list[ActorStatement]
    figures: list[ActorFigure]


def mark_spans(text: str, offset: int, spans: list[tuple[int, int]]) -> list[Segment]:
    """Cut text (which starts at `offset` in its article) into plain and marked pieces."""
    out: list[Segment] = []
    pos = 0
    for start, end in sorted(spans):
        a, b = max(start - offset, pos), min(end - offset, len(text))
        if a >= b:
            continue
        if a > pos:
            out.append(Segment(text[pos:a], False))
        out.append(Segment(text[a:b], True))
        pos = b
    if pos < len(text):
        out.append(Segment(text[pos:], False))
    return out


def get_actor(session: Session, *, slug: str) -> ActorView | None:
    """One actor with its spellings, articles, statements and figures: five queries."""
    actor = session.exec(select(Actor).where(Actor.slug == slug)).first()
    if actor is None:
        return None
    aliases = sorted(
        set(session.exec(select(ActorAlias.alias).where(ActorAlias.actor_id == actor.id)))
        | {actor.name},
        key=str.lower,
    )
    mentions = session.exec(
        select(ActorMention, Article)
        .join(Article, col(Article.id) == ActorMention.article_id)
        .where(ActorMention.actor_id == actor.id)
        .order_by(col(Article.date).asc().nulls_last(), col(Article.id), col(ActorMention.start))
    ).all()
    per_article: dict[int, list[ActorMention]] = defaultdict(list)
    article_of: dict[int, Article] = {}
    for mention, article in mentions:
        per_article[mention.article_id].append(mention)
        article_of[mention.article_id] = article
    articles = [
        ActorArticle(article_of[aid], len(ms), sorted({m.text for m in ms}, key=str.lower))
        for aid, ms in per_article.items()
    ]
    # A statement is about the actor when its span holds one of the actor's mentions.
    pairs = session.exec(
        select(Statement, ActorMention)
        .join(
            ActorMention,
            and_(
                ActorMention.article_id == Statement.article_id,
                col(ActorMention.start) >= Statement.start,
                col(ActorMention.end) <= Statement.end,
            ),
        )
        .where(ActorMention.actor_id == actor.id)
        .order_by(col(Statement.article_id), col(Statement.start))
    ).all()
    spans: dict[int, list[tuple[int, int]]] = defaultdict(list)
    statement_of: dict[int, Statement] = {}
    for statement, mention in pairs:
        statement_of[statement.id or 0] = statement
        spans[statement.id or 0].append((mention.start, mention.end))
    statements = [
        ActorStatement(s, article_of[s.article_id], mark_spans(s.text, s.start, spans[sid]))
        for sid, s in statement_of.items()
        if s.article_id in article_of
    ]
    figures = [
        ActorFigure(f, a)
        for f, a in session.exec(
            select(Figure, Article)
            .join(Article, col(Article.id) == Figure.article_id)
            .where(Figure.source_actor_id == actor.id, col(Figure.rejected).is_(False))
            .order_by(col(Figure.measure), col(Article.date).asc().nulls_last(), col(Figure.id))
        )
    ]
    return ActorView(actor, aliases, articles, statements, figures)
