"""From an input to annotated articles and their rows: the one way every path takes.

The engine's workers, ``evaluate --raw``, ``show``, training-data loading and the notebook
helpers all go through :func:`process_document` (a document already read) or
:func:`process_path` (a file): read -> split into articles (:func:`policy_nlp.structure.articles_of`)
-> annotate each -> rows (:func:`policy_nlp.pipeline.rows.doc_rows`). A failure costs what
it touches: a document that cannot be split, or one article the pipeline fails on.
"""
from __future__ import annotations

import traceback
from collections.abc import Collection, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc

from policy_nlp.ingest import read_path
from policy_nlp.pipeline import annotate
from policy_nlp.pipeline.rows import doc_rows
from policy_nlp.records import Article, Document, Skipped
from policy_nlp.structure.documents import MAX_ARTICLE_CHARS, InputTooLarge, articles_of


class StructureError(ValueError):
    """A document that cannot be split into articles (the message says why)."""


@dataclass
class ArticleResult:
    """One article of a document: annotated (``doc``), failed (``error``), or left alone
    because it is already done (``done``)."""

    article: Article
    doc: Doc | None = None
    error: str | None = None
    done: bool = False
    _rows: dict | None = field(default=None, repr=False)

    @property
    def rows(self) -> dict[str, list[dict]]:
        """The article's rows in every per-article table (computed once)."""
        if self._rows is None:
            if self.doc is None:
                raise ValueError(f"article {self.article.article_index} of {self.article.source_path} was not annotated")
            self._rows = doc_rows(self.doc)
        return self._rows


def _describe(exc: Exception) -> str:
    last = traceback.extract_tb(exc.__traceback__)[-1]
    return f"pipeline error: {type(exc).__name__}: {exc} ({Path(last.filename).name}:{last.lineno})"


def process_document(nlp: Language, document: Document, *, max_chars: int = MAX_ARTICLE_CHARS,
                     done: Collection[str] = ()) -> list[ArticleResult]:
    """Split ``document`` and annotate each article whose id is not in ``done``.

    Raises :class:`InputTooLarge` past the size limits and :class:`StructureError` when the
    document cannot be split; an article the pipeline fails on is returned with its error.
    """
    try:
        articles = articles_of(document, max_chars)
    except InputTooLarge:
        raise
    except Exception as exc:  # noqa: BLE001 - reported per document, the batch goes on
        raise StructureError(f"cannot structure: {type(exc).__name__}: {exc}") from exc
    out = []
    for a in articles:
        if a.article_id in done:
            out.append(ArticleResult(a, done=True))
            continue
        try:
            out.append(ArticleResult(a, annotate(nlp, a)))
        except Exception as exc:  # noqa: BLE001 - reported per article, the document goes on
            out.append(ArticleResult(a, error=_describe(exc)))
    return out


def process_path(nlp: Language, path: str | Path, *, max_chars: int = MAX_ARTICLE_CHARS) -> Iterator[ArticleResult | Skipped]:
    """Every article of one input file, annotated; what cannot be read or split is a
    :class:`~policy_nlp.records.Skipped` naming the file (and line) and the reason."""
    for doc in read_path(Path(path)):
        if isinstance(doc, Skipped):
            yield doc
            continue
        try:
            yield from process_document(nlp, doc, max_chars=max_chars)
        except (InputTooLarge, StructureError) as exc:
            yield Skipped(doc.source_path, str(exc), doc.line_no)
