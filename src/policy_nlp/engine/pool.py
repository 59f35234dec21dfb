"""A supervised pool of worker processes: one batch per worker at a time, so that when a
worker dies the pool knows which batch it was running.

Why not ``concurrent.futures.ProcessPoolExecutor``: when one of its workers dies, the
whole pool breaks and every pending future fails with the same error, so a run could only
end. Here a dead worker is replaced, its batch is retried once on a fresh worker, and a
batch that kills a worker a second time is split in two, down to the one document that
does it; that document is reported as skipped (path, line, the signal) and every other
document is processed. An out-of-memory kill of a healthy batch costs one retry.

Workers are forked (they inherit the imported modules, so they start fast), follow their
parent in death (:mod:`policy_nlp.engine.supervision`) and ignore SIGINT: Ctrl-C in a
terminal reaches the whole process group, and it is the parent that decides what happens.
"""
from __future__ import annotations

import multiprocessing as mp
import os
import signal
import traceback
from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait

from policy_nlp.engine.supervision import describe_exit, die_with_parent
from policy_nlp.engine.worker import PipelineSpec, RunTarget, Worker
from policy_nlp.records import Document

Batch = list[tuple[str, Document]]


class WorkerError(RuntimeError):
    """A worker failed in a way no retry can mend (the pipeline cannot be built, the disk is full)."""


def _worker_main(conn: Connection, spec: PipelineSpec, target: RunTarget, parent_pid: int) -> None:
    die_with_parent(parent_pid)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    worker = Worker(spec)
    try:
        worker.nlp  # noqa: B018 - build the pipeline now, before the first batch arrives
    except Exception as exc:  # noqa: BLE001 - sent to the parent, which ends the run with it
        conn.send(("fatal", f"cannot build the pipeline: {type(exc).__name__}: {exc}"))
        return
    while True:
        try:
            msg = conn.recv()
        except (EOFError, OSError):
            return
        if msg is None:
            return
        try:
            results = worker.process(msg, target)
        except Exception as exc:  # noqa: BLE001 - e.g. the dataset folder cannot be written
            last = traceback.extract_tb(exc.__traceback__)[-1]
            conn.send(("fatal", f"{type(exc).__name__}: {exc} ({os.path.basename(last.filename)}:{last.lineno})"))
            return
        conn.send(("done", results))


@dataclass
class _Task:
    docs: Batch
    deaths: int = 0  # workers this batch (or the batch it was split from) has killed


class _Process:
    def __init__(self, ctx, spec: PipelineSpec, target: RunTarget):
        self.conn, child = ctx.Pipe(duplex=True)
        self.process = ctx.Process(target=_worker_main, args=(child, spec, target, os.getpid()),
                                   name="policy-nlp-worker", daemon=True)
        self.process.start()
        child.close()
        self.task: _Task | None = None

    def stop(self, timeout: float = 5.0) -> None:
        try:
            self.conn.send(None)
        except (OSError, ValueError):
            pass
        self.process.join(timeout)
        self.kill()

    def kill(self) -> None:
        if self.process.is_alive():
            self.process.kill()
        self.process.join(5)
        self.conn.close()


def _context():
    methods = mp.get_all_start_methods()
    return mp.get_context("fork" if "fork" in methods else "spawn")


def run_pool(
    batches: Iterator[Batch],
    workers: int,
    spec: PipelineSpec,
    target: RunTarget,
    collect: Callable[[Batch, list], None],
    lost: Callable[[Document, str], None],
) -> None:
    """Run every batch on ``workers`` processes; ``collect(batch, results)`` for each finished
    batch, ``lost(document, reason)`` for each document that kept killing its worker.

    Workers start only when there is a first batch. On any exception (an interrupt included)
    the workers are killed before it propagates: the batches in flight are abandoned, the
    finished ones are on disk already.
    """
    first = next(batches, None)
    if first is None:
        return
    ctx = _context()
    queue: deque[_Task] = deque([_Task(first)])
    exhausted = False

    def refill() -> None:
        """Keep one batch read ahead: retried and split batches go first, then new ones."""
        nonlocal exhausted
        if not queue and not exhausted:
            nxt = next(batches, None)
            if nxt is None:
                exhausted = True
            else:
                queue.append(_Task(nxt))

    pool: list[_Process] = []
    try:
        pool = [_Process(ctx, spec, target) for _ in range(max(workers, 1))]
        while True:
            for w in pool:  # hand out work to idle workers
                if w.task is not None:
                    continue
                refill()
                if not queue:
                    break
                task = queue.popleft()
                try:
                    w.conn.send(task.docs)
                    w.task = task
                except (OSError, ValueError):  # died while idle: the batch never ran there
                    queue.appendleft(task)
            if not any(w.task for w in pool) and not queue:
                return
            refill()  # read the next batch now, while the workers work
            ready = set(wait([w.conn for w in pool] + [w.process.sentinel for w in pool]))
            for i, w in enumerate(pool):
                if w.conn in ready:
                    try:
                        msg = w.conn.recv()
                    except (EOFError, OSError):
                        msg = None  # it died; its sentinel says how
                    if msg is not None:
                        if msg[0] == "fatal":
                            raise WorkerError(msg[1])
                        task, w.task = w.task, None
                        collect(task.docs, msg[1])
                        continue
                if w.process.sentinel in ready or not w.process.is_alive():
                    w.process.join()
                    reason = describe_exit(w.process.exitcode)
                    task = w.task
                    w.kill()
                    pool[i] = _Process(ctx, spec, target)
                    if task is not None:
                        _after_death(task, reason, queue, lost)
    finally:
        for w in pool:
            if w.task is None:
                w.stop()
            else:
                w.kill()


def _after_death(task: _Task, reason: str, queue: deque[_Task], lost: Callable[[Document, str], None]) -> None:
    """Retry a batch once; split one that killed twice; give up on a single document."""
    task.deaths += 1
    if task.deaths < 2:
        queue.appendleft(task)
    elif len(task.docs) == 1:
        lost(task.docs[0][1], reason)
    else:
        half = len(task.docs) // 2
        # a half that kills once more is split again at once (deaths stays at 1 + that death)
        queue.appendleft(_Task(task.docs[half:], deaths=1))
        queue.appendleft(_Task(task.docs[:half], deaths=1))
