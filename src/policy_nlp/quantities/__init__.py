"""Quantities: numbers with their unit and qualifier, found in Chinese policy text.

``quantities(text)`` returns :class:`policy_nlp.records.Quantity` records sorted by start,
with ``text[q.start:q.end] == q.text``. ``QuantityExtractor`` does the same with user
vocabularies (TSV files extending the bundled units, multipliers, qualifiers, lexicon).

The layer is split as in Microsoft Recognizers-Text: ``patterns`` (one compiled regex
proposing spans), ``parser`` (span -> value/unit/qualifier), ``numerals`` (Chinese and
Arabic numerals -> Decimal), ``extractor`` (context rules: what is not a quantity),
``vocabulary`` (the TSV files).
"""
from __future__ import annotations

from functools import lru_cache

from policy_nlp.records import Quantity

from .extractor import QuantityExtractor

__all__ = ["Quantity", "QuantityExtractor", "quantities", "default_extractor"]


@lru_cache(maxsize=1)
def default_extractor() -> QuantityExtractor:
    """The extractor with the bundled vocabularies, built once per process."""
    return QuantityExtractor()


def quantities(text: str) -> list[Quantity]:
    """All quantities in ``text``, sorted by start offset."""
    return default_extractor()(text)
