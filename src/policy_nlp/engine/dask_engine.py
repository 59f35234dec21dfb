"""Scale-out on Dask: the same batches as the local engine, run on Dask workers.

Each worker process holds one pipeline, built once by a worker plugin; a task splits a
batch of documents into articles, annotates them and writes their rows as pending parts of the dataset itself (so rows
never travel back through the scheduler); the client then commits the parts exactly as
a local run does. The dataset folder must therefore be reachable under the same path
from the client and every worker (a shared file system).
"""
from __future__ import annotations

from collections.abc import Callable, Iterable

from policy_nlp.engine.worker import PipelineSpec, RunTarget, init_pipeline, process_and_write_documents
from policy_nlp.records import Document

try:  # distributed is an optional dependency: pip install "policy-nlp[dask]"
    from distributed import WorkerPlugin
except ImportError:  # pragma: no cover - exercised only without the extra
    WorkerPlugin = object  # type: ignore[misc,assignment]


class PipelinePlugin(WorkerPlugin):
    """Builds the pipeline once in each worker process when the worker starts."""

    name = "policy-nlp-pipeline"

    def __init__(self, spec: PipelineSpec):
        self.spec = spec

    def setup(self, worker) -> None:
        init_pipeline(self.spec)


def dask_client(scheduler: str | None, workers: int):
    """A client for the scheduler at ``scheduler``, or for a new local cluster on loopback."""
    try:
        from distributed import Client, LocalCluster
    except ImportError:
        raise RuntimeError('the Dask engine needs the "dask" extra: pip install "policy-nlp[dask]"') from None
    if scheduler:
        return Client(scheduler)
    cluster = LocalCluster(n_workers=max(workers, 1), threads_per_worker=1, processes=True,
                           host="127.0.0.1", dashboard_address=None)
    return Client(cluster)


def run_on_dask(
    client,
    batches: Iterable[list[tuple[str, Document]]],
    target: RunTarget,
    spec: PipelineSpec,
    collect: Callable[[list[tuple[str, Document]], list], None],
    window: int,
) -> None:
    """Submit batches with at most ``window`` in flight (memory stays flat) and hand each
    finished batch's results to ``collect``."""
    from distributed import as_completed

    client.register_plugin(PipelinePlugin(spec))
    running = as_completed()
    by_key: dict[str, list[tuple[str, Document]]] = {}
    for batch in batches:
        fut = client.submit(process_and_write_documents, batch, target, spec, pure=False)
        by_key[fut.key] = batch
        running.add(fut)
        while running.count() >= window:
            done = next(running)
            collect(by_key.pop(done.key), done.result())
    for done in running:
        collect(by_key.pop(done.key), done.result())
