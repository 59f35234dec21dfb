"""The embedded dataset on disk: one Parquet file per table, updated crash-safely.

Layout of a dataset folder::

    articles.parquet  sentences.parquet  facts.parquet  entities.parquet
    initiatives.parquet  organisations.parquet           <- the committed dataset
    _pending/000001-ab12cd34.facts.parquet ...           <- batches of the current run
    _staging/                                            <- a commit in progress

Why this shape: a run streams results to ``_pending`` in batches (memory stays flat,
and a killed run keeps what it had finished); the commit merges pending batches into
new table files in ``_staging`` and then moves them into place under a journal
(``_staging/COMMIT``), so a crash at any moment leaves either the old or the new
dataset, and the next run finishes or discards what was half done.
"""
from __future__ import annotations

import json
import os
import shutil
import time
import uuid
from collections.abc import Iterable
from typing import TYPE_CHECKING
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from policy_nlp.config import PIPELINE_VERSION
from policy_nlp.dataset.derived import initiatives_table, organisations_table
from policy_nlp.dataset.lock import DatasetLock, DatasetLockedError  # noqa: F401  (re-exported)
from policy_nlp.dataset.files import (ParquetStreamWriter, fsync_dir, parquet_is_readable, write_parquet_atomic,
                                     write_text_atomic)
from policy_nlp.dataset.schema import ARTICLE_TABLES, TABLES

if TYPE_CHECKING:  # pandas is imported when a table is first read: a batch run never needs it
    import pandas as pd

PENDING = "_pending"
DOCUMENT_MEMO = "_documents.json"  # document fingerprint -> article ids (a re-run cache)
STAGING = "_staging"
COMMIT_MARK = "COMMIT"


def table_path(root: Path, name: str) -> Path:
    return root / f"{name}.parquet"


def empty_table(name: str) -> pa.Table:
    return TABLES[name].empty_table()


def read_table(root: Path, name: str) -> pa.Table:
    path = table_path(root, name)
    if not path.exists():
        return empty_table(name)
    return pq.read_table(path)


def _keep_rows(table: pa.Table, ids: pa.Array | None) -> pa.Table:
    """The rows of ``table`` whose article is among ``ids`` (none when ``ids`` is None)."""
    if ids is None:
        return table.slice(0, 0)
    return table.filter(pc.is_in(table.column("article_id"), value_set=ids))


def _conform(rows: list[dict], schema: pa.Schema) -> pa.Table:
    return pa.Table.from_pylist(rows, schema=schema)


def recover(root: Path) -> None:
    """Finish a commit that was journaled, or throw away one that was not."""
    staging = root / STAGING
    if staging.exists():
        mark = staging / COMMIT_MARK
        if mark.exists():
            _apply_commit(root, json.loads(mark.read_text(encoding="utf-8")))
        else:
            shutil.rmtree(staging, ignore_errors=True)
    # Parts whose articles file is missing were cut off mid-batch: their rows are incomplete.
    # Parts are written without fsync (see write_part): after a power cut one may be cut short.
    pending = root / PENDING
    if pending.exists():
        stems = {p.name.split(".", 1)[0] for p in pending.glob("*.parquet")}
        for stem in stems:
            files = list(pending.glob(f"{stem}.*.parquet"))
            if not (pending / f"{stem}.articles.parquet").exists() or not all(map(parquet_is_readable, files)):
                for p in pending.glob(f"{stem}.*"):
                    p.unlink(missing_ok=True)
        for p in pending.glob(".*.tmp-*"):
            p.unlink(missing_ok=True)
    for p in root.glob(".*.tmp-*"):
        p.unlink(missing_ok=True)


def _apply_commit(root: Path, plan: dict) -> None:
    staging = root / STAGING
    for name in plan["tables"]:
        src = staging / f"{name}.parquet"
        if src.exists():
            os.replace(src, table_path(root, name))
    fsync_dir(root)
    for part in plan["consumed"]:
        (root / PENDING / part).unlink(missing_ok=True)
    shutil.rmtree(staging, ignore_errors=True)


def write_part(root: str | Path, rows: dict[str, list[dict]]) -> str:
    """Write one batch of rows as pending parts of the dataset at ``root``.

    Safe to call from several processes or machines sharing the folder (a Dask worker
    writes its own parts): names are unique and sort by time, and the articles part goes
    last, so a batch counts as done only when all its rows are on disk. Parts are not
    fsynced: a killed process cannot lose them, and after a power cut :func:`recover`
    drops a part that did not reach the disk whole (its articles are processed again).
    """
    pending = Path(root) / PENDING
    pending.mkdir(parents=True, exist_ok=True)
    stem = f"{time.time_ns():020d}-{uuid.uuid4().hex[:8]}"
    for name in [n for n in ARTICLE_TABLES if n != "articles"] + ["articles"]:
        write_parquet_atomic(_conform(rows.get(name, []), ARTICLE_TABLES[name]), pending / f"{stem}.{name}.parquet",
                             durable=False)
    return stem


def known_articles(root: Path) -> dict[str, str]:
    """article_id -> pipeline_version, over the committed articles and the pending parts."""
    known: dict[str, str] = {}
    cols = ["article_id", "pipeline_version"]
    path = table_path(root, "articles")
    tables = [pq.read_table(path, columns=cols) if path.exists() else empty_table("articles").select(cols)]
    for part in sorted((root / PENDING).glob("*.articles.parquet")):
        tables.append(pq.read_table(part, columns=["article_id", "pipeline_version"]))
    for t in tables:
        for aid, ver in zip(t.column("article_id").to_pylist(), t.column("pipeline_version").to_pylist()):
            known[aid] = ver
    return known


class DatasetWriter:
    """Adds articles' rows to a dataset folder; use as a context manager.

    Re-running on the same input adds nothing (``is_current``); an article whose
    content changed (same source and position, new content) replaces its old rows.
    """

    def __init__(self, root: str | Path, batch_size: int = 200):
        self.root = Path(root)
        self.root.mkdir(parents=True, exist_ok=True)
        self.batch_size = batch_size
        self._lock = DatasetLock(self.root).acquire()
        try:
            recover(self.root)
            (self.root / PENDING).mkdir(exist_ok=True)
            self._known = self._load_known()
            self._documents = self._load_documents()
        except BaseException:
            self._lock.release()
            raise
        self._buffer: dict[str, list[dict]] = {name: [] for name in ARTICLE_TABLES}
        self._buffered_articles = 0
        self._documents_changed = False
        self.added = 0

    # -- what is there already -------------------------------------------------
    def _load_known(self) -> dict[str, str]:
        return known_articles(self.root)

    @property
    def known(self) -> dict[str, str]:
        """article_id -> pipeline_version of every article already written (read once)."""
        return self._known

    def is_current(self, article_id: str) -> bool:
        """True when this exact article was already processed by this pipeline version."""
        return self._known.get(article_id) == PIPELINE_VERSION

    # A re-run would otherwise split every document again only to learn its article ids.
    # The memo maps a document's fingerprint to those ids; it is a cache, never trusted
    # alone: a document is skipped only when every id it lists is current in the tables.
    def _load_documents(self) -> dict[str, list[str]]:
        try:
            memo = json.loads((self.root / DOCUMENT_MEMO).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        if not isinstance(memo, dict) or memo.get("pipeline_version") != PIPELINE_VERSION:
            return {}
        docs = memo.get("documents")
        return docs if isinstance(docs, dict) else {}

    def current_document(self, fingerprint: str) -> list[str] | None:
        """The article ids of a document already fully processed, or None."""
        ids = self._documents.get(fingerprint)
        if ids and isinstance(ids, list) and all(self.is_current(a) for a in ids):
            return ids
        return None

    def remember_document(self, fingerprint: str, article_ids: list[str]) -> None:
        if self._documents.get(fingerprint) != article_ids:
            self._documents[fingerprint] = list(article_ids)
            self._documents_changed = True

    def mark_current(self, article_id: str) -> None:
        """Record an article whose rows a worker wrote as a pending part itself."""
        self._known[article_id] = PIPELINE_VERSION

    # -- adding ------------------------------------------------------------------
    def add(self, rows: dict[str, list[dict]]) -> None:
        for name in ARTICLE_TABLES:
            self._buffer[name].extend(rows.get(name, ()))
        n = len(rows.get("articles", ()))
        self._buffered_articles += n
        self.added += n
        for r in rows.get("articles", ()):
            self._known[r["article_id"]] = r["pipeline_version"]
        if self._buffered_articles >= self.batch_size:
            self.flush()

    def flush(self) -> None:
        """Write the buffered batch as pending parts (see :func:`write_part`)."""
        if not self._buffered_articles:
            return
        write_part(self.root, self._buffer)
        self._buffer = {name: [] for name in ARTICLE_TABLES}
        self._buffered_articles = 0

    # -- committing ----------------------------------------------------------------
    def commit(self) -> None:
        """Merge pending batches into the tables, atomically as a whole.

        The tables are rewritten by streaming (the committed file row group by row group,
        then each part), so memory stays bounded by a row group and the article ids, not
        by the size of the dataset."""
        self.flush()
        pending = self.root / PENDING
        stems = sorted({p.name.split(".", 1)[0] for p in pending.glob("*.articles.parquet")})
        if not stems and all(table_path(self.root, n).exists() for n in TABLES):
            return
        keep = self._winners(stems)  # source -1 (the committed file) or part index -> ids kept

        staging = self.root / STAGING
        shutil.rmtree(staging, ignore_errors=True)
        staging.mkdir()
        for name, schema in ARTICLE_TABLES.items():
            with ParquetStreamWriter(staging / f"{name}.parquet", schema) as out:
                committed = table_path(self.root, name)
                if committed.exists():
                    for batch in pq.ParquetFile(committed).iter_batches(batch_size=65_536):
                        out.write(_keep_rows(pa.Table.from_batches([batch]), keep.get(-1)))
                for i, stem in enumerate(stems):
                    out.write(_keep_rows(pq.read_table(pending / f"{stem}.{name}.parquet"), keep.get(i)))
        ents, arts = staging / "entities.parquet", staging / "articles.parquet"
        write_parquet_atomic(initiatives_table(ents, arts), staging / "initiatives.parquet")
        write_parquet_atomic(organisations_table(ents, arts), staging / "organisations.parquet")
        tables = list(ARTICLE_TABLES) + ["initiatives", "organisations"]
        consumed = [p.name for s in stems for p in pending.glob(f"{s}.*.parquet")]
        write_text_atomic(json.dumps({"tables": tables, "consumed": consumed}), staging / COMMIT_MARK)
        _apply_commit(self.root, {"tables": tables, "consumed": consumed})

    def _winners(self, stems: list[str]) -> dict[int, pa.Array]:
        """For each (source_path, article_index) the newest version wins: the ids to keep
        from the committed table (key -1) and from each pending part (its index)."""
        winner: dict[tuple[str, int], str] = {}
        winner_part: dict[str, int] = {}
        cols = ["source_path", "article_index", "article_id"]
        sources = [(-1, read_table(self.root, "articles").select(cols))]
        sources += [(i, pq.read_table(self.root / PENDING / f"{s}.articles.parquet", columns=cols))
                    for i, s in enumerate(stems)]
        for i, t in sources:
            for sp, idx, aid in zip(*(t.column(c).to_pylist() for c in cols)):
                old = winner.get((sp, idx))
                if old is not None and old != aid:
                    winner_part.pop(old, None)
                winner[(sp, idx)] = aid
                winner_part[aid] = i
        by_source: dict[int, list[str]] = {}
        for aid, i in winner_part.items():
            by_source.setdefault(i, []).append(aid)
        return {i: pa.array(ids, pa.string()) for i, ids in by_source.items()}

    def _save_documents(self) -> None:
        if self._documents_changed:
            # entries whose articles were since replaced (a changed file) are dropped
            docs = {fp: ids for fp, ids in self._documents.items() if all(self.is_current(a) for a in ids)}
            memo = {"pipeline_version": PIPELINE_VERSION, "documents": docs}
            write_text_atomic(json.dumps(memo, ensure_ascii=False), self.root / DOCUMENT_MEMO)
            self._documents_changed = False

    def close(self) -> None:
        self._lock.release()

    def __enter__(self) -> "DatasetWriter":
        return self

    def __exit__(self, exc_type, exc, tb) -> None:
        try:
            if exc_type is None:
                self.commit()
                self._save_documents()
            else:
                self.flush()  # keep finished work; the next run commits it
        finally:
            self.close()


class Dataset:
    """The tables of a dataset folder as pandas DataFrames (``.articles``, ``.facts`` …),
    read on first access."""

    def __init__(self, root: str | Path):
        self.root = Path(root)
        if not self.root.is_dir():
            raise FileNotFoundError(f"{self.root}: no dataset folder here")
        if not table_path(self.root, "articles").exists():
            raise FileNotFoundError(f"{self.root}: not a policy_nlp dataset (no articles.parquet)")
        self._cache: dict[str, pd.DataFrame] = {}

    @property
    def tables(self) -> list[str]:
        return list(TABLES)

    def table(self, name: str) -> pd.DataFrame:
        if name not in TABLES:
            raise KeyError(f"unknown table {name!r}; tables are {', '.join(TABLES)}")
        if name not in self._cache:
            self._cache[name] = read_table(self.root, name).to_pandas()
        return self._cache[name]

    def __getattr__(self, name: str) -> pd.DataFrame:
        if name in TABLES:
            return self.table(name)
        raise AttributeError(name)

    def __repr__(self) -> str:
        counts = {n: pq.ParquetFile(table_path(self.root, n)).metadata.num_rows for n in TABLES if table_path(self.root, n).exists()}
        return f"Dataset({str(self.root)!r}, " + ", ".join(f"{k}={v}" for k, v in counts.items()) + ")"

    def sql(self, query: str) -> pd.DataFrame:
        """Run a DuckDB query; every table is a view under its own name."""
        from policy_nlp.dataset.query import connect

        with connect(self.root) as con:
            return con.execute(query).df()


def load_dataset(root: str | Path) -> Dataset:
    """Open a dataset written by ``policy-nlp extract``."""
    return Dataset(root)


def iter_table_names() -> Iterable[str]:
    return iter(TABLES)
