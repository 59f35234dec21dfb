"""Throughput of the whole `extract` against plain pure-Python jieba, in one run.

usage: python benchmarks/throughput.py [INPUT ...] [--limit N] [--workers 1,2] [--json]

INPUT defaults to ../shared/corpus/raw. A .jsonl input (e.g. ../shared/bench/bulk/articles.jsonl)
is cut to its first --limit articles (written to a temporary file), so every measurement
below runs over exactly the same text. Run by hand, not in CI: timings depend on the machine.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DEFAULT_INPUT = REPO.parent / "shared" / "corpus" / "raw"


def texts_of(inputs: list[Path]) -> list[str]:
    from policy_nlp.ingest import iter_documents
    from policy_nlp.records import Document

    return [d.text for d in iter_documents(inputs) if isinstance(d, Document)]


def limited_inputs(inputs: list[Path], limit: int, tmp: Path) -> list[Path]:
    out = []
    for p in inputs:
        if p.suffix == ".jsonl" and limit:
            cut = tmp / p.name
            with open(p, encoding="utf-8") as src, open(cut, "w", encoding="utf-8") as dst:
                for i, line in enumerate(src):
                    if i >= limit:
                        break
                    dst.write(line)
            out.append(cut)
        else:
            out.append(p)
    return out


def timed(fn) -> float:
    t0 = time.perf_counter()
    fn()
    return time.perf_counter() - t0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("inputs", nargs="*", type=Path)
    ap.add_argument("--limit", type=int, default=2000, help="articles taken from each .jsonl input")
    ap.add_argument("--workers", default="1", help="comma-separated worker counts to measure")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args(argv)
    inputs = args.inputs or [DEFAULT_INPUT]
    for p in inputs:
        if not p.exists():
            print(f"{p}: not found (the default input lives in ../shared)", file=sys.stderr)
            return 2

    import jieba
    import rjieba

    from policy_nlp.engine import run_extract

    tmp = Path(tempfile.mkdtemp(prefix="policy-nlp-bench-"))
    try:
        inputs = limited_inputs(inputs, args.limit, tmp)
        texts = texts_of(inputs)
        n_chars = sum(len(t) for t in texts)
        jieba.initialize()
        rj = rjieba.Jieba()
        rj.cut("预热")
        res: dict = {"machine": f"{platform.machine()} {os.cpu_count()} cores, Python {platform.python_version()}",
                     "inputs": [str(p) for p in args.inputs or [DEFAULT_INPUT]], "documents": len(texts), "chars": n_chars}
        res["jieba_lcut_s"] = timed(lambda: [jieba.lcut(t) for t in texts])
        res["rjieba_cut_s"] = timed(lambda: [rj.cut(t) for t in texts])
        for w in [int(x) for x in args.workers.split(",")]:
            out = tmp / f"ds-{w}"
            summary = None

            def run():
                nonlocal summary
                summary = run_extract(inputs, out, workers=w, progress=False)

            secs = timed(run)
            res[f"extract_w{w}_s"] = secs
            res[f"extract_w{w}_articles"] = summary.articles
            res[f"extract_w{w}_facts"] = summary.facts
            res[f"extract_w{w}_entities"] = summary.entities
            res[f"rerun_w{w}_s"] = timed(lambda: run_extract(inputs, out, workers=w, progress=False))
    finally:
        shutil.rmtree(tmp, ignore_errors=True)

    if args.json:
        print(json.dumps(res, ensure_ascii=False, indent=1))
        return 0
    j = res["jieba_lcut_s"]
    print(f"machine: {res['machine']}")
    print(f"input: {', '.join(res['inputs'])}: {res['documents']} documents, {n_chars:,} chars")
    print(f"{'what':34s} {'seconds':>9s} {'chars/s':>12s} {'× jieba.lcut':>13s}")
    rows = [("jieba.lcut (pure Python, reference)", j), ("rjieba cut", res["rjieba_cut_s"])]
    for w in [int(x) for x in args.workers.split(",")]:
        rows.append((f"policy-nlp extract, {w} worker(s)", res[f"extract_w{w}_s"]))
        rows.append((f"  re-run, unchanged input", res[f"rerun_w{w}_s"]))
    for name, s in rows:
        print(f"{name:34s} {s:9.2f} {n_chars / s:12,.0f} {j / s:13.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
