"""Clean articles into the database: body once, paragraphs and sentences as offsets."""

from __future__ import annotations

import hashlib
import re

from sqlalchemy import delete
from sqlmodel import Session, col, select

from app.bulk import insert_rows
from app.ingest.readers import RawArticle
from app.ingest.segment import segment
from app.ingest.sources import date_from_url, outlet_from_url
from app.models import Article, Caption, Paragraph, Sentence


def content_hash(body: str) -> str:
    """Same words in the same order hash alike, whatever the spacing."""
    normal = re.sub(r"\s+", " ", body).strip()
    return hashlib.sha256(normal.encode("utf-8")).hexdigest()


def find_duplicate(session: Session, digest: str) -> Article | None:
    return session.exec(select(Article).where(Article.content_hash == digest)).first()


def write_segments(session: Session, article: Article) -> None:
    """(Re)write paragraphs and sentences of a stored article from its body."""
    assert article.id is not None
    for model in (Paragraph, Sentence):
        session.execute(delete(model).where(col(model.article_id) == article.id))
    blocks, sents = segment(article.body)
    aid = article.id
    insert_rows(
        session,
        Paragraph,
        [
            {"article_id": aid, "idx": i, "start": b.start, "end": b.end, "kind": b.kind}
            for i, b in enumerate(blocks)
        ],
    )
    insert_rows(
        session,
        Sentence,
        [{"article_id": aid, "idx": i, "start": s, "end": e} for i, (s, e) in enumerate(sents)],
    )


def store_article(session: Session, raw: RawArticle) -> Article | None:
    """Add one article; None when the same text is stored already (the first name stays)."""
    digest = content_hash(raw.body)
    if find_duplicate(session, digest) is not None:
        return None
    article = Article(
        source_file=raw.source_file,
        content_hash=digest,
        title=raw.title,
        title_basis=raw.title_basis,
        outlet=raw.outlet,
        outlet_basis=raw.outlet_basis,
        date=raw.date,
        date_basis=raw.date_basis,
        url=raw.url,
        language=raw.language,
        body=raw.body,
        words=raw.words,
    )
    session.add(article)
    session.flush()
    assert article.id is not None
    insert_rows(
        session,
        Caption,
        [{"article_id": article.id, "idx": i, "text": t} for i, t in enumerate(raw.captions)],
    )
    write_segments(session, article)
    return article


def refresh_metadata(article: Article) -> None:
    """What an upgrade's rules find in a stored article's URL, where the article lacks it.

    Earlier versions took a date the text mentions for the article's own ("inferred"); that
    guess dated follow-ups by the event they recall, and goes. A stated or corrected value
    stays as it is.
    """
    if article.date_basis == "inferred":
        article.date, article.date_basis = None, "none"
    if not article.url:
        return
    if article.date is None and (day := date_from_url(article.url)):
        article.date, article.date_basis = day, "url"
    if not article.outlet and (outlet := outlet_from_url(article.url)):
        article.outlet, article.outlet_basis = outlet, "inferred"
