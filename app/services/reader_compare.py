"""Articles side by side: two to four columns, each claim knowing its counterparts in the
others, and one shared number for each claim joined across columns."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from sqlmodel import Session

from app.services import reader_data as data
from app.services.reader import ArticleText, article_texts
from app.services.reader_data import ArticleRef
from app.services.reader_partners import MAX_COMPARE, shared_counts

__all__ = ["MAX_COMPARE", "ComparePage", "UnknownArticles", "compare_page"]


@dataclass(slots=True)
class ComparePage:
    columns: list[ArticleText]
    choices: list[ArticleRef]  # articles of the same stories, to choose other columns
    # article -> claims of the first column's article with a counterpart in it (any article)
    shared: dict[int, int] = field(default_factory=dict)
    groups: int = 0  # claims joined across columns, numbered 1..groups in reading order

    @property
    def ids(self) -> list[int]:
        return [c.article.id for c in self.columns]


class UnknownArticles(LookupError):
    def __init__(self, ids: Sequence[int]) -> None:
        super().__init__(", ".join(str(i) for i in ids))
        self.ids = list(ids)


def compare_page(session: Session, *, article_ids: Sequence[int]) -> ComparePage:
    """Two to four articles in columns, each claim knowing its counterparts in the others."""
    db = data.connection(session)
    articles = {a.id: a for a in data.articles(db, article_ids)}
    missing = [i for i in article_ids if i not in articles]
    if missing:
        raise UnknownArticles(missing)
    ordered = [articles[i] for i in article_ids]
    columns = article_texts(db, ordered, with_title=False)
    # Only links between these articles can join claims: the others are not fetched.
    figure_links = data.links_among(db, "figure", article_ids)
    statement_links = data.links_among(db, "statement", article_ids)
    shown = {
        f"{prefix}-{c.id}": col_i
        for col_i, text in enumerate(columns)
        for prefix, claims in (("fig", text.figures), ("st", text.statements))
        for c in claims
    }
    counterparts: dict[str, set[str]] = defaultdict(set)
    joined: list[tuple[str, str, float]] = []
    for lk in figure_links + statement_links:
        prefix = "fig" if lk.kind == "figure" else "st"
        a, b = f"{prefix}-{lk.a_id}", f"{prefix}-{lk.b_id}"
        if a in shown and b in shown and shown[a] != shown[b]:
            counterparts[a].add(b)
            counterparts[b].add(a)
            if lk.relation != "scope":
                joined.append((a, b, lk.score))
    badges = _badges(columns, joined, shown)
    for text in columns:
        text.links = {k: sorted(v) for k, v in counterparts.items()}
        text.badges = badges
    stories = sorted({a.story_id for a in ordered if a.story_id is not None})
    # As the article's compare button counts: claims of the first with a counterpart in each.
    shared = shared_counts(db, article_ids[0])
    return ComparePage(
        columns,
        data.choice_refs(db, stories, article_ids),
        shared,
        max(badges.values(), default=0),
    )


def _badges(
    columns: Sequence[ArticleText],
    joined: Iterable[tuple[str, str, float]],
    column_of: dict[str, int],
) -> dict[str, int]:
    """One shared number for each group of claims joined across columns, in reading order.

    Figures group by their links (one topic, one number, even twice in a column). Statement
    links chain loosely, so statements join best links first and a group never takes two
    statements of one column: a number then names one claim, not a drift of them.
    """
    parent: dict[str, str] = {}
    cols: dict[str, set[int]] = {}

    def find(x: str) -> str:
        if x not in parent:
            parent[x], cols[x] = x, {column_of[x]}
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for a, b, _ in sorted(joined, key=lambda j: (not j[0].startswith("fig"), -j[2])):
        ra, rb = find(a), find(b)
        if ra == rb or (a.startswith("st") and cols[ra] & cols[rb]):
            continue
        parent[ra] = rb
        cols[rb] |= cols.pop(ra)
    sizes = Counter(find(k) for k in parent)
    numbers: dict[str, int] = {}
    out: dict[str, int] = {}
    for text in columns:
        for block in text.blocks:
            for seg in block.segments:
                for claim in [seg.figure, seg.statement, *seg.hidden]:
                    if claim is None or claim.key not in parent or claim.key in out:
                        continue
                    root = find(claim.key)
                    if sizes[root] < 2:
                        continue
                    numbers.setdefault(root, len(numbers) + 1)
                    out[claim.key] = numbers[root]
    return out
