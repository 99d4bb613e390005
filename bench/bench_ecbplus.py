"""Stories and figure links measured on real news: the ECB+ corpus (982 articles, 86 events).

- B-cubed F1 of the stored stories against the corpus' `story` field (two events of one
  kind per topic must not merge);
- figure links: pairs of figures that an annotated cross-document chain of counted people
  joins (e.g. `t20_people_killed`: "Ten" / "10") should be linked; links between articles of
  two different events should not exist.

The corpus is for measurement only and never ships: pass its folder (default
../shared/corpora/ecbplus). The extracted database is cached under data/bench/.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections import defaultdict
from itertools import combinations
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from sqlmodel import Session, col, select  # noqa: E402

from app.config import Settings  # noqa: E402
from app.db import get_engine  # noqa: E402
from app.link.bcubed import bcubed  # noqa: E402
from app.models import Article, Figure, Link  # noqa: E402
from app.pipeline import ingest_paths  # noqa: E402

_NUMBERISH = re.compile(
    r"\d|\b(one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|dozens?|hundreds?"
    r"|thousands?)\b",
    re.I,
)


def _words(text: str) -> set[str]:
    return set(re.findall(r"[\w,]+", text.lower()))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("corpus", nargs="?", default=str(ROOT.parent / "shared/corpora/ecbplus"))
    args = parser.parse_args()
    corpus = Path(args.corpus)
    rows = [json.loads(x) for x in (corpus / "articles.jsonl").read_text().splitlines() if x]
    db = ROOT / "data" / "bench" / "ecbplus.db"
    db.parent.mkdir(parents=True, exist_ok=True)
    settings = Settings(db_url=f"sqlite:///{db}")
    if not db.exists():
        start = time.perf_counter()
        report = ingest_paths([str(corpus / "articles.jsonl")], settings)
        print(
            f"ingest: {len(report.added)} articles in {time.perf_counter() - start:.0f} s,"
            f" {len(report.failed)} failed",
            flush=True,
        )
    with Session(get_engine(settings.db_url)) as session:
        articles = list(session.exec(select(Article)))
        by_line = {int(a.source_file.rsplit("#", 1)[1]): a for a in articles}
        doc_of = {rows[n - 1]["id"]: a for n, a in by_line.items()}
        truth = {a.id: rows[n - 1]["story"] for n, a in by_line.items()}
        stories: dict[int, list[int]] = defaultdict(list)
        for a in articles:
            stories[a.story_id or -(a.id or 0)].append(a.id or 0)
        p, r, f = bcubed(list(stories.values()), truth)
        print(
            f"stories: B-cubed P {p:.3f} R {r:.3f} F1 {f:.3f} ({len(stories)} stories,"
            f" {len(set(truth.values()))} events; plain TF-IDF reaches 0.88)"
        )
        figures = list(session.exec(select(Figure).where(col(Figure.rejected).is_(False))))
        by_article: dict[int, list[Figure]] = defaultdict(list)
        for fig in figures:
            by_article[fig.article_id].append(fig)
        links = {
            frozenset((k.a_id, k.b_id)): k
            for k in session.exec(select(Link).where(Link.kind == "figure"))
        }
        article_of = {fig.id: fig.article_id for fig in figures}
    chains = [json.loads(x) for x in (corpus / "cross_doc_coref.jsonl").read_text().splitlines()]
    wanted = linked = 0
    for chain in chains:
        if not chain["type"].startswith("HUMAN"):
            continue
        found: dict[int, set[int]] = defaultdict(set)  # article -> figure ids
        for m in chain["mentions"]:
            article = doc_of.get(m["doc_id"])
            if article is None or not _NUMBERISH.search(m["text"]):
                continue
            for fig in by_article.get(article.id or 0, []):
                if _words(m["text"]) & _words(fig.text) & _words(m["text"]):
                    found[article.id or 0].add(fig.id or 0)
        for a, b in combinations(sorted(found), 2):
            wanted += 1
            if any(frozenset((x, y)) in links for x in found[a] for y in found[b]):
                linked += 1
    cross = sum(
        1
        for pair in links
        if len({truth.get(article_of.get(i)) for i in pair}) > 1  # type: ignore[arg-type]
    )
    print(
        f"figure links: {linked}/{wanted} article pairs joined by a chain of counted people"
        f" are linked ({linked / wanted if wanted else 0:.2f});"
        f" {cross} of {len(links)} figure links join two different events"
    )


if __name__ == "__main__":
    main()
