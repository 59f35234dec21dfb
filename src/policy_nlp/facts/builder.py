"""Quantities -> facts: indicator, dimension, kind, modality, period and region.

Works sentence by sentence, because the guidelines scope periods, shared indicators and
target cues to the sentence. Inside a sentence, values joined by a list word form a group
(``分别增长6%和7.4%``) that shares one reading; each group's indicator is looked for
before the value (``全区通信光缆线路总长度达20.19万公里``), after it (``建成2000个5G基站``),
or, when the clause has none, in the sentence's earlier clauses.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from policy_nlp.facts.exclusions import NonFactFilter
from policy_nlp.facts.indicator import IndicatorFinder, clause_start
from policy_nlp.facts.kind import classify_kind
from policy_nlp.facts.lists import chain_items, is_stacked, last_verb_cut, share_head, split_collective, split_period, value_groups
from policy_nlp.facts.modality import ModalityJudge
from policy_nlp.facts.period import period_for, time_phrases
from policy_nlp.facts.punctuation import CLAUSE_BREAKS, LIST_BREAK
from policy_nlp.facts.qualifier import governing_qualifier, governor_table
from policy_nlp.facts.region import RegionResolver
from policy_nlp.facts.tokens import is_nominal, is_verb, token_ending_at, tokens_in
from policy_nlp.facts.vocabulary import FactVocabulary, default_vocabulary
from policy_nlp.geo import ScopeResolver, provinces
from policy_nlp.records import Article, Fact, Quantity, Sentence

GENERIC_INDICATORS = {"增速", "增幅", "增长", "比重", "占比", "规模", "总量", "总额", "数量", "总数", "比例", "同比", "环比"}
_WORD_CHAR = re.compile(r"[\w]")  # an indicator holds at least one letter, digit or character
_RATE_UNITS = frozenset(("%", "个百分点", "‰", "倍"))
_REACHED_BY = re.compile(r"到\d{4}年(?:底|末)?")  # a target date's form, read as a date reached in an achievement
#: Where the text after a group's last value stops: a clause break or a list comma.
AFTER_STOP = re.compile("[" + re.escape(CLAUSE_BREAKS + LIST_BREAK) + "]")
MIN_SHARED_INDICATOR = 4  # 光纤通达率 is shared by 乡镇、行政村; 覆盖率 alone is too bare to share


_NAME_TAGS = frozenset(("nr", "nrfg", "nrt", "nt"))  # persons and bodies: what acts, never what is measured
_PARTNER_WORDS = frozenset(("与", "同", "和", "对"))  # 陕西与…国家进出口额: the two sides of an exchange
_COMMON_NOUN_TAGS = frozenset(("n", "vn", "nz", "j", "eng", "an"))
_COORDINATION = re.compile(r"和|、|及|与")  # the joints of coordinated subjects


@dataclass(slots=True)
class Reading:
    """What a group of values shares: indicator(s), dimension, kind, sign, modality, region."""

    indicators: list[str]
    dimension: str | None
    kind: str
    sign: int
    modality: str
    region: str
    qualifier: str | None
    respectively: bool
    fanned: bool  # one value shared by several indicators (均): one fact per indicator
    item_dimensions: list[str | None] | None = None  # per listed indicator, when the list names breakdowns


class FactBuilder:
    """Callable ``(article, tokens, quantities, places) -> list[Fact]``."""

    def __init__(self, vocab: FactVocabulary | None = None, scope: ScopeResolver | None = None):
        self.vocab = vocab or default_vocabulary()
        self.scope = scope or ScopeResolver()
        table = provinces()
        names = [p.full_name for p in table.provinces] + [s for p in table.provinces for s in p.short_names]
        self.indicators = IndicatorFinder(self.vocab, set(self.scope.levels), names)
        self.filter = NonFactFilter(self.vocab)
        self.modality = ModalityJudge(self.vocab)
        self.region = RegionResolver(self.vocab, self.scope)
        self.comparison_starts = tuple(self.vocab.words("comparison"))
        self.dimensions_longest_first = sorted(self.vocab.dimensions, key=len, reverse=True)
        self.governors = governor_table(self.vocab)
        # a rate, a multiple or a length of time qualifies the noun after it, never counts it (3小时孔剧)
        self.not_counting_units = _RATE_UNITS | frozenset(self.vocab.words("time_unit"))

    def __call__(
        self,
        article: Article,
        tokens: list[tuple[int, int, str]],
        quantities: list[Quantity],
        places: list[tuple[int, int, str]] = (),
        bodies: list[tuple[int, int, str]] = (),
    ) -> list[Fact]:
        """``places``: (start, end, full name) of the place names found in the article;
        ``bodies``: (start, end, text) of its organisations (a body is never what is measured:
        教育部2个 breaks a count down by body)."""
        if not quantities:
            return []
        text = article.text
        sentences = article.sentences or [Sentence(0, len(text))]
        starts = [s.start for s in sentences]
        by_sentence: dict[int, list[Quantity]] = {}
        for q in quantities:
            i = max(bisect.bisect_right(starts, q.start) - 1, 0)
            by_sentence.setdefault(i, []).append(q)
        plan = self.modality.plan_sentences(article) if article.sentences else set()
        place_starts = [p[0] for p in places]
        bodies = sorted(bodies)
        body_starts = [b[0] for b in bodies]
        home = self.region.article_home(article, places)
        facts: list[Fact] = []
        for i, qs in sorted(by_sentence.items()):
            sent = sentences[i]
            lo, hi = bisect.bisect_left(place_starts, sent.start), bisect.bisect_left(place_starts, sent.end)
            names = {t for _, _, t in bodies[bisect.bisect_left(body_starts, sent.start):
                                              bisect.bisect_left(body_starts, sent.end)]} if bodies else frozenset()
            facts.extend(self._sentence_facts(article, tokens, sent, qs, list(places[lo:hi]), i in plan, home, names))
        return facts

    # -------------------------------------------------------------------------------------
    def _sentence_facts(self, article: Article, tokens, sent: Sentence, qs: list[Quantity], places, in_plan: bool,
                        home: str | None = None, bodies: frozenset[str] | set[str] = frozenset()) -> list[Fact]:
        text = article.text
        kept = [q for k, q in enumerate(qs) if self.filter.reason(q, text, sent.start, sent.end, tokens, qs, k + 1) is None]
        if not kept:
            return []  # spare the sentence's time phrases and modality cues
        # periods are looked up for kept values only: no phrase after the last one matters
        phrases = time_phrases(text[sent.start:sent.end], sent.start, self.vocab, until=max((q.start for q in kept), default=sent.start))
        out: list[Fact] = []
        last_indicator: str | None = None
        remembered: list[str] = []  # the items of the sentence's last 分别 list
        floor = sent.start  # text before this was used by earlier values
        groups = value_groups(kept, text)
        modalities = self.modality.for_positions(text, tokens, sent.start, sent.end, [g[0].start for g in groups], in_plan,
                                                  article.year)
        for g, group in enumerate(groups):
            nxt = groups[g + 1][0].start if g + 1 < len(groups) else sent.end
            reading, used_until = self._read_group(article, tokens, sent, group, floor, nxt, last_indicator, remembered, places,
                                                   modalities[g], home, bodies)
            periods = [period_for(q.start, phrases) for q in group]
            if reading.respectively and len(set(periods)) == 1:
                periods = split_period(periods[0], len(group))
            if reading.modality == "actual":
                # 到2007年 in a report on 2007 is the date reached, not a target date: the year
                periods = [p[1:] if p and _REACHED_BY.fullmatch(p) else p for p in periods]
            dims = reading.item_dimensions or [reading.dimension] * len(reading.indicators)
            for k, q in enumerate(group):
                indicator = reading.indicators[k] if reading.respectively else reading.indicators[0]
                common = dict(
                    start=q.start, end=q.end, text=q.text,
                    value=q.value * reading.sign if reading.sign < 0 else q.value,
                    value_high=q.value_high * reading.sign if (q.value_high is not None and reading.sign < 0) else q.value_high,
                    unit=q.unit, qualifier=(reading.qualifier if q.qualifier == "exact" and reading.qualifier else q.qualifier),
                    kind=reading.kind, modality=reading.modality, period=periods[k], region=reading.region,
                )
                if reading.fanned and not reading.respectively:
                    for item, dim in zip(reading.indicators, dims):
                        out.append(Fact(indicator=item, dimension=dim, confidence=0.6, **common))
                else:
                    out.append(Fact(indicator=indicator or None, dimension=dims[k] if reading.respectively else reading.dimension,
                                    confidence=0.7 if indicator else 0.3, **common))
            if reading.respectively:
                remembered = reading.indicators
            if reading.indicators and reading.indicators[0] and not reading.fanned:
                last_indicator = reading.indicators[-1] if not reading.respectively else reading.indicators[0]
                if reading.respectively and len(set(reading.indicators)) > 1:
                    last_indicator = None
            floor = max(used_until, group[-1].end)
        return out

    def _read_group(self, article: Article, tokens, sent: Sentence, group: list[Quantity], floor: int, next_start: int,
                    last_indicator: str | None, remembered: list[str], places, modality: str,
                    home: str | None = None, bodies: frozenset[str] | set[str] = frozenset()) -> tuple[Reading, int]:
        text = article.text
        head, tail = group[0], group[-1]
        clause_begin = clause_start(text, sent.start, head.start)
        c_start = max(clause_begin, floor)
        before = text[c_start:head.start]
        after_limit = min(sent.end, next_start)
        stop = AFTER_STOP.search(text, tail.end, after_limit) if tail.end < after_limit else None
        after_end = stop.start() if stop is not None else max(tail.end, after_limit)
        after = text[tail.end:after_end]
        used_until = tail.end

        core, link = self.indicators.split_lead(before, tokens, c_start, text)
        if core.startswith(self.comparison_starts):
            core = ""  # 较上半年加快: a comparison, the indicator is the one before
        core = self.indicators.cut_comparison(core, tokens, c_start, text)
        indicator = self.indicators.clean(core, tokens, c_start, text) if core else ""
        if indicator and not _WORD_CHAR.search(indicator):
            indicator = ""  # （, “, ×: punctuation alone names nothing; look after the value
        if len(indicator) == 1:
            indicator = ""  # 好, 建, 有: one character left of a phrase names nothing measured
        own = bool(indicator)
        counted_after = False
        governed = self.indicators.opens_onto_value(core, tokens, c_start, text)
        dimension = None
        if indicator and not link and before.endswith("的") and not after.startswith("的"):
            # 取消的16个罚款事项: a relative clause before the count modifies the noun after it
            noun = self.indicators.after_value(after, tokens, tail.end, text)
            if noun:
                indicator, counted_after = indicator + "的" + noun, True
                used_until = tail.end + len(after)
        if counted_after:
            pass
        elif is_stacked(group) or not indicator or (indicator in GENERIC_INDICATORS and not link) \
                or governed \
                or (not link and head.unit not in self.not_counting_units and not after.startswith("的")
                    and self.indicators.verbal_noun_before(core, tokens, c_start, text)) \
                or (not link and self.indicators.followed_by_noun(after, tokens, tail.end, text)):
            found = self.indicators.after_value(after, tokens, tail.end, text)
            if not found and governed and not link:
                found = self.indicators.object_to_clause_end(after, tokens, tail.end, text)  # 采取三项减税降费举措
            if found:
                indicator, own, counted_after = found, True, True
                used_until = tail.end + len(after)
                if not after.startswith("的"):  # 20%的速度增长: the value modifies the noun, no subject
                    noun_end = text.find(found, tail.end) + len(found)
                    pred = self.indicators.predicate_after(noun_end, tokens, tail.end + len(after), text)
                    if pred:
                        indicator = pred + "的" + found
        if (indicator in self.vocab.dimensions or indicator in bodies) and last_indicator and not counted_after:
            indicator, dimension = last_indicator, indicator  # 行政村…, 教育部2个: a breakdown of the last indicator
        elif "率" in indicator[:-1]:  # 覆盖率乡镇: a rate, then the dimension it is read on
            for d in self.vocab.dimensions:
                if indicator.endswith(d) and len(indicator) > len(d) + 1 and indicator[: -len(d)].endswith("率"):
                    indicator, dimension = indicator[: -len(d)], d
                    break
        if indicator and not _WORD_CHAR.search(indicator.strip("（）()")):
            indicator = ""  # （ found after the value: a bracket names nothing either
        if not indicator:
            indicator = last_indicator or self._topic(text, tokens, sent, clause_begin) or ""
        elif indicator in GENERIC_INDICATORS:
            base = last_indicator or self._topic(text, tokens, sent, clause_begin)
            if base:
                indicator = base + indicator

        respectively = len(group) > 1 and not is_stacked(group)
        indicators = [indicator]
        fanned = False
        link_tokens = {text[s:e] for s, e, _ in tokens_in(tokens, head.start - len(link), head.start)} if link else set()
        if any(t.startswith("分别") for t in link_tokens) and respectively:
            items = self._items(text, tokens, clause_begin, floor, indicator, len(group)) if own else list(remembered)
            if not own and len(items) != len(group):
                items = self._subjects_before(text, tokens, sent.start, clause_begin, floor, len(group)) or items
            indicators = items if len(items) == len(group) else [indicator] * len(group)
        elif respectively and remembered and len(remembered) == len(group) and not own:
            indicators = list(remembered)  # 分别达6.9万元、3.4万元，增长4.2%、5.3%
        else:
            respectively = False
            if any(t.startswith(("均", "都")) for t in link_tokens) and own:
                items = self._items(text, tokens, clause_begin, floor, indicator, 0)
                if len(items) > 1:
                    indicators, fanned = items, True

        item_dimensions = None
        if len(indicators) > 1:
            indicators, item_dimensions = self._breakdowns(indicators)
        kind, sign = classify_kind(head.unit, indicator, link + before[-4:], self.vocab)
        region = self.region(article, text, sent.start, sent.end, clause_begin, head.end + len(after), head.start, places, head.unit, home)
        qualifier = governing_qualifier(text, tokens, c_start, head.start, self.governors)
        return Reading(indicators, dimension, kind, sign, modality, region, qualifier, respectively, fanned,
                       item_dimensions), used_until

    def _subjects_before(self, text: str, tokens, sent_start: int, clause_begin: int, floor: int, n: int) -> list[str]:
        """城镇居民人均可支配收入和农村居民人均纯收入，分别实际增长58.3%和29.2%: with no indicator of
        its own, a 分别 clause spreads over the coordinated subjects of the clause before it."""
        if clause_begin < 2 or text[clause_begin - 1] not in "，,":
            return []
        lo = max(clause_start(text, sent_start, clause_begin - 1), floor)
        parts = _COORDINATION.split(text[lo:clause_begin - 1])
        if len(parts) != n:
            return []
        out, pos = [], lo
        for p in parts:
            start = text.find(p, pos)
            item = self.indicators.clean(p, tokens, start, text)
            if not item:
                return []
            out.append(item)
            pos = start + len(p)
        return out

    def _breakdowns(self, items: list[str]) -> tuple[list[str], list[str | None] | None]:
        """乡镇、行政村光纤通达率 / 乡镇和行政村5G网络通达率: a list of sub-populations in
        front of one indicator -> that indicator, with the sub-populations as dimensions."""
        last = items[-1]
        lead = next((d for d in self.dimensions_longest_first if last.startswith(d)), None)
        if lead is None or len(last) - len(lead) < MIN_SHARED_INDICATOR:
            return items, None
        rest = last[len(lead):]
        if any(parts[0] in items[0] for parts in self.vocab.collectives.values()):
            return items, None  # 城镇居民…/农村居民… split from 城乡: the population is the indicator's
        dims: list[str | None] = []
        for it in items[:-1]:
            part = it[: -len(rest)] if it.endswith(rest) else it  # 乡镇光纤通达率 after share_head
            if part not in self.vocab.dimensions:
                return items, None
            dims.append(part)
        return [rest] * len(items), dims + [lead]

    def _items(self, text: str, tokens, clause_start: int, floor: int, indicator: str, n: int) -> list[str]:
        """The indicators a 分别 (n values) or 均 (n = 0: any number) spreads over."""
        def clean(phrase: str, start: int) -> str:
            return self.indicators.clean(phrase, tokens, start, text)

        items = chain_items(text, clause_start, floor, clean) + [indicator]
        if len(items) > 1:
            first_start = text.rfind(items[0], floor, clause_start)
            if first_start >= 0:
                items[0] = last_verb_cut(items[0], first_start, text, tokens)
            head = self._head_word(text, tokens, indicator, clause_start)
            items = share_head(items, head)
        if n and len(items) != n:
            items = split_collective(indicator, n, self.vocab)
        return items

    @staticmethod
    def _head_word(text: str, tokens, indicator: str, clause_start: int) -> str | None:
        """The last token of the indicator as written in the clause (产量 in 蔬菜产量)."""
        pos = text.find(indicator, clause_start)
        if pos < 0:
            return None
        last = token_ending_at(tokens, pos + len(indicator))
        if last is None or last[0] <= pos or not is_nominal(last[2]):
            return None
        return text[last[0]:last[1]]

    def _topic(self, text: str, tokens, sent: Sentence, clause_start: int) -> str | None:
        """The subject of an earlier clause of the sentence that holds no value, for a clause
        that names none (工业投资保持扩张，上半年同比增长8.9%). The clause right before is read
        first, past a clause that only sets the time (十年来，陕西与共建“一带一路”国家进出口额翻了两番，
        年均增长18.4%): its leading nouns, else the nouns right before its first verb after a
        place and a prepositional phrase; then, as before, the leading nouns of the first clause."""
        clauses = []
        start = sent.start
        while start < clause_start:
            end = start
            while end < clause_start and text[end] not in CLAUSE_BREAKS:
                end += 1
            if end >= clause_start:
                break
            clauses.append(tokens_in(tokens, start, end))
            start = end + 1
        if not clauses:
            return None
        # 十年来, 2022年以来: a time frame, the subject comes after it
        clauses = [c for c in clauses if not (c and all(
            tag in ("t", "m", "f") or text[s:e] in ("来", "以来") or self.vocab.period_pattern.fullmatch(text[s:e])
            for s, e, tag in c))]
        if not clauses:
            return None
        for clause in reversed(clauses):
            topic = self._leading_nouns(text, clause, strict=True)
            if not topic and len(clause) > 2 and clause[0][2] == "ns" and text[clause[1][0]:clause[1][1]] in _PARTNER_WORDS:
                # 陕西与共建“一带一路”国家进出口额翻了两番: a place and its partner, then what their
                # exchange amounts to, right before the clause's verb
                topic = self._subject_before_verb(text, clause)
            if topic:
                return topic
            break
        return self._leading_nouns(text, clauses[0])

    def _leading_nouns(self, text: str, clause, strict: bool = False) -> str | None:
        """``strict`` (a clause other than the first): only nouns, ending in a common noun, and
        no person or body among them (习近平祝贺…, 林业局挂牌…: a name is what acts, not what
        is measured)."""
        words = []
        last = ""
        for s, e, tag in clause:
            word = text[s:e]
            if is_verb(tag) or tag in ("x", "m", "p", "c", "d", "r"):
                break
            if not is_nominal(tag) and tag not in ("t", "s", "f") and (strict or len(word) > 1):
                return None  # 健全|…, 短短|…: an adjective opens a predicate, no subject (全|社会 is a modifier)
            if strict and tag in _NAME_TAGS:
                return None
            if word in self.scope.levels or tag == "ns" or self.vocab.period_pattern.fullmatch(word):
                continue  # a place or a time is never what is measured
            words.append(word)
            last = tag
        topic = "".join(words)
        if (strict or last in _NAME_TAGS) and last not in _COMMON_NOUN_TAGS:
            return None  # 王建国介绍情况: a name alone is who acts
        return topic if 2 <= len(topic) <= 16 else None

    @staticmethod
    def _subject_before_verb(text: str, clause) -> str | None:
        run: list[tuple[str, str]] = []
        for s, e, tag in clause:
            if is_verb(tag):
                run = [(w, t) for w, t in run if t != "d"]
                topic = "".join(w for w, _ in run)
                if 2 <= len(topic) <= 16 and run[-1][1] in _COMMON_NOUN_TAGS and not any(t in _NAME_TAGS for _, t in run):
                    return topic
                run = []
            elif is_nominal(tag) and tag != "ns":
                if run and run[-1][1] == "d":
                    run = []
                run.append((text[s:e], tag))
            elif tag in ("d", "ad") and run:
                if run[-1][1] != "d":
                    run.append(("", "d"))  # 进出口总额|稳步|攀升: an adverb between the subject and its verb
            else:
                run = []
        return None

