"""Which articles to set beside one: those that share most claims with it.

A claim is shared with another article when a live link joins it to a claim there (a figure
or a statement). Counted from the link indexes of one article's claims: a few index lookups
per claim, whatever the size of the collection.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from sqlalchemy import Connection

from app.services import reader_data as data
from app.services.reader_data import ArticleRef, read, sql

MAX_COMPARE = 4  # columns side by side: an article and three others
MAX_PARTNERS = MAX_COMPARE - 1

# For each claim of the article, the article of every claim it is linked to. Links are
# looked up from either end through their (a_id, kind) and (b_id, kind) indexes.
_SHARED = sql("""
WITH mine(kind, id) AS (
    SELECT 'figure', id FROM figure WHERE article_id = :a AND rejected = false
    UNION ALL SELECT 'statement', id FROM statement WHERE article_id = :a
),
ends(kind, mine, other) AS (
    SELECT l.kind, m.id, l.b_id FROM mine m
        JOIN link l ON l.a_id = m.id AND l.kind = m.kind AND l.rejected = false
    UNION ALL
    SELECT l.kind, m.id, l.a_id FROM mine m
        JOIN link l ON l.b_id = m.id AND l.kind = m.kind AND l.rejected = false
),
counted(article, n) AS (
    SELECT coalesce(f.article_id, s.article_id), count(DISTINCT e.kind || e.mine)
    FROM ends e
    LEFT JOIN figure f ON e.kind = 'figure' AND f.id = e.other AND f.rejected = false
    LEFT JOIN statement s ON e.kind = 'statement' AND s.id = e.other
    WHERE coalesce(f.article_id, s.article_id) IS NOT NULL
    GROUP BY 1
)
-- Counts only: an article's row is read for the few partners shown, never for each of the
-- dozens of articles a wire story's copies make (each a read of a row the body makes large).
SELECT article, n FROM counted WHERE article != :a
""")

# The articles holding the live counterparts of one figure, best link first.
_FIGURE_PARTNERS = sql("""
SELECT f.article_id FROM link l JOIN figure f
    ON f.id = CASE WHEN l.a_id = :f THEN l.b_id ELSE l.a_id END AND f.rejected = false
WHERE l.kind = 'figure' AND l.rejected = false AND (l.a_id = :f OR l.b_id = :f)
ORDER BY l.relation != 'same', l.score DESC, l.id
""")


@dataclass(frozen=True, slots=True)
class Partner:
    article: ArticleRef
    shared: int  # claims of the first article with a counterpart in this one


def shared_counts(db: Connection, article_id: int) -> Counter[int]:
    """Other article id -> how many of this article's claims have a counterpart there."""
    return Counter({article: n for article, n in read(db, _SHARED, a=article_id)})


def compare_partners(
    db: Connection, article_id: int, *, figure_id: int | None = None
) -> list[Partner]:
    """The articles to set beside this one, most shared claims first.

    With a figure (the one the reader has open), the article holding its closest counterpart
    always comes along, and those holding its other counterparts come next. With no shared
    claim at all, the oldest other articles of the story do.
    """
    shared = shared_counts(db, article_id)
    chosen = sorted(shared, key=lambda a: (-shared[a], a))
    if figure_id is not None:
        # The closest counterpart's article first, then the others holding a counterpart:
        # side by side then follows the figure as far as four columns allow.
        held = [int(r[0]) for r in read(db, _FIGURE_PARTNERS, f=figure_id)]
        held = [a for a in dict.fromkeys(held) if a in shared]
        rest = [a for a in chosen if a in held[1:]] + [a for a in chosen if a not in held]
        chosen = held[:1] + rest
    if chosen:
        refs = {r.id: r for r in data.refs(db, chosen[:MAX_PARTNERS])}
        return [Partner(refs[a], shared[a]) for a in chosen[:MAX_PARTNERS]]
    own = data.refs(db, [article_id])
    if not own or own[0].story_id is None:
        return []
    oldest = data.story_refs(db, own[0].story_id, besides=article_id, limit=MAX_PARTNERS)
    return [Partner(r, 0) for r in oldest]
