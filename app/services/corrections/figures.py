"""Laying the reader's word on figures: rejected, fields changed, a part of another figure,
or a figure the extractor missed added.

Runs before the links are made (a corrected measure, group or place is a new topic), and
only changes a row where it differs, so a run with nothing new to lay on does not relink.
The extractor's own value of a corrected field is kept on the figure (`Figure.corrected`)
for an undo.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from typing import Any

from sqlalchemy import update
from sqlmodel import Session, col, select

from app.models import Article, Figure, FigurePart, Sentence, Statement
from app.services.corrections.keys import anchor_of, claim_key

FIGURE_FIELDS = ("value", "measure", "group", "place", "source", "event")
MEASURES = ("killed", "injured", "casualties", "arrested", "troops", "other")
EVENTS = ("this", "other")
READER_EVENT_REASON = "the reader marked it as another event"

Wanted = dict[tuple[str, str], str | None]
_RANGE = re.compile(r"^\s*([\d.,]+)\s*(?:-|–|to)\s*([\d.,]+)\s*$")


def parse_value(text: str) -> tuple[float | None, float | None]:
    """`12`, `1,200` or a range `10-12` as (value, value_high); empty: no number. Raises
    ValueError for anything else."""
    text = text.strip()
    if not text:
        return None, None
    if m := _RANGE.match(text):
        low, high = _number(m.group(1)), _number(m.group(2))
        if high < low:
            raise ValueError(f"{text!r}: the range ends below where it starts")
        return low, high if high != low else None
    return _number(text), None


def _number(text: str) -> float:
    value = float(text.replace(",", ""))
    if value < 0 or value != value or value > 1e12:
        raise ValueError(f"{text!r} is not a count")
    return value


def value_text(value: float | None, value_high: float | None) -> str:
    """A value as the correction form shows and stores it: `12`, `10-12`, or empty."""

    def show(v: float) -> str:
        return str(int(v)) if v == int(v) else str(v)

    if value is None:
        return ""
    return show(value) + (f"-{show(value_high)}" if value_high is not None else "")


def claim_ids(
    session: Session, model: type[Figure] | type[Statement], keys: set[str]
) -> dict[str, int]:
    """Keys `<hash>:<anchor>` of figures or statements → their current row ids."""
    hashes = {k.split(":", 1)[0] for k in keys}
    if not hashes:
        return {}
    rows = session.exec(
        select(model, col(Article.content_hash))
        .join(Article, col(Article.id) == col(model.article_id))
        .where(col(Article.content_hash).in_(hashes))
    )
    out: dict[str, int] = {}
    for claim, digest in rows:
        row: Figure | Statement = claim  # type: ignore[assignment]  # select(model) of a union
        key = claim_key(digest, anchor_of(row))
        if key in keys and row.id is not None:
            out.setdefault(key, row.id)
    return out


def apply_figures(session: Session, wanted: Wanted) -> int:
    """Every figure correction laid on; returns how many rows changed."""
    per_key: dict[str, dict[str, str | None]] = defaultdict(dict)
    for (target, name), value in wanted.items():
        if target.startswith("figure:"):
            per_key[target.removeprefix("figure:")][name] = value
    if not per_key:
        return 0
    changed = _add_missed(session, per_key)
    ids = claim_ids(session, Figure, set(per_key))
    rejected = [ids[k] for k, f in per_key.items() if f.get("rejected") == "1" and k in ids]
    if rejected:
        result = session.execute(
            update(Figure)
            .where(col(Figure.id).in_(rejected), col(Figure.rejected).is_(False))
            .values(rejected=True)
        )
        changed += int(getattr(result, "rowcount", 0) or 0)
    for key, fields in per_key.items():
        figure = session.get(Figure, ids[key]) if key in ids else None
        if figure is None:
            continue
        changed += _set_fields(session, figure, _fields_of(fields))
        whole = fields.get("part_of")
        if whole:
            changed += _mark_part(session, key, whole, ids)
    return changed


def _fields_of(fields: dict[str, str | None]) -> dict[str, str | None]:
    """The field values wanted for one figure: those of an addition, then the corrections."""
    out: dict[str, str | None] = {}
    if fields.get("added"):
        added = json.loads(fields["added"] or "{}")
        out.update({k: added[k] for k in FIGURE_FIELDS if k in added})
    out.update({k: fields[k] for k in FIGURE_FIELDS if k in fields})
    return out


def _add_missed(session: Session, per_key: dict[str, dict[str, str | None]]) -> int:
    """Figures the reader added, put back where the extractor finds nothing at their start."""
    wanted = {k: json.loads(f["added"] or "{}") for k, f in per_key.items() if f.get("added")}
    if not wanted:
        return 0
    have = claim_ids(session, Figure, set(wanted))
    hashes = {k.split(":", 1)[0] for k in wanted if k not in have}
    articles = {
        a.content_hash: a
        for a in session.exec(select(Article).where(col(Article.content_hash).in_(hashes)))
    }
    added = 0
    for key, given in wanted.items():
        digest, _, anchor = key.partition(":")
        article = articles.get(digest)
        if key in have or article is None or article.id is None or not anchor.isdigit():
            continue
        start, end = int(anchor), int(given.get("end", 0))
        if not 0 <= start < end <= len(article.body):
            continue  # the text is not the one the figure was added to
        sentence = sentence_around(session, article.id, start, end, len(article.body))
        session.add(
            Figure(
                article_id=article.id,
                start=start,
                end=end,
                text=article.body[start:end],
                sentence_start=sentence[0],
                sentence_end=sentence[1],
                added=True,
            )
        )
        added += 1
    if added:
        session.flush()
    return added


def sentence_around(
    session: Session, article_id: int, start: int, end: int, length: int
) -> tuple[int, int]:
    """The stored sentence the words start in, stretched to their end when a reader's
    selection runs on into the next one: a figure's sentence always holds its words."""
    rows = session.exec(
        select(Sentence).where(
            Sentence.article_id == article_id,
            col(Sentence.start) <= start,
            col(Sentence.end) >= start,
        )
    ).all()
    if not rows:
        return start, end
    return rows[0].start, max(rows[0].end, min(end, length))


def _current(figure: Figure, name: str) -> str | None:
    if name == "value":
        return value_text(figure.value, figure.value_high)
    value = getattr(figure, name)
    return None if value is None else str(value)


def _set_fields(session: Session, figure: Figure, fields: dict[str, str | None]) -> int:
    originals: dict[str, Any] = json.loads(figure.corrected) if figure.corrected else {}
    changed = 0
    for name, value in fields.items():
        if _current(figure, name) == normal(name, value):
            continue
        if name not in originals and not figure.added:
            originals[name] = _original(figure, name)
        _assign(figure, name, value)
        changed = 1
    if changed:
        figure.corrected = json.dumps(originals, sort_keys=True) if originals else ""
        session.add(figure)
    return changed


def normal(name: str, value: str | None) -> str | None:
    """A field's value as the figure holds it once corrected (empty means the default)."""
    value = (value or "").strip()
    if name == "value":
        return value_text(*parse_value(value))
    defaults = {"event": "this", "source": "unknown", "group": "total"}
    return value or defaults.get(name)


def _original(figure: Figure, name: str) -> Any:
    if name == "value":
        return [figure.value, figure.value_high, figure.qualifier]
    if name == "event":
        return [figure.event, figure.event_reason]
    return getattr(figure, name)


def _assign(figure: Figure, name: str, value: str | None) -> None:
    if name == "value":
        figure.value, figure.value_high = parse_value(value or "")
        if figure.value_high is not None:
            figure.qualifier = "range"
        elif figure.qualifier == "range":
            figure.qualifier = "exact"
    elif name == "event":
        figure.event = normal(name, value) or "this"
        figure.event_reason = READER_EVENT_REASON if figure.event == "other" else ""
    else:
        setattr(figure, name, normal(name, value))


def restore_field(figure: Figure, name: str) -> None:
    """Give a figure back the extractor's value of one field (an undone correction)."""
    originals: dict[str, Any] = json.loads(figure.corrected) if figure.corrected else {}
    if name not in originals:
        return
    old = originals.pop(name)
    if name == "value":
        figure.value, figure.value_high, figure.qualifier = old
    elif name == "event":
        figure.event, figure.event_reason = old
    else:
        setattr(figure, name, old)
    figure.corrected = json.dumps(originals, sort_keys=True) if originals else ""


def _mark_part(session: Session, key: str, whole_anchor: str, ids: dict[str, int]) -> int:
    digest = key.split(":", 1)[0]
    whole_key = claim_key(digest, whole_anchor)
    whole_id = ids.get(whole_key) or claim_ids(session, Figure, {whole_key}).get(whole_key)
    part_id = ids[key]
    if whole_id is None or whole_id == part_id:
        return 0
    exists = session.exec(
        select(FigurePart).where(FigurePart.figure_id == whole_id, FigurePart.part_id == part_id)
    ).first()
    if exists is not None:
        return 0
    session.add(FigurePart(figure_id=whole_id, part_id=part_id, by_reader=True))
    return 1
