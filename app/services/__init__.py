"""Queries: the only place that knows how pages, the API and exports read the database.

One module a page type; each function takes the session and keyword-only arguments.
"""

from app.services.articles import (
    ArticleFilters,
    ArticleView,
    Page,
    get_article,
    list_articles,
    list_outlets,
    list_undated,
)
from app.services.exports import EXPORTERS

__all__ = [
    "EXPORTERS",
    "ArticleFilters",
    "ArticleView",
    "Page",
    "get_article",
    "list_articles",
    "list_outlets",
    "list_undated",
]
