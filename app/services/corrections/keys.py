"""The keys a correction or a note is stored by: what stays the same across re-ingest.

Rows of the extraction are rebuilt by `parallax reprocess` and links by every relink, so a
correction never names a row id. It names what stays the same:

- `article:<content_hash>`: fields `title`, `outlet`, `date` (the reader's value) and
  `deleted` (`1`, or `0` once lifted);
- `figure:<content_hash>:<anchor>`: fields `rejected` (`1`), `value`, `measure`, `group`,
  `place`, `source`, `event` (the reader's value), `part_of` (the anchor of the whole in the
  same article) and `added` (a figure the extractor missed, as JSON);
- `link:<kind>:<key a>|<key b>` (keys sorted): field `rejected` (`1`);
- `alias:<alias, case-folded>`: field `split`, value the alias as the reader saw it;

where a figure's or statement's key is `<content_hash>:<anchor>` of its article's text, the
anchor being where it starts in the body. A figure read from the title or derived from others
is anchored apart (`title-<start>`, `derived-<measure>-<start>`): its start is not a place in
the body, or is shared. Notes use the same keys (`statement:<content_hash>:<start>` for a
statement).
"""

from __future__ import annotations

from app.models import Figure, Statement

ARTICLE_FIELDS = ("title", "outlet", "date")


def article_target(content_hash: str) -> str:
    return f"article:{content_hash}"


def claim_key(content_hash: str, start: int | str) -> str:
    """A figure or statement, by its article's text and where it starts in it."""
    return f"{content_hash}:{start}"


def figure_anchor(
    start: int, *, in_title: bool = False, derived: bool = False, measure: str = ""
) -> str:
    """Where a figure stands: its start in the body, else what sets it apart from body figures."""
    if derived:
        return f"derived-{measure}-{start}" + ("-title" if in_title else "")
    return f"title-{start}" if in_title else str(start)


def anchor_of(claim: Figure | Statement) -> str:
    """The anchor of a figure or a statement in its article (a statement: its start)."""
    if isinstance(claim, Statement):
        return str(claim.start)
    return figure_anchor(
        claim.start, in_title=claim.in_title, derived=claim.derived, measure=claim.measure
    )


def figure_target(content_hash: str, start: int | str) -> str:
    return f"figure:{claim_key(content_hash, start)}"


def link_target(kind: str, key_a: str, key_b: str) -> str:
    first, second = sorted((key_a, key_b))
    return f"link:{kind}:{first}|{second}"


def alias_target(alias: str) -> str:
    return f"alias:{alias.casefold()}"
