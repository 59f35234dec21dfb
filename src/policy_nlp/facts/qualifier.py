"""A qualifier word that governs a value from a distance (guidelines: "A qualifier counts
when it governs the quantity, adjacent or not": 约占全社会用能的70% -> approx,
一天最多能省5000元 -> at_most). Adjacent qualifiers are the quantity layer's."""
from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from policy_nlp.facts.tokens import Token, tokens_in
from policy_nlp.facts.vocabulary import FactVocabulary

ROLES = (("approx_governor", "approx"), ("at_most_governor", "at_most"), ("at_least_governor", "at_least"))


def governor_table(vocab: FactVocabulary) -> dict[str, str]:
    """word -> qualifier class, from the governor roles of the cue vocabulary."""
    return {w: q for role, q in ROLES for w in vocab.words(role)}


@lru_cache(maxsize=8)
def _governor_search(words: frozenset[str]):
    """A search for any of ``words`` as a substring: most clauses hold none, and one
    regex search spares building and probing their token list."""
    return re.compile("|".join(map(re.escape, sorted(words, key=len, reverse=True))) or "(?!)").search


def _any_governor(governors: dict[str, str]):
    return _governor_search(frozenset(governors))


def governing_qualifier(text: str, tokens: Sequence[Token], clause_start: int, value_start: int,
                        governors: dict[str, str]) -> str | None:
    """The qualifier of a governor word standing as a token (or two: 不 超过) in the
    value's clause (``governors``: :func:`governor_table`)."""
    if not _any_governor(governors)(text, clause_start, value_start):
        return None  # no governor even as a substring: no token (pair) can be one
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

