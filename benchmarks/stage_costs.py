"""Where one core's time goes: each stage of the pipeline against plain jieba.lcut, in one run.

usage: python benchmarks/stage_costs.py [INPUT ...] [--limit N] [--json]

INPUT defaults to the first --limit (default 3000) articles of
../shared/bench/bulk/articles.jsonl. The texts are read once; then, in this one process
and measured as CPU time (so the other core's load does not count): pure-Python
``jieba.lcut`` over every text, and the pipeline stage by stage over the same texts
(structure = splitting documents into articles, tokenizer = rjieba tagging plus the spaCy
Doc, then each registered component, then the table rows). Each stage is printed in
seconds per million characters and as a share of jieba's time, beside the budget a
target of "N times jieba.lcut's throughput" leaves for the whole pipeline (``--target``,
default 2). The vocabulary starts empty, as in a fresh run, so new word types cost
what they cost in ``policy-nlp extract``; process start-up, reading and writing the
dataset are not included (``throughput.py`` measures the whole command).

Run by hand, not in CI.
"""
from __future__ import annotations

import argparse
import json
import time
from collections import defaultdict
from pathlib import Path

from throughput import DEFAULT_INPUT  # the same bulk corpus as the whole-command benchmark


def documents_of(inputs: list[Path], limit: int) -> list:
    from itertools import islice

    from policy_nlp.ingest import iter_documents
    from policy_nlp.records import Document

    docs = (d for d in iter_documents(inputs) if isinstance(d, Document))
    return list(islice(docs, limit) if limit else docs)


TAG_ONLY = "  of which rjieba tagging alone"


def stage_seconds(docs: list) -> tuple[dict[str, float], int]:
    """CPU seconds per stage over ``docs``, and the number of articles."""
    from policy_nlp.structure import articles_of
    from policy_nlp.engine.worker import PipelineSpec
    from policy_nlp.pipeline.rows import doc_rows

    nlp = PipelineSpec().load()
    secs: dict[str, float] = defaultdict(float)  # in the order printed
    clock = time.process_time
    t = clock()
    articles = []
    for d in docs:
        try:
            articles.extend(articles_of(d))
        except Exception:  # noqa: BLE001 - a document extract would skip is skipped here too
            pass
    secs["structure (documents to articles)"] = clock() - t
    secs["tokenizer (rjieba tags + spaCy Doc)"] = 0.0
    tag = getattr(nlp.tokenizer, "tag", None)
    for a in articles:
        if tag is not None:  # the segmenter alone, measured apart and not added to the total
            t = clock()
            tag(a.text)
            secs[TAG_ONLY] += clock() - t
        t = clock()
        doc = nlp.make_doc(a.text)
        doc._.article = a
        t1 = clock()
        secs["tokenizer (rjieba tags + spaCy Doc)"] += t1 - t
        for name, proc in nlp.pipeline:
            doc = proc(doc)
            t2 = clock()
            secs[name] += t2 - t1
            t1 = t2
        doc_rows(doc)
        secs["table rows"] += clock() - t1
    return dict(secs), len(articles)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("inputs", nargs="*", type=Path)
    ap.add_argument("--limit", type=int, default=3000, help="documents read from the inputs (0 = all)")
    ap.add_argument("--target", type=float, default=2.0, help="throughput target as a multiple of jieba.lcut")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args(argv)
    inputs = args.inputs or [DEFAULT_INPUT]
    missing = [p for p in inputs if not p.exists()]
    if missing:
        print(f"skipped: input not found: {', '.join(map(str, missing))} (the bulk corpus lives in ../shared)")
        return 0

    docs = documents_of(inputs, args.limit)
    chars = sum(len(d.text) for d in docs)
    import jieba

    jieba.setLogLevel(60)
    jieba.initialize()
    t = time.process_time()
    for d in docs:
        jieba.lcut(d.text)
    jieba_secs = time.process_time() - t

    secs, n_articles = stage_seconds(docs)
    total = sum(s for name, s in secs.items() if name != TAG_ONLY)
    per_m = 1e6 / chars
    budget = jieba_secs / args.target
    result = {"documents": len(docs), "articles": n_articles, "chars": chars, "jieba_lcut": jieba_secs,
              "stages": secs, "pipeline": total, "ratio": jieba_secs / total, "budget": budget}
    if args.json:
        print(json.dumps(result, ensure_ascii=False, indent=2))
        return 0
    print(f"{len(docs):,} documents, {n_articles:,} articles, {chars:,} characters; CPU seconds in one process")
    print(f"{'stage':40s} {'s per M chars':>14s} {'share of jieba':>15s}")
    print(f"{'jieba.lcut (pure Python, reference)':40s} {jieba_secs * per_m:14.3f} {1:15.1%}")
    for name, s in secs.items():
        print(f"{name:40s} {s * per_m:14.3f} {s / jieba_secs:15.1%}")
    print(f"{'pipeline, all stages':40s} {total * per_m:14.3f} {total / jieba_secs:15.1%}"
          f"   = {jieba_secs / total:.2f}x jieba.lcut")
    print(f"{f'budget for {args.target:g}x jieba.lcut':40s} {budget * per_m:14.3f} {budget / jieba_secs:15.1%}"
          f"   (over by {max(total - budget, 0) * per_m:.3f} s per M chars)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
