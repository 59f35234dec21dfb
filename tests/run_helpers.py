"""Helpers for tests that run `policy-nlp extract` as real subprocesses and compare datasets."""
from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

from conftest import SAMPLES
from policy_nlp.dataset import load_dataset


def make_corpus(path: Path, n: int = 160) -> Path:
    """Many distinct articles from our own samples (each with its own closing sentence)."""
    texts = [p.read_text(encoding="utf-8") for p in sorted(SAMPLES.glob("*.txt"))]
    with open(path, "w", encoding="utf-8") as fh:
        for i in range(n):
            body = texts[i % len(texts)] + f"\n全年共受理群众来信{i + 3}件。\n"
            fh.write(json.dumps({"id": f"a{i}", "title": f"样本文章{i}", "text": body}, ensure_ascii=False) + "\n")
    return path


def extract_cmd(corpus: Path, out: Path, workers: int = 1, flush_every: int = 7, *extra: str) -> list[str]:
    return [sys.executable, "-m", "policy_nlp.cli", "extract", str(corpus), "-o", str(out),
            "--workers", str(workers), "--flush-every", str(flush_every), "--quiet", *extra]


def snapshot(path: Path) -> dict[str, list]:
    """Every table's rows as sorted JSON (list columns whose order depends on timing dropped)."""
    ds = load_dataset(path)
    out = {}
    for name in ds.tables:
        df = ds.table(name)
        df = df.drop(columns=[c for c in ("aliases", "regions") if c in df.columns])
        out[name] = sorted(json.dumps(r, ensure_ascii=False, sort_keys=True, default=str) for r in df.to_dict("records"))
    return out


def processes_mentioning(text: str) -> list[int]:
    """Pids of live processes whose command line contains ``text`` (a run's output folder:
    forked workers share their parent's command line)."""
    pids = []
    for d in Path("/proc").iterdir():
        if not d.name.isdigit() or int(d.name) == os.getpid():
            continue
        try:
            cmd = (d / "cmdline").read_bytes().replace(b"\0", b" ").decode("utf-8", "replace")
            state = (d / "stat").read_text().rsplit(")", 1)[1].split()[0]
        except OSError:
            continue
        if text in cmd and state != "Z":
            pids.append(int(d.name))
    return pids


def children_of(pid: int) -> list[int]:
    """Child processes of ``pid``, started by any of its threads."""
    out = []
    try:
        tasks = list(Path(f"/proc/{pid}/task").iterdir())
    except OSError:
        return []
    for t in tasks:
        try:
            out += [int(p) for p in (t / "children").read_text().split()]
        except OSError:
            continue
    return out


def wait_until(cond, timeout: float, step: float = 0.05) -> bool:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if cond():
            return True
        time.sleep(step)
    return cond()


def pending_parts(out: Path) -> int:
    return len(list((out / "_pending").glob("*.articles.parquet"))) if (out / "_pending").exists() else 0


def run(cmd: list[str], **kw) -> subprocess.CompletedProcess:
    return subprocess.run(cmd, capture_output=True, text=True, timeout=600, **kw)


def descendants_of(pid: int) -> list[int]:
    out, todo = [], [pid]
    while todo:
        for c in children_of(todo.pop()):
            out.append(c)
            todo.append(c)
    return out


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"
