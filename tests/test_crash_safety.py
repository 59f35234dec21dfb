"""kill -9 at any moment of a run, then run again: the dataset equals an uninterrupted run's."""
from __future__ import annotations

import os
import signal
import subprocess
import time

import pytest

from run_helpers import extract_cmd, make_corpus, snapshot

pytestmark = pytest.mark.slow


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
