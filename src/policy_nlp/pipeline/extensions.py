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


#: doc.user_data key of the records behind the spans, by (label, start token, end token).
RECORDS_KEY = "policy_nlp.records"


def span_record(span: Span):
    """Getter of ``span._.record``: the record a component put behind the span.

    Kept in one dict on the Doc keyed by label and token offsets: spaCy's default storage
    keys by character offsets only (a quantity and the fact over the same characters would
    share one slot), and setting it per span costs more than making the span."""
    return span.doc.user_data.get(RECORDS_KEY, {}).get((span.label_, span.start, span.end))


def register_extensions() -> None:
    for name, default in _DOC_EXTENSIONS.items():
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=default)
    if not Span.has_extension("record"):
        # the Quantity / Fact / Entity / Sentence behind a span in doc.spans
        Span.set_extension("record", getter=span_record)
