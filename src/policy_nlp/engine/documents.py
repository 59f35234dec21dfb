"""What a document becomes before annotation: its fingerprint and its articles.

The fingerprint is computed where the input is read (it decides whether the document was
already processed); the article split runs in the worker, next to the pipeline, so the
process reading input never does more than read, hash and hand out documents.
"""
from __future__ import annotations

import hashlib
import json

from policy_nlp.records import Article, Document

#: Longest input text (characters) read as articles; a longer one is reported, not read:
#: one 50 MB line is a broken export, and structuring it would take minutes.
MAX_DOCUMENT_CHARS = 10_000_000
#: Longest single article handed to the pipeline (memory grows with tokens).
MAX_ARTICLE_CHARS = 1_000_000


class InputTooLarge(ValueError):
    """A document or article over the size limits: reported and skipped, never read."""


def check_document_size(doc: Document, max_chars: int = MAX_ARTICLE_CHARS) -> None:
    """Raise InputTooLarge for a text too long to structure (before it travels anywhere)."""
    limit = max(MAX_DOCUMENT_CHARS, max_chars)
    if len(doc.text) > limit:
        raise InputTooLarge(f"text too long: {len(doc.text):,} characters (limit {limit:,})")


def articles_of(doc: Document, max_chars: int = MAX_ARTICLE_CHARS) -> list[Article]:
    """The articles of a document; raises InputTooLarge past the size limits."""
    from policy_nlp.structure import build_articles

    check_document_size(doc, max_chars)
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
