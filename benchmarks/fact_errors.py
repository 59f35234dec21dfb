"""Fact errors on gold, by type, with examples: what to work on next.

usage: python benchmarks/fact_errors.py [--gold DIR] [--raw DIR] [--top 10] [--examples 3]

Runs the pipeline on the gold files' sources, scores as `policy-nlp evaluate` does, then
groups the disagreements: missed facts, spurious facts, and on matched facts wrong kind,
modality, qualifier, indicator, period or region.
"""
from __future__ import annotations

import argparse
from collections import Counter, defaultdict
from pathlib import Path

from policy_nlp.evaluate import char_f1, format_report, match_facts, norm_text, read_gold_format, score_annotations
from policy_nlp.evaluate import SourceAnnotations, add_article
from policy_nlp.evaluate_raw import predict_sources

SHARED = Path(__file__).resolve().parents[1].parent / "shared"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--gold", type=Path, default=SHARED / "corpus" / "gold")
    ap.add_argument("--raw", type=Path, default=SHARED / "corpus" / "raw")
    ap.add_argument("--top", type=int, default=10)
    ap.add_argument("--examples", type=int, default=3)
    args = ap.parse_args(argv)
    gold = read_gold_format(sorted(args.gold.glob("*.jsonl")))
    records, _ = predict_sources(args.raw, sorted(gold))
    pred: dict[str, SourceAnnotations] = defaultdict(SourceAnnotations)
    for r in records:
        add_article(pred, r)
    print(format_report(score_annotations(gold, pred)))

    errors: Counter[str] = Counter()
    examples: dict[str, list[str]] = defaultdict(list)

    def note(kind: str, text: str) -> None:
        errors[kind] += 1
        if len(examples[kind]) < args.examples:
            examples[kind].append(text)

    for src, g in gold.items():
        p = pred.get(src, SourceAnnotations())
        pairs = match_facts(g.facts, p.facts)
        matched_g = {id(a) for a, _ in pairs}
        matched_p = {id(b) for _, b in pairs}
        for f in g.facts:
            if id(f) not in matched_g:
                note("missed fact", f"{src}: {f['text']} ({f['indicator']}, unit {f['unit']}, value {f['value']})")
        for f in p.facts:
            if id(f) not in matched_p:
                note("spurious fact", f"{src}: {f['text']} ({f['indicator']}, unit {f['unit']}, value {f['value']})")
        for gf, pf in pairs:
            for k in ("kind", "modality", "qualifier"):
                if (gf.get(k) or None) != (pf.get(k) or None):
                    note(f"{k} {gf.get(k)} -> {pf.get(k)}", f"{src}: {gf['text']} ({gf['indicator']})")
            if char_f1(gf.get("indicator"), pf.get("indicator")) < 0.5:
                note("indicator", f"{src}: {gf['text']}: gold {gf.get('indicator')!r}, predicted {pf.get('indicator')!r}")
            for k in ("period", "region"):
                if norm_text(gf.get(k)) != norm_text(pf.get(k)):
                    note(k, f"{src}: {gf['text']}: gold {gf.get(k)!r}, predicted {pf.get(k)!r}")
    print(f"\nthe {args.top} most frequent error types:")
    for kind, n in errors.most_common(args.top):
        print(f"{n:5d}  {kind}")
        for ex in examples[kind]:
            print(f"         {ex}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
