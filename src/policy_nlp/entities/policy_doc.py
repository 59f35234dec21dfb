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
ANY_VERBS = r"实施|贯彻|落实|贯彻落实|执行|学习贯彻|列入|纳入|根据|依据|按照|依照"
# verbs that open an adverbial (根据…, 按照…): the phrase after them may end in a clause of its own
_ADVERBIAL_VERB = regex.compile(r"根据|依据|按照|依照")
_INNER_VERB = regex.compile(rf"(?:{DOC_VERBS})(?:了|好)?")
_VERB_FIRST = regex.compile(rf"“?(?:{DOC_VERBS}|{ANY_VERBS}|修改|废止)")
LAW_VERBS = r"执行|落实|实施|贯彻|依据|根据|依照|遵照|遵守|按照|出台|制定|修订|颁布|施行|宣传|通过"
PERIOD = r"(?:[（(]\d{4}(?:[—\-–~至]\d{4})?年?版?[）)])?"  # （2021—2025年）, （2026版）
# a kind of document rather than a title: 具体的实施办法, 出台具体操作办法, 落实工作的通知
_GENERIC_TITLE = regex.compile(r"(?:出台|制定|印发)?(?:贯彻落实|贯彻|落实|实施|工作|行动|具体|配套|相关|专项|专门|详细|可操作|操作|"
                               r"总体|发展|考核|管理|评价|考核评价|实施|的)*"
                               r"(?:方案|规划|意见|通知|计划|办法|细则|报告|纲要|决定|建议)")
# 本单位转化科技成果的|专门管理办法, 政策落实的|配套制度和具体实施办法: after the last 的, kinds of
# document (joined by 和/与/及) rather than a title's head
_GENERIC_PART = r"(?:具体|配套|相关|专项|专门|详细|可操作|操作)*(?:管理|实施|工作|考核|评价)*(?:制度|方案|规划|意见|通知|计划|办法|细则|措施|规定)"
_GENERIC_TAIL = regex.compile(rf"{_GENERIC_PART}(?:[和与及]{_GENERIC_PART})+|(?:具体|配套|相关|专项|专门|详细|可操作|操作)+{_GENERIC_PART}")
# 为贫困地区|编制…规划: a document drafted for each of a class of recipients is many plans, not one title
_FOR_RECIPIENTS = regex.compile(r"(?<![作成认因行])为(?![了主])\p{Han}{2,8}$")
_CONJ = regex.compile(r"[和及与]")
_NUM_COLLECTIVE = regex.compile(r"\d+个|[一二三四五六七八九十]+个|等|系列|各类|相关|有关")


class PolicyDocRule:
    name = "policy_doc"

    def __init__(self, lex: Lexicon):
        # what a thing coordinated before a title may be named by, being no document (战略, 制度)
        self.other_heads = tuple(sorted(lex.group("doc.coordinated_heads"), key=len, reverse=True))
        self.topic_ends = tuple(lex.group("doc.topic_ends"))
        doc_heads = [r["head"] for r in lex["doc_heads"] if r.get("verbs") == "doc"]
        any_heads = [r["head"] for r in lex["doc_heads"] if r.get("verbs") not in ("doc", "work")]
        works = "|".join(map(regex.escape, sorted({r["head"] for r in lex["doc_heads"] if r.get("verbs") == "work"},
                                                   key=len, reverse=True))) or r"(?!)"
        # 《雪域欢歌》文艺节目, 《奇境三江源》等3部纪录片 / 纪录片《新疆大地》《左宗棠收复新疆》
        # 《…》等3部纪录片, 《…》这部影片, 《…》两部影片, 《…》等精品鲁剧
        self.work_after = regex.compile(
            rf"(?:等|这|那|该|此)?(?:\d+|[一二三四五六七八九十两]+)?[部首本幅集档台]?\p{{Han}}{{0,3}}?(?:{works})")
        # a periodical in 《》 is an organisation, not a document (guidelines gap: 《金字塔报》)
        self.periodical = regex.compile(r"\p{Han}{1,10}(?:日报|晚报|时报|早报|周报|报|杂志|周刊|月刊)")
        self.work_before = regex.compile(rf"(?:{works})$")
        all_heads = sorted(set(doc_heads) | set(any_heads), key=len, reverse=True)
        anyh = "|".join(map(regex.escape, sorted(any_heads, key=len, reverse=True)))
        allh = "|".join(map(regex.escape, all_heads))
        body = r"[^\s，。；：、！？《》（）()\n]{2,40}?"
        self.title = regex.compile(r"《([^《》\n]{1,120})》")
        self.cited_doc = regex.compile(
            rf"(?:{DOC_VERBS})(?:[和并及与]?(?:实施|印发|落实|执行|发布))?(?:了|好)?(“?{body}(?:{allh}){PERIOD})(?=[，。；、：！？\s和及等）)]|$)")
        self.cited_any = regex.compile(
            rf"(?:{ANY_VERBS})(?:[和并及与]?(?:{ANY_VERBS}))?(?:好|了)?(“?{body}(?:{anyh}){PERIOD})(?=[，。；、：！？\s和及等）)]|$)")
        # the next title of a coordination (制定A和B, 按照香港基本法和澳门基本法): the same
        # shape right after 和/及/与/、, under the same verb
        self.next_doc = regex.compile(
            rf"[和及与、](“?{body}(?:{allh}){PERIOD})(?=[，。；、：！？\s和及等）)]|$)")
        self.next_law = regex.compile(r"[和及与、]((?:中华人民共和国)?\p{Han}{2,14}?法)(?=[等和及，。；、）\s]|规定|要求|有关)")
        self.law = regex.compile(
            rf"(?<=(?:{LAW_VERBS})(?:好|了)?)((?:中华人民共和国)?\p{{Han}}{{2,14}}?法)(?=[等和及，。；、）\s]|规定|要求|有关)")
        self.plan = regex.compile(r"[“\"]?十[一二三四五六七八九]五[”\"]?(?:时期)?(?:规划纲要|规划)|党的[一二三四五六七八九十]+大报告")

    @staticmethod
    def _opens_with_verb(ctx: Context, s: int) -> bool:
        k = ctx.tok_start_at.get(s)
        return k is not None and ctx.tokens[k][2][:1] in ("v", "a", "d") and ctx.tokens[k][2] != "vn"

    def _after_coordinated_thing(self, s: int, w: str, shortest: int = 3) -> tuple[int, str]:
        """区域发展总体战略|和|主体功能区规划, 规章备案制度|和|行政复议法: one verb governs a named
        thing that is no document and a title; the title starts after the conjunction."""
        conj = _CONJ.search(w)
        if conj and conj.start() >= 2 and w[:conj.start()].endswith(self.other_heads) and len(w) - conj.end() >= shortest:
            return s + conj.end(), w[conj.end():]
        return s, w

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
        return [m.span(1) for m, work in self._titles(text) if work]

    def _titles(self, text: str) -> list[tuple[regex.Match, bool]]:
        """Every 《》 title with whether it names a creative work. A title is a work where a type
        word stands beside it, where it is listed with a work (《中国共产党第七次代表大会》及《南泥湾》
        两部影片), or where the same title is a work elsewhere in the text (电影《穿越烽火》 … 通过
        《穿越烽火》找到了)."""
        titles = list(self.title.finditer(text))
        work = [False] * len(titles)
        prev_end = -1
        for k, m in enumerate(titles):
            work[k] = self._is_work(text, m.start(), m.end(), prev_end)
            prev_end = m.end() if work[k] else -1
        for k in range(len(titles) - 1, 0, -1):
            if work[k] and not work[k - 1] and text[titles[k - 1].end():titles[k].start()] in ("", "、", "及", "和", "与"):
                work[k - 1] = True
        names = {m.group(1) for m, w in zip(titles, work) if w}
        return [(m, w or m.group(1) in names) for m, w in zip(titles, work)]

    @staticmethod
    def _with_coordinated(matches, following: regex.Pattern, text: str):
        """Each match, then the titles coordinated after it (group 1 of ``following``)."""
        for m in matches:
            yield m
            e = m.end(1)
            while True:
                nxt = following.match(text, e)
                if nxt is None or _VERB_FIRST.match(nxt.group(1)):
                    break  # 修订A和|制定B: a second verb governs what follows
                yield nxt
                e = nxt.end(1)

    def __call__(self, ctx: Context) -> list[Candidate]:
        text = ctx.text
        out: list[Candidate] = []
        for m, is_work in self._titles(text):
            s, e = m.span(1)
            w = m.group(1).strip()
            if not w or is_work:
                continue
            if self.periodical.fullmatch(w):
                out.append(Candidate(s, e, text[s:e], "ORG", None, text[s:e], "rule", 0.8, rule="org.periodical",
                                     priority=5, features={"marked": True, "len": e - s}))
                continue
            out.append(Candidate(s, e, text[s:e], "POLICY_DOC", None, text[s:e], "rule", 0.95, rule="doc.title",
                                 priority=5, features={"marked": True, "len": e - s}))
        for pat, rule, score in ((self.cited_doc, "doc.cited", 0.75), (self.cited_any, "doc.cited_impl", 0.6)):
            for m in self._with_coordinated(pat.finditer(text), self.next_doc, text):
                s, e = m.span(1)
                w = m.group(1)
                if w.startswith("“") and "”" not in w:
                    s += 1
                    w = w[1:]
                if _ADVERBIAL_VERB.match(text, m.start()):
                    inner = [v for v in _INNER_VERB.finditer(w) if v.start() > 0]
                    if inner and w.find("关于") < 0:
                        cut = inner[-1].end()  # 根据…数据|制定|十一五规划: the last verb governs the title
                        s, w = s + cut, w[cut:]  # (after 印发/修订 a verb inside is the title's own: …制定程序条例)
                s, w = self._after_coordinated_thing(s, w)
                if w.startswith("的"):
                    continue  # …制定|的法规: the verb's object is no title here
                lead = _VERB_FIRST.match(w)
                if lead and not w.startswith("“"):
                    s += lead.end()  # 制定|出台农村集体土地征收补偿条例: a second verb is no part of the title
                    w = w[lead.end():]
                if _NUM_COLLECTIVE.search(w) or _GENERIC_TITLE.fullmatch(w):
                    continue  # (tested on what is left: 制定|具体实施办法 is a kind of document)
                tail = w[w.rindex("的") + 1:] if "的" in w else ""
                if not w.startswith("关于") and _GENERIC_TAIL.fullmatch(tail):
                    continue  # (a bare head after 的, …示范区的意见, …的实施方案, may end a title that dropped its 关于)
                if _FOR_RECIPIENTS.search(text, max(0, m.start() - 11), m.start()):
                    continue
                if "的" in w and "关于" not in w and not self._opens_with_verb(ctx, s) \
                        and not w[:w.rindex("的")].endswith(self.topic_ends):
                    continue  # 国务院的决定, 过去的修路规划: a modifier and 的 before a document kind, no title
                    # (a title without 关于 opens with what it does, 加强…管理的指导意见, or names an
                    # activity as its topic, …交易试点的指导意见)
                # the title begins at the verb's object; drop a leading 了/的 and a doubled verb
                out.append(Candidate(s, e, w, "POLICY_DOC", None, w, "rule", score, rule=rule, priority=4,
                                     features={"marked": False, "len": e - s, "starts_guanyu": w.startswith("关于")}))
        for m in self._with_coordinated(self.law.finditer(text), self.next_law, text):
            s, e = m.span(1)
            w = m.group(1)
            if w.endswith(("办法", "方法", "做法", "立法", "执法", "依法", "宪法", "想法", "说法", "违法", "合法")):
                continue
            s, w = self._after_coordinated_thing(s, w)
            out.append(Candidate(s, e, w, "POLICY_DOC", None, w, "rule", 0.6, rule="doc.law", priority=4,
                                 features={"marked": False, "len": e - s}))
        for m in self.plan.finditer(text):
            s, e = m.span()
            out.append(Candidate(s, e, m.group(), "POLICY_DOC", None, m.group(), "rule", 0.8, rule="doc.plan",
                                 priority=4, features={"marked": False, "len": e - s}))
        return out
