"""Measure the entity rules on the shared gold files.

    python -m policy_nlp.entities.rule_report [--shared PATH] [--errors LABEL] [--show FILE]

For each gold file the raw text is read from ``corpus/raw/<source>``, tagged with rjieba,
run through :class:`EntityRules` with the region of the file's first article, turned into
gold-format predictions and scored with the reference scorer ``tools/score.py`` (entity
P/R/F1 per label, (label, text) pairs pooled per file).
"""
from __future__ import annotations

import argparse
import importlib.util
import json
import sys
import tempfile
from collections import Counter
from pathlib import Path

from policy_nlp.entities import EntityRules, entities_to_gold, tokens_from_tags


def default_shared() -> Path:
    return Path(__file__).resolve().parents[3].parent / "shared"


def load_scorer(shared: Path):
    spec = importlib.util.spec_from_file_location("policy_nlp_shared_score", shared / "tools" / "score.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def predict_files(shared: Path, rules: EntityRules | None = None) -> tuple[list[Path], dict[str, list[dict]], dict]:
    import rjieba

    rules = rules or EntityRules()
    jb = rjieba.Jieba()
    gold_paths = sorted((shared / "corpus" / "gold").glob("*.jsonl"))
    preds: dict[str, list[dict]] = {}
    cands_by_src = {}
    for gp in gold_paths:
        arts = [json.loads(l) for l in gp.read_text(encoding="utf-8").splitlines() if l.strip()]
        src = arts[0]["source"].split("/")[-1]
        text = (shared / "corpus" / "raw" / src).read_text(encoding="utf-8")
        tokens = tokens_from_tags(jb.tag(text))
        region = arts[0].get("region")
        ents = rules(text, tokens, region)
        preds[src] = entities_to_gold(ents)
        rule_of = {}
        for e in ents:
            rule_of.setdefault((e.label, e.text), getattr(e, "rule", ""))
        for d in preds[src]:
            d["_rule"] = rule_of.get((d["label"], d["text"]), "")
        cands_by_src[src] = ents
    return gold_paths, preds, cands_by_src


def score(shared: Path | None = None, rules: EntityRules | None = None) -> dict:
    shared = shared or default_shared()
    gold_paths, preds, _ = predict_files(shared, rules)
    scorer = load_scorer(shared)
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False, encoding="utf-8") as fh:
        for src, ents in preds.items():
            ents = [{k: v for k, v in e.items() if not k.startswith("_")} for e in ents]
            fh.write(json.dumps({"source": src, "article_index": 0, "facts": [], "entities": ents},
                                ensure_ascii=False) + "\n")
        pred_path = fh.name
    res = scorer.score([str(p) for p in gold_paths], pred_path)
    Path(pred_path).unlink(missing_ok=True)
    return {"entities": res["entities"], "entities_micro": res["entities_micro"], "preds": preds}


def errors(shared: Path, preds: dict[str, list[dict]], label: str) -> tuple[Counter, Counter]:
    scorer = load_scorer(shared)
    fp, fn = Counter(), Counter()
    for gp in sorted((shared / "corpus" / "gold").glob("*.jsonl")):
        arts = [json.loads(l) for l in gp.read_text(encoding="utf-8").splitlines() if l.strip()]
        src = arts[0]["source"].split("/")[-1]
        g = {scorer.norm_text(e["text"]) for a in arts for e in a["entities"] if e["label"] == label}
        p = {scorer.norm_text(e["text"]): e.get("_rule", "") for e in preds.get(src, []) if e["label"] == label}
        for t in set(p) - g:
            fp[f"{src[:3]}:{t}<{p[t].split('.')[-1]}>"] += 1
        for t in g - set(p):
            fn[f"{src[:3]}:{t}"] += 1
    return fp, fn


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shared", type=Path, default=default_shared())
    ap.add_argument("--errors", metavar="LABEL", help="list false positives / negatives for LABEL")
    ap.add_argument("--show", metavar="RAWFILE", help="print the entities found in a raw file")
    ap.add_argument("--region", default=None)
    args = ap.parse_args(argv)
    if not (args.shared / "corpus" / "gold").is_dir():
        print(f"shared corpus not found at {args.shared}", file=sys.stderr)
        return 2
    if args.show:
        import rjieba

        text = Path(args.show if "/" in args.show else args.shared / "corpus" / "raw" / args.show).read_text(encoding="utf-8")
        ents = EntityRules()(text, tokens_from_tags(rjieba.Jieba().tag(text)), args.region)
        for e in entities_to_gold(ents):
            print(e["label"], e["text"], e["subtype"] or "", e["canonical"] if e["canonical"] != e["text"] else "", sep="\t")
        return 0
    res = score(args.shared)
    for lab, v in res["entities"].items():
        print(f"{lab:11s} P={v['p']:.3f} R={v['r']:.3f} F1={v['f1']:.3f}  (tp={v['tp']} pred={v['pred']} gold={v['gold']})")
    v = res["entities_micro"]
    print(f"{'micro':11s} P={v['p']:.3f} R={v['r']:.3f} F1={v['f1']:.3f}")
    if args.errors:
        fp, fn = errors(args.shared, res["preds"], args.errors)
        print(f"\nfalse positives ({len(fp)}):", " | ".join(sorted(fp)))
        print(f"\nfalse negatives ({len(fn)}):", " | ".join(sorted(fn)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
