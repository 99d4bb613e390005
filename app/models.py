"""The data model, laid down for the whole pipeline.

Every span is a pair of character offsets into `Article.body`, which is stored
exactly once: highlights are cut from the stored text, never re-found. The one exception is
a figure read from the title (`Figure.in_title`), whose offsets are into `Article.title`.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Column, ForeignKey, Index, Integer
from sqlmodel import Field, SQLModel, UniqueConstraint

from app.backend import any_case

# The list pages' summary tables, registered with the rest of the model.
from app.page_summaries import ArticleRank as ArticleRank
from app.page_summaries import DateSummary as DateSummary
from app.page_summaries import DaySummary as DaySummary
from app.page_summaries import PlaceSpelling as PlaceSpelling
from app.page_summaries import PlaceSummary as PlaceSummary


class Story(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    title: str = ""


class Article(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    source_file: str = Field(index=True)
    content_hash: str = Field(unique=True, index=True)
    title: str = ""
    title_basis: str = "unknown"  # stated | inferred | unknown | corrected
    # Indexed for the outlet facet: counted by reading the index alone.
    outlet: str | None = Field(default=None, index=True)
    outlet_basis: str = "unknown"
    date: dt.date | None = Field(default=None, index=True)
    # where the date came from: header | posted-line | dateline | url | html-meta | caption
    # | corrected | none (app/ingest/readers.py)
    date_basis: str = "none"
    url: str | None = None
    language: str | None = None
    body: str
    words: int = 0
    # Deferrable: relinking replaces the stories before it points the articles at new ones.
    story_id: int | None = Field(
        default=None,
        sa_column=Column(
            Integer, ForeignKey("story.id", deferrable=True, initially="IMMEDIATE"), index=True
        ),
    )
    ingested_at: dt.datetime = Field(default_factory=lambda: dt.datetime.now(dt.UTC))


# The outlet filter compares in any letter case ("le monde" finds "Le Monde"): by this index.
Index("ix_article_outlet_nocase", any_case(Article.__table__.c.outlet))  # type: ignore[attr-defined]
# A story's page counts its outlets, their first and last reports and its days, and pages
# its headlines by date, from this index alone: a story can hold thousands of articles.
_article = Article.__table__.c  # type: ignore[attr-defined]
Index("ix_article_story_outlet_date", _article.story_id, _article.outlet, _article.date)
# A story's articles as lists name them, read from this index alone: an article's row is
# large (its body), and at 100,000 articles reading one for each article of a story (a wire
# text reprinted a hundred times) costs more than the rest of the page.
Index("ix_article_story_ref", _article.story_id, _article.date, _article.title, _article.outlet)


class ArticleCopy(SQLModel, table=True):
    """An article whose text is a near-copy of an earlier one (a wire story reprinted,
    syndication): written by the linking stage, so that agreement counts independent reports."""

    id: int | None = Field(default=None, primary_key=True)
    article_id: int = Field(foreign_key="article.id", unique=True, index=True, ondelete="CASCADE")
    # The earliest article it is a near-copy of, and the first article of its family of
    # copies (the same unless copies chain).
    original_id: int = Field(foreign_key="article.id", index=True, ondelete="CASCADE")
    family_id: int = Field(foreign_key="article.id", ondelete="CASCADE")
    similarity: float = 0.0  # estimated share of word shingles the two texts have in common


class Paragraph(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    article_id: int = Field(foreign_key="article.id", index=True, ondelete="CASCADE")
    idx: int
    start: int
    end: int
    kind: str = "text"  # text | heading


class Sentence(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    article_id: int = Field(foreign_key="article.id", index=True, ondelete="CASCADE")
    idx: int
    start: int
    end: int


class Caption(SQLModel, table=True):
    """Photo captions and credits: kept apart from the body, not lost."""

    id: int | None = Field(default=None, primary_key=True)
    article_id: int = Field(foreign_key="article.id", index=True, ondelete="CASCADE")
    idx: int
    text: str


class Figure(SQLModel, table=True):
    # The article list's measure and source facets and filters count articles by these
    # columns: each index answers them without reading a figure's row, for all articles
    # (measure or source first) or for those a filter keeps (article first).
    __table_args__ = (
        Index("ix_figure_article_live", "article_id", "rejected", "measure", "source"),
        Index("ix_figure_measure_live", "measure", "rejected", "article_id"),
        Index("ix_figure_source_live", "source", "rejected", "article_id"),
        # The figures overview under a date range finds the figures that name their day here,
        # and the others by their article's date.
        Index("ix_figure_ref_date", "ref_date"),
    )
    id: int | None = Field(default=None, primary_key=True)
    article_id: int = Field(foreign_key="article.id", ondelete="CASCADE")
    start: int
    end: int
    text: str
    sentence_start: int
    sentence_end: int
    value: float | None = None
    value_high: float | None = None
    qualifier: str = "exact"
    measure: str = "other"
    group: str = "total"
    place: str | None = None
    source: str = "unknown"
    # Indexed: deleting the actors checks this reference, one scan of figures per actor without it.
    source_actor_id: int | None = Field(default=None, foreign_key="actor.id", index=True)
    ref_date: dt.date | None = None
    topic: str = Field(default="", index=True)
    rejected: bool = False
    # A figure computed from others has no words of its own: its span is the extractor's anchor.
    derived: bool = False
    event: str = "this"  # this | other (a roundup, an earlier incident, a past year)
    event_reason: str = ""
    status: str = "reported"  # reported | preliminary | revised | retracted | disputed
    in_title: bool = False  # start/end and sentence_* are offsets in the article's title
    added: bool = False  # the reader added it: the extractor missed it
    # The extractor's values of the fields the reader corrected (JSON, field → value), so an
    # undo can give them back without extracting again.
    corrected: str = ""


class FigurePart(SQLModel, table=True):
    """A figure and one of its parts in the same article: a derived figure's inputs, or the
    parts the text names for a whole."""

    __table_args__ = (UniqueConstraint("figure_id", "part_id"),)
    id: int | None = Field(default=None, primary_key=True)
    figure_id: int = Field(foreign_key="figure.id", index=True, ondelete="CASCADE")
    part_id: int = Field(foreign_key="figure.id", index=True, ondelete="CASCADE")
    by_reader: bool = False  # marked by a correction: an undo takes it away again


class Statement(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    article_id: int = Field(foreign_key="article.id", index=True, ondelete="CASCADE")
    start: int
    end: int
    text: str


class Actor(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    name: str
    slug: str = Field(unique=True, index=True)
    kind: str = "person"  # person | organization


class ActorAlias(SQLModel, table=True):
    __table_args__ = (UniqueConstraint("actor_id", "alias"),)
    id: int | None = Field(default=None, primary_key=True)
    actor_id: int = Field(foreign_key="actor.id", index=True, ondelete="CASCADE")
    alias: str = Field(index=True)


class ActorKey(SQLModel, table=True):
    """A folded spelling an actor is looked up by in search: every alias, and a person's
    surname alone ("Velitchko" finds the actor only ever written "Radomir Velitchko")."""

    id: int | None = Field(default=None, primary_key=True)
    actor_id: int = Field(foreign_key="actor.id", index=True, ondelete="CASCADE")
    key: str = Field(index=True)


class ActorMention(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    actor_id: int = Field(foreign_key="actor.id", index=True, ondelete="CASCADE")
    article_id: int = Field(foreign_key="article.id", index=True, ondelete="CASCADE")
    start: int
    end: int
    text: str


class EntityMention(SQLModel, table=True):
    """An actor mention as found in one article, before actors are merged across articles."""

    id: int | None = Field(default=None, primary_key=True)
    article_id: int = Field(foreign_key="article.id", index=True, ondelete="CASCADE")
    start: int
    end: int
    text: str
    key: str
    kind: str  # person | organization


class Place(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(unique=True, index=True)
    kind: str = "city"  # city | country
    country: str | None = None
    lat: float | None = None
    lon: float | None = None


class PlaceAlias(SQLModel, table=True):
    __table_args__ = (UniqueConstraint("place_id", "alias"),)
    id: int | None = Field(default=None, primary_key=True)
    place_id: int = Field(foreign_key="place.id", index=True, ondelete="CASCADE")
    alias: str = Field(index=True)


class PlaceMention(SQLModel, table=True):
    # Both ways, so that the place facet counts articles from an index alone: all of them
    # (place first), or those a filter keeps (article first).
    __table_args__ = (
        Index("ix_placemention_place_article", "place_id", "article_id"),
        Index("ix_placemention_article_place", "article_id", "place_id"),
    )
    id: int | None = Field(default=None, primary_key=True)
    place_id: int = Field(foreign_key="place.id", ondelete="CASCADE")
    article_id: int = Field(foreign_key="article.id", ondelete="CASCADE")
    start: int
    end: int
    text: str
    in_title: bool = False  # start/end are offsets in the article's title


class DateMention(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    article_id: int = Field(foreign_key="article.id", index=True, ondelete="CASCADE")
    start: int
    end: int
    text: str
    # The day page and its neighbours look mentions up by day.
    value: dt.date | None = Field(default=None, index=True)
    basis: str = "stated"  # stated (absolute) | relative | unresolved


class Link(SQLModel, table=True):
    """A connection between two claims (figures or statements) in different articles."""

    # Pages look links up from either end; an index on the kind alone would be read instead.
    __table_args__ = (
        Index("ix_link_a_kind", "a_id", "kind"),
        Index("ix_link_b_kind", "b_id", "kind"),
    )
    id: int | None = Field(default=None, primary_key=True)
    kind: str  # figure | statement
    # Looked up by the two indexes above (an end and its kind): an index on an end alone
    # would only double the work of writing millions of links.
    a_id: int
    b_id: int
    relation: str = "same"  # same | differs | earlier | later | scope | about
    score: float = 1.0
    reason: str = ""
    rejected: bool = False


class Correction(SQLModel, table=True):
    """A reader's correction, keyed by something that survives re-ingest.

    `target` is e.g. `article:<content_hash>` or `figure:<content_hash>:<start>`
    (app/services/corrections/keys.py). An undone correction stays as history.
    """

    id: int | None = Field(default=None, primary_key=True)
    target: str = Field(index=True)
    field: str
    value: str | None = None
    created_at: dt.datetime = Field(default_factory=lambda: dt.datetime.now(dt.UTC))
    author: str = ""
    undone_at: dt.datetime | None = None
    undone_by: str = ""
    # An article's field as it was before the correction, with its basis (JSON), so an undo
    # can give it back: an article is not read again by a reprocess.
    was: str | None = None


class Note(SQLModel, table=True):
    """A reader's note on an article, a figure or a statement, by the same keys as a
    correction, so it stays attached through reprocess and re-ingest."""

    id: int | None = Field(default=None, primary_key=True)
    target: str = Field(index=True)
    text: str
    author: str = ""
    created_at: dt.datetime = Field(default_factory=lambda: dt.datetime.now(dt.UTC))
    deleted_at: dt.datetime | None = None  # kept a while so a deletion can be undone


# The city filter of the figures overview and its facets compares a figure's place in any
# letter case: by this index, not by reading every figure.
Index("ix_figure_place_nocase", any_case(Figure.__table__.c.place))  # type: ignore[attr-defined]


class TopicSummary(SQLModel, table=True):
    """One row of the figures overview (a topic within one story) as it was computed when the
    links last changed, with its place in the overview's order: the page reads a page of
    these by an index, never the figures (app/services/summaries.py)."""

    __table_args__ = (
        Index("ix_topicsummary_story_rank", "story_id", "rank"),
        Index("ix_topicsummary_measure_rank", "measure", "rank"),
        # How many rows of each kind: the kinds follow each other in the order of ranks, so
        # without a filter the first and last rank of a kind tell; with one, few are counted.
        Index("ix_topicsummary_kind_rank", "kind", "rank"),
        Index("ix_topicsummary_story_kind", "story_id", "kind"),
        Index("ix_topicsummary_measure_kind", "measure", "kind"),
        Index("ix_topicsummary_measure_story", "measure", "story_id"),
        # The overview of a place: its rows in order, and how many of each kind.
        Index("ix_topicsummary_place_rank", "place_key", "rank"),
        Index("ix_topicsummary_place_kind", "place_key", "kind"),
        # Whether a place's rows come from several stories: its least and greatest story.
        Index("ix_topicsummary_place_story", "place_key", "story_id"),
    )
    # Not a foreign key: every relink renumbers the stories, and the summaries follow it.
    id: int | None = Field(default=None, primary_key=True)
    rank: int = Field(unique=True)
    story_id: int | None = None
    measure: str = ""
    kind: str = ""  # disputed | series | agreed | single | other
    # The place its figures count in, in lower case ("" for none), as the city filter asks.
    place_key: str = ""
    data: str = ""  # the row as the page shows it (JSON)


class StorySummary(SQLModel, table=True):
    """One story of the list of stories, in the list's order, as computed at link time."""

    id: int | None = Field(default=None, primary_key=True)
    rank: int = Field(unique=True)
    story_id: int | None = None  # None: the articles of no story
    data: str = ""  # the story as the list shows it (JSON)


class SummaryState(SQLModel, table=True):
    """How many times the links were rebuilt, and at which of them the summaries were made:
    summaries are stale while the two differ (or before there is a row, in a database made
    by an earlier version)."""

    id: int | None = Field(default=None, primary_key=True)
    linked: int = 0
    summarised: int = -1
    version: int = 0  # of what is summarised (app/services/summaries.py): older ones are stale


class ActorSummary(SQLModel, table=True):
    """An actor's counts and its place in the list of actors (all, and among its kind), as
    computed when the actors last changed (a relink, a spelling split off)."""

    __table_args__ = (Index("ix_actorsummary_kind_rank", "kind", "kind_rank"),)
    id: int | None = Field(default=None, primary_key=True)
    rank: int = Field(unique=True)
    kind: str = ""
    kind_rank: int = 0
    actor_id: int = 0  # not a foreign key: a relink makes the actors anew, then these
    spellings: int = 0
    articles: int = 0
    mentions: int = 0


class FacetSummary(SQLModel, table=True):
    """The facets of a list without filters (`articles` or `figures`), counted over the whole
    database when the links change: the first visit of `/` or `/figures` after that does not
    count them."""

    id: int | None = Field(default=None, primary_key=True)
    page: str = Field(unique=True)
    data: str = ""  # the facets as the page shows them (JSON)
    # The data's generation they were counted at (app/generation.py): any later change, even
    # one made outside the reader, has them counted again.
    generation: int = -1
