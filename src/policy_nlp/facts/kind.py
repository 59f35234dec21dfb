"""Kind (level/share/growth/difference/index) and the sign of a change."""
from __future__ import annotations

from policy_nlp.facts.vocabulary import FactVocabulary

PERCENT_UNITS = {"%", "‰"}


def classify_kind(unit: str | None, indicator: str, lead: str, vocab: FactVocabulary) -> tuple[str, int]:
    """(kind, sign): ``lead`` is the text between the indicator and the value (达, 同比增长 …)."""
    if unit in ("个百分点", "百分点"):
        return "difference", 1
    if any(w in lead for w in vocab.words("difference")):
        return "difference", 1
    if unit in PERCENT_UNITS or unit == "倍":
        tail = lead[-6:]
        if any(w in tail for w in vocab.words("decline")):
            if "至" not in tail and "到" not in tail:
                return "growth", -1
        if any(w in tail for w in vocab.words("growth")) and not tail.endswith(("至", "到")):
            return "growth", 1
        if any(w in indicator for w in vocab.words("index")):
            return "index", 1
        if indicator.endswith(tuple(vocab.words("growth_indicator"))):
            return "growth", 1
        if unit == "倍":
            return "growth", 1
        return "share", 1
    if any(w in indicator for w in vocab.words("index")) and unit is None:
        return "index", 1
    if indicator.endswith(tuple(vocab.words("share_head"))) and unit and "/" in unit:
        return "share", 1  # 固定宽带家庭普及率为83.13部/百户: a rate written per hundred
    return "level", 1
