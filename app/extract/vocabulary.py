"""English words from the pipeline's lemmatizer tables (WordNet's index): what a capitalised
name may also be as a plain word."""

from __future__ import annotations

from functools import lru_cache

from app.config import Settings
from app.extract.nlp import get_nlp


@lru_cache(maxsize=2)
def _lemma_words(parts_of_speech: tuple[str, ...]) -> frozenset[str]:
    """Words of the pipeline's lemmatizer tables (WordNet's index) for some parts of speech;
    empty when the pipeline has no such tables."""
    try:
        lemmatizer = get_nlp(Settings().spacy_model).get_pipe("lemmatizer")
        index = lemmatizer.lookups.get_table("lemma_index")  # type: ignore[attr-defined]
        return frozenset(str(w) for pos in parts_of_speech for w in index.get(pos, ()))
    except (KeyError, ValueError, OSError, AttributeError):
        return frozenset()


def common_words() -> frozenset[str]:
    """English adjectives and verbs: a town named like one ("Mobile", "Police", "Reading",
    "Nice") needs spaCy's place label to count."""
    return _lemma_words(("adj", "verb"))


def nouns() -> frozenset[str]:
    """English nouns, WordNet's proper names among them ("Lincoln", "Florence")."""
    return _lemma_words(("noun",))
