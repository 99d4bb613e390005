"""Stories: the groups of articles about one event, with their most disputed figures."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from sqlmodel import Session, col, select

from app.models import Article, Figure, Story
from app.services.topics import TopicRow, group_topics, topic_context


@dataclass(frozen=True)
class StoryChoice:
    id: int
    label: str


def story_label(story: Story) -> str:
    return story.title.strip() or f"Story {story.id}"


def story_choices(session: Session) -> list[StoryChoice]:
    """Every story, for a filter's select box."""
    return [
        StoryChoice(s.id or 0, story_label(s))
        for s in session.exec(select(Story).order_by(col(Story.id)))
    ]


@dataclass
class StoryView:
    id: int | None  # None: the articles that belong to no story
    label: str
    articles: list[Article] = field(default_factory=list)
    disputed: list[TopicRow] = field(default_factory=list)
    series: list[TopicRow] = field(default_factory=list)  # counts that moved over the days
    others: list[TopicRow] = field(default_factory=list)  # other events the reports mention
    topics: int = 0

    @property
    def compare_ids(self) -> str:
        return ",".join(str(a.id) for a in self.articles[:4])

    @property
    def span(self) -> str:
        dates = sorted(a.date for a in self.articles if a.date)
        if not dates:
            return ""
        first, last = dates[0], dates[-1]
        return str(first) if first == last else f"{first} – {last}"


def list_stories(session: Session, *, disputed_per_story: int = 4) -> list[StoryView]:
    """Stories with their articles (oldest first), their really disputed topics (values that
    cannot both hold for one day), apart from them the counts that moved over the days, and
    the other events their reports mention.

    Five queries: stories, articles, figures with their articles, named parts, copies.
    """
    views: dict[int | None, StoryView] = {
        s.id: StoryView(s.id, story_label(s)) for s in session.exec(select(Story))
    }
    articles = session.exec(
        select(Article).order_by(col(Article.date).asc().nulls_last(), col(Article.id))
    ).all()
    for article in articles:
        view = views.get(article.story_id)
        if view is None:
            view = views.setdefault(article.story_id, StoryView(article.story_id, "No story"))
        view.articles.append(article)
    pairs = session.exec(
        select(Figure, Article)
        .join(Article, col(Article.id) == Figure.article_id)
        .where(col(Figure.rejected).is_(False), Figure.topic != "")
        .order_by(col(Figure.id))
    ).all()
    by_story: dict[int | None, list[tuple[Figure, Article]]] = defaultdict(list)
    for figure, article in pairs:
        by_story[article.story_id].append((figure, article))
    context = topic_context(session)
    for story_id, story_pairs in by_story.items():
        view = views.get(story_id)
        if view is None:
            continue
        rows = group_topics(story_pairs, context=context)
        own = [r for r in rows if not r.other_event]
        view.topics = len(own)
        view.disputed = [r for r in own if r.disputed][:disputed_per_story]
        view.series = [r for r in own if r.kind == "series"][:disputed_per_story]
        view.others = [r for r in rows if r.other_event]
    out = [v for v in views.values() if v.articles]
    # Biggest stories first; the articles of no story last.
    out.sort(key=lambda v: (v.id is None, -len(v.articles), v.id or 0))
    return out
