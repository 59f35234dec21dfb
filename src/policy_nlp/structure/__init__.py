"""Structure stage: a decoded document in, articles with metadata and sentences out.

Steps, one module each: :mod:`normalise` (canonical text), :mod:`articles` (split a file
into articles by their headers, see :mod:`header`), :mod:`metadata` (title, author_org,
author, region, year), :mod:`sentences` (sentences, headings, sections), :mod:`build` (the
steps together) and :mod:`documents` (the size limits and JSON Lines numbering every input
shares: :func:`articles_of` is the split every path uses). Every offset indexes
``Article.text``, the article's slice of the normalised file text.
"""
from __future__ import annotations

from policy_nlp.records import Sentence
from policy_nlp.structure.articles import split_articles
from policy_nlp.structure.build import build_articles, locality_of
from policy_nlp.structure.documents import (MAX_ARTICLE_CHARS, MAX_DOCUMENT_CHARS, InputTooLarge, articles_of,
                                            check_document_size)
from policy_nlp.structure.header import Header, parse_header
from policy_nlp.structure.metadata import ArticleMeta, extract_metadata
from policy_nlp.structure.normalise import normalise_text, normalise_width
from policy_nlp.structure.sentences import split_sentences

__all__ = [
    "articles_of",
    "build_articles",
    "check_document_size",
    "locality_of",
    "InputTooLarge",
    "MAX_ARTICLE_CHARS",
    "MAX_DOCUMENT_CHARS",
    "normalise_text",
    "normalise_width",
    "split_articles",
    "split_sentences",
    "extract_metadata",
    "parse_header",
    "Header",
    "ArticleMeta",
    "Sentence",
]
