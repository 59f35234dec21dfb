#!/usr/bin/env python3
"""Choose the articles of the annotated corpus from the annotation pool, once, reproducibly.

Why a script: the choice must be random (not picked for what the rules handle well), spread over
every genre of the pool, and repeatable by anyone who has ../shared. It writes MANIFEST.tsv:
one row per article with the bulk record id, the character range annotated (whole paragraphs;
the whole record when it is short), its genre, the lockbox split and the annotators.

The split is drawn here, before any annotation or pipeline output exists: about two thirds
`dev` (rules are written and the classifier is trained on these), one third `lockbox`
(scored at the end of a stop, errors never read).

usage: python corpus/annotations/select_articles.py [--shared ../shared] > corpus/annotations/MANIFEST.tsv
       python corpus/annotations/select_articles.py --batch 2 >> corpus/annotations/MANIFEST.tsv
       python corpus/annotations/select_articles.py --batch 3 >> corpus/annotations/MANIFEST.tsv
       python corpus/annotations/select_articles.py --batch 4 >> corpus/annotations/MANIFEST.tsv
"""
from __future__ import annotations

import argparse
import json
import random

import regex
import sys
from pathlib import Path

SEED = 20261202
# how many articles of each genre; a long record contributes one excerpt
QUOTA = {
    "official_news": 28,
    "state_council_document": 12,
    "work_report_provincial": 12,
    "work_report_national": 8,
    "work_report_district": 2,
}
EXCERPT_MIN, EXCERPT_TARGET, EXCERPT_MAX = 3000, 4500, 6000
DOUBLE_ANNOTATED = 8
# a second draw (2026-12-04), from what the first left, to widen the corpus: same rules, its
# own seed and its own split, so the first draw's rows stay as they were
BATCH2_SEED = 20261204
BATCH3_SEED = 20261205  # a third draw, the same day: the pool has no district report left
# a fourth draw (2026-12-04, later): more articles to train on and a larger lockbox; every
# national report from 2002 on is taken, so its share goes to the other genres
BATCH4_SEED = 20261206
BATCH4_QUOTA = {
    "official_news": 7,
    "state_council_document": 3,
    "work_report_provincial": 2,
}
BATCH3_QUOTA = {
    "official_news": 6,
    "state_council_document": 2,
    "work_report_provincial": 2,
    "work_report_national": 2,
}
BATCH2_QUOTA = {
    "official_news": 5,
    "state_council_document": 2,
    "work_report_provincial": 2,
    "work_report_national": 2,
    "work_report_district": 1,
}
FIRST_YEAR = 2002  # the corpus covers 2002 to 2026


def record_year(rid: str, text: str) -> int | None:
    """The year a record was written: from its id, or from a document number 〔2018〕."""
    m = regex.search(r"-(\d{4})(?:-|$)", rid) or regex.search(r"〔(\d{4})〕", text[:400])
    return int(m.group(1)) if m else None


def paragraphs(text: str) -> list[tuple[int, int]]:
    """(start, end) of each non-empty line: a paragraph in these records."""
    spans, pos = [], 0
    for line in text.split("\n"):
        if line.strip():
            spans.append((pos, pos + len(line)))
        pos += len(line) + 1
    return spans


def excerpt(text: str, rng: random.Random) -> tuple[int, int]:
    """A random run of whole paragraphs of 3,000-6,000 characters (the whole text if short)."""
    if len(text) <= EXCERPT_MAX:
        return 0, len(text)
    paras = paragraphs(text)
    starts = []
    for i, (s, _) in enumerate(paras):
        for j in range(i, len(paras)):
            size = paras[j][1] - s
            if size >= EXCERPT_MIN:
                if size <= EXCERPT_MAX:
                    starts.append(i)
                break
    i = rng.choice(starts)
    s = paras[i][0]
    for j in range(i, len(paras)):
        size = paras[j][1] - s
        last = j + 1 == len(paras)
        if size >= EXCERPT_MIN and (size >= EXCERPT_TARGET or last or paras[j + 1][1] - s > EXCERPT_MAX):
            return s, paras[j][1]
    raise AssertionError("no excerpt")


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--shared", default=str(Path(__file__).resolve().parents[3] / "shared"))
    ap.add_argument("--batch", type=int, choices=(1, 2, 3, 4), default=1,
                    help="1: the first draw (with its header); 2, 3, 4: the rows of the later draws")
    args = ap.parse_args()
    shared = Path(args.shared)
    pool: dict[str, list[str]] = {}
    for line in (shared / "corpus/annotation-pool.tsv").read_text(encoding="utf-8").splitlines()[1:]:
        rid, _n, genre = line.split("\t")
        pool.setdefault(genre, []).append(rid)
    texts = {}
    with open(shared / "bench/bulk/articles.jsonl", encoding="utf-8") as fh:
        for line in fh:
            r = json.loads(line)
            texts[r["id"]] = r["text"]

    first = draw(pool, texts, random.Random(SEED), QUOTA, set())
    if args.batch == 1:
        rows, doubled = first
        print("id\tgenre\tstart\tend\tn_chars\tsplit\tdouble_annotated")
    else:
        taken = {r[0] for r in first[0]}
        rows, doubled = draw(pool, texts, random.Random(BATCH2_SEED), BATCH2_QUOTA, taken, 0)
        if args.batch >= 3:
            taken |= {r[0] for r in rows}
            rows, doubled = draw(pool, texts, random.Random(BATCH3_SEED), BATCH3_QUOTA, taken, 0)
        if args.batch == 4:
            taken |= {r[0] for r in rows}
            rows, doubled = draw(pool, texts, random.Random(BATCH4_SEED), BATCH4_QUOTA, taken, 0)
    for rid, genre, start, end, split, dbl in rows:
        print(f"{rid}\t{genre}\t{start}\t{end}\t{end - start}\t{split}\t{'yes' if dbl else 'no'}")
    return 0


def draw(pool, texts, rng: random.Random, quota: dict[str, int], taken: set[str], n_double: int = DOUBLE_ANNOTATED):
    """Articles per genre (none already taken), an excerpt of each, and the split: a third
    of them, at random, to the lockbox."""
    chosen = []
    for genre, n in quota.items():
        ids = sorted(i for i in pool[genre] if i not in taken)
        ids = [i for i in ids if (record_year(i, texts[i]) or FIRST_YEAR) >= FIRST_YEAR]
        if genre == "official_news":
            ids = [i for i in ids if 500 <= len(texts[i]) <= 8000]
        for rid in rng.sample(ids, n):
            start, end = excerpt(texts[rid], rng)
            chosen.append([rid, genre, start, end])
    order = list(range(len(chosen)))
    rng.shuffle(order)
    n_lock = round(len(chosen) / 3)
    lockbox = set(order[:n_lock])
    doubled = set(rng.sample(range(len(chosen)), n_double))
    rows = [(rid, genre, start, end, "lockbox" if k in lockbox else "dev", k in doubled)
            for k, (rid, genre, start, end) in enumerate(chosen)]
    return rows, doubled


if __name__ == "__main__":
    sys.exit(main())
