"""The local engine: read inputs, structure them, annotate in one or more processes that
write their rows as pending parts of the dataset, then commit the parts."""
from __future__ import annotations

import hashlib
import json
import os
import time
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from policy_nlp.dataset import DatasetWriter
from policy_nlp.engine.worker import PipelineSpec, init_pipeline, process_and_write_batch
from policy_nlp.ingest.readers import iter_paths, read_path
from policy_nlp.records import Article, Document, Skipped


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

    @property
    def exit_code(self) -> int:
        return 3 if self.skipped else 0


#: Longest input text (characters) read as articles; a longer one is reported, not read:
#: one 50 MB line is a broken export, and structuring it would take minutes.
MAX_DOCUMENT_CHARS = 10_000_000
#: Longest single article handed to the pipeline (memory grows with tokens).
MAX_ARTICLE_CHARS = 1_000_000


class InputTooLarge(ValueError):
    pass


def articles_of(doc: Document, max_chars: int = MAX_ARTICLE_CHARS) -> list[Article]:
    """The articles of a document; raises InputTooLarge past the size limits."""
    from policy_nlp.structure import build_articles

    if len(doc.text) > max(MAX_DOCUMENT_CHARS, max_chars):
        raise InputTooLarge(f"text too long: {len(doc.text):,} characters (limit {max(MAX_DOCUMENT_CHARS, max_chars):,})")
    articles = build_articles(doc)
    for a in articles:
        if len(a.text) > max_chars:
            raise InputTooLarge(f"article {a.article_index} too long: {len(a.text):,} characters (limit {max_chars:,}; see --max-chars)")
    if doc.pre_split and doc.line_no is not None:
        for a in articles:
            a.article_index = doc.line_no - 1
    return articles


def document_fingerprint(doc: Document) -> str:
    """Everything the article split and the article ids depend on, hashed."""
    h = hashlib.sha256()
    for part in (doc.source_path, str(doc.line_no), str(doc.pre_split),
                 json.dumps(doc.metadata, sort_keys=True, ensure_ascii=False, default=str), doc.text):
        h.update(part.encode("utf-8", "surrogatepass"))
        h.update(b"\x00")
    return h.hexdigest()


def _batches(items: Iterable[Article], size: int) -> Iterator[list[Article]]:
    batch: list[Article] = []
    for it in items:
        batch.append(it)
        if len(batch) >= size:
            yield batch
            batch = []
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
    ``scheduler``, or a local Dask cluster of ``workers`` processes). ``batch_size`` articles go
    to a worker at a time, and the worker writes their rows to disk as one pending part, so
    a killed run loses at most the batches in flight (two per worker).
    """
    t0 = time.perf_counter()
    summary = RunSummary()
    spec = PipelineSpec(config, tuple(str(p) for p in user_dicts), entity_model)
    paths = list(iter_paths(inputs))
    summary.files = sum(1 for p in paths if not isinstance(p, Skipped))

    with DatasetWriter(out_dir) as writer:
        root = str(writer.root.resolve())

        def todo() -> Iterator[Article]:
            for item in paths:
                advance()
                if isinstance(item, Skipped):
                    summary.skipped.append(item)
                    continue
                for doc in read_path(item):
                    if isinstance(doc, Skipped):
                        summary.skipped.append(doc)
                        continue
                    fingerprint = document_fingerprint(doc)
                    done = writer.current_document(fingerprint)
                    if done is not None:
                        summary.unchanged += len(done)
                        continue
                    try:
                        arts = articles_of(doc, max_chars)
                    except InputTooLarge as exc:
                        summary.skipped.append(Skipped(doc.source_path, str(exc), doc.line_no))
                        continue
                    except Exception as exc:  # noqa: BLE001
                        summary.skipped.append(Skipped(doc.source_path, f"cannot structure: {type(exc).__name__}: {exc}", doc.line_no))
                        continue
                    writer.remember_document(fingerprint, [a.article_id for a in arts])
                    for a in arts:
                        if writer.is_current(a.article_id):
                            summary.unchanged += 1
                        else:
                            yield a

        def collect(batch: list[Article], results) -> None:
            """Count a finished batch; its rows are already on disk as a pending part."""
            by_id = {a.article_id: a for a in batch}
            for aid, counts, error in results:
                if error is not None:
                    a = by_id[aid]
                    summary.skipped.append(Skipped(a.source_path, f"article {a.article_index}: {error}"))
                    continue
                writer.mark_current(aid)
                summary.articles += 1
                summary.chars += counts["chars"]
                summary.sentences += counts["sentences"]
                summary.facts += counts["facts"]
                summary.entities += counts["entities"]

        with _progress(progress, len(paths)) as advance:
            if engine == "dask":
                from policy_nlp.engine.dask_engine import dask_client, run_on_dask

                client = dask_client(scheduler, workers)
                try:
                    n = max(len(client.scheduler_info().get("workers", {})), 1)
                    run_on_dask(client, _batches(todo(), batch_size), root, spec, collect, 2 * n)
                finally:
                    if not scheduler:
                        cluster = client.cluster
                        client.close()
                        if cluster is not None:
                            cluster.close()
                    else:
                        client.close()
            elif workers <= 1:
                for batch in _batches(todo(), batch_size):  # the pipeline is built on the first batch
                    collect(batch, process_and_write_batch(batch, root, spec))
            else:
                pool = None
                try:
                    pending = []
                    for batch in _batches(todo(), batch_size):
                        if pool is None:  # start workers only when there is work
                            pool = ProcessPoolExecutor(max_workers=workers, initializer=init_pipeline, initargs=(spec,))
                        pending.append((batch, pool.submit(process_and_write_batch, batch, root, spec)))
                        while len(pending) > 2 * workers:
                            b, fut = pending.pop(0)
                            collect(b, fut.result())
                    for b, fut in pending:
                        collect(b, fut.result())
                finally:
                    if pool is not None:
                        pool.shutdown()
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
