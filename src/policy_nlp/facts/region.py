"""Region of a fact (guidelines: a city or county the sentence names; a scope word such as
全区/全省/全国 resolved through the article's region; else the article's region).

A scope word only sets the region where it stands as the scope of the clause — at its
start, before the indicator (``全区通信光缆线路总长度``). Where it follows a verb or a
comparison (占全国1/3以上, 稳定在全国1/10以上, 高于全国2个百分点, 升至全国第二) or heads
a ranking (全球海拔最高, 全国前列) it is a point of comparison, and the quantity is still
the article's own.
"""
from __future__ import annotations

import re

from policy_nlp.facts.punctuation import CLAUSE_BREAKS, LIST_BREAK
from policy_nlp.facts.vocabulary import FactVocabulary
from policy_nlp.geo import ScopeResolver, country_names, divisions
from policy_nlp.geo.scope import NATION
from policy_nlp.records import Article

SEGMENT_BREAKS = CLAUSE_BREAKS + LIST_BREAK
_DIVISION_ENDS = "市县区旗"
_REFERENT_REACH = 80  # characters a scope word looks back for the place it refers to
RANKING = re.compile(r"最|首[个家次位]|第[一二三四五]|前列|领先|之最|前\d")


class RegionResolver:
    def __init__(self, vocab: FactVocabulary, scope: ScopeResolver):
        self.scope = scope
        self.period = vocab.period_pattern
        self.leads = vocab.words("scope_lead") | {""}
        # a literal alternation: the stdlib engine gives the same matches, at less cost per call
        self.pattern = re.compile("|".join(map(re.escape, sorted(scope.levels, key=len, reverse=True))))
        self.foreign = frozenset(country_names()) - {"中国"}

    def article_home(self, article: Article, places: list[tuple[int, int, str]]) -> str | None:
        """The foreign country a national-level article reports on (a correspondent's story
        on 塞浦路斯), which its figures belong to where a sentence names no place: the country
        the article names most, at least twice and more often than 中国."""
        if article.region or article.locality:
            return None
        counts: dict[str, int] = {}
        for _, _, name in places:
            if name in self.foreign or name == "中国":
                counts[name] = counts.get(name, 0) + 1
        best = max((n for n in counts if n != "中国"), key=lambda n: counts[n], default=None)
        if best is None or counts[best] < 2 or counts[best] <= counts.get("中国", 0):
            return None
        return best

    def __call__(self, article: Article, text: str, sent_start: int, sent_end: int,
                 clause_start: int, clause_end: int, q_start: int, places: list[tuple[int, int, str]],
                 unit: str | None = None, home: str | None = None) -> str:
        """A city or county in the clause; the clause's scope word, or the sentence's before
        the value; a city or county that opens the value's ；-part as its subject (拉萨市…，
        其中…); the article's place. A place inside another clause of a long sentence (推动商洛
        电厂二期…建成投运，…新增装机800万千瓦) is that clause's, not the figure's."""
        in_clause = self._local(places, self._list_start(text, clause_start, places), clause_end)
        if in_clause:
            return "、".join(in_clause)
        before = [name for s, _, name in places if clause_start <= s < q_start]
        abroad = [name for name in before if name in self.foreign]
        if abroad and len(abroad) == len(before):
            return abroad[-1]  # 塞浦路斯旅游业收入达7.3亿欧元 (not 中国对美国出口…: China's own figure)
        for lo, hi in ((clause_start, clause_end), (sent_start, q_start)):
            resolved = self._scope(article, text, lo, hi, sent_start, q_start, unit in ("%", "个百分点", "倍", None))
            if resolved:
                return resolved
        part_start = max(text.rfind("；", sent_start, q_start) + 1, sent_start)
        in_sentence = self._local(self._part_subjects(text, part_start, q_start, places), part_start, q_start)
        if in_sentence:
            return "、".join(in_sentence)
        return article.locality or article.region or home or NATION

    @staticmethod
    def _local(places, lo: int, hi: int) -> list[str]:
        names: list[str] = []
        table = divisions()
        for s, _, name in places:
            if not lo <= s < hi:
                continue  # the position test first: most places lie outside the span
            d = table.get(name)
            if d is None and len(name) > 4:
                # a chain (北京门头沟区, 山南市乃东区): the division it ends in
                d = next((table.get(name[k:]) for k in range(1, len(name) - 1) if table.get(name[k:])), None)
                if d is not None:
                    name = d.name
            if d is not None and d.level in ("city", "county") and name not in names:
                names.append(name)
        return names

    def _part_subjects(self, text: str, part_start: int, q_start: int, places):
        """The places before the value that open a clause of its ；-part as its subject,
        after a time phrase, a scope lead or a larger place at most (10月起，北京门头沟区开展…;
        其中，日喀则市…), not a place inside an object (推动商洛电厂二期…).

        """
        out = []
        for p in places:
            if not part_start <= p[0] < q_start:
                continue
            seg = p[0]
            while seg > part_start and text[seg - 1] not in SEGMENT_BREAKS:
                seg -= 1
            lead = text[seg:p[0]]
            for q in places:
                if seg <= q[0] and q[1] <= p[0]:
                    lead = lead.replace(text[q[0]:q[1]], "")
            lead = self.period.sub("", lead).strip(" “”")
            if lead in self.leads or lead in ("起", "以来"):
                out.append(p)
        return out

    @staticmethod
    def _list_start(text: str, clause_start: int, places) -> int:
        """石家庄市、廊坊市软件…收入超250亿元: the clause opens with a 、-list of places."""
        start = clause_start
        while start > 0 and text[start - 1] == "、":
            prev = [p for p in places if p[1] == start - 1]
            if not prev:
                break
            start = prev[0][0]
        return start

    def _scope(self, article: Article, text: str, lo: int, hi: int, sent_start: int, q_start: int = -1,
               unit_is_share: bool = True) -> str | None:
        """The first scope word that stands as the clause's scope; one right before a count
        (成为全国12家…企业之一) scopes that count, one before a share is its base (占全国1/3)."""
        for m in self.pattern.finditer(text, lo, hi):
            seg = m.start()
            while seg > sent_start and text[seg - 1] not in SEGMENT_BREAKS:
                seg -= 1
            lead = self.period.sub("", text[seg:m.start()])
            counted = m.end() == q_start and not unit_is_share and not lead.endswith("于")
            if lead.strip(" “”") not in self.leads and not counted:
                continue  # 占全国…, 高于全国…, 升至全国第二: a point of comparison
            seg_end = m.end()
            while seg_end < hi and text[seg_end] not in SEGMENT_BREAKS:
                seg_end += 1
            if text.startswith(("平均", "水平"), m.end()) or RANKING.search(text, m.end(), min(seg_end, m.end() + 8)):
                continue
            resolved = self._referent(text, sent_start, m.start(), m.group()) \
                or self.scope.resolve(m.group(), article.region, article.locality)
            if resolved:
                return resolved
        return None

    def _referent(self, text: str, lo: int, hi: int, word: str) -> str | None:
        """The city or county a scope word refers back to: the nearest one the sentence names
        before it with the same last character (…海林市委书记介绍，目前全市… -> 海林市). Names inside a
        body's name count: a speaker's title is where the text says who speaks for the place."""
        level = self.scope.levels.get(word)
        if level in ("nation", "world"):
            return None
        ends = word[-1]
        if ends not in _DIVISION_ENDS:
            return None
        window = max(lo, hi - _REFERENT_REACH)
        for _, _, d in reversed(divisions().find(text[window:hi])):
            if d.name[-1] == ends and d.level in ("city", "county"):
                return d.name
        return None
