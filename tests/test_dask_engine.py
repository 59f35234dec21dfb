"""The Dask engine on a LocalCluster (loopback) gives the same tables as the local run."""
from __future__ import annotations

import json

import pytest

from conftest import SAMPLES
from policy_nlp.dataset import load_dataset
from policy_nlp.engine import run_extract

distributed = pytest.importorskip("distributed", reason="the dask extra is not installed")
pytestmark = pytest.mark.slow


def snapshot(path):
    ds = load_dataset(path)
    out = {}
    for name in ds.tables:
        df = ds.table(name).drop(columns=["aliases", "regions"], errors="ignore")
        out[name] = sorted(json.dumps(r, ensure_ascii=False, sort_keys=True, default=str) for r in df.to_dict("records"))
    return out


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
