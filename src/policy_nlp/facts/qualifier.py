"""A qualifier word that governs a value from a distance (guidelines: "A qualifier counts
when it governs the quantity, adjacent or not": 约占全社会用能的70% -> approx,
一天最多能省5000元 -> at_most). Adjacent qualifiers are the quantity layer's."""
from __future__ import annotations

from collections.abc import Sequence

from policy_nlp.facts.tokens import Token, tokens_in
from policy_nlp.facts.vocabulary import FactVocabulary

ROLES = (("approx_governor", "approx"), ("at_most_governor", "at_most"), ("at_least_governor", "at_least"))


def governor_table(vocab: FactVocabulary) -> dict[str, str]:
    """word -> qualifier class, from the governor roles of the cue vocabulary."""
    return {w: q for role, q in ROLES for w in vocab.words(role)}


def governing_qualifier(text: str, tokens: Sequence[Token], clause_start: int, value_start: int,
                        governors: dict[str, str]) -> str | None:
    """The qualifier of a governor word standing as a token (or two: 不 超过) in the
    value's clause (``governors``: :func:`governor_table`)."""
    toks = tokens_in(tokens, clause_start, value_start)
    for k, (s, e, _) in enumerate(toks):
        words = [text[s:e]]
        if k + 1 < len(toks):
            words.append(text[s:toks[k + 1][1]])
        for w in words:
            found = governors.get(w)
            if found:
                return found
    return None

