"""The similarity graph of the story grouping: the full product and the candidate path through
rare features give the same neighbours, a block of rows at a time or all at once."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

from app.link import story_graph
from app.link.stories import StoryDoc, StoryParams, _vectors, group_stories
from app.link.story_time import continuity, date_ordinals
from tests.test_link_stories import FLOOD, OTHER_SHOOTING, SECOND_DENVER, SHOOTING

D = dt.date
SEEDS = Path(__file__).resolve().parents[1] / "seeds"
EXACT = StoryParams()
# Tiny corpora have no feature held by many articles. Here an event has at most three
# reports: a bar of three keeps each event's own names rare and makes the words that reports
# of several events share ("police", "shot", a weekday) common, so that the candidates come
# through the names, as they do in a corpus of thousands.
CANDIDATES = replace(EXACT, exact_below=0, rare_df=3)

# A third event of its own, so that a group of one kind is not alone with its twin.
QUAKE = [
    "Quake shakes Lombok, dozens of homes down. A magnitude 6.1 earthquake struck the island "
    "of Lombok on Wednesday morning, flattening 40 homes in the hill villages near Sembalun, "
    "the provincial disaster agency said. Agency head Ratna Dewi said two people were hurt.",
    "Lombok earthquake: two injured as houses collapse. Two villagers were injured and about "
    "40 houses fell when a 6.1 tremor hit Lombok, agency head Ratna Dewi told reporters. "
    "Sembalun's school will stay shut until engineers check it.",
]


def _dated(texts: list[str], first: dt.date, step: int) -> list[StoryDoc]:
    return [StoryDoc(i, t, first + dt.timedelta(days=step * i)) for i, t in enumerate(texts)]


def _undated(texts: list[str]) -> list[StoryDoc]:
    return [StoryDoc(i, t) for i, t in enumerate(texts)]


def _seeds_and_others() -> list[StoryDoc]:
    texts = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]
    return _undated([*texts, *SHOOTING, *FLOOD, *QUAKE])


CORPORA = {
    "four events, undated": lambda: _undated([*SHOOTING, *FLOOD, *OTHER_SHOOTING, *QUAKE]),
    "one city twice, dated": lambda: _dated([*SHOOTING, *SECOND_DENVER, *QUAKE], D(2024, 3, 1), 4),
    "events weeks apart": lambda: _dated([*SHOOTING, *FLOOD, *OTHER_SHOOTING], D(2024, 1, 5), 9),
    "the seeds among others": _seeds_and_others,
}


def _graph(docs: list[StoryDoc], p: StoryParams):  # type: ignore[no-untyped-def]
    x = _vectors(docs, p.names_weight)
    return story_graph.similarity_graph(x, date_ordinals(docs), p, continuity(docs, p))


@pytest.mark.parametrize("corpus", sorted(CORPORA))
def test_link_story_graph_candidates_give_the_stories_of_the_full_product(corpus: str) -> None:
    docs = CORPORA[corpus]()
    x = _vectors(docs, EXACT.names_weight)
    held_by = np.bincount(x.indices, minlength=x.shape[1])
    assert (held_by > CANDIDATES.rare_df).any()  # the candidate path does split the features
    exact = group_stories(docs, EXACT)
    assert len(exact) > 1
    assert group_stories(docs, CANDIDATES) == exact


@pytest.mark.parametrize("corpus", sorted(CORPORA))
def test_link_story_graph_candidate_edges_carry_the_full_similarity(corpus: str) -> None:
    """Each edge the candidates find has the similarity of the full product (rare part and
    common part alike), and no edge of the events' own articles is missed."""
    docs = CORPORA[corpus]()
    exact, found = _graph(docs, EXACT), _graph(docs, CANDIDATES)
    r, c = found.nonzero()
    assert len(r) > 0
    assert np.allclose(np.asarray(exact[r, c]).ravel(), np.asarray(found[r, c]).ravel(), atol=1e-6)
    strong = exact.multiply(exact >= EXACT.min_similarity).tocsr()
    sr, sc = strong.nonzero()
    assert np.asarray(found[sr, sc]).ravel().min() > 0


@pytest.mark.parametrize("corpus", sorted(CORPORA))
def test_link_story_graph_all_features_rare_is_the_full_product(corpus: str) -> None:
    """When no feature is common the candidates are every pair that shares a feature: the
    very graph of the full product."""
    docs = CORPORA[corpus]()
    exact = _graph(docs, EXACT)
    found = _graph(docs, replace(EXACT, exact_below=0, rare_df=len(docs)))
    assert exact.nnz == found.nnz
    assert abs(exact - found).max() < 1e-6


@pytest.mark.parametrize(
    ("dated", "params"),
    [(False, EXACT), (True, EXACT), (False, CANDIDATES), (True, CANDIDATES)],
)
def test_link_story_graph_in_row_blocks_equals_the_graph_at_once(
    dated: bool, params: StoryParams, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The neighbours are found a block of rows at a time; blocks of two rows give the very
    edges that one block of all rows gives, dates faded or not, either way of finding them."""
    texts = [*SHOOTING, *FLOOD, *OTHER_SHOOTING, *SECOND_DENVER]
    docs = _dated(texts, D(2024, 3, 1), 9) if dated else _undated(texts)
    p = replace(params, max_neighbours=3)
    whole = _graph(docs, p)
    monkeypatch.setattr(story_graph, "_GRAPH_ROWS", 2)
    blocks = _graph(docs, p)
    assert whole.nnz > len(docs)
    assert (whole != blocks).nnz == 0
    assert whole.dtype == blocks.dtype
