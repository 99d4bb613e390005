"""Figures and figure links against `seeds_figures.jsonl` (the rules of SPEC.md)."""

from __future__ import annotations

import re
from collections import defaultdict
from pathlib import Path
from typing import Any

from sqlmodel import Session, col, select

from app.evaluate.common import Scores, articles_by_name, locate, prf, read_jsonl
from app.models import Article, Figure, Link

# `casualties` (killed and injured together) is a toll of its own: never scored as either.
KEY_MEASURES = ("killed", "injured", "casualties", "arrested", "troops")


_GROUP_CLASSES = {
    "security forces": {
        "police",
        "policemen",
        "agents",
        "agent",
        "officers",
        "officer",
        "soldiers",
        "soldier",
        "security",
        "forces",
        "guards",
        "army",
        "military",
        "servicemen",
        "law",
        "enforcement",
    },
    "protesters": {
        "protesters",
        "protester",
        "demonstrators",
        "demonstrator",
        "criminals",
        "rioters",
        "militants",
        "troublemakers",
        "terrorists",
        "opponents",
        "insurgents",
        "bandits",
    },
    "civilians": {"civilians", "civilian", "residents", "bystanders"},
    "total": {"total", "people", "persons", "all"},
}


_GENERIC = {
    "the",
    "of",
    "a",
    "an",
    "and",
    "ministry",
    "minister",
    "official",
    "officials",
    "sources",
    "source",
    "agency",
    "office",
    "department",
    "spokesman",
    "spokesperson",
    "in",
    "for",
}


def _words(text: str) -> set[str]:
    return {w for w in re.findall(r"[a-z]+", text.lower())}


def _group_class(text: str) -> str | None:
    words = _words(text)
    for name, vocab in _GROUP_CLASSES.items():
        if words & vocab:
            return name
    return None


def group_agrees(found: str, gold: str) -> bool:
    if found.lower() == gold.lower():
        return True
    a, b = _group_class(found), _group_class(gold)
    if a and b:
        return a == b
    return bool((_words(found) - _GENERIC) & (_words(gold) - _GENERIC))


def source_agrees(found: str, gold: str | list[str]) -> bool:
    for option in gold if isinstance(gold, list) else [gold]:
        if found.lower() == option.lower():
            return True
        if "unknown" in (found.lower(), option.lower()):
            continue
        if (_words(found) - _GENERIC) & (_words(option) - _GENERIC):
            return True
        if _words(found) == _words(option):
            return True
    return False


def _match_figures(
    session: Session, gold: list[dict[str, Any]], articles: dict[str, Article]
) -> tuple[dict[int, Figure], list[Figure], list[Figure]]:
    """Gold index → matched figure (one to one), every scored figure of gold articles, and
    those left out of scoring (title and derived figures)."""
    matched: dict[int, Figure] = {}
    found_all: list[Figure] = []
    unscored: list[Figure] = []
    by_article: dict[str, list[int]] = defaultdict(list)
    for i, g in enumerate(gold):
        by_article[g["article"]].append(i)
    for name, article in articles.items():
        figures: list[Figure] = []
        for f in session.exec(
            select(Figure).where(Figure.article_id == article.id, col(Figure.rejected).is_(False))
        ):
            # The references quote the body: a title restates it and a derived figure has
            # no words of its own, so neither is scored (both are counted apart).
            (unscored if f.in_title or f.derived else figures).append(f)
        found_all.extend(figures)
        used: set[int] = set()
        for i in by_article.get(name, []):
            g = gold[i]
            span = locate(article.body, g["quote"])
            if span is None:
                continue
            for f in figures:
                if f.id in used or f.end <= span[0] or f.start >= span[1]:
                    continue
                if (f.value is None) != (g["value"] is None):
                    continue
                if f.value is not None and abs(f.value - g["value"]) > 1e-9:
                    continue
                matched[i] = f
                used.add(f.id or 0)
                break
    return matched, found_all, unscored


def score_figures(session: Session, gold_dir: Path, scores: Scores) -> dict[int, Figure]:
    gold = read_jsonl(gold_dir / "seeds_figures.jsonl")
    articles = {k: v for k, v in articles_by_name(session).items()}
    gold_articles = {g["article"] for g in gold}
    in_scope = {k: v for k, v in articles.items() if k in gold_articles}
    matched, found, unscored = _match_figures(session, gold, in_scope)
    matched_ids = {f.id for f in matched.values()}
    scores.parts["figures"] = prf(len(matched), len(found), len(gold))
    key_found = [f for f in found if f.measure in KEY_MEASURES]
    key_gold = [i for i, g in enumerate(gold) if g["measure"] in KEY_MEASURES]
    key_tp_pred = sum(1 for f in key_found if f.id in matched_ids)
    key_tp_gold = sum(1 for i in key_gold if i in matched)
    p = key_tp_pred / len(key_found) if key_found else 0.0
    r = key_tp_gold / len(key_gold) if key_gold else 0.0
    scores.parts["figures (key measures)"] = {
        "precision": round(p, 3),
        "recall": round(r, 3),
        "f1": round(2 * p * r / (p + r), 3) if p + r else 0.0,
        "found": len(key_found),
        "reference": len(key_gold),
        "matched": key_tp_gold,
    }
    for measure in KEY_MEASURES:
        m_found = [f for f in found if f.measure == measure]
        m_gold = [i for i, g in enumerate(gold) if g["measure"] == measure]
        if not m_found and not m_gold:
            continue
        tp_pred = sum(1 for f in m_found if f.id in matched_ids)
        tp_gold = sum(1 for i in m_gold if i in matched)
        p = tp_pred / len(m_found) if m_found else 0.0
        r = tp_gold / len(m_gold) if m_gold else 0.0
        scores.parts[f"figures: {measure}"] = {
            "precision": round(p, 3),
            "recall": round(r, 3),
            "f1": round(2 * p * r / (p + r), 3) if p + r else 0.0,
            "found": len(m_found),
            "reference": len(m_gold),
            "matched": tp_gold,
        }
    checks: dict[str, list[bool]] = defaultdict(list)
    for i, f in matched.items():
        g = gold[i]
        checks["measure"].append(f.measure == g["measure"])
        checks["qualifier"].append(f.qualifier == g["qualifier"])
        checks["place"].append((f.place or "") == g["place"])
        checks["source"].append(source_agrees(f.source, g["source"]))
        if not g.get("ambiguous_group"):
            checks["group"].append(group_agrees(f.group, g["group"]))
        for name in ("measure", "qualifier", "place", "source", "group"):
            if (
                checks[name]
                and not checks[name][-1]
                and not (name == "group" and g.get("ambiguous_group"))
            ):
                shown = {
                    "measure": f.measure,
                    "qualifier": f.qualifier,
                    "place": f.place,
                    "source": f.source,
                    "group": f.group,
                }[name]
                scores.misses.setdefault(f"figure {name}", []).append(
                    f"{g['article'][:3]} {g['quote']!r}: found {shown!r}, reference {g[name]!r}"
                )
    for name in ("measure", "qualifier", "group", "place", "source"):
        values = checks[name]
        scores.parts[f"figure {name}"] = {
            "accuracy": round(sum(values) / len(values), 3) if values else 0.0,
            "checked": len(values),
        }
    scores.misses["figures not found"] = [
        f"{g['article'][:3]} {g['quote']!r}" for i, g in enumerate(gold) if i not in matched
    ]
    scores.misses["figures not in reference"] = [
        f"{Path(next(a.source_file for a in in_scope.values() if a.id == f.article_id)).name[:3]}"
        f" {f.text!r} ({f.measure})"
        for f in found
        if f.id not in matched_ids
    ]
    _count_unscored(unscored, scores)
    _score_figure_links(session, gold, matched, scores)
    return matched


def _count_unscored(rows: list[Figure], scores: Scores) -> None:
    title = sum(f.in_title for f in rows)
    derived = sum(f.derived for f in rows)
    if title or derived:
        scores.parts["figures not scored"] = {"in titles": title, "derived": derived}


def _scope_related(a: dict[str, Any], b: dict[str, Any]) -> bool:
    """A city's toll beside the country's, or a subset beside its total: may be linked."""
    if a["measure"] != b["measure"]:
        return False
    if a.get("part_of") == b["topic"] or b.get("part_of") == a["topic"]:
        return True  # "two of them beheaded" beside the toll they are part of
    return a["place"] != b["place"] or "total" in (a["group"], b["group"])


def _score_figure_links(
    session: Session, gold: list[dict[str, Any]], matched: dict[int, Figure], scores: Scores
) -> None:
    links = {
        frozenset((ln.a_id, ln.b_id))
        for ln in session.exec(
            select(Link).where(Link.kind == "figure", col(Link.rejected).is_(False))
        )
    }
    tp = fp = fn = 0
    items = [i for i in matched if not gold[i].get("ambiguous_group")]
    for x in range(len(items)):
        for y in range(x + 1, len(items)):
            i, j = items[x], items[y]
            gi, gj = gold[i], gold[j]
            if gi["article"] == gj["article"]:
                continue
            linked = frozenset((matched[i].id, matched[j].id)) in links
            if gi["topic"] == gj["topic"]:
                tp += linked
                fn += not linked
                if not linked:
                    scores.misses.setdefault("figure links missing", []).append(
                        f"{gi['quote']!r} ~ {gj['quote']!r}"
                    )
            elif linked and not _scope_related(gi, gj):
                fp += 1
                scores.misses.setdefault("figure links wrong", []).append(
                    f"{gi['quote']!r} ~ {gj['quote']!r}"
                )
    scores.parts["figure links"] = prf(tp, tp + fp, tp + fn)
