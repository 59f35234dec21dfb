"""Kind (level/share/growth/difference/index) and the sign of a change."""
from __future__ import annotations

import re
from functools import lru_cache

from policy_nlp.facts.vocabulary import FactVocabulary

PERCENT_UNITS = {"%", "‰"}


@lru_cache(maxsize=64)
def _contains_any(words: frozenset[str]):
    """``text -> bool``: does any of ``words`` occur in the text — one regex search instead
    of a generator of ``in`` tests (called per value group, always with the same sets)."""
    if not words:
        return lambda text: False
    search = re.compile("|".join(map(re.escape, sorted(words, key=len, reverse=True)))).search
    return lambda text: search(text) is not None


@lru_cache(maxsize=64)
def _as_tuple(words: frozenset[str]) -> tuple[str, ...]:
    return tuple(words)


def classify_kind(unit: str | None, indicator: str, lead: str, vocab: FactVocabulary) -> tuple[str, int]:
    """(kind, sign): ``lead`` is the text between the indicator and the value (达, 同比增长 …)."""
    if unit in ("个百分点", "百分点"):
        return "difference", 1
    if unit == "番":
        return "growth", 1  # 翻两番: a count of doublings
    if _contains_any(vocab.words("difference"))(lead):
        return "difference", 1
    if unit in PERCENT_UNITS or unit == "倍":
        tail = lead[-6:]
        if _contains_any(vocab.words("decline"))(tail):
            if "至" not in tail and "到" not in tail:
                return "growth", -1
        if _contains_any(vocab.words("growth"))(tail) and not tail.endswith(("至", "到")):
            return "growth", 1
        if _contains_any(vocab.words("index"))(indicator):
            return "index", 1
        if indicator.endswith(_as_tuple(vocab.words("growth_indicator"))):
            return "growth", 1
        if unit == "倍":
            return "growth", 1
        return "share", 1
    if _contains_any(vocab.words("index"))(indicator) and unit is None:
        return "index", 1
    if indicator.endswith(_as_tuple(vocab.words("share_head"))) and unit and "/" in unit:
        return "share", 1  # 固定宽带家庭普及率为83.13部/百户: a rate written per hundred
    return "level", 1
