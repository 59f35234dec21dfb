"""Runs with worker processes survive what batch jobs meet: a parent killed at any moment
(no worker outlives it, the lock is free, the re-run finishes the job), a worker killed
mid-run (its batch is retried), a document that kills every worker that touches it (skipped
with its reason, everything else processed), and Ctrl-C / SIGTERM (a clean stop, then resume).
All with real subprocesses and real signals."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time

import pytest

from run_helpers import (children_of, extract_cmd, make_corpus, pending_parts, processes_mentioning, run, snapshot,
                         wait_until)

pytestmark = [pytest.mark.slow, pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")]

WORKERS = 2
POISON = "全年共受理群众来信45件"  # the closing sentence of exactly one article of the corpus (i = 42)


@pytest.fixture(scope="module")
def reference(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("supervision")
    corpus = make_corpus(tmp / "corpus.jsonl")
    out = tmp / "reference"
    done = run(extract_cmd(corpus, out, WORKERS))
    assert done.returncode == 0, done.stderr
    return corpus, snapshot(out)


def start(corpus, out, env=None, workers=WORKERS):
    return subprocess.Popen(extract_cmd(corpus, out, workers), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True, start_new_session=True, env=env)


def assert_no_process_left(out):
    assert wait_until(lambda: not processes_mentioning(str(out)), timeout=5), \
        f"processes of the run still alive: {processes_mentioning(str(out))}"


@pytest.mark.parametrize("kill_after", [0.5, 1.0, 1.5, 2.0, 4.0])
def test_parent_killed_leaves_no_worker_and_rerun_finishes(reference, tmp_path, kill_after):
    corpus, expected = reference
    out = tmp_path / "ds"
    proc = start(corpus, out)
    time.sleep(kill_after)
    proc.kill()  # the parent only, as an OOM killer or a scheduler would
    proc.communicate(timeout=30)
    assert_no_process_left(out)
    again = run(extract_cmd(corpus, out, WORKERS))
    assert again.returncode == 0, again.stderr
    assert "is writing to this dataset" not in again.stderr
    assert snapshot(out) == expected


def test_takeover_after_a_killed_run_is_announced(reference, tmp_path):
    corpus, expected = reference
    out = tmp_path / "ds"
    proc = start(corpus, out)
    assert wait_until(lambda: pending_parts(out) >= 1, timeout=60)
    proc.kill()
    proc.communicate(timeout=30)
    again = run(extract_cmd(corpus, out, WORKERS))
    assert again.returncode == 0, again.stderr
    assert f"taking over from process {proc.pid}" in again.stderr
    assert snapshot(out) == expected
    # a clean end leaves nothing to take over
    third = run(extract_cmd(corpus, out, WORKERS))
    assert "taking over" not in third.stderr


def test_worker_killed_mid_run_is_replaced_and_its_batch_retried(reference, tmp_path):
    corpus, expected = reference
    out = tmp_path / "ds"
    proc = start(corpus, out)
    assert wait_until(lambda: pending_parts(out) >= 2 and len(children_of(proc.pid)) >= WORKERS, timeout=60)
    victim = children_of(proc.pid)[0]
    os.kill(victim, signal.SIGKILL)
    _, stderr = proc.communicate(timeout=300)
    assert proc.returncode == 0, stderr
    assert snapshot(out) == expected
    assert_no_process_left(out)


def test_poison_document_is_skipped_with_its_reason(reference, tmp_path):
    corpus, expected = reference
    out = tmp_path / "ds"
    env = {**os.environ, "POLICY_NLP_TEST_POISON": POISON}
    proc = start(corpus, out, env=env)
    _, stderr = proc.communicate(timeout=600)
    assert proc.returncode == 3, stderr
    skipped = [line for line in stderr.splitlines() if line.startswith("skipped")]
    assert skipped == [f"skipped {corpus}:43: worker killed by signal 9 (SIGKILL) — out of memory?"]
    got = snapshot(out)
    poisoned = [r for r in expected["articles"] if POISON in json.loads(r)["text"]]
    assert len(poisoned) == 1
    assert got["articles"] == [r for r in expected["articles"] if r not in poisoned]
    assert len(got["facts"]) < len(expected["facts"]) and set(got["facts"]) <= set(expected["facts"])
    assert_no_process_left(out)


@pytest.mark.parametrize("sig, code, group, workers", [(signal.SIGINT, 130, True, WORKERS),
                                                       (signal.SIGTERM, 143, False, WORKERS),
                                                       (signal.SIGINT, 130, True, 1)])
def test_interrupt_stops_cleanly_and_the_rerun_resumes(reference, tmp_path, sig, code, group, workers):
    corpus, expected = reference
    out = tmp_path / "ds"
    proc = start(corpus, out, workers=workers)
    assert wait_until(lambda: pending_parts(out) >= 2, timeout=60)
    if group:  # Ctrl-C in a terminal reaches the whole process group
        os.killpg(proc.pid, sig)
    else:  # a scheduler's SIGTERM reaches the parent
        os.kill(proc.pid, sig)
    _, stderr = proc.communicate(timeout=60)
    assert proc.returncode == code, stderr
    assert "Traceback" not in stderr
    assert "run the same command again to resume" in stderr
    assert_no_process_left(out)
    again = run(extract_cmd(corpus, out, WORKERS))
    assert again.returncode == 0, again.stderr
    assert "taking over" not in again.stderr  # the interrupted run let the folder go cleanly
    assert snapshot(out) == expected
