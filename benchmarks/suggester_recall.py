"""The suggester's recall: the share of gold entities the classifier is ever shown.

usage: python benchmarks/suggester_recall.py [--split lockbox] [--shared ../shared] [--json]

The classifier (policy_nlp.entities.classifier) decides label or none for the spans the rules
and the suggester propose; a gold entity whose text is among none of them cannot be found,
whatever the model. This is the ceiling it works under, per label: a gold entity counts as
suggested when a candidate of the article (any rule, any score, any label) has its text
(normalised as the scorer normalises) — and, in the second column, under its gold label.

Only figures are printed, so that it can be run on the lockbox without reading its errors.
"""
from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
ANNOTATIONS = REPO / "corpus" / "annotations"
LABELS = ("ORG", "GPE", "PERSON", "POLICY_DOC", "INITIATIVE")


def recall(split: str, shared: Path) -> dict:
    from policy_nlp.evaluate import norm_text
    from policy_nlp.pipeline import load
    from policy_nlp.training.examples import attach_candidates, load_articles
    from policy_nlp.training.fit import pipeline_rules, sources_of

    nlp = load()
    rules = pipeline_rules(nlp)
    gold = sorted((ANNOTATIONS / "gold" / split).glob("*.jsonl"))
    sources = sources_of([shared / "bench" / "bulk" / "articles.jsonl"], ANNOTATIONS / "MANIFEST.tsv")
    examples = load_articles(gold, sources, nlp)
    attach_candidates(examples, rules)
    total, any_label, same_label = Counter(), Counter(), Counter()
    for ex in examples:
        by_text: dict[str, set[str]] = {}
        for c in ex.candidates:
            by_text.setdefault(norm_text(c.text), set()).add(c.label)
        for key in {(e.get("label"), norm_text(e.get("text"))) for e in ex.gold}:
            label, text = key
            total[label] += 1
            labels = by_text.get(text)
            if labels:
                any_label[label] += 1
                same_label[label] += label in labels
    out = {lab: {"gold": total[lab], "suggested": round(any_label[lab] / total[lab], 3) if total[lab] else None,
                 "suggested_same_label": round(same_label[lab] / total[lab], 3) if total[lab] else None}
           for lab in LABELS}
    n = sum(total.values())
    out["micro"] = {"gold": n, "suggested": round(sum(any_label.values()) / n, 3) if n else None,
                    "suggested_same_label": round(sum(same_label.values()) / n, 3) if n else None}
    return {"split": split, "articles": len(examples), "recall": out}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--split", default="dev", help="dev or lockbox (comma-separated for both)")
    ap.add_argument("--shared", type=Path, default=REPO.parent / "shared")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args(argv)
    if not (args.shared / "bench" / "bulk" / "articles.jsonl").is_file():
        print(f"skipped: {args.shared}/bench/bulk/articles.jsonl not found (the texts stay in ../shared)")
        return 0
    reports = [recall(s, args.shared) for s in args.split.split(",")]
    if args.json:
        print(json.dumps(reports, ensure_ascii=False, indent=1))
        return 0
    for rep in reports:
        print(f"{rep['split']} ({rep['articles']} articles): gold entities among the candidates")
        print(f"  {'label':11s} {'gold':>5s} {'any label':>10s} {'same label':>11s}")
        for lab, r in rep["recall"].items():
            print(f"  {lab:11s} {r['gold']:5d} {r['suggested'] or 0:10.3f} {r['suggested_same_label'] or 0:11.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
