"""Entity extraction: rule candidates (this package) -> classifier -> canonical names.

Public API::

    rules = EntityRules()                      # built once from resources/entities/
    ents = rules(text, tokens, region)         # flat Entity mentions (source='rule')
    cands = rules.candidates(text, tokens, region)   # every overlapping candidate, for a classifier
    entities_to_gold(ents)                     # distinct (text, label) entries, gold format

``tokens`` are ``(start, end, pos_tag)`` triples from the pipeline's segmenter
(:meth:`policy_nlp.segment.Segmenter.tokens`, or ``nlp.tokenizer.segmenter.tokens(text)``).
"""
from __future__ import annotations

import bisect
from dataclasses import replace

from pathlib import Path
from typing import Callable, Iterable

import re


from policy_nlp.entities.base import LABELS, Candidate, Context, PrefixSet, trie_pattern
from policy_nlp.entities.gpe import GpeRule
from policy_nlp.entities.initiative import InitiativeRule
from policy_nlp.entities.lexicon import Lexicon
from policy_nlp.entities.org import OrgRule
from policy_nlp.entities.person import PersonRule
from policy_nlp.entities.policy_doc import PolicyDocRule
from policy_nlp.entities.suggest import SuggestRule
from policy_nlp.entities.variants import VariantRule
from policy_nlp.entities.resolve import company_aliases, resolve_canonicals, select_flat, standard_forms
from policy_nlp.records import Entity

__all__ = ["EntityRules", "Candidate", "entities_to_gold", "LABELS"]


class EntityRules:
    """All rule-based candidate generators, built once from the resource files.

    ``resource_dir`` replaces the bundled vocabulary folder; ``extra`` adds user files per
    vocabulary name (see :data:`policy_nlp.entities.lexicon.FILES`); ``division_table`` is a
    CSV with ``adcode,name`` columns replacing the ``cpca`` adcode table. ``min_score`` is
    the score below which a candidate is not returned by ``__call__`` (``candidates`` returns
    them all).
    """

    def __init__(self, resource_dir: str | Path | None = None, extra: dict[str, list] | None = None,
                 division_table: str | None = None, min_score: float = 0.5,
                 in_dictionary: Callable[[str], bool] | None = None):
        self.lexicon = Lexicon.load(resource_dir, extra)
        self.gpe = GpeRule(self.lexicon, division_table)
        self.place_names = set(self.gpe.full) | set(self.gpe.short)
        heads = sorted(self.place_names | set(self.lexicon.group("org.body_heads")), key=len, reverse=True)
        self.org = OrgRule(self.lexicon, self.place_names, PrefixSet(heads))
        self.person = PersonRule(self.lexicon, in_dictionary)
        self.initiative = InitiativeRule(self.lexicon)
        self.policy_doc = PolicyDocRule(self.lexicon)
        self.variants = VariantRule(self.lexicon)
        self.suggest = SuggestRule(self.lexicon)
        # variants and suggestions score below min_score: only the classifier (EntityExtractor) uses them
        self.rules = [self.policy_doc, self.org, self.gpe, self.person, self.initiative, self.variants, self.suggest]
        self.min_score = min_score
        self.company_words = self.lexicon.words("company_words")
        self.canonical_forms = sorted(((r["short_end"], r["full_end"]) for r in self.lexicon["canonical_forms"]),
                                      key=lambda p: len(p[0]), reverse=True)

    def candidates(self, text: str, tokens: list[tuple[int, int, str]], region: str | None = None) -> list[Candidate]:
        """Every candidate of every rule, overlapping, with rule names and features."""
        return self.candidates_in(Context(text, tokens, region))

    def candidates_in(self, ctx: Context) -> list[Candidate]:
        """:meth:`candidates` on a context already built (a classifier reuses it)."""
        out: list[Candidate] = []
        for r in self.rules:
            out.extend(r(ctx))
        return out + place_chain_bodies(out)

    def alias_mentions(self, text: str, kept: list[Candidate], ctx: Context) -> list[Candidate]:
        """Mentions of short company names derived from full names the text gives."""
        aliases: dict[str, str] = {}
        for c in kept:
            if c.label == "ORG" and c.text.endswith(("公司", "集团")) and len(c.text) >= 6:
                for a in company_aliases(c.text, self.place_names, self.company_words):
                    if len(a) >= 3 and a not in self.company_words:
                        aliases.setdefault(a, c.text)
        if not aliases:
            return []
        pat = re.compile(trie_pattern(aliases))
        out = []
        for m in pat.finditer(text):
            s, e = m.span()
            if len(m.group()) == 2 and (s not in ctx.tok_start_at or e not in ctx.tok_end_at):
                continue
            out.append(Candidate(s, e, m.group(), "ORG", None, aliases[m.group()], "rule", 0.7,
                                 rule="org.alias", priority=1, features={"alias_of": aliases[m.group()]}))
        return out

    def resolve(self, text: str, tokens, region, cands: list[Candidate], ctx: Context | None = None) -> list[Candidate]:
        """Flat mentions from overlapping candidates (a classifier may rescore ``cands`` first)."""
        if "《" in text:
            works = self.policy_doc.work_titles(text)
            if works:
                cands = [c for c in cands if not any(s <= c.start and c.end <= e for s, e in works)]
        kept = select_flat(cands, self.min_score, len(text))
        ctx = ctx or Context(text, tokens, region)
        extra = self.alias_mentions(text, kept, ctx)
        if extra:
            kept = select_flat(kept + extra, self.min_score, len(text))
        resolve_canonicals(kept)
        standard_forms(kept, self.canonical_forms)
        return kept

    def __call__(self, text: str, tokens: list[tuple[int, int, str]], region: str | None = None) -> list[Entity]:
        ctx = Context(text, tokens, region)
        # a rule whose candidates all score below the threshold cannot change the result
        # (variants are for a classifier): not running it is the same and cheaper
        cands: list[Candidate] = []
        for r in self.rules:
            if getattr(r, "max_score", 1.0) >= self.min_score:
                cands.extend(r(ctx))
        cands += place_chain_bodies(cands)
        return list(self.resolve(text, tokens, region, cands, ctx))


def place_chain_bodies(cands: list[Candidate]) -> list[Candidate]:
    """河北保定涿州市刁窝镇万全庄村党支部: a body's name that begins inside an address chain
    begins where the chain does (the whole chain before a body is its name). The organisation
    rule stops at the first place word it cannot read as part of a name; the place rule has
    already read the chain."""
    places = sorted((c for c in cands if c.label == "GPE" and c.rule.startswith("gpe.")), key=lambda c: c.start)
    if not places:
        return []
    starts = [g.start for g in places]
    out = []
    for c in cands:
        if c.label != "ORG" or c.rule != "org.suffix":
            continue
        # the places starting before the body, nearest first (a chain is at most a few dozen characters)
        k = bisect.bisect_left(starts, c.start) - 1
        while k >= 0 and c.start - places[k].start <= 40:
            g = places[k]
            if g.start < c.start < g.end <= c.end - 2:
                out.append(replace(c, start=g.start, text=g.text[:c.start - g.start] + c.text,
                                   canonical=None, rule="org.place_chain"))
                break
            k -= 1
    return out


def entities_to_gold(entities: Iterable[Entity]) -> list[dict]:
    """Distinct (text, label) entries in the gold format, in order of first mention."""
    seen: set[tuple[str, str]] = set()
    out = []
    for e in entities:
        key = (e.text, e.label)
        if key in seen:
            continue
        seen.add(key)
        out.append({"text": e.text, "label": e.label,
                    "subtype": e.subtype if e.label == "INITIATIVE" else None,
                    "canonical": e.canonical or e.text})
    return out
