"""Suggestions for the classifier: spans the rules do not accept but a name could be.

The rules are precise and miss what their grammar does not cover; the classifier can only
pick among the spans it is shown. This rule widens what it is shown, from general evidence
rather than vocabulary of the articles at hand (spaCy's SpanCategorizer: a suggester, then
a classifier):

- ``suggest.tag``: a run of tokens the tagger marks as a name — ``ns`` (places, rivers,
  mountains, zones), ``nt`` (organisations), ``nr``/``nrfg``/``nrt`` (persons), ``nz`` (other
  proper names: brands, programmes), ``j`` (abbreviations) — with jieba's dictionary behind
  those tags; the guessed label is a feature, the classifier decides the label;
- ``suggest.quoted``: every short quoted string (a programme, a slogan, or a metaphor);
- ``suggest.head``: a name ending in an organisation suffix or an initiative head, grown over
  nouns only (no verb list), for the boundaries the head rules did not take.

Every suggestion scores :attr:`SuggestRule.max_score`, below the rules' threshold: the rules
alone never output one, and :class:`~policy_nlp.entities.EntityRules` does not even run this
rule without a classifier.
"""
from __future__ import annotations

import re

import regex

from policy_nlp.entities.base import HARD_BOUNDARY, Candidate, Context
from policy_nlp.entities.lexicon import Lexicon

_QUOTED = regex.compile(r"“([^“”\n，。；！？]{2,16})”")
_NOUN_TAGS = ("n", "nz", "ns", "nt", "nr", "vn", "j", "an", "nrt", "nrfg", "eng")


class SuggestRule:
    name = "suggest"
    max_score = 0.25  # every suggestion's score: below the rules' and the variants' (0.3)

    def __init__(self, lex: Lexicon, max_tokens: int = 5):
        self.tag_labels = lex.group_values("suggest.tag_labels")  # tag -> guessed label
        self.max_tokens = max_tokens
        org_heads = [r["suffix"] for r in lex["org_suffixes"] if r.get("scope") != "byline"]
        init_heads = [r["head"] for r in lex["initiative_heads"]]
        self.heads = {**{h: "INITIATIVE" for h in init_heads}, **{h: "ORG" for h in org_heads if len(h) >= 2}}
        alternation = "|".join(map(re.escape, sorted(self.heads, key=len, reverse=True)))
        self.head_pattern = re.compile(f"(?:{alternation})") if alternation else None

    def __call__(self, ctx: Context) -> list[Candidate]:
        out: list[Candidate] = []
        self._tagged(ctx, out)
        self._quoted(ctx, out)
        self._heads(ctx, out)
        return out

    def _add(self, out: list[Candidate], ctx: Context, s: int, e: int, label: str, rule: str, **features) -> None:
        out.append(Candidate(s, e, ctx.text[s:e], label, "programme" if label == "INITIATIVE" else None,
                             ctx.text[s:e], "rule", self.max_score, rule=rule, priority=0, features=features))

    def _tagged(self, ctx: Context, out: list[Candidate]) -> None:
        tags = ctx.tags
        labels = self.tag_labels
        i, n = 0, len(tags)
        while i < n:
            label = labels.get(tags[i])
            if label is None:
                i += 1
                continue
            j = i + 1
            while j < n and j - i < self.max_tokens and labels.get(tags[j]) == label:
                j += 1  # 国家|发展|改革委 tagged nt nt nt: one run
            s, e = ctx.tokens[i][0], ctx.tokens[j - 1][1]
            if e - s >= 2:
                self._add(out, ctx, s, e, label, "suggest.tag", tag=tags[i], n_tokens=j - i)
            i = j

    def _quoted(self, ctx: Context, out: list[Candidate]) -> None:
        for m in _QUOTED.finditer(ctx.text):
            s, e = m.span(1)
            self._add(out, ctx, s, e, "INITIATIVE", "suggest.quoted")

    def _heads(self, ctx: Context, out: list[Candidate]) -> None:
        if self.head_pattern is None:
            return
        text = ctx.text
        for m in self.head_pattern.finditer(text):
            e = m.end()
            j = ctx.tok_end_at.get(e)
            if j is None:
                continue
            k = j
            steps = 0
            # grow left over nominal tokens only: the simplest grammar of a name
            while k - 1 >= 0 and steps < self.max_tokens and ctx.tags[k - 1].startswith(_NOUN_TAGS) \
                    and not any(ch in HARD_BOUNDARY for ch in ctx.word(k - 1)):
                k -= 1
                steps += 1
            s = ctx.tokens[k][0]
            if e - s > len(m.group()) + 1:
                self._add(out, ctx, s, e, self.heads[m.group()], "suggest.head", head=m.group())
