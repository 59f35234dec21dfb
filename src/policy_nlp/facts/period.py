"""The period of a fact: the time phrase before it in the same sentence.

Guidelines: a time phrase covers the quantities after it, across ；, until another time
phrase; headings and earlier sentences do not supply one; a year after 较/比 is a
comparison base, not a period; a frequency word (每年, 每月) says how often, not when.
"""
from __future__ import annotations

from policy_nlp.facts.punctuation import CLAUSE_BREAKS
from policy_nlp.facts.vocabulary import FactVocabulary


RELATIVE_BASES = frozenset({"上年", "去年", "上年同期", "去年同期"})



def time_phrases(sentence: str, offset: int, vocab: FactVocabulary, until: int | None = None) -> list[tuple[int, int, str | None]]:
    """(start, end, text) of the time phrases in a sentence, offsets in the article; a text of
    None marks where a phrase's reach ends (the clause of a 连续 phrase).

    ``until`` (article offset): stop at the first phrase starting there or later — it
    could be the period of no value before ``until`` (:func:`period_for`), and the rest of
    a long sentence need not be scanned."""
    comparison = vocab.words("comparison")
    frequency = vocab.words("frequency")
    clause_bound = tuple(vocab.words("clause_period"))
    stop = len(sentence) if until is None else until - offset
    out = []
    for m in vocab.period_pattern.finditer(sentence):
        s, e = m.span()
        if s >= stop:
            break
        if s == e:
            continue
        if s > 0 and sentence[s - 1] in comparison:
            continue  # 较2014年: a comparison base
        if e < len(sentence) and sentence[e] in "前后" and not m.group().startswith("前"):
            continue  # 2025年前: a deadline phrase, keep simple: treat as no period
        if s > 0 and sentence[s - 1].isdigit():
            continue
        if m.group() in frequency:
            continue  # 每年, 每月: how often, not when (corpus DECISIONS 32)
        if m.group() in RELATIVE_BASES and sentence.startswith("的", e):
            continue  # 是上年的2.3倍: the base of a ratio
        out.append((offset + s, offset + e, m.group()))
        if clause_bound and m.group().startswith(clause_bound) and e < len(sentence) and sentence[e] not in CLAUSE_BREAKS:
            # 连续五年排名全国第三，…利润增长11.1%: 连续 spans the verb right after it, so the phrase
            # is the period of its own clause only; a marker at the clause's end closes it
            k = next((i for i in range(e, len(sentence)) if sentence[i] in CLAUSE_BREAKS), len(sentence))
            out.append((offset + k, offset + k, None))
    out.sort(key=lambda p: (p[1], p[0]))
    return out


def period_for(position: int, phrases: list[tuple[int, int, str | None]]) -> str | None:
    """The last time phrase that ends before the quantity."""
    best = None
    for s, e, text in phrases:
        if e <= position:
            best = text
        else:
            break
    return best
