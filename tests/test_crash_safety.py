"""kill -9 at any moment of a run, then run again: the dataset equals an uninterrupted run's."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pytest

from conftest import SAMPLES
from policy_nlp.dataset import load_dataset

pytestmark = pytest.mark.slow


def make_corpus(path: Path, n: int = 160) -> Path:
    """Many distinct articles from our own samples (each with its own closing sentence)."""
    texts = [p.read_text(encoding="utf-8") for p in sorted(SAMPLES.glob("*.txt"))]
    with open(path, "w", encoding="utf-8") as fh:
        for i in range(n):
            body = texts[i % len(texts)] + f"\n全年共受理群众来信{i + 3}件。\n"
            fh.write(json.dumps({"id": f"a{i}", "title": f"样本文章{i}", "text": body}, ensure_ascii=False) + "\n")
    return path


def extract_cmd(corpus: Path, out: Path) -> list[str]:
    return [sys.executable, "-m", "policy_nlp.cli", "extract", str(corpus), "-o", str(out),
            "--workers", "1", "--flush-every", "7", "--quiet"]


def snapshot(path: Path) -> dict[str, list]:
    ds = load_dataset(path)
    out = {}
    for name in ds.tables:
        df = ds.table(name)
        df = df.drop(columns=[c for c in ("aliases", "regions") if c in df.columns])
        out[name] = sorted(json.dumps(r, ensure_ascii=False, sort_keys=True, default=str) for r in df.to_dict("records"))
    return out


@pytest.fixture(scope="module")
def reference(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("crash")
    corpus = make_corpus(tmp / "corpus.jsonl")
    out = tmp / "reference"
    subprocess.run(extract_cmd(corpus, out), check=True, timeout=600)
    return corpus, snapshot(out)


@pytest.mark.parametrize("kill_after", [0.2, 2.5, 4.0, 6.0])
def test_killed_run_then_rerun_equals_uninterrupted(reference, tmp_path, kill_after):
    corpus, expected = reference
    out = tmp_path / "ds"
    proc = subprocess.Popen(extract_cmd(corpus, out), start_new_session=True)
    time.sleep(kill_after)
    if proc.poll() is None:
        os.killpg(proc.pid, signal.SIGKILL)
    proc.wait(timeout=60)
    # a second kill, later in the rerun, for good measure
    proc = subprocess.Popen(extract_cmd(corpus, out), start_new_session=True)
    time.sleep(kill_after / 2 + 1.0)
    if proc.poll() is None:
        os.killpg(proc.pid, signal.SIGKILL)
    proc.wait(timeout=60)
    done = subprocess.run(extract_cmd(corpus, out), timeout=600)
    assert done.returncode == 0
    assert snapshot(out) == expected
    assert not any(p.name.startswith(".") and ".tmp-" in p.name for p in out.rglob("*"))
