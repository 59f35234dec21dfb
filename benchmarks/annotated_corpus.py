"""Accuracy on the annotated corpus (corpus/annotations/), as issue 13 reports it, in one command.

usage: python benchmarks/annotated_corpus.py [--entity-model default] [--split dev,lockbox] [--json]
                                             [--shared ../shared]

For each split it runs `policy-nlp evaluate` over the bulk records the manifest names (only
each record's annotated range), saves the predictions, and scores them a second time with
the reference scorer (`../shared/tools/score.py`): the two must agree, and the script says
so. It also prints the corpus table (genres, provinces, years, articles, facts, entities)
and the agreement of the double-annotated articles (the second annotator's files scored
against the first's: the human ceiling).

The lockbox is scored here but its errors are never printed: only the figures. The texts
stay in ../shared; without it the script stops with the reason.
"""
from __future__ import annotations

import argparse
import csv
import json
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
ANNOTATIONS = REPO / "corpus" / "annotations"
MANIFEST = ANNOTATIONS / "MANIFEST.tsv"
LABELS = ("ORG", "GPE", "PERSON", "POLICY_DOC", "INITIATIVE")


def manifest() -> list[dict[str, str]]:
    with open(MANIFEST, encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh, delimiter="\t"))


def gold_files(split: str) -> list[Path]:
    return sorted((ANNOTATIONS / "gold" / split).glob("*.jsonl"))


def read_articles(paths) -> list[dict]:
    return [json.loads(line) for p in paths for line in open(p, encoding="utf-8") if line.strip()]


def reference_score(shared: Path, gold: list[Path], pred: Path) -> dict:
    out = subprocess.run([sys.executable, str(shared / "tools" / "score.py"), ",".join(map(str, gold)), str(pred),
                          "--json"], capture_output=True, text=True, check=True)
    return json.loads(out.stdout)


def evaluate(shared: Path, gold_dir: Path, pred: Path, model: str | None) -> dict:
    cmd = [str(Path(sys.executable).parent / "policy-nlp"), "evaluate", "--gold", str(gold_dir),
           "--raw", str(shared / "bench" / "bulk" / "articles.jsonl"), "--ranges", str(MANIFEST),
           "--save-pred", str(pred), "--json"]
    if model:
        cmd += ["--entity-model", model]
    out = subprocess.run(cmd, capture_output=True, text=True)
    if out.returncode not in (0, 3):
        raise SystemExit(f"policy-nlp evaluate failed ({out.returncode}): {out.stderr[-2000:]}")
    return json.loads(out.stdout)


def figures(score: dict) -> dict[str, float]:
    f = {k: score[k]["f1"] for k in ("facts_value", "facts_full", "facts_indicator", "facts_all")}
    acc = score.get("field_accuracy_on_matched", {})
    f["period_acc"] = acc.get("period")
    f["region_acc"] = acc.get("region")
    f["entities_micro"] = score["entities_micro"]["f1"]
    for lab in LABELS:
        e = score["entities"].get(lab)
        f[lab] = e["f1"] if e else None
    return f


def provinces_of(arts: list[dict]) -> set[str]:
    """Province-level regions the articles speak for or give figures of (a city counts for its province)."""
    from policy_nlp.geo import divisions, provinces

    table, known = divisions(), {p.full_name for p in provinces().provinces}
    out = set()
    for a in arts:
        names = [a.get("region")] + [n for f in a["facts"] for n in (f.get("region") or "").split("、")]
        for n in names:
            if n in known:
                out.add(n)
            elif n and table.get(n) is not None and table.get(n).province in known:
                out.add(table.get(n).province)
    return out


def corpus_table(rows: list[dict[str, str]]) -> list[dict]:
    table = []
    for split in ("dev", "lockbox"):
        files = gold_files(split)
        arts = read_articles(files)
        ids = {a["source"] for a in arts}
        mine = [r for r in rows if r["id"] in ids]
        table.append({
            "split": split, "articles": len(arts),
            "genres": dict(Counter(r["genre"] for r in mine)),
            "provinces": sorted(provinces_of(arts)),
            "years": sorted({a["year"] for a in arts if a.get("year")}),
            "facts": sum(len(a["facts"]) for a in arts), "entities": sum(len(a["entities"]) for a in arts),
            "characters": sum(int(r["n_chars"]) for r in mine),
        })
    every = [a for split in ("dev", "lockbox") for a in read_articles(gold_files(split))]
    table.append({"split": "all", "articles": len(every), "genres": dict(Counter(r["genre"] for r in rows
                                                                                  if r["id"] in {a["source"] for a in every})),
                  "provinces": sorted(provinces_of(every)), "years": sorted({a["year"] for a in every if a.get("year")}),
                  "facts": sum(len(a["facts"]) for a in every), "entities": sum(len(a["entities"]) for a in every),
                  "characters": sum(int(r["n_chars"]) for r in rows if r["id"] in {a["source"] for a in every})})
    return table


def agreement(shared: Path) -> dict | None:
    firsts = {q.name: q for split in ("dev", "lockbox") for q in gold_files(split)}
    second = [p for p in sorted((ANNOTATIONS / "second").glob("*.jsonl")) if p.name in firsts]
    if not second:
        return None
    first = [firsts[p.name] for p in second]
    with tempfile.TemporaryDirectory() as tmp:
        pred = Path(tmp) / "second.jsonl"
        pred.write_text("".join(open(p, encoding="utf-8").read() for p in second), encoding="utf-8")
        return {"articles": len(second), **figures(reference_score(shared, first, pred))}


def fmt(v) -> str:
    return "  –  " if v is None else f"{v:.3f}"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--shared", type=Path, default=REPO.parent / "shared")
    ap.add_argument("--split", default="dev,lockbox")
    ap.add_argument("--entity-model", default=None, help='a classifier (.skops) or "default" for the shipped one')
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args(argv)
    if not (args.shared / "bench" / "bulk" / "articles.jsonl").is_file():
        raise SystemExit(f"{args.shared}: the shared material (bench/bulk/articles.jsonl) is not there")
    rows = manifest()
    result: dict = {"corpus": corpus_table(rows), "agreement": agreement(args.shared), "splits": {}}
    with tempfile.TemporaryDirectory() as tmp:
        for split in args.split.split(","):
            gold = gold_files(split)
            if not gold:
                continue
            pred = Path(tmp) / f"{split}.jsonl"
            ours = figures(evaluate(args.shared, ANNOTATIONS / "gold" / split, pred, args.entity_model))
            ref = figures(reference_score(args.shared, gold, pred))
            result["splits"][split] = {"articles": len(gold), "figures": ref,
                                       "agrees_with_reference_scorer": ours == ref}
    if args.json:
        print(json.dumps(result, ensure_ascii=False, indent=1))
        return 0
    print("corpus:")
    for t in result["corpus"]:
        print(f"  {t['split']:8s} {t['articles']:3d} articles, {t['characters']:,} characters, {t['facts']} facts, "
              f"{t['entities']} entities, {len(t['provinces'])} provinces, years {t['years'][:1]}–{t['years'][-1:]}, "
              f"genres {t['genres']}")
    keys = ["facts_value", "facts_full", "facts_indicator", "facts_all", "period_acc", "region_acc",
            "entities_micro", *LABELS]
    print(f"\n{'':22s}" + "".join(f"{k[:10]:>11s}" for k in keys))
    if result["agreement"]:
        a = result["agreement"]
        print(f"{'agreement (' + str(a['articles']) + ' art.)':22s}" + "".join(f"{fmt(a[k]):>11s}" for k in keys))
    for split, s in result["splits"].items():
        name = f"{split} ({s['articles']} art.)"
        print(f"{name:22s}" + "".join(f"{fmt(s['figures'][k]):>11s}" for k in keys))
    for split, s in result["splits"].items():
        print(f"{split}: policy-nlp evaluate {'agrees' if s['agrees_with_reference_scorer'] else 'DISAGREES'} "
              "with tools/score.py")
    return 0


if __name__ == "__main__":
    sys.exit(main())
