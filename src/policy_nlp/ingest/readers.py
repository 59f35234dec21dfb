"""Dispatch by file kind; walk folders; never raise on a bad file."""
from __future__ import annotations

import json
import os
from collections.abc import Iterable, Iterator
from pathlib import Path

from policy_nlp.ingest.decode import DecodeError, decode_bytes
from policy_nlp.ingest.html import html_main_text
from policy_nlp.records import Document, Skipped

TEXT_SUFFIXES = {".txt", ".md"}
HTML_SUFFIXES = {".html", ".htm"}
JSONL_SUFFIXES = {".jsonl"}
SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES

#: JSON keys that carry the article itself rather than metadata.
_TEXT_KEYS = ("text", "content", "body")


def iter_paths(inputs: Iterable[str | os.PathLike]) -> Iterator[Path | Skipped]:
    """Files named directly, and files with a known suffix found in folders (sorted, so
    runs are reproducible)."""
    for raw in inputs:
        path = Path(raw)
        if path.is_dir():
            for sub in sorted(p for p in path.rglob("*") if p.is_file()):
                if sub.suffix.lower() in SUFFIXES and not any(part.startswith(".") for part in sub.relative_to(path).parts):
                    yield sub
        elif path.is_file():
            yield path
        else:
            yield Skipped(str(path), "no such file or folder")


def read_path(path: Path) -> Iterator[Document | Skipped]:
    """Documents from one file (several for JSON Lines), or Skipped records."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        yield Skipped(str(path), f"cannot read: {exc.strerror or exc}")
        return
    suffix = path.suffix.lower()
    if suffix in JSONL_SUFFIXES:
        yield from _read_jsonl(path, data)
        return
    try:
        text, encoding = decode_bytes(data)
    except DecodeError as exc:
        yield Skipped(str(path), str(exc))
        return
    meta = {"encoding": encoding}
    if suffix in HTML_SUFFIXES or (suffix not in TEXT_SUFFIXES and text.lstrip()[:15].lower().startswith(("<!doctype html", "<html"))):
        text, html_meta = html_main_text(text)
        meta.update(html_meta)
        if not text:
            yield Skipped(str(path), "HTML page without main text")
            return
    if not text.strip():
        yield Skipped(str(path), "no text after decoding")
        return
    yield Document(source_path=str(path), text=text, metadata=meta)


def _read_jsonl(path: Path, data: bytes) -> Iterator[Document | Skipped]:
    try:
        text, _ = decode_bytes(data)
    except DecodeError as exc:
        yield Skipped(str(path), str(exc))
        return
    for line_no, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            yield Skipped(str(path), f"malformed JSON: {exc.msg} at column {exc.colno}", line_no)
            continue
        if not isinstance(record, dict):
            yield Skipped(str(path), f"expected a JSON object, got {type(record).__name__}", line_no)
            continue
        body_key = next((k for k in _TEXT_KEYS if k in record), None)
        body = record.get(body_key) if body_key else None
        if not isinstance(body, str):
            why = "no 'text' field" if body_key is None else f"'{body_key}' is {type(body).__name__}, not a string"
            yield Skipped(str(path), why, line_no)
            continue
        if not body.strip():
            yield Skipped(str(path), f"empty '{body_key}'", line_no)
            continue
        body = _clean_surrogates(body)
        meta = {k: (_clean_surrogates(v) if isinstance(v, str) else v) for k, v in record.items() if k != body_key}
        if "title" in meta and not isinstance(meta["title"], str):
            meta["title"] = None if meta["title"] is None else str(meta["title"])
        yield Document(source_path=str(path), text=body, metadata=meta, line_no=line_no, pre_split=True)


def _clean_surrogates(s: str) -> str:
    """JSON may escape lone UTF-16 surrogates (\\ud800), which no file format can store."""
    try:
        s.encode("utf-8")
        return s
    except UnicodeEncodeError:
        return s.encode("utf-8", errors="replace").decode("utf-8")


def iter_documents(inputs: Iterable[str | os.PathLike]) -> Iterator[Document | Skipped]:
    """Every document under the inputs, in a stable order, with bad inputs as Skipped."""
    for item in iter_paths(inputs):
        if isinstance(item, Skipped):
            yield item
        else:
            yield from read_path(item)
