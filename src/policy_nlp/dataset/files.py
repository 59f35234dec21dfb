"""Crash-safe file operations: a reader never sees a half-written file."""
from __future__ import annotations

import os
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq


def fsync_dir(path: Path) -> None:
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def write_parquet_atomic(table: pa.Table, path: Path, *, durable: bool = True) -> None:
    """Write to a temporary name in the same folder, then rename over ``path``.

    The rename alone makes the write atomic for readers and safe against a killed process.
    ``durable`` also fsyncs the file and its folder so that it survives a power cut; parts
    that can be recomputed skip it (two fsyncs per file were most of the cost of writing
    small batches) and are checked on recovery instead (:func:`parquet_is_readable`)."""
    tmp = path.with_name(f".{path.name}.tmp-{os.getpid()}")
    pq.write_table(table, tmp, compression="zstd")
    if durable:
        with open(tmp, "rb") as fh:
            os.fsync(fh.fileno())
    os.replace(tmp, path)
    if durable:
        fsync_dir(path.parent)


def parquet_is_readable(path: Path) -> bool:
    """Whether a Parquet file is whole (its footer reads): after a power cut, a file
    renamed into place without fsync may be empty or cut short."""
    try:
        pq.read_metadata(path)
        return True
    except (OSError, pa.ArrowException):
        return False


def write_text_atomic(text: str, path: Path) -> None:
    tmp = path.with_name(f".{path.name}.tmp-{os.getpid()}")
    with open(tmp, "w", encoding="utf-8") as fh:
        fh.write(text)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, path)
    fsync_dir(path.parent)


class ParquetStreamWriter:
    """Writes a Parquet file batch by batch (memory bounded by one row group), under a
    temporary name; ``close()`` fsyncs and renames it into place. Rows are gathered into
    row groups of ``row_group_rows``: writing each small batch as its own row group would
    make the file slow to read."""

    def __init__(self, path: Path, schema: pa.Schema, row_group_rows: int = 64_000,
                 row_group_bytes: int = 32 << 20):
        self.path = path
        self.schema = schema
        self.tmp = path.with_name(f".{path.name}.tmp-{os.getpid()}")
        self._writer = pq.ParquetWriter(self.tmp, schema, compression="zstd")
        self._pending: list[pa.Table] = []
        self._rows = 0
        self._bytes = 0
        self.row_group_rows = row_group_rows
        self.row_group_bytes = row_group_bytes  # the articles table holds whole texts

    def write(self, table: pa.Table) -> None:
        if table.num_rows:
            table = table.cast(self.schema)
            self._pending.append(table)
            self._rows += table.num_rows
            self._bytes += table.nbytes
            if self._rows >= self.row_group_rows or self._bytes >= self.row_group_bytes:
                self._drain()

    def _drain(self) -> None:
        if self._pending:
            self._writer.write_table(pa.concat_tables(self._pending), row_group_size=max(self._rows, 1))
            self._pending, self._rows, self._bytes = [], 0, 0

    def close(self) -> None:
        self._drain()
        self._writer.close()
        with open(self.tmp, "rb") as fh:
            os.fsync(fh.fileno())
        os.replace(self.tmp, self.path)
        fsync_dir(self.path.parent)

    def __enter__(self) -> "ParquetStreamWriter":
        return self

    def __exit__(self, exc_type, exc, tb) -> None:
        if exc_type is None:
            self.close()
        else:
            self._writer.close()
            self.tmp.unlink(missing_ok=True)
