"""POLICY_DOC candidates.

- ``doc.title``: a title in 《》 (quotes inside allowed; text without the marks);
- ``doc.cited``: a title without marks after a document verb (印发/出台/制定/编制/实施 …),
  ending in a document head word from ``doc_heads.tsv`` (通知, 意见, 方案, 规划 …), with an
  optional period in brackets (（2020—2025年）). Collective references (10个…工作方案,
  lists with 、) are not titles;
- ``doc.law``: a law cited by name after 执行/落实/依据 … (网络安全法);
- ``doc.plan``: five-year plans (“十五五”规划) and party-congress reports (党的二十大报告).
"""
from __future__ import annotations

import regex

from policy_nlp.entities.base import Candidate, Context
from policy_nlp.entities.lexicon import Lexicon

DOC_VERBS = r"印发|出台|制定|编制|起草|发布|修订|颁布|审议通过|研究制定|制定出台|编制完成"
ANY_VERBS = r"实施|贯彻|落实|贯彻落实|执行|学习贯彻"
LAW_VERBS = r"执行|落实|实施|贯彻|依据|根据|依照|遵照|遵守|按照|出台|制定|修订|颁布|施行|宣传|通过"
PERIOD = r"(?:[（(]\d{4}(?:[—\-–~至]\d{4})?年?[）)])?"
_GENERIC_TITLE = regex.compile(r"(?:贯彻落实|贯彻|落实|实施|工作|行动|具体|配套|相关|专项|总体|发展|考核|管理|评价|考核评价|实施)*"
                               r"(?:方案|规划|意见|通知|计划|办法|细则|报告|纲要|决定|建议)")
# 为贫困地区|编制…规划: a document drafted for each of a class of recipients is many plans, not one title
_FOR_RECIPIENTS = regex.compile(r"(?<![作成认因行])为(?![了主])\p{Han}{2,8}$")
_NUM_COLLECTIVE = regex.compile(r"\d+个|[一二三四五六七八九十]+个|等|系列|各类|相关|有关")


class PolicyDocRule:
    name = "policy_doc"

    def __init__(self, lex: Lexicon):
        doc_heads = [r["head"] for r in lex["doc_heads"] if r.get("verbs") == "doc"]
        any_heads = [r["head"] for r in lex["doc_heads"] if r.get("verbs") not in ("doc", "work")]
        works = "|".join(map(regex.escape, sorted({r["head"] for r in lex["doc_heads"] if r.get("verbs") == "work"},
                                                   key=len, reverse=True))) or r"(?!)"
        # 《雪域欢歌》文艺节目, 《奇境三江源》等3部纪录片 / 纪录片《新疆大地》《左宗棠收复新疆》
        self.work_after = regex.compile(rf"(?:等(?:\d+|[一二三四五六七八九十两]+)?部?)?\p{{Han}}{{0,2}}?(?:{works})")
        self.work_before = regex.compile(rf"(?:{works})$")
        all_heads = sorted(set(doc_heads) | set(any_heads), key=len, reverse=True)
        anyh = "|".join(map(regex.escape, sorted(any_heads, key=len, reverse=True)))
        allh = "|".join(map(regex.escape, all_heads))
        body = r"[^\s，。；：、！？《》（）()\n]{2,40}?"
        self.title = regex.compile(r"《([^《》\n]{1,120})》")
        self.cited_doc = regex.compile(
            rf"(?:{DOC_VERBS})(?:实施|印发)?(?:了|好)?(“?{body}(?:{allh}){PERIOD})(?=[，。；、：！？\s和及等）)]|$)")
        self.cited_any = regex.compile(
            rf"(?:{ANY_VERBS})(?:好|了)?(“?{body}(?:{anyh}){PERIOD})(?=[，。；、：！？\s和及等）)]|$)")
        self.law = regex.compile(
            rf"(?<=(?:{LAW_VERBS})(?:好|了)?)((?:中华人民共和国)?\p{{Han}}{{2,14}}?法)(?=[等和及，。；、）\s]|规定|要求|有关)")
        self.plan = regex.compile(r"“?十[一二三四五六七八九]五”?(?:时期)?(?:规划|规划纲要)|党的[一二三四五六七八九十]+大报告")

    def _is_work(self, text: str, start: int, end: int, prev_work_end: int) -> bool:
        """True when the 《》 title at start..end is a creative work, not a policy document.

        Only a titled *document* is a POLICY_DOC; a title that a type word such as 纪录片 or
        文艺节目 introduces or follows names a film, song or programme. Titles listed
        right after such a title (纪录片《…》《…》) are works too.
        """
        if start == prev_work_end:
            return True
        if self.work_after.match(text, end):
            return True
        return bool(self.work_before.search(text[max(0, start - 6):start]))

    def work_titles(self, text: str) -> list[tuple[int, int]]:
        """Spans (inside the marks) of the 《》 titles that name a creative work: no entity is
        read inside a film's or a book's title (《习近平走进百姓家》, 《庄稼汉》)."""
        out, work_end = [], -1
        for m in self.title.finditer(text):
            if self._is_work(text, m.start(), m.end(), work_end):
                work_end = m.end()
                out.append(m.span(1))
        return out

    def __call__(self, ctx: Context) -> list[Candidate]:
        text = ctx.text
        out: list[Candidate] = []
        work_end = -1
        for m in self.title.finditer(text):
            s, e = m.span(1)
            w = m.group(1).strip()
            if not w:
                continue
            if self._is_work(text, m.start(), m.end(), work_end):
                work_end = m.end()
                continue
            out.append(Candidate(s, e, text[s:e], "POLICY_DOC", None, text[s:e], "rule", 0.95, rule="doc.title",
                                 priority=5, features={"marked": True, "len": e - s}))
        for pat, rule, score in ((self.cited_doc, "doc.cited", 0.75), (self.cited_any, "doc.cited_impl", 0.6)):
            for m in pat.finditer(text):
                s, e = m.span(1)
                w = m.group(1)
                if _NUM_COLLECTIVE.search(w) or _GENERIC_TITLE.fullmatch(w):
                    continue
                if _FOR_RECIPIENTS.search(text, max(0, m.start() - 11), m.start()):
                    continue
                if w.startswith("“") and "”" not in w:
                    s += 1
                    w = w[1:]
                # the title begins at the verb's object; drop a leading 了/的 and a doubled verb
                out.append(Candidate(s, e, w, "POLICY_DOC", None, w, "rule", score, rule=rule, priority=4,
                                     features={"marked": False, "len": e - s, "starts_guanyu": w.startswith("关于")}))
        for m in self.law.finditer(text):
            s, e = m.span(1)
            w = m.group(1)
            if w.endswith(("办法", "方法", "做法", "立法", "执法", "依法", "宪法", "想法", "说法", "违法", "合法")):
                continue
            out.append(Candidate(s, e, w, "POLICY_DOC", None, w, "rule", 0.6, rule="doc.law", priority=4,
                                 features={"marked": False, "len": e - s}))
        for m in self.plan.finditer(text):
            s, e = m.span()
            out.append(Candidate(s, e, m.group(), "POLICY_DOC", None, m.group(), "rule", 0.8, rule="doc.plan",
                                 priority=4, features={"marked": False, "len": e - s}))
        return out
