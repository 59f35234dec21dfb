"""Span-level NER benchmark on the shared external suites (exact boundaries).

    python benchmarks/ner_bench.py [--files pd98_test msra_test] [--limit N] [--no-model]

Systems, each scored per label (ORG, LOC = our GPE, PER = our PERSON) with P/R/F1 over
exact (start, end, label) spans:
- ``jieba``: jieba.posseg's ``nt``/``ns``/``nr`` tokens, each one span (the README baseline);
- ``rules``: :class:`policy_nlp.entities.EntityRules` (rjieba tags);
- ``rules+model``: :class:`policy_nlp.entities.classifier.EntityExtractor` with the
  shipped model (trained on policy articles only; nothing from these suites).
Each sentence is processed on its own, with no region.
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
BENCH = REPO.parent / "shared" / "bench" / "ner"
MAP = {"ORG": "ORG", "GPE": "LOC", "PERSON": "PER"}
JIEBA_MAP = {"nt": "ORG", "ns": "LOC", "nr": "PER"}


def read(path: Path, limit: int | None = None) -> list[dict]:
    out = []
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                out.append(json.loads(line))
                if limit and len(out) >= limit:
                    break
    return out


def score(gold_sets: list[set], pred_sets: list[set]) -> dict:
    tp, npred, ngold = Counter(), Counter(), Counter()
    for g, p in zip(gold_sets, pred_sets):
        for s in g:
            ngold[s[2]] += 1
        for s in p:
            npred[s[2]] += 1
            if s in g:
                tp[s[2]] += 1
    from policy_nlp.evaluate import prf

    return {lab: tuple(prf(tp[lab], npred[lab], ngold[lab])[k] for k in ("p", "r", "f1")) for lab in ("ORG", "LOC", "PER")}


def jieba_spans(texts):
    import jieba
    import jieba.posseg as pseg

    jieba.setLogLevel(60)
    out = []
    for t in texts:
        pos, spans = 0, set()
        for w, flag in pseg.cut(t):
            lab = JIEBA_MAP.get(flag)
            if lab:
                spans.add((pos, pos + len(w), lab))
            pos += len(w)
        out.append(spans)
    return out


def tagged(texts):
    """The pipeline's tokens of each text (its segmenter, from its config), computed once
    for all our systems."""
    from policy_nlp.segment import Segmenter

    seg = Segmenter.from_config()
    return [seg.tokens(t) for t in texts]


def our_spans(texts, tokens, extractor):
    out = []
    for t, toks in zip(texts, tokens):
        ents = extractor(t, toks, None)
        out.append({(e.start, e.end, MAP[e.label]) for e in ents if e.label in MAP})
    return out


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--files", nargs="+", default=["pd98_test", "msra_test"])
    ap.add_argument("--limit", type=int, default=None)
    ap.add_argument("--no-model", action="store_true")
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--news-min-score", type=float, default=0.4,
                    help="min_score of the 'rules(news)' variant, tuned on pd98_dev (0: no variant)")
    args = ap.parse_args(argv)
    if not BENCH.is_dir():
        print(f"NER suites not found at {BENCH}", file=sys.stderr)
        return 2
    from policy_nlp.entities import EntityRules
    from policy_nlp.entities.classifier import EntityExtractor

    rules = EntityRules()
    systems = {"jieba": None, "rules": rules}
    if args.news_min_score:
        # news-text variant: also accept the tagger-backed candidates the policy setting
        # scores below 0.5 (person.nr, org.nt); the threshold was chosen on pd98_dev
        systems["rules(news)"] = EntityRules(min_score=args.news_min_score)
    model_path = REPO / "models" / "entity-classifier.skops"
    if not args.no_model and model_path.exists():
        systems["rules+model"] = EntityExtractor(rules, model_path)
    results = {}
    for name in args.files:
        data = read(BENCH / f"{name}.jsonl", args.limit)
        texts = [d["text"] for d in data]
        gold = [{(s["start"], s["end"], s["label"]) for s in d["spans"]} for d in data]
        results[name] = {}
        t0 = time.perf_counter()
        tokens = tagged(texts)
        tag_secs = time.perf_counter() - t0  # counted in each of our systems' time
        for sys_name, ext in systems.items():
            t0 = time.perf_counter()
            pred = jieba_spans(texts) if ext is None else our_spans(texts, tokens, ext)
            secs = time.perf_counter() - t0 + (0 if ext is None else tag_secs)
            results[name][sys_name] = {"scores": score(gold, pred), "seconds": round(secs, 2)}
    if args.json:
        print(json.dumps(results, ensure_ascii=False, indent=1))
        return 0
    for name, res in results.items():
        print(f"\n{name}  (span P/R/F1, exact boundaries)")
        print(f"{'system':12s} " + "  ".join(f"{lab:>17s}" for lab in ("ORG", "LOC", "PER")) + "   seconds")
        for sys_name, r in res.items():
            cells = "  ".join(f"{p:.3f}/{rc:.3f}/{f:.3f}" for p, rc, f in (r["scores"][lab] for lab in ("ORG", "LOC", "PER")))
            print(f"{sys_name:12s} {cells}   {r['seconds']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
