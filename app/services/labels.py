"""How the pages name an article — its outlet, its date and its title — and say where its
date came from. The file name is no name for a reader: it stays in the article's details.
"""

from __future__ import annotations

import datetime as dt
from pathlib import PurePath

from app.ingest.headline import headline_of

_TITLE_WIDTH = 70
# Where an article's date came from (app/ingest/readers.py), in a reader's words.
DATE_BASIS_WORDS = {
    "header": "given with the file",
    "posted-line": "from the page's “Posted …” line",
    "dateline": "from the dateline",
    "url": "from the URL",
    "html-meta": "from the page's metadata",
    "caption": "from the day its photos were taken",
    "corrected": "corrected by hand",
    "none": "no date found",
    # written by earlier versions
    "stated": "stated in the file",
    "unknown": "no date found",
}


def short_title(title: str, width: int = _TITLE_WIDTH) -> str:
    title = " ".join(title.split())
    if len(title) <= width:
        return title
    return title[:width].rsplit(" ", 1)[0].rstrip(",;:-–—") + "…"


def byline(outlet: str | None, date: dt.date | None) -> str:
    """ "River Gazette · 2021-06-02", "2021-06-02", "River Gazette · undated": who and when,
    where the title stands beside it already."""
    name = outlet.strip() if outlet and outlet.strip() else ""
    when = date.isoformat() if date else "undated"
    return f"{name} · {when}" if name else when


def article_label(
    outlet: str | None, date: dt.date | None, title: str | None, source_file: str = ""
) -> str:
    """ "River Gazette · 2021-06-02 · Valley floods reach the town": who, when, what.

    An unknown date reads "undated"; an unknown outlet is left out; the file's name stands
    only where there is no title either.
    """
    what = headline_text(outlet, title, source_file)
    return f"{byline(outlet, date)} · {what}" if what else byline(outlet, date)


def headline_text(outlet: str | None, title: str | None, source_file: str = "") -> str:
    """The title as a page lists it beside the outlet: short, without the site's name, the
    file's name where there is no title."""
    # Without the site's name pages append to their titles ("… - River Gazette"): the
    # outlet is named once, in front.
    what = short_title(headline_of(title, outlet)) if title and title.strip() else ""
    return what or PurePath(source_file).name


def label_of(article: object) -> str:
    """`article_label` of anything that has an article's `outlet`, `date` and `title`."""
    return article_label(
        getattr(article, "outlet", None),
        getattr(article, "date", None),
        getattr(article, "title", None),
        getattr(article, "source_file", "") or "",
    )


def byline_of(article: object) -> str:
    return byline(getattr(article, "outlet", None), getattr(article, "date", None))


def date_basis_words(basis: str | None) -> str:
    return DATE_BASIS_WORDS.get(basis or "none", basis or "")
