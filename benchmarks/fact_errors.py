"""Fact errors on gold, by type, with examples: what to work on next.

usage: python benchmarks/fact_errors.py [--gold DIR] [--raw DIR] [--top 10] [--examples 3]

Runs the pipeline on the gold files' sources (``predict_sources``), scores them as
``policy-nlp evaluate`` does, then groups the disagreements into error types:

- ``missed fact`` / ``spurious fact (cause)``: value-level errors; a spurious fact is given
  a cause (same value with another unit, a date-like or bare number, a threshold, a
  number in a name, or an unexplained extra mention) so quantity-layer problems stand
  apart from fact-layer ones;
- on value-matched facts: ``kind X -> Y``, ``modality X -> Y``, ``qualifier X -> Y``,
  ``value sign``, ``indicator mismatch``, ``dimension``, ``period``, ``region``.

Each type is printed with its count and examples: gold vs predicted, and the sentence
the fact stands in (found by its text in the raw file, since the gold has no offsets).
"""
from __future__ import annotations

import argparse
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

from policy_nlp.evaluate import (
    SourceAnnotations,
    add_article,
    char_f1,
    format_report,
    match_facts,
    norm_text,
    norm_unit,
    read_gold_format,
    score_annotations,
    values_agree,
)
from policy_nlp.evaluate_raw import predict_sources

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
SENTENCE_END = re.compile(r"[^。！？!?\n]*[。！？!?\n]?")


def sentences_of(text: str) -> list[str]:
    return [s.strip() for s in SENTENCE_END.findall(text) if s.strip()]


def sentence_of(fact: dict, sentences: list[str]) -> str:
    """The sentence holding the fact's text, preferring the one that shares most with
    its indicator (a value such as ``100%`` occurs in many sentences)."""
    text = fact.get("text") or ""
    found = [s for s in sentences if text and text in s]
    if not found:
        return "?"
    indicator = set(fact.get("indicator") or "")
    best = max(found, key=lambda s: len(indicator & set(s)))
    return best if len(best) <= 160 else best[:157] + "..."


def describe(f: dict) -> str:
    return (f"{f.get('text')!r} ind={f.get('indicator')!r} dim={f.get('dimension')!r} v={f.get('value')} "
            f"u={f.get('unit')} {f.get('qualifier')}/{f.get('kind')}/{f.get('modality')} "
            f"period={f.get('period')!r} region={f.get('region')!r}")


def spurious_cause(f: dict, gold: list[dict]) -> str:
    """Why a prediction matched nothing: the quantity-layer causes first."""
    text = f.get("text") or ""
    same_value = [g for g in gold if g.get("value") is not None and values_agree(g["value"], f.get("value"))]
    if any(norm_unit(g.get("unit")) != norm_unit(f.get("unit")) and (g.get("text") or "")[:2] == text[:2] for g in same_value):
        return "unit differs from gold"
    if any(abs(abs(float(g["value"])) - abs(float(f.get("value") or 0))) < 1e-9 and g.get("unit") == f.get("unit") for g in gold
           if g.get("value") is not None and f.get("value") is not None and float(g["value"]) != float(f["value"])):
        return "sign differs from gold"
    if f.get("unit") is None:
        return "bare number (no unit)"
    if text.endswith("以上") or text.startswith("超"):
        return "threshold (以上/超)"
    if text[:1] in "一两二三四五六七八九十" and f.get("unit") not in ("%",):
        return "Chinese numeral count (determiner, name or list count)"
    if any(g.get("text") == text for g in gold):
        return "extra mention of a gold value (shared/duplicated)"
    return "other"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--gold", type=Path, default=SHARED / "corpus" / "gold")
    ap.add_argument("--raw", type=Path, default=SHARED / "corpus" / "raw")
    ap.add_argument("--top", type=int, default=10)
    ap.add_argument("--examples", type=int, default=3)
    args = ap.parse_args(argv)
    if not args.gold.is_dir() or not args.raw.is_dir():
        print(f"need --gold and --raw folders (tried {args.gold}, {args.raw})", file=sys.stderr)
        return 2
    gold = read_gold_format(sorted(args.gold.glob("*.jsonl")))
    records, missing = predict_sources(args.raw, sorted(gold))
    for m in missing:
        print(m, file=sys.stderr)
    pred: dict[str, SourceAnnotations] = defaultdict(SourceAnnotations)
    for r in records:
        add_article(pred, r)
    print(format_report(score_annotations(gold, pred)))

    errors: Counter[str] = Counter()
    examples: dict[str, list[str]] = defaultdict(list)

    def note(kind: str, src: str, sentence: str, gold_fact: dict | None, pred_fact: dict | None) -> None:
        errors[kind] += 1
        if len(examples[kind]) < args.examples:
            lines = [f"{src}: {sentence}"]
            if gold_fact is not None:
                lines.append(f"    gold: {describe(gold_fact)}")
            if pred_fact is not None:
                lines.append(f"    pred: {describe(pred_fact)}")
            examples[kind].append("\n".join(lines))

    for src, g in gold.items():
        path = args.raw / src
        sentences = sentences_of(path.read_text(encoding="utf-8")) if path.is_file() else []
        p = pred.get(src, SourceAnnotations())
        pairs = match_facts(g.facts, p.facts)
        matched_g = {id(a) for a, _ in pairs}
        matched_p = {id(b) for _, b in pairs}
        for f in g.facts:
            if id(f) not in matched_g:
                note("missed fact", src, sentence_of(f, sentences), f, None)
        for f in p.facts:
            if id(f) not in matched_p:
                note(f"spurious fact ({spurious_cause(f, g.facts)})", src, sentence_of(f, sentences), None, f)
        for gf, pf in pairs:
            sentence = sentence_of(gf, sentences)
            for k in ("kind", "modality", "qualifier"):
                if (gf.get(k) or None) != (pf.get(k) or None):
                    note(f"{k} {gf.get(k)} -> {pf.get(k)}", src, sentence, gf, pf)
            if char_f1(gf.get("indicator"), pf.get("indicator")) < 0.5:
                note("indicator mismatch", src, sentence, gf, pf)
            if norm_text(gf.get("dimension")) != norm_text(pf.get("dimension")):
                note("dimension", src, sentence, gf, pf)
            for k in ("period", "region"):
                if norm_text(gf.get(k)) != norm_text(pf.get(k)):
                    note(k, src, sentence, gf, pf)
    print(f"\nthe {args.top} most frequent error types:")
    for kind, n in errors.most_common(args.top):
        print(f"{n:5d}  {kind}")
        for ex in examples[kind]:
            print("       " + ex.replace("\n", "\n       "))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
