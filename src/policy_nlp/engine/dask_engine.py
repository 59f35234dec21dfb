"""Scale-out on Dask: the same batches as the local engine, run on Dask workers.

Each worker process holds one pipeline, built once by a worker plugin; a task splits a
batch of documents into articles, annotates them and writes their rows as pending parts of the dataset itself (so rows
never travel back through the scheduler); the client then commits the parts exactly as
a local run does. The dataset folder must therefore be reachable under the same path
from the client and every worker (a shared file system).

A worker that dies is restarted by its nanny and Dask runs its task again elsewhere; a task
that has killed ``distributed.scheduler.allowed-failures`` workers fails with
``KilledWorker``. Such a batch is split in two and each half resubmitted, down to single
documents; each of those runs once more alone, with nothing else in flight (Dask blames a
death on every task the worker held), and the one that still kills workers is reported as skipped: a poison document costs itself, never
the run (the same policy as the local pool). A local cluster allows one failure, as the
local pool retries once.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable

from policy_nlp.engine.worker import DocumentResult, PipelineSpec, RunTarget, Worker
from policy_nlp.records import Document

try:  # distributed is an optional dependency: pip install "policy-nlp[dask]"
    from distributed import WorkerPlugin
except ImportError:  # pragma: no cover - exercised only without the extra
    WorkerPlugin = object  # type: ignore[misc,assignment]

Batch = list[tuple[str, Document]]

#: Retries of a task whose worker died, on a local cluster (a remote scheduler keeps its own setting).
LOCAL_ALLOWED_FAILURES = 1


class PipelinePlugin(WorkerPlugin):
    """Holds each Dask worker's :class:`~policy_nlp.engine.worker.Worker`, whose pipeline is
    built when the Dask worker starts."""

    name = "policy-nlp-pipeline"

    def __init__(self, spec: PipelineSpec):
        self.spec = spec
        self.worker: Worker | None = None

    def setup(self, worker) -> None:
        self.worker = Worker(self.spec)
        self.worker.nlp  # noqa: B018 - built now, not on the first batch


def process_on_dask(docs: Batch, target: RunTarget, spec: PipelineSpec) -> list[DocumentResult]:
    """The task: this Dask worker's :class:`Worker` processes one batch."""
    from distributed import get_worker

    plugin = get_worker().plugins.get(PipelinePlugin.name)
    if plugin is None or plugin.worker is None or plugin.spec != spec:
        raise RuntimeError("the policy-nlp worker plugin is not registered on this Dask worker")
    return plugin.worker.process(docs, target)


def dask_client(scheduler: str | None, workers: int):
    """A client for the scheduler at ``scheduler``, or for a new local cluster on loopback."""
    try:
        import dask
        from distributed import Client, LocalCluster
    except ImportError:
        raise RuntimeError('the Dask engine needs the "dask" extra: pip install "policy-nlp[dask]"') from None
    if scheduler:
        return Client(scheduler)
    with dask.config.set({"distributed.scheduler.allowed-failures": LOCAL_ALLOWED_FAILURES}):
        cluster = LocalCluster(n_workers=max(workers, 1), threads_per_worker=1, processes=True,
                               host="127.0.0.1", dashboard_address=None)
    return Client(cluster)


def run_dask(scheduler: str | None, workers: int, batches: Iterable[Batch], target: RunTarget, spec: PipelineSpec,
             collect: Callable[[Batch, list], None], lost: Callable[[Document, str], None]) -> None:
    """Run the batches on the cluster at ``scheduler`` (or a local one), then let it go."""
    client = dask_client(scheduler, workers)
    try:
        n = max(len(client.scheduler_info().get("workers", {})), 1)
        run_on_dask(client, batches, target, spec, collect, 2 * n, lost)
    finally:
        cluster = None if scheduler else client.cluster
        client.close()
        if cluster is not None:
            cluster.close()


def run_on_dask(
    client,
    batches: Iterable[Batch],
    target: RunTarget,
    spec: PipelineSpec,
    collect: Callable[[Batch, list], None],
    window: int,
    lost: Callable[[Document, str], None] | None = None,
) -> None:
    """Submit batches with at most ``window`` in flight (memory stays flat) and hand each
    finished batch's results to ``collect``; a batch that kept killing workers is split,
    and a single document that does is handed to ``lost`` with the reason."""
    from distributed import as_completed
    from distributed.scheduler import KilledWorker

    client.register_plugin(PipelinePlugin(spec))
    running = as_completed()
    by_key: dict[str, Batch] = {}

    def submit(batch: Batch) -> None:
        fut = client.submit(process_on_dask, batch, target, spec, pure=False)
        by_key[fut.key] = batch
        running.add(fut)

    # single documents whose task failed with KilledWorker while other tasks were in flight:
    # Dask counts a death against every task the dead worker held, queued ones too, so an
    # innocent document that shared a worker with the poison one can fail as well
    suspects: list[Batch] = []

    def finish(done) -> None:
        batch = by_key.pop(done.key)
        try:
            results = done.result()
        except KilledWorker:
            if len(batch) > 1:
                half = len(batch) // 2
                submit(batch[:half])
                submit(batch[half:])
            else:
                suspects.append(batch)
            return
        collect(batch, results)

    for batch in batches:
        submit(batch)
        while running.count() >= window:
            finish(next(running))
    while running.count():
        finish(next(running))
    # each suspect alone, nothing else in flight: only the document that kills its workers now fails
    for batch in suspects:
        fut = client.submit(process_on_dask, batch, target, spec, pure=False)
        try:
            results = fut.result()
        except KilledWorker as exc:
            if lost is None:
                raise
            lost(batch[0][1], f"worker killed while processing it, {_attempts(exc)} — out of memory?")
            continue
        collect(batch, results)


def _attempts(exc: Exception) -> str:
    """How many workers a task took down, as Dask reports it."""
    import re

    m = re.search(r"(\d+) times", str(exc)) or re.search(r"allowed-failures[^\d]*(\d+)", str(exc))
    return f"on {m.group(1)} workers (Dask KilledWorker)" if m else "more than once (Dask KilledWorker)"
