"""Notes found by their keys: an article's page lists the notes on it and on its claims only."""

from __future__ import annotations

from sqlmodel import Session

from app.models import Article, Figure
from app.services.corrections.notes import add_note, article_notes, claim_notes
from tests.test_services_reader import story_db  # noqa: F401  (the hand-made story)


def test_corrections_notes_of_an_article_and_of_a_claim(story_db: Session) -> None:  # noqa: F811
    # Article 11's text hash ("11") starts with article 1's ("1"): its notes are not article 1's.
    story_db.add(Article(id=11, source_file="11.txt", content_hash="11", body="Two died."))
    story_db.add(
        Figure(id=111, article_id=11, start=0, end=8, text="Two died", sentence_start=0,
               sentence_end=9, value=2.0, measure="killed", topic="killed|total|unknown")
    )  # fmt: skip
    story_db.flush()
    for kind, item, text in [
        ("figure", 1, "check the toll"),
        ("article", 1, "a good source"),
        ("statement", 1, "who said so?"),
        ("figure", 111, "elsewhere"),
        ("article", 11, "another article"),
        ("figure", 2, "article 2"),
    ]:
        add_note(story_db, kind, item, text)
    story_db.commit()
    on_first = {r.note.text for r in article_notes(story_db, 1)}
    assert on_first == {"check the toll", "a good source", "who said so?"}
    assert [r.note.text for r in claim_notes(story_db, "figure", 1)] == ["check the toll"]
    assert [r.note.text for r in claim_notes(story_db, "statement", 1)] == ["who said so?"]
    assert [r.note.text for r in claim_notes(story_db, "figure", 111)] == ["elsewhere"]
    assert claim_notes(story_db, "figure", 3) == []
    assert claim_notes(story_db, "figure", 999) == []
    rows = claim_notes(story_db, "figure", 1)
    assert rows[0].claim is not None and rows[0].claim.id == 1 and rows[0].kind == "figure"
