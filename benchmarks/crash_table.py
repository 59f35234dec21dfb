"""Kill a real run in every way a batch job meets, then run it again: the scenario table.

    python benchmarks/crash_table.py [--docs 600] [--workers 2] [--markdown]

Input: the first ``--docs`` records of ../shared/bench/bulk/articles.jsonl (or the test
corpus built from our own samples when ../shared is absent). For each scenario the command
runs as a subprocess in its own session; the table shows what was killed and when, the
exit status, the processes of the run still alive five seconds later, whether the
re-run took the lock over without a refusal, and whether the final dataset equals an
uninterrupted run's (the poison scenario: equals it without the poisoned article).
"""
from __future__ import annotations

import argparse
import itertools
import json
import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests"))

from run_helpers import (children_of, extract_cmd, make_corpus, pending_parts, processes_mentioning,  # noqa: E402
                         snapshot, wait_until)

BULK = REPO.parent / "shared" / "bench" / "bulk" / "articles.jsonl"


def corpus(tmp: Path, n: int) -> Path:
    path = tmp / "corpus.jsonl"
    if not BULK.exists():
        return make_corpus(path, n)
    with open(BULK, encoding="utf-8") as src, open(path, "w", encoding="utf-8") as dst:
        dst.writelines(itertools.islice(src, n))
    return path


def scenario(name: str, src: Path, out: Path, workers: int, act, env=None) -> dict:
    proc = subprocess.Popen(extract_cmd(src, out, workers), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                            text=True, start_new_session=True, env=env)
    when = act(proc, out)
    _, stderr = proc.communicate(timeout=900)
    time.sleep(5)
    left = len(processes_mentioning(str(out)))
    again = subprocess.run(extract_cmd(src, out, workers), capture_output=True, text=True, timeout=900)
    return {"scenario": name, "when": when, "exit": proc.returncode, "left": left,
            "rerun": f"exit {again.returncode}" + (", lock taken over" if "taking over" in again.stderr else "")
            + (", REFUSED" if "is writing" in again.stderr else ""),
            "stderr": stderr, "out": out}


def kill_parent_after(seconds: float):
    def act(proc, out):
        time.sleep(seconds)
        proc.kill()
        return f"{seconds} s"
    return act


def signal_after_parts(sig: int, group: bool):
    def act(proc, out):
        wait_until(lambda: pending_parts(out) >= 2, timeout=120)
        (os.killpg if group else os.kill)(proc.pid, sig)
        return f"after {pending_parts(out)} batches"
    return act


def kill_worker(proc, out):
    wait_until(lambda: pending_parts(out) >= 2 and children_of(proc.pid), timeout=120)
    os.kill(children_of(proc.pid)[0], signal.SIGKILL)
    return f"after {pending_parts(out)} batches"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--docs", type=int, default=600)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--markdown", action="store_true")
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        src = corpus(tmp, args.docs)
        subprocess.run(extract_cmd(src, tmp / "clean", args.workers), check=True, capture_output=True, timeout=900)
        clean = snapshot(tmp / "clean")
        lines = src.read_text(encoding="utf-8").splitlines()
        poison_line = len(lines) // 2
        marker = json.loads(lines[poison_line - 1])["text"][:40]
        n = itertools.count()
        rows = [scenario(f"kill -9 parent (pool starting)" if s < 3 else "kill -9 parent (mid-run)",
                         src, tmp / f"ds{next(n)}", args.workers, kill_parent_after(s)) for s in (0.5, 1.0, 1.5, 2.0, 5.0)]
        rows.append(scenario("kill -9 one worker", src, tmp / f"ds{next(n)}", args.workers, kill_worker))
        rows.append(scenario("Ctrl-C (SIGINT to the process group)", src, tmp / f"ds{next(n)}", args.workers,
                             signal_after_parts(signal.SIGINT, True)))
        rows.append(scenario("SIGTERM to the parent", src, tmp / f"ds{next(n)}", args.workers,
                             signal_after_parts(signal.SIGTERM, False)))
        rows.append(scenario("Ctrl-C, --workers 1", src, tmp / f"ds{next(n)}", 1, signal_after_parts(signal.SIGINT, True)))
        poison = scenario(f"poison document (line {poison_line}) kills each worker", src, tmp / f"ds{next(n)}",
                          args.workers, lambda p, o: "every time", env={**os.environ, "POLICY_NLP_TEST_POISON": marker})
        rows.append(poison)
        for r in rows:
            got = snapshot(r["out"])
            if r is poison:
                dropped = [a for a in clean["articles"] if marker in json.loads(a)["text"]]
                r["equal"] = "yes (without it)" if got["articles"] == [a for a in clean["articles"] if a not in dropped] else "NO"
                r["exit"] = f"{r['exit']}: " + "; ".join(line for line in r["stderr"].splitlines() if line.startswith("skipped"))
            else:
                r["equal"] = "yes" if got == clean else "NO"
    head = ("what was killed", "when", "first run's exit", "processes left after 5 s", "re-run", "dataset equal to a clean run")
    keys = ("scenario", "when", "exit", "left", "rerun", "equal")
    print(f"input: {args.docs} documents, {args.workers} workers")
    if args.markdown:
        print("| " + " | ".join(head) + " |\n|" + "---|" * len(head))
        for r in rows:
            print("| " + " | ".join(str(r[k]) for k in keys) + " |")
    else:
        for r in rows:
            print("  ".join(str(r[k]) for k in keys))
    return 0


if __name__ == "__main__":
    sys.exit(main())
