"""Ingest: turn input paths into decoded documents, one reader per input kind.

Readers never raise on bad input: they yield a :class:`~policy_nlp.records.Skipped`
naming the file (and line) and the reason, so one bad file never costs a batch.
"""
from policy_nlp.ingest.readers import SUFFIXES, iter_documents, read_path

__all__ = ["iter_documents", "read_path", "SUFFIXES"]
