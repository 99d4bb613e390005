"""Statement links, actors, places and article dates against the references."""

from __future__ import annotations

import json
import re
from collections import defaultdict
from pathlib import Path
from typing import Any

from sqlmodel import Session, col, select

from app.evaluate.common import Scores, articles_by_name, locate, read_jsonl
from app.models import Actor, ActorAlias, Link, Place, PlaceAlias, PlaceMention, Statement


def score_statements(session: Session, gold_dir: Path, scores: Scores) -> None:
    claims = read_jsonl(gold_dir / "seeds_claims.jsonl")
    articles = articles_by_name(session)
    statements = list(session.exec(select(Statement)))
    by_article: dict[int, list[Statement]] = defaultdict(list)
    for s in statements:
        by_article[s.article_id].append(s)
    links = [
        ln
        for ln in session.exec(
            select(Link).where(Link.kind == "statement", col(Link.rejected).is_(False))
        )
    ]
    pairs = {frozenset((ln.a_id, ln.b_id)) for ln in links}
    found = total = 0
    for claim in claims:
        members = []
        for m in claim["members"]:
            article = articles.get(m["article"])
            span = locate(article.body, m["quote"]) if article else None
            hit = None
            if article and span:
                hit = next(
                    (
                        s
                        for s in by_article[article.id or 0]
                        if s.start < span[1] and s.end > span[0]
                    ),
                    None,
                )
            members.append(hit)
        for x in range(len(members)):
            for y in range(x + 1, len(members)):
                total += 1
                a, b = members[x], members[y]
                if a and b and frozenset((a.id, b.id)) in pairs:
                    found += 1
                else:
                    scores.misses.setdefault("statement links missing", []).append(
                        f"{claim['claim']}: {claim['members'][x]['article'][:3]}"
                        f" ~ {claim['members'][y]['article'][:3]}"
                    )
    degree: dict[int, int] = defaultdict(int)
    for ln in links:
        degree[ln.a_id] += 1
        degree[ln.b_id] += 1
    mean = sum(degree.values()) / len(statements) if statements else 0.0
    scores.parts["statement links"] = {
        "recall": round(found / total, 3) if total else 0.0,
        "pairs": total,
        "linked": found,
        "statements": len(statements),
        # A statement with no counterpart is not underlined: how many are is a measure too.
        "statements linked": len(degree),
        "mean links per statement": round(mean, 2),
    }


def _holds(alias: str, spelling: str) -> bool:
    return re.search(rf"(?<!\w){re.escape(spelling.lower())}(?!\w)", alias.lower()) is not None


def score_entities(session: Session, gold_dir: Path, scores: Scores) -> None:
    ref = json.loads((gold_dir / "seeds_entities.json").read_text(encoding="utf-8"))
    actors = list(session.exec(select(Actor)))
    aliases: dict[int, set[str]] = defaultdict(set)
    for a in actors:
        aliases[a.id or 0].add(a.name)
    for al in session.exec(select(ActorAlias)):
        aliases[al.actor_id].add(al.alias)

    def owners(spelling: str) -> set[int]:
        exact = {
            k for k, names in aliases.items() if any(n.lower() == spelling.lower() for n in names)
        }
        return exact or {
            k for k, names in aliases.items() if any(_holds(n, spelling) for n in names)
        }

    merged = 0
    gold_owner: dict[int, set[str]] = defaultdict(set)
    for name, info in ref["actors"].items():
        found = [owners(s) for s in info["spellings"]]
        everyone = set().union(*found)
        if all(found) and len(everyone) == 1:
            merged += 1
        else:
            scores.misses.setdefault("actors not merged", []).append(
                f"{name}: "
                + ", ".join(
                    f"{s}→{sorted(o)}" for s, o in zip(info["spellings"], found, strict=True)
                )
            )
        for s in info["spellings"]:
            exact = {
                k for k, names in aliases.items() if any(n.lower() == s.lower() for n in names)
            }
            for k in exact:
                gold_owner[k].add(name)
    wrong = {k: v for k, v in gold_owner.items() if len(v) > 1}
    for k, v in wrong.items():
        scores.misses.setdefault("actors wrongly merged", []).append(f"actor {k}: {sorted(v)}")
    furniture = [n for n in ref.get("not_actors", []) if owners(n)]
    scores.misses["furniture names as actors"] = furniture
    scores.parts["actors"] = {
        "merged": merged,
        "reference": len(ref["actors"]),
        "wrongly merged": len(wrong),
        "furniture names": len(furniture),
        "actors found": len(actors),
    }
    _score_places(session, ref, scores)
    _score_dates(session, ref, scores)


def _score_places(session: Session, ref: dict[str, Any], scores: Scores) -> None:
    names: dict[int, set[str]] = defaultdict(set)
    for p in session.exec(select(Place)):
        names[p.id or 0].add(p.name.lower())
    for al in session.exec(select(PlaceAlias)):
        names[al.place_id].add(al.alias.lower())
    article_name = {a.id: k for k, a in articles_by_name(session).items()}
    where: dict[int, set[str]] = defaultdict(set)
    for m in session.exec(select(PlaceMention)):
        where[m.place_id].add(article_name.get(m.article_id, "?"))
    exact = 0
    for name, info in ref["places"].items():
        wanted = {name.lower(), *(s.lower() for s in info["spellings"])}
        ids = [k for k, v in names.items() if v & wanted]
        seen = set().union(*(where[k] for k in ids)) if ids else set()
        if seen == set(info["articles"]):
            exact += 1
        else:
            scores.misses.setdefault("places", []).append(
                f"{name}: found in {sorted(x[:3] for x in seen)},"
                f" reference {sorted(x[:3] for x in info['articles'])}"
            )
    scores.parts["places"] = {"in exactly their articles": exact, "reference": len(ref["places"])}


def _score_dates(session: Session, ref: dict[str, Any], scores: Scores) -> None:
    articles = articles_by_name(session)
    right = checked = 0
    extra: dict[str, list[bool]] = defaultdict(list)
    for name, info in ref.get("articles", {}).items():
        article = articles.get(name)
        if article is None:
            continue
        checked += 1
        value = article.date.isoformat() if article.date else None
        if value in info["date"]:
            right += 1
        else:
            scores.misses.setdefault("dates", []).append(
                f"{name[:3]}: {value}, reference {info['date']}"
            )
        for key in ("title", "outlet"):
            if key in info:
                extra[key].append(
                    getattr(article, key) in info[key]
                    if isinstance(info[key], list)
                    else getattr(article, key) == info[key]
                )
    scores.parts["article dates"] = {"right": right, "checked": checked}
    for key, values in extra.items():
        scores.parts[f"article {key}"] = {"right": sum(values), "checked": len(values)}
