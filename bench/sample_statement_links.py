"""Draw statement links at random (seeded) from a database and print both sentences, to be
read and judged: do both sentences assert the same thing (the same who-did-what)?

    .venv/bin/python bench/sample_statement_links.py /tmp/seeds.db
    .venv/bin/python bench/sample_statement_links.py data/bench/ecbplus.db --relink --no-text

Each link is printed with its score and reason, and for each side the article (its file, and
the corpus' own document id where the file is JSON Lines with an `id` field) and the
sentence's character offsets in the body, so that a verdict recorded without the corpus text
(bench/statement_links_sample.md) can be checked against the corpus. `--relink` first rewrites
the statement links with the current code (the statements themselves stay as extracted).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from sqlmodel import Session, col, select  # noqa: E402

from app.db import get_engine  # noqa: E402
from app.link.statements import relink_statements  # noqa: E402
from app.models import Article, Link, Statement  # noqa: E402


@cache
def _corpus_ids(path: str) -> list[str]:
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except OSError:
        return []
    return [str(json.loads(x).get("id", "")) if x.strip() else "" for x in lines]


def article_label(article: Article) -> str:
    """The article's file, or its corpus id for a line of a JSON Lines file."""
    path, _, line = article.source_file.rpartition("#")
    if path and line.isdigit():
        ids = _corpus_ids(path)
        n = int(line)
        if 0 < n <= len(ids) and ids[n - 1]:
            return ids[n - 1]
    return Path(article.source_file).name


def _draw(seed: int, a: int, b: int) -> str:
    """A link's place in the draw: a seeded hash of its two statements, so that relinking
    that adds or drops a few links elsewhere leaves the rest of the sample as it was."""
    return hashlib.sha256(f"{seed}:{min(a, b)}:{max(a, b)}".encode()).hexdigest()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("db", help="path of a Parallax SQLite database")
    parser.add_argument("--n", type=int, default=40, help="links to draw (default 40)")
    parser.add_argument("--seed", type=int, default=11, help="random seed (default 11)")
    parser.add_argument("--relink", action="store_true", help="relink statements first")
    parser.add_argument(
        "--no-text", action="store_true", help="print ids and offsets only, not the sentences"
    )
    args = parser.parse_args()
    engine = get_engine(f"sqlite:///{Path(args.db).resolve()}")
    with Session(engine) as session:
        if args.relink:
            made = relink_statements(session)
            session.commit()
            print(f"relinked: {made} statement links")
        links = list(
            session.exec(
                select(Link)
                .where(Link.kind == "statement", col(Link.rejected).is_(False))
                .order_by(col(Link.id))
            )
        )
        statements = {s.id: s for s in session.exec(select(Statement))}
        articles = {a.id: a for a in session.exec(select(Article))}
        linked = {i for k in links for i in (k.a_id, k.b_id)}
        print(
            f"{len(links)} statement links; {len(linked)} of {len(statements)} statements"
            f" linked; mean {2 * len(links) / max(len(statements), 1):.2f} links a statement"
        )
        sample = sorted(links, key=lambda k: _draw(args.seed, k.a_id, k.b_id))[: args.n]
        for n, link in enumerate(sample, 1):
            print(f"\n#{n} score {link.score:.2f} — {link.reason}")
            for side in (link.a_id, link.b_id):
                s = statements[side]
                where = f"{article_label(articles[s.article_id])} [{s.start}:{s.end}]"
                print(f"  {where}" if args.no_text else f"  {where} {s.text}")


if __name__ == "__main__":
    main()
