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
