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


def _tree_rss_kb(pid: int) -> tuple[int, int]:
    """(largest single process, sum over the tree) resident set, in KiB, of ``pid`` and its
    descendants, from /proc (Linux)."""
    largest = total = 0
    todo = [pid]
    while todo:
        p = todo.pop()
        try:
            with open(f"/proc/{p}/status") as fh:
                rss = next((int(line.split()[1]) for line in fh if line.startswith("VmRSS:")), 0)
            kids = []
            for task in os.listdir(f"/proc/{p}/task"):
                with open(f"/proc/{p}/task/{task}/children") as fh:
                    kids += [int(k) for k in fh.read().split()]
        except (OSError, ValueError):
            continue
        largest, total = max(largest, rss), total + rss
        todo += kids
    return largest, total


def run_extract_process(inputs: list[Path], out: Path, workers: int) -> tuple[float, float, float]:
    """(wall seconds, peak RSS of its largest process, peak RSS summed over it and its
    workers; MB) of one extract.

    RSS is sampled from /proc every 0.1 s: getrusage's maxrss of a child started by
    vfork+exec counts the parent's memory too (this script holds the whole corpus and
    jieba's dictionary), so it would report this script, not the extract."""
    exe = Path(sys.executable).parent / "policy-nlp"
    cmd = [str(exe), "extract", *map(str, inputs), "-o", str(out), "--workers", str(workers), "--quiet"]
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL)
    peak_one = peak_sum = 0
    while proc.poll() is None:
        one, total = _tree_rss_kb(proc.pid)
        peak_one, peak_sum = max(peak_one, one), max(peak_sum, total)
        time.sleep(0.1)
    secs = time.perf_counter() - t0
    if proc.returncode not in (0, 3):
        raise SystemExit(f"extract failed with status {proc.returncode}: {' '.join(cmd)}")
    return secs, peak_one / 1024, peak_sum / 1024


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
            secs, rss, rss_sum = run_extract_process(inputs, out, w)
            res[f"extract_w{w}_s"] = secs
            res[f"extract_w{w}_peak_rss_mb"] = rss
            res[f"extract_w{w}_peak_rss_sum_mb"] = rss_sum
            res[f"rerun_w{w}_s"] = run_extract_process(inputs, out, w)[0]
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
    print(f"{'what':38s} {'seconds':>9s} {'chars/s':>12s} {'× jieba.lcut':>13s} {'peak RSS: largest process / all':>32s}")
    def line(name: str, secs: float, extra: str = "") -> None:
        print(f"{name:38s} {secs:9.2f} {n_chars / secs:12,.0f} {j / secs:13.2f} {extra:>32s}")

    line("jieba.lcut (pure Python, reference)", j)
    line("rjieba cut", res["rjieba_cut_s"])
    for w in [int(x) for x in args.workers.split(",")]:
        first = res[f"extract_w{w}_s"]
        line(f"policy-nlp extract, {w} worker(s)", first,
             f"{res[f'extract_w{w}_peak_rss_mb']:.0f} MB / {res[f'extract_w{w}_peak_rss_sum_mb']:.0f} MB")
        line("  re-run over unchanged input", res[f"rerun_w{w}_s"], f"{res[f'rerun_w{w}_s'] / first:.1%} of 1st")
    return 0


if __name__ == "__main__":
    sys.exit(main())
