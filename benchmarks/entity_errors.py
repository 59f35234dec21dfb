"""The most frequent entity errors on the shared gold, from cross-validated predictions.

    python benchmarks/entity_errors.py [--top 20] [--folds 5] [--label ORG]

Every gold article is predicted by a model that never saw its source file (GroupKFold by
source, the project's own sample gold added to every training part). Errors are counted
per label as distinct (label, normalised text) pairs per source, like the scorer:
false positives (with the rule that proposed the span), false negatives, and label
confusions (the text is gold under another label).
"""
from __future__ import annotations

import argparse
import sys
from collections import Counter, defaultdict

from pathlib import Path

from policy_nlp.evaluate import norm_text
from policy_nlp.training import cross_validate, default_raw_dirs, format_cv

REPO = Path(__file__).resolve().parents[1]
SHARED_GOLD = REPO.parent / "shared" / "corpus" / "gold"


def error_table(report: dict) -> dict[str, Counter]:
    gold: dict[str, set] = defaultdict(set)
    for ex in report["examples"]:
        for e in ex.gold:
            gold[ex.source].add((e["label"], norm_text(e["text"])))
    pred: dict[str, dict] = defaultdict(dict)
    for rec in report["records"]:
        for m in rec["_mentions"]:
            pred[rec["source"]].setdefault((m.label, norm_text(m.text)), m.rule)
    out: dict[str, Counter] = defaultdict(Counter)
    for src in gold:
        g, p = gold[src], pred.get(src, {})
        g_text = {t: l for l, t in g}
        for (lab, t), rule in p.items():
            if (lab, t) in g:
                continue
            if t in g_text:
                out[lab][f"confused {src[:3]}:{t} (gold {g_text[t]}, pred {lab}) <{rule}>"] += 1
            else:
                out[lab][f"FP {src[:3]}:{t} <{rule}>"] += 1
        p_text = {t for _, t in p}
        for lab, t in g - set(p):
            if t not in p_text:
                out[lab][f"FN {src[:3]}:{t}"] += 1
    return out


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--top", type=int, default=20)
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--label", default=None)
    args = ap.parse_args(argv)
    gold = sorted(SHARED_GOLD.glob("*.jsonl"))
    if not gold:
        print(f"shared gold not found at {SHARED_GOLD}", file=sys.stderr)
        return 2
    extra = sorted((REPO / "corpus" / "gold").glob("*.jsonl"))
    rep = cross_validate(gold, default_raw_dirs(gold + extra), folds=args.folds, extra_train=extra, return_records=True)
    print(format_cv(rep))
    table = error_table(rep)
    for lab in sorted(table):
        if args.label and lab != args.label:
            continue
        c = table[lab]
        print(f"\n== {lab}: {sum(c.values())} errors (FP / FN / confused), top {args.top}")
        for k, n in c.most_common(args.top):
            print(f"  {n}  {k}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
