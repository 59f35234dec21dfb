"""Speed and memory of `policy-nlp extract` against plain pure-Python jieba, in one run.

usage: python benchmarks/throughput.py [INPUT ...] [--limit N] [--workers 1,N] [--json]

INPUT defaults to ../shared/bench/bulk/articles.jsonl, all of it (9,186 articles, 14 M
characters; about five minutes on two cores). A .jsonl input can be cut to its first
--limit articles (written to a temporary file), so every measurement below runs over
exactly the same text. Each extract runs as its own process
(`policy-nlp extract ... --quiet`), so its time includes start-up and its peak RSS is its own.
Also printed: cold start (import to the first article annotated) and the time of an
incremental re-run over the unchanged input. Run by hand, not in CI: timings depend on
the machine and on what else runs on it.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DEFAULT_INPUT = REPO.parent / "shared" / "bench" / "bulk" / "articles.jsonl"


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


def run_extract_process(inputs: list[Path], out: Path, workers: int) -> tuple[float, float]:
    """(wall seconds, peak RSS in MB over the process and its workers) of one extract."""
    exe = Path(sys.executable).parent / "policy-nlp"
    cmd = [str(exe), "extract", *map(str, inputs), "-o", str(out), "--workers", str(workers), "--quiet"]
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    secs = time.perf_counter() - t0
    code = os.waitstatus_to_exitcode(status)
    if code not in (0, 3):
        raise SystemExit(f"extract failed with status {code}: {' '.join(cmd)}")
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return secs, max(usage.ru_maxrss, children) / 1024


def cold_start() -> float:
    """Seconds from a fresh interpreter's import of policy_nlp to its first annotated article."""
    code = ("import time; t = time.perf_counter(); import policy_nlp; nlp = policy_nlp.load(); "
            "nlp('截至2019年年底，全区通信光缆线路总长度达20.19万公里。'); print(time.perf_counter() - t)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return float(out.stdout.strip().splitlines()[-1])


def timed(fn) -> float:
    t0 = time.perf_counter()
    fn()
    return time.perf_counter() - t0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("inputs", nargs="*", type=Path)
    ap.add_argument("--limit", type=int, default=0, help="articles taken from each .jsonl input (0 = all)")
    ap.add_argument("--workers", default=f"1,{os.cpu_count() or 1}", help="comma-separated worker counts to measure")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args(argv)
    inputs = args.inputs or [DEFAULT_INPUT]
    for p in inputs:
        if not p.exists():
            print(f"{p}: not found (the default input lives in ../shared)", file=sys.stderr)
            return 2

    import jieba
    import rjieba

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
        res["cold_start_s"] = cold_start()
        for w in [int(x) for x in args.workers.split(",")]:
            out = tmp / f"ds-{w}"
            secs, rss = run_extract_process(inputs, out, w)
            res[f"extract_w{w}_s"] = secs
            res[f"extract_w{w}_peak_rss_mb"] = rss
            res[f"rerun_w{w}_s"], _ = run_extract_process(inputs, out, w)
            if w == 1:
                from policy_nlp.dataset import load_dataset

                ds = load_dataset(out)
                res.update(articles=len(ds.articles), facts=len(ds.facts), entities=len(ds.entities))
    finally:
        shutil.rmtree(tmp, ignore_errors=True)

    if args.json:
        print(json.dumps(res, ensure_ascii=False, indent=1))
        return 0
    j = res["jieba_lcut_s"]
    print(f"machine: {res['machine']}")
    print(f"input: {', '.join(res['inputs'])}: {res['documents']} documents, {n_chars:,} chars")
    print(f"extracted: {res.get('articles', '?')} articles, {res.get('facts', '?')} facts, {res.get('entities', '?')} entities")
    print(f"cold start (import to first article): {res['cold_start_s']:.2f} s")
    print(f"{'what':38s} {'seconds':>9s} {'chars/s':>12s} {'× jieba.lcut':>13s} {'peak RSS':>10s}")
    def line(name: str, secs: float, extra: str = "") -> None:
        print(f"{name:38s} {secs:9.2f} {n_chars / secs:12,.0f} {j / secs:13.2f} {extra:>10s}")

    line("jieba.lcut (pure Python, reference)", j)
    line("rjieba cut", res["rjieba_cut_s"])
    for w in [int(x) for x in args.workers.split(",")]:
        first = res[f"extract_w{w}_s"]
        line(f"policy-nlp extract, {w} worker(s)", first, f"{res[f'extract_w{w}_peak_rss_mb']:.0f} MB")
        line("  re-run over unchanged input", res[f"rerun_w{w}_s"], f"{res[f'rerun_w{w}_s'] / first:.1%} of 1st")
    return 0


if __name__ == "__main__":
    sys.exit(main())
