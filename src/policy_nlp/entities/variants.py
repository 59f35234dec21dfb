"""Boundary variants of head-word names, for the classifier to choose among.

The head rule (:mod:`initiative`) grows a name leftwards and stops at verbs, so names
whose modifier is a verb phrase (快递下乡工程, 粮食产能提升行动, 节能降碳增效行动) are cut
or missed, and a name grown too far (新一轮技术改造专项行动) has no shorter alternative.
This rule proposes, for every INITIATIVE head word (plus 下乡 and 基地), every left
boundary at a token start within a few tokens, crossing verbs but not punctuation,
function words, governing verbs or the boundary words. Variants are scored 0.3 — below
the rules' acceptance threshold — so the rules alone never output them; the classifier
sees all of them (rule ``init.variant``, feature ``variant_tokens``) and
:func:`policy_nlp.entities.classifier.pick_variants` keeps the most probable of those
ending at the same place.
"""
from __future__ import annotations

import re

from policy_nlp.entities.base import HARD_BOUNDARY, Candidate, Context, trie_pattern
from policy_nlp.entities.lexicon import Lexicon



class VariantRule:
    name = "variants"
    max_score = 0.3  # every candidate's score: EntityRules skips the rule below its threshold

    def __init__(self, lex: Lexicon, max_tokens: int = 6, max_chars: int = 16):
        heads = {r["head"]: (r.get("subtype") or "programme") for r in lex["initiative_heads"]}
        heads.update(lex.group_values("variants.extra_heads"))
        skip = set(lex.group("variants.skip_heads"))
        self.heads = {h: s for h, s in heads.items() if h not in skip}
        self.stop_tags = frozenset(lex.group("variants.stop_tags"))
        self.bad_first = frozenset(lex.group("variants.bad_first"))
        self.lead_verbs = frozenset(lex.group("extend.lead_verbs"))
        self.pattern = re.compile(trie_pattern(self.heads))
        self.boundary = lex.words("boundary_words")
        self.max_tokens = max_tokens
        self.max_chars = max_chars

    def __call__(self, ctx: Context) -> list[Candidate]:
        text = ctx.text
        out: list[Candidate] = []
        for m in self.pattern.finditer(text):
            s, e = m.span()
            if e not in ctx.tok_end_at and not (e < len(text) and text[e] in HARD_BOUNDARY):
                continue
            head = m.group()
            j = ctx.token_index(s)
            if j < 0:
                continue
            # the head may share its token with the modifier (水电工程): start from that token
            k = j
            starts = []
            if ctx.tokens[k][0] < s:
                starts.append(ctx.tokens[k][0])
            k -= 1 if ctx.tokens[j][0] >= s else 1
            steps = 0
            while k >= 0 and steps < self.max_tokens:
                ts, te, tag = ctx.tokens[k]
                w = text[ts:te]
                if e - ts > self.max_chars or any(ch in HARD_BOUNDARY for ch in w) or tag in self.stop_tags:
                    break
                if w in self.lead_verbs or w in self.boundary:
                    break
                starts.append(ts)
                k -= 1
                steps += 1
            for n, st in enumerate(starts):
                name = text[st:e]
                if len(name) - len(head) < 2 or name[0] in self.bad_first:
                    continue
                out.append(Candidate(st, e, name, "INITIATIVE", self.heads[head], ctx.deictic_canonical(name),
                                     "rule", self.max_score, rule="init.variant", priority=0,
                                     features={"head": head, "variant_tokens": n + 1}))
        return out
