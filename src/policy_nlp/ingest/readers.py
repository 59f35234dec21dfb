"""Dispatch by file kind; walk folders; never raise on a bad file."""
from __future__ import annotations

import codecs
import json
import os
from collections.abc import Iterable, Iterator
from pathlib import Path

from policy_nlp.ingest.decode import DecodeError, looks_like_utf16, decode_bytes
from policy_nlp.ingest.html import HtmlUnavailable, html_main_text
from policy_nlp.records import Document, Skipped

TEXT_SUFFIXES = {".txt", ".md"}
HTML_SUFFIXES = {".html", ".htm"}
JSONL_SUFFIXES = {".jsonl"}
SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES

_WIDE_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE, codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)

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
    suffix = path.suffix.lower()
    try:
        if suffix in JSONL_SUFFIXES:
            yield from _stream_jsonl(path)
            return
        data = path.read_bytes()
    except OSError as exc:
        yield Skipped(str(path), f"cannot read: {exc.strerror or exc}")
        return
    try:
        text, encoding = decode_bytes(data)
    except DecodeError as exc:
        yield Skipped(str(path), str(exc))
        return
    meta = {"encoding": encoding}
    if suffix in HTML_SUFFIXES or (suffix not in TEXT_SUFFIXES and text.lstrip()[:15].lower().startswith(("<!doctype html", "<html"))):
        try:
            text, html_meta = html_main_text(text)
        except HtmlUnavailable as exc:
            yield Skipped(str(path), str(exc))
            return
        meta.update(html_meta)
        if not text:
            yield Skipped(str(path), "HTML page without main text")
            return
    if not text.strip():
        yield Skipped(str(path), "no text after decoding")
        return
    yield Document(source_path=str(path), text=text, metadata=meta)


def _stream_jsonl(path: Path) -> Iterator[Document | Skipped]:
    """JSON Lines read line by line, so that an archive of any size never sits in memory
    whole. A UTF-16/32 file (a byte-order mark, or NULs on one parity) cannot be split on
    newline bytes and is decoded whole, as any other text file."""
    with open(path, "rb") as fh:
        head = fh.read(65536)
        if not head.strip():
            yield Skipped(str(path), "empty file")
            return
        wide = any(head.startswith(bom) for bom in _WIDE_BOMS) or looks_like_utf16(head)
        if wide or b"\x00" in head:
            try:
                text, _ = decode_bytes(head + fh.read())
            except DecodeError as exc:
                yield Skipped(str(path), str(exc))
                return
            yield from _jsonl_records(path, enumerate(text.splitlines(), start=1))
            return
        fh.seek(0)
        yield from _jsonl_records(path, _decoded_lines(path, fh))


def _decoded_lines(path: Path, fh) -> Iterator[tuple[int, str | Skipped]]:
    """(line number, text) per line of a byte stream: UTF-8 (a BOM on the first line is
    dropped), else GB18030, else the line is reported."""
    for line_no, raw in enumerate(fh, start=1):
        if line_no == 1 and raw.startswith(codecs.BOM_UTF8):
            raw = raw[len(codecs.BOM_UTF8):]
        raw = raw.rstrip(b"\r\n")  # the line's end is not part of the record (error columns)
        for enc in ("utf-8", "gb18030"):
            try:
                yield line_no, raw.decode(enc)
                break
            except UnicodeDecodeError:
                continue
        else:
            yield line_no, Skipped(str(path), "line is neither UTF-8 nor GB18030", line_no)


def _jsonl_records(path: Path, lines: Iterable[tuple[int, str | Skipped]]) -> Iterator[Document | Skipped]:
    for line_no, line in lines:
        if isinstance(line, Skipped):
            yield line
            continue
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
