"""Quantities -> facts: indicator, dimension, kind, modality, period and region.

Works sentence by sentence, because the guidelines scope periods, shared indicators and
target cues to the sentence.
"""
from __future__ import annotations

import bisect

import regex

from policy_nlp.facts.indicator import IndicatorFinder, clause_around
from policy_nlp.facts.kind import classify_kind
from policy_nlp.facts.period import period_for, time_phrases
from policy_nlp.facts.vocabulary import FactVocabulary, default_vocabulary
from policy_nlp.geo import ScopeResolver, divisions, provinces
from policy_nlp.geo.scope import NATION
from policy_nlp.records import Article, Fact, Quantity, Sentence

GENERIC_INDICATORS = {"增速", "增幅", "增长", "比重", "占比", "规模", "总量", "总额", "数量", "总数", "比例", "同比", "环比"}


class FactBuilder:
    """Callable ``(article, tokens, quantities) -> list[Fact]``."""

    def __init__(self, vocab: FactVocabulary | None = None, scope: ScopeResolver | None = None):
        self.vocab = vocab or default_vocabulary()
        self.scope = scope or ScopeResolver()
        table = provinces()
        names = [p.full_name for p in table.provinces] + [s for p in table.provinces for s in p.short_names]
        self.indicators = IndicatorFinder(self.vocab, set(self.scope.levels), names)
        self.targets = sorted(self.vocab.words("target"), key=len, reverse=True)
        self.target_words = frozenset(self.targets)
        self.target_date = regex.compile(r"到\d{4}年")
        self.scope_pattern = regex.compile("|".join(map(regex.escape, sorted(self.scope.levels, key=len, reverse=True))))

    def __call__(
        self,
        article: Article,
        tokens: list[tuple[int, int, str]],
        quantities: list[Quantity],
        places: list[tuple[int, int, str]] = (),
    ) -> list[Fact]:
        """``places``: (start, end, full name) of the place names found in the article."""
        if not quantities:
            return []
        text = article.text
        sentences = article.sentences or [Sentence(0, len(text))]
        starts = [s.start for s in sentences]
        by_sentence: dict[int, list[Quantity]] = {}
        for q in quantities:
            i = max(bisect.bisect_right(starts, q.start) - 1, 0)
            by_sentence.setdefault(i, []).append(q)
        facts: list[Fact] = []
        for i, qs in sorted(by_sentence.items()):
            sent = sentences[i]
            local = [p for p in places if sent.start <= p[0] < sent.end]
            facts.extend(self._sentence_facts(article, tokens, sent, qs, local))
        return facts

    # -------------------------------------------------------------------------------------
    def _sentence_facts(self, article: Article, tokens, sent: Sentence, qs: list[Quantity], places) -> list[Fact]:
        text = article.text
        s_text = text[sent.start:sent.end]
        phrases = time_phrases(s_text, sent.start, self.vocab)
        out: list[Fact] = []
        last_indicator: str | None = None
        respectively: list[str] = []
        for q in qs:
            if self._is_category_threshold(q, tokens, text) or self._inside_name(q, text, sent):
                continue
            clause = clause_around(text, sent.start, q.start, q.end, sent.end)
            region = self._region(article, text, sent, clause.start, q.end + len(clause.after), q.start, places)
            core, link = self.indicators.split_lead(clause.text_before)
            core_start = clause.start
            indicator = self.indicators.clean(core, tokens, core_start, text) if core else ""
            dimension = None
            if (not indicator or (indicator in GENERIC_INDICATORS and not link)
                    or self.indicators.opens_onto_value(core, tokens, core_start, text)):
                after = self.indicators.after_value(clause.after, tokens, q.end, text)
                if after:
                    indicator = after
            if indicator in self.vocab.dimensions and last_indicator:
                indicator, dimension = last_indicator, indicator
            else:
                for d in self.vocab.dimensions:
                    if indicator.endswith(d) and len(indicator) > len(d) + 1 and indicator[: -len(d)].endswith("率"):
                        indicator, dimension = indicator[: -len(d)], d
                        break
            if indicator.startswith(tuple(self.vocab.words("comparison"))):
                indicator = ""  # 较上半年加快: a comparison, the indicator is the one before
            if not indicator and last_indicator:
                indicator = last_indicator
            elif indicator in GENERIC_INDICATORS and last_indicator:
                indicator = last_indicator + indicator
            if "分别" in link:
                respectively = self._list_items(indicator)
            if respectively and not core:
                indicator = respectively.pop(0) if respectively else indicator
            kind, sign = classify_kind(q.unit, indicator, link + clause.text_before[-4:], self.vocab)
            fact_common = dict(
                start=q.start, end=q.end, text=q.text,
                value=q.value * sign if sign < 0 else q.value,
                value_high=(q.value_high * sign if (q.value_high is not None and sign < 0) else q.value_high),
                unit=q.unit, qualifier=q.qualifier, kind=kind,
                modality=self._modality(text, tokens, sent.start, q.start), period=period_for(q.start, phrases), region=region,
            )
            items = self._shared_items(text, clause.start, sent.start, indicator) if ("均" in link or "都" in link) else []
            if len(items) > 1:
                for item in items:
                    out.append(Fact(indicator=item, dimension=dimension, confidence=0.6, **fact_common))
            else:
                out.append(Fact(indicator=indicator or None, dimension=dimension, confidence=0.7 if indicator else 0.3, **fact_common))
            if indicator and dimension is None:
                last_indicator = indicator
            elif dimension is not None:
                last_indicator = indicator
        return out

    def _list_items(self, phrase: str) -> list[str]:
        for sep in ("、", "和", "及"):
            if sep in phrase:
                parts = [p for p in phrase.replace("和", "、").replace("及", "、").split("、") if p]
                return parts if len(parts) > 1 else []
        return []

    def _shared_items(self, text: str, clause_start: int, sent_start: int, last: str) -> list[str]:
        """``宽带城区覆盖率、乡镇覆盖率均实现100%``: the 、-list before a shared value."""
        items = [last] if last else []
        pos = clause_start
        while pos > sent_start and text[pos - 1] == "、":
            s = pos - 1
            while s > sent_start and text[s - 1] not in "，,；;：:。、\n":
                s -= 1
            phrase = text[s:pos - 1]
            core, _ = self.indicators.split_lead(phrase)
            if core:
                items.insert(0, core)
            pos = s
        return items

    @staticmethod
    def _inside_name(q: Quantity, text: str, sent: Sentence) -> bool:
        """A number inside a 《》 title or a short quoted name (“四件大事”, “两个确保”) is
        part of the name, not a quantity (guidelines: numbers inside names or slogans)."""
        for opener, closer, longest in (("《", "》", 200), ("“", "”", 16)):
            o = text.rfind(opener, sent.start, q.start)
            if o < 0 or text.rfind(closer, o, q.start) >= 0:
                continue
            c = text.find(closer, q.end, sent.end)
            if c >= 0 and c - o <= longest:
                return True
        return False

    @staticmethod
    def _is_category_threshold(q: Quantity, tokens, text: str) -> bool:
        """A size threshold that defines a category rather than measuring something
        (亿元以上重点项目, 20户以上自然村, 超百亿企业): the guidelines exclude these. Told by
        a lower bound written with 以上 or a bare 超 and followed directly by a noun."""
        if q.qualifier != "at_least" or not (q.text.endswith("以上") or (q.text.startswith("超") and not q.text.startswith("超过"))):
            return False
        starts = getattr(tokens, "starts", None) or [t[0] for t in tokens]
        i = bisect.bisect_left(starts, q.end)
        if i >= len(tokens) or tokens[i][0] != q.end:
            return False
        tag = tokens[i][2]
        return tag.startswith("n") and tag not in ("nr",) or tag in ("vn", "j")

    def _modality(self, text: str, tokens, start: int, end: int) -> str:
        """``target`` when a target cue (将, 力争, 目标, 预计 …) stands as a word of its own
        before the value in the sentence: whole tokens only (要求 is not 要), and not inside
        a quoted name or a 《》 title (“百人计划”, 《…规划》 name things, they plan nothing)."""
        starts = getattr(tokens, "starts", None) or [t[0] for t in tokens]
        i = bisect.bisect_left(starts, start)
        depth = 0
        while i < len(tokens) and tokens[i][0] < end:
            s, e, _ = tokens[i]
            word = text[s:e]
            if word in ("《", "“", "「"):
                depth += 1
            elif word in ("》", "”", "」"):
                depth = max(depth - 1, 0)
            elif depth == 0 and word in self.target_words:
                return "target"
            i += 1
        return "target" if self.target_date.search(text, start, end) else "actual"

    def _region(self, article: Article, text: str, sent: Sentence, clause_start: int, clause_end: int, q_start: int, places) -> str:
        """Where the quantity applies: a city or county named in its clause; else a scope
        word (全区, 全国) in its clause, or before it in the sentence; else a city or county
        named elsewhere in the sentence; else the place the article speaks for."""
        def local(lo: int, hi: int) -> list[str]:
            names: list[str] = []
            for s, _, name in places:
                d = divisions().get(name)
                if lo <= s < hi and d is not None and d.level in ("city", "county") and name not in names:
                    names.append(name)
            return names

        in_clause = local(clause_start, clause_end)
        if in_clause:
            return "、".join(in_clause)
        home = article.locality or article.region
        for lo, hi in ((clause_start, clause_end), (sent.start, q_start)):
            for m in self.scope_pattern.finditer(text, lo, hi):
                before = text[max(sent.start, m.start() - 2):m.start()]
                after = text[m.end():m.end() + 2]
                if any(w in before for w in self.vocab.words("comparison")) or after.startswith(("平均", "水平", "最", "首", "第一", "领先", "前列")):
                    continue  # 较全国平均水平, 全球海拔最高: a comparison, not the scope
                resolved = self.scope.resolve(m.group(), article.region, article.locality)
                if resolved:
                    return resolved
        in_sentence = local(sent.start, sent.end)
        if in_sentence:
            return "、".join(in_sentence)
        return home or NATION
