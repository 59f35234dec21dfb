"""Custom attributes on spaCy objects, all under ``doc._`` / ``span._``.

Registered once per process on first use (spaCy keeps extensions on the class; this is
the only process-wide state the pipeline has, and it holds no data).
"""
from __future__ import annotations

from spacy.tokens import Doc, Span  # noqa: F401

_DOC_EXTENSIONS = {
    "article": None,  # policy_nlp.records.Article the Doc was made from
    "quantities": None,  # list[Quantity]
    "facts": None,  # list[Fact]
    "entities": None,  # list[Entity]
}
_SPAN_EXTENSIONS = {
    "record": None,  # the Quantity / Fact / Entity / Sentence behind a span in doc.spans
}


def register_extensions() -> None:
    for name, default in _DOC_EXTENSIONS.items():
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=default)
    for name, default in _SPAN_EXTENSIONS.items():
        if not Span.has_extension(name):
            Span.set_extension(name, default=default)
