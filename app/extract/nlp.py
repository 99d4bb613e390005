"""The spaCy pipeline, loaded once per process and named by the settings."""

from __future__ import annotations

from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc


@lru_cache(maxsize=2)
def get_nlp(model: str) -> Language:
    return spacy.load(model)


def parse(text: str, model: str) -> Doc:
    return get_nlp(model)(text)
