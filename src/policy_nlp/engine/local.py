"""The local engine: read inputs and hand out the documents not yet processed to one or
more processes that split, annotate and write them as pending parts of the dataset; then
commit the parts."""
from __future__ import annotations

import os
import signal
import time
import uuid
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from policy_nlp.dataset import DatasetWriter
from policy_nlp.engine.documents import document_fingerprint
from policy_nlp.engine.interrupt import RunInterrupted, interrupt_guard
from policy_nlp.engine.pool import run_pool
from policy_nlp.engine.worker import DocumentResult, PipelineSpec, RunTarget, Worker
from policy_nlp.ingest.readers import iter_paths, read_path
from policy_nlp.records import Document, Skipped
from policy_nlp.structure.documents import MAX_ARTICLE_CHARS, InputTooLarge, check_document_size


@dataclass
class RunSummary:
    files: int = 0
    articles: int = 0  # processed in this run
    unchanged: int = 0  # already in the dataset with this pipeline version
    sentences: int = 0
    facts: int = 0
    entities: int = 0
    skipped: list[Skipped] = field(default_factory=list)
    seconds: float = 0.0
    chars: int = 0
    #: the signal that stopped the run (SIGINT, SIGTERM), if one did
    interrupted: str | None = None
    #: True when the signal came while committing, so the commit was finished first
    committed: bool = False

    @property
    def exit_code(self) -> int:
        """0 all processed, 3 something skipped, 128 + the signal when interrupted (130, 143)."""
        if self.interrupted:
            return 128 + signal.Signals[self.interrupted].value
        return 3 if self.skipped else 0


#: A batch closes at ``batch_size`` documents or at ``batch_size`` times this many characters,
#: so that a batch of long reports is not a hundred times the work of a batch of news.
CHARS_PER_DOCUMENT = 2_000


def _batches(items: Iterable[tuple[str, Document]], size: int) -> Iterator[list[tuple[str, Document]]]:
    batch: list[tuple[str, Document]] = []
    chars = 0
    for it in items:
        batch.append(it)
        chars += len(it[1].text)
        if len(batch) >= size or chars >= size * CHARS_PER_DOCUMENT:
            yield batch
            batch, chars = [], 0
    if batch:
        yield batch


def run_extract(
    inputs: Iterable[str | os.PathLike],
    out_dir: str | os.PathLike,
    *,
    workers: int = 1,
    config: str | None = None,
    user_dicts: Iterable[str] = (),
    entity_model: str | None = None,
    batch_size: int = 64,
    max_chars: int = MAX_ARTICLE_CHARS,
    engine: str = "local",
    scheduler: str | None = None,
    progress: bool = True,
) -> RunSummary:
    """Process every input into the dataset at ``out_dir``; never stops on a bad input.

    ``engine`` is ``"local"`` (a process pool of ``workers``) or ``"dask"`` (the scheduler at
    ``scheduler``, or a local Dask cluster of ``workers`` processes). ``batch_size`` documents
    (fewer when they are long, see CHARS_PER_DOCUMENT) go to a worker at a time; the worker
    splits them into articles and writes their rows to disk as one pending part, so a killed
    run loses at most the batches in flight (one per worker). A worker that dies is replaced
    and its batch retried; a document that keeps killing workers is skipped with the reason
    (:mod:`policy_nlp.engine.pool`). SIGINT and SIGTERM stop the run with finished batches
    kept (``interrupted`` in the summary); the next run resumes.
    """
    t0 = time.perf_counter()
    summary = RunSummary()
    spec = PipelineSpec(config, tuple(str(p) for p in user_dicts), entity_model)
    paths = list(iter_paths(inputs))
    summary.files = sum(1 for p in paths if not isinstance(p, Skipped))

    try:
        with interrupt_guard() as guard:
            with DatasetWriter(out_dir) as writer:
                target = RunTarget(str(writer.root.resolve()), uuid.uuid4().hex, max_chars)

                def todo() -> Iterator[tuple[str, Document]]:
                    """(fingerprint, document) of each document not processed yet."""
                    for item in paths:
                        advance()
                        if isinstance(item, Skipped):
                            summary.skipped.append(item)
                            continue
                        for doc in read_path(item):
                            if isinstance(doc, Skipped):
                                summary.skipped.append(doc)
                                continue
                            try:
                                check_document_size(doc, max_chars)
                            except InputTooLarge as exc:
                                summary.skipped.append(Skipped(doc.source_path, str(exc), doc.line_no))
                                continue
                            fingerprint = document_fingerprint(doc)
                            done = writer.current_document(fingerprint)
                            if done is not None:
                                summary.unchanged += len(done)
                                continue
                            yield fingerprint, doc

                def collect(batch: list[tuple[str, Document]], results: list[DocumentResult]) -> None:
                    """Count a finished batch; its rows are already on disk as a pending part."""
                    for (_fp, doc), res in zip(batch, results):
                        if res.article_ids is None:
                            summary.skipped.append(Skipped(doc.source_path, res.error or "cannot structure", doc.line_no))
                            continue
                        for aid, counts, error in res.articles:
                            if error is not None:
                                summary.skipped.append(Skipped(doc.source_path, error, doc.line_no))
                                continue
                            if counts is None:  # already in the dataset
                                summary.unchanged += 1
                                continue
                            writer.mark_current(aid)
                            summary.articles += 1
                            summary.chars += counts["chars"]
                            summary.sentences += counts["sentences"]
                            summary.facts += counts["facts"]
                            summary.entities += counts["entities"]
                        writer.remember_document(res.fingerprint, res.article_ids)

                def lost(doc: Document, reason: str) -> None:
                    """A document that kept killing its worker: skipped, with the reason."""
                    summary.skipped.append(Skipped(doc.source_path, reason, doc.line_no))

                with _progress(progress, len(paths)) as advance:
                    if engine == "dask":
                        from policy_nlp.engine.dask_engine import run_dask

                        run_dask(scheduler, workers, _batches(todo(), batch_size), target, spec, collect, lost)
                    elif workers <= 1:
                        worker = Worker(spec)
                        worker.prime(target, writer.known)
                        for batch in _batches(todo(), batch_size):  # the pipeline is built on the first batch
                            collect(batch, worker.process(batch, target))
                        worker.release(min_lexemes=200_000)  # a grown vocabulary is not needed for the commit
                    else:
                        run_pool(_batches(todo(), batch_size), workers, spec, target, collect, lost)
                guard.raising = False  # the commit (on leaving the writer) is finished, not interrupted
            if guard.received is not None:
                summary.interrupted = signal.Signals(guard.received).name
                summary.committed = True
    except RunInterrupted as exc:
        summary.interrupted = signal.Signals(exc.signum).name
    summary.seconds = time.perf_counter() - t0
    return summary


class _progress:
    """A rich progress bar over input files, or a no-op."""

    def __init__(self, enabled: bool, total: int):
        self.enabled = enabled and total > 1
        self.total = total

    def __enter__(self):
        if not self.enabled:
            return lambda: None
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

        self._p = Progress(TextColumn("extract"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(), transient=True)
        self._p.__enter__()
        task = self._p.add_task("files", total=self.total)
        return lambda: self._p.advance(task)

    def __exit__(self, *exc):
        if self.enabled:
            self._p.__exit__(*exc)
        return False
