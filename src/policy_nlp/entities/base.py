"""Shared pieces of the entity rule layer: the candidate record and the per-call context.

A :class:`Candidate` is an :class:`~policy_nlp.records.Entity` that also carries the rule
that produced it, a priority used when spans overlap, and a small dict of features a
classifier can consume (all cheap to compute: lengths, tags, neighbouring characters).
"""
from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field
from operator import itemgetter
from typing import Any

from policy_nlp.records import Entity

LABELS = ("ORG", "GPE", "PERSON", "INITIATIVE", "POLICY_DOC")

# Characters that can never be inside a name span (sentence and clause punctuation).
HARD_BOUNDARY = set("，。；：！？、\n\r\t 　,.;:!?()（）《》“”\"'‘’【】[]…—")


@dataclass(slots=True)
class Candidate(Entity):
    """An entity candidate proposed by one rule (an Entity with provenance and features)."""

    rule: str = ""
    priority: int = 0  # breaks ties between overlapping spans of equal length
    features: dict[str, Any] = field(default_factory=dict)

    def to_entity(self) -> Entity:
        return Entity(self.start, self.end, self.text, self.label, self.subtype,
                      self.canonical, "rule", self.score)


class Context:
    """Text, tokens and lookup tables for one call, shared by all rules."""

    __slots__ = ("text", "tokens", "region", "tok_starts", "tok_end_at", "tok_start_at", "region_kind", "_tags")

    def __init__(self, text: str, tokens: list[tuple[int, int, str]], region: str | None):
        self.text = text
        self.tokens = tokens
        self.region = region
        starts = getattr(tokens, "starts", None)  # a TokenTable keeps them
        self.tok_starts = starts if starts is not None else list(map(itemgetter(0), tokens))
        # dict(zip(...)) builds these several times faster than a comprehension over tuples
        self.tok_end_at = dict(zip(map(itemgetter(1), tokens), range(len(tokens))))
        self.tok_start_at = dict(zip(self.tok_starts, range(len(tokens))))
        self._tags: list[str] | None = None
        if region is None:
            self.region_kind = None
        elif region.endswith("自治区"):
            self.region_kind = "区"
        elif region.endswith("省"):
            self.region_kind = "省"
        elif region.endswith("市"):
            self.region_kind = "市"
        else:
            self.region_kind = None

    @property
    def tags(self) -> list[str]:
        """The POS tag per token, as a plain list: scanning it for a few tags in a
        comprehension is several times faster than unpacking every token tuple."""
        if self._tags is None:
            tags = getattr(self.tokens, "tags", None)
            self._tags = tags if tags is not None else list(map(itemgetter(2), self.tokens))
        return self._tags

    def token_index(self, offset: int) -> int:
        """Index of the token containing character ``offset`` (-1 if none)."""
        i = bisect_right(self.tok_starts, offset) - 1
        if i >= 0 and self.tokens[i][0] <= offset < self.tokens[i][1]:
            return i
        return -1

    def word(self, i: int) -> str:
        s, e, _ = self.tokens[i]
        return self.text[s:e]

    def tag(self, i: int) -> str:
        return self.tokens[i][2]

    def deictic_canonical(self, name: str) -> str:
        """``自治区党委`` -> ``西藏自治区党委`` when the article's region is known."""
        r = self.region
        if not r:
            return name
        kind = self.region_kind
        if name.startswith("自治区") and kind == "区":
            return r + name[3:]
        if kind == "区" and name.startswith("区") and not name.startswith("区域"):
            return r + name[1:]
        if kind == "省" and name.startswith("省") and not name.startswith("省份"):
            return r + name[1:]
        if kind == "市" and name.startswith("市"):
            return r + name[1:]
        return name


class PrefixSet:
    """``match(s)``: the longest word of the set that ``s`` starts with, or None.

    Stands in for ``re.compile(trie_pattern(words)).match`` where only a yes/which is
    wanted: a set probe per distinct word length, and no regex of ten thousand place names
    to compile at start-up."""

    def __init__(self, words):
        self.words = frozenset(w for w in words if w)
        self.lengths = sorted({len(w) for w in self.words}, reverse=True)

    def match(self, s: str) -> str | None:
        for n in self.lengths:
            if n <= len(s) and s[:n] in self.words:
                return s[:n]
        return None


def trie_pattern(words) -> str:
    """A regex alternation for many literal words, factored as a trie (longest match first).

    A flat ``a|b|c…`` of thousands of names makes the regex engine try every branch at
    every position; the trie form tries one branch per character, so scanning stays linear.
    """
    import regex as _re

    trie: dict = {}
    for w in words:
        if not w:
            continue
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = True

    def build(node: dict) -> str:
        end = "" in node
        branches = [(_re.escape(ch) + build(child)) for ch, child in sorted(node.items()) if ch != ""]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return "(?:" + body + ")?" if end else body

    return build(trie)
