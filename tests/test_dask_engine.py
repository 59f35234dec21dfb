"""The Dask engine on a LocalCluster (loopback) gives the same tables as the local run."""
from __future__ import annotations

import pytest

from conftest import SAMPLES
from policy_nlp.engine import run_extract
from run_helpers import snapshot

distributed = pytest.importorskip("distributed", reason="the dask extra is not installed")
pytestmark = pytest.mark.slow


def test_dask_equals_local(tmp_path):
    local = run_extract([SAMPLES], tmp_path / "local", workers=1, progress=False)
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1", dashboard_address=None) as cluster:
        dask = run_extract([SAMPLES], tmp_path / "dask", engine="dask", scheduler=cluster.scheduler_address,
                           batch_size=1, progress=False)
    assert (dask.articles, dask.facts, dask.entities) == (local.articles, local.facts, local.entities)
    assert snapshot(tmp_path / "dask") == snapshot(tmp_path / "local")
    # a re-run through Dask finds everything current
    again = run_extract([SAMPLES], tmp_path / "dask", engine="dask", workers=1, progress=False)
    assert again.articles == 0 and again.unchanged == local.articles


def test_dask_poison_document_is_skipped_not_a_failed_run(tmp_path):
    """A document that kills every Dask worker that runs it ends as one skipped input."""
    import os

    from run_helpers import extract_cmd, make_corpus, run

    corpus = make_corpus(tmp_path / "corpus.jsonl", n=40)
    env = {**os.environ, "POLICY_NLP_TEST_POISON": "全年共受理群众来信20件"}  # article a17, line 18
    done = run(extract_cmd(corpus, tmp_path / "ds", 2, 4, "--engine", "dask"), env=env)
    assert done.returncode == 3, done.stderr
    skipped = [line for line in done.stderr.splitlines() if line.startswith("skipped")]
    assert len(skipped) == 1 and skipped[0].startswith(f"skipped {corpus}:18: worker killed while processing it")
    from policy_nlp.dataset import load_dataset

    assert len(load_dataset(tmp_path / "ds").articles) == 39


def test_dask_workers_do_not_outlive_a_killed_client(tmp_path):
    import subprocess
    import time

    from run_helpers import alive, descendants_of, extract_cmd, make_corpus, wait_until

    corpus = make_corpus(tmp_path / "corpus.jsonl", n=200)
    proc = subprocess.Popen(extract_cmd(corpus, tmp_path / "ds", 2, 4, "--engine", "dask"),
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    assert wait_until(lambda: len(descendants_of(proc.pid)) >= 2, timeout=60)
    time.sleep(2)
    family = descendants_of(proc.pid)
    proc.kill()
    proc.wait(timeout=30)
    assert wait_until(lambda: not any(alive(p) for p in family), timeout=15), [p for p in family if alive(p)]
