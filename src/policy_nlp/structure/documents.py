"""A document's articles, within the size limits: the one split every path uses.

The split itself is :func:`policy_nlp.structure.build_articles`; this adds what holds for
every input alike: a text past the limits is refused before it is structured (one 50 MB line
is a broken export, and structuring it would take minutes), and the articles of a JSON Lines
record are numbered by the record's line, so that each record keeps its own position.
"""
from __future__ import annotations

from policy_nlp.records import Article, Document
from policy_nlp.structure.build import build_articles

#: Longest input text (characters) read as articles; a longer one is reported, not read.
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
    check_document_size(doc, max_chars)
    articles = build_articles(doc)
    for a in articles:
        if len(a.text) > max_chars:
            raise InputTooLarge(f"article {a.article_index} too long: {len(a.text):,} characters (limit {max_chars:,}; see --max-chars)")
    if doc.pre_split and doc.line_no is not None:
        for a in articles:
            a.article_index = doc.line_no - 1
    return articles
