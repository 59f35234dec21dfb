"""INITIATIVE candidates.

- ``init.quoted``: a quoted name (“宽带西藏”, “互联网+政务服务”, “三改造、三提高、三降低”);
  a generic head after the quote is not part of the name (“宽带西藏”战略 -> 宽带西藏), a
  one-character quote keeps its head (“金”字系列工程); metaphors and emphasis from
  ``quote_stop.txt`` and quoted speech (sentences) are dropped;
- ``init.numbered``: chained numbered catch-phrases (四督四保, 一网一云一中心,
  一核两翼多点一通道) and digit formulas (1+8, 28+10);
- ``init.lexicon``: well-known national catch-phrases (六稳, 六保, 一带一路);
- ``init.head``: a name ending in a head word (专项行动, 工程, 战略, 试点, 机制, 平台,
  铁路 …) grown leftwards over name tokens, with a specific modifier;
- ``init.infra``: infrastructure and technology build-outs from ``infrastructure.txt``.
"""
from __future__ import annotations

import re

import regex

from policy_nlp.entities.base import HARD_BOUNDARY, Candidate, Context, trie_pattern
from policy_nlp.entities.extend import (NameGrammar, after_last_verb, bracketed_qualifier_before, extend_left,
                                        route_before, section_after)
from policy_nlp.entities.lexicon import Lexicon

NUM = "一二两三四五六七八九十百千万双多"
_SENTENCE_PUNCT = set("。！？；：…")
_HAN1 = regex.compile(r"\p{Han}")
_ASCII_ALNUM = regex.compile(r"[\d+A-Za-z]")
_ELEM3 = regex.compile(rf"[{NUM}](?:个)?(?:(?![{NUM}和与及或])\p{{Han}}){{1,3}}")
_ELEM = regex.compile(rf"[{NUM}](?:个)?(?:(?![{NUM}和与及或])\p{{Han}})+")
# a duration alone is not a specific modifier (三年行动计划, 五年行动), nor a count of the
# items just listed (…工程、…工程四大工程)
_DURATION = re.compile(r"[一二两三四五六七八九十\d]+年|[一二两三四五六七八九十]+大")
# a count inside the modifier makes a description, not a name (部门80多个业务系统)
_COUNT_IN_CORE = re.compile(r"\d+(?:\.\d+)?[多余]?[个项家座条所]")
# a size threshold defines a category (“亿元以上企业”清单), as in the fact guidelines
_THRESHOLD = re.compile(r"(?:[\d十百千万亿]元?|规模)以[上下]")
# quoted words the text criticises: “雷人雷语”、“不互动无服务”等现象, “变薄、变瘦、变硬”的趋势
_CRITICISED_AFTER = r"(?:、?“[^“”\n]{1,16}”)*(?:的|等)?(?:现象|问题|乱象|顽疾|弊端|倾向|趋势)"
# a project code's letters and dash before a number that starts a name (A—11, B-3)
_CODE_BEFORE = re.compile(r"(?<![A-Za-z])[A-Za-z]{1,3}[—\-–]$")
# a numbered phase or line of a project, and the stretch it builds: 商洛电厂|二期, 裕龙石化|一期,
# 地铁|7号线|一期南段, 苏州轨道交通|11号线
_PHASE = regex.compile(r"(?:(?P<line>[A-Z]\d{1,2}号?线|(?:\d{1,2}|[一二三四五六七八九十]{1,3})号线)(?:[一二三四五六七八九十]期)?"
                       r"|(?P<phase>[一二三四五六七八九十])期(?:工程|项目)?)(?:[东南西北]段|[东南西北]延(?:伸)?段?)?")
_PREDICATIVE_TAGS = frozenset(("a", "ad", "an", "d", "vd", "i", "l", "c", "p", "u", "uj", "ul", "r"))
_NUM_ONLY = regex.compile(r"[\d.]+")
# words before which an object or a clause opens: punctuation and the joints of a list
_OPENERS = frozenset(("，", "。", "；", "：", "！", "？", "和", "及", "、", "\n"))
_NOT_BEFORE_PHASE = frozenset("第每同本上下前后近分长短初中末首当该各此这那一")
_PERIOD_NAME = regex.compile(r"(?:十[一二三四五六七八九]|[六七八九十])五(?:时期|期间)?")  # “十五”, “八五”: five-year plan periods
_DATE_CODE = regex.compile(r"\d{1,2}[·.]\d{1,2}")  # “23·7”, “7·20”: an event named by its date
_MEASURED = regex.compile(r"\d+(?:\.\d+)?(?:米|公里|千米|元|块|个|人|天|分钟|小时|秒|公斤|斤)")  # 前方200米


LONG_CORE = 5  # characters of modifier that make a plan's name specific without a proper name in it


class InitiativeRule:
    name = "initiative"

    def __init__(self, lex: Lexicon):
        self.grammar = NameGrammar.from_lexicon(lex)
        self.measure_chars = set(lex.group("init.measure_chars"))
        self.not_standalone = set(lex.group("init.not_standalone"))
        self.project_work = tuple(lex.group("init.project_work"))
        self.generic_modifiers = set(lex.group("init.generic_modifiers"))
        self.object_determiners = set(lex.group("init.object_determiners"))
        self.launch_verbs = set(lex.group("init.launch_verbs"))
        self.manner_words = tuple(lex.group("init.manner_words"))
        self.action_heads = tuple(lex.group("init.action_heads"))
        self.generic_prefixes = {w[:2] for w in self.generic_modifiers}  # fast pre-check for _generic_core
        self.honour_verbs = tuple(lex.group("init.honour_verbs"))
        self.org_ends = tuple(lex.group("init.org_ends"))
        self.weak_heads = set(lex.group("init.weak_heads"))
        self.long_core_heads = set(lex.group("init.long_core_heads"))
        self.degree_starts = tuple(lex.group("init.quote_degree_starts"))
        self.project_heads = set(lex.group("init.project_heads"))
        self.idiom_tags = set(lex.group("init.idiom_tags"))
        self.boundary = lex.words("boundary_words")
        self.name_verbs = lex.words("name_verbs")
        self.generic_after = lex.words("initiative_generic_heads")
        self.heads: dict[str, str] = {}
        # heads that belong to the name even after a quote (“奋斗者”号 -> 奋斗者号)
        self.kept_after_quote: set[str] = set()
        for r in lex["initiative_heads"]:
            self.heads[r["head"]] = r.get("subtype") or "programme"
            if (r.get("generic_after_quote") or "1").strip() == "0":
                self.kept_after_quote.add(r["head"])
        # quote_stop entries written …X stop every quoted word ending in X (events: …节, …博览会)
        stop = lex.words("quote_stop")
        self.quote_stop = {w for w in stop if not w.startswith("…")}
        self.quote_stop_ends = tuple(w[1:] for w in stop if w.startswith("…") and len(w) > 1)
        self.speech_verbs = tuple(lex.words("speech_verbs"))
        # after a quote only multi-character event heads (…国际会议, …论坛); 逐日 is no 日 event
        ends = "|".join(map(re.escape, sorted((w for w in self.quote_stop_ends if len(w) > 1),
                                                 key=len, reverse=True)))
        # what follows a quote that names no initiative: a criticised problem, or an event head
        event_after = rf"|[\u4e00-\u9fff]{{0,6}}?(?:{ends})(?![\u4e00-\u9fff])" if ends else ""
        self.no_initiative_after = re.compile(rf"(?:{_CRITICISED_AFTER}){event_after}")
        surveys = sorted(lex.group("init.survey_heads"), key=len, reverse=True)
        self.survey_pattern = regex.compile(
            r"(?P<ord>第(?:[一二三四五六七八九十]{1,3}|\d{1,2})次)(?:全国|中国)?\p{Han}{2,10}?(?P<head>"
            + "|".join(map(regex.escape, surveys)) + ")") if surveys else None
        standalone = [h for h in self.heads if h not in self.not_standalone]
        self.head_pattern = re.compile(trie_pattern(standalone))
        gen = sorted(self.generic_after | set(self.heads), key=len, reverse=True)
        self.generic_pattern = regex.compile("|".join(map(regex.escape, gen)))
        self.head_ends = tuple(sorted(self.heads, key=len, reverse=True))
        self.head_noun_followers = frozenset(lex.group("init.head_noun_followers"))
        self.person_titles = lex.words("person_titles")
        self.build_verbs = frozenset(lex.group("init.build_verbs"))
        self.shared_heads = frozenset(lex.group("init.shared_list_heads"))
        self.lead_verb_ends = tuple(sorted(self.grammar.lead_verbs, key=len, reverse=True))
        heads = "|".join(map(regex.escape, sorted(lex.group("init.project_list_heads"), key=len, reverse=True)))
        shared = "|".join(map(regex.escape, sorted(lex.group("init.shared_list_heads"), key=len, reverse=True)))
        item = r"[\p{Han}A-Za-z0-9]{2,16}"
        # X、Y等项目 (each item a project) | 延榆、康渝高铁 (two-character items sharing the head: one name).
        # Found from their ends (等+head, or 、+two characters+head: rare), the list read backwards
        # from there: a forward pattern would be tried at every character of the text.
        self.project_list_end = regex.compile(
            rf"等(?P<head>{heads})|(?<=、\p{{Han}}{{2}})(?P<shared>{shared})") if heads and shared else None
        self.project_items = regex.compile(rf"(?r)(?:{item}、)+{item}$")
        self.shared_items = regex.compile(r"(?r)(?:\p{Han}{2}、)+\p{Han}{2}$")
        self.infra: dict[str, str | None] = dict(lex["infrastructure"])
        self.infra_pattern = regex.compile(
            r"(?<![A-Za-z0-9])(?:" + "|".join(map(regex.escape, sorted(self.infra, key=len, reverse=True))) + r")")
        self.slogans: dict[str, str] = {w: (sub or "slogan") for w, sub in lex["slogans"]}
        self.slogan_pattern = re.compile(trie_pattern(self.slogans))
        self.quote = regex.compile(r"“([^“”\n]{1,40})”")
        self.char_quote = regex.compile(r"“(\p{Han})”字\p{Han}{0,6}?(?:工程|行动|战略|计划)")
        self.chain_full = regex.compile(rf"(?:[{NUM}](?:个)?(?:(?![{NUM}和与及或])\p{{Han}}){{1,3}}){{2,6}}")
        self.formula = regex.compile(r"(?<![\d.A-Za-z])\d{1,3}(?:\+\d{1,3})+(?![\d.%])|[一二三四五六七八九]位一体")

    # ------------------------------------------------------------------------------------
    def _subtype_of_quoted(self, w: str, head: str | None) -> str:
        if w[0] in NUM or w[0].isdigit() or "、" in w or "，" in w:
            return "slogan"
        if head and head in self.heads:
            return self.heads[head]
        return "programme"

    def _after_speech_verb(self, text: str, quote_at: int) -> bool:
        """True when the quote at ``quote_at`` opens reported speech (指出，“…” / 强调：“…”)."""
        before = text[max(0, quote_at - 6):quote_at].rstrip("：:，, ")
        return bool(before) and before.endswith(self.speech_verbs)

    def _names_no_initiative(self, text: str, w: str, s: int, e: int) -> bool:
        """True when the quote at s..e names an event, an honour, a size category or something
        the text criticises: none is an initiative the government launches or promotes."""
        if self.quote_stop_ends and w.endswith(self.quote_stop_ends):
            return True  # “中国农民丰收节”, “质量月”: events
        if "以" in w and _THRESHOLD.search(w):
            return True  # “亿元以上企业”清单
        if self.no_initiative_after.match(text, e + 1):
            return True  # “雷人雷语”、“不互动无服务”等现象; “环喜马拉雅”企业家国际会议
        # 荣获“全国十大考古新发现”: an honour's title; 入选“珠峰英才”计划 keeps its programme head
        return text[max(0, s - 3):s - 1].endswith(self.honour_verbs) and not self.generic_pattern.match(text, e + 1)

    def _quoted(self, ctx: Context, out: list[Candidate]) -> list[tuple[int, int]]:
        """Quoted-name candidates; returns the spans of quotes that name no initiative, so that
        no other rule finds one inside them (“2025全球十大工程成就”)."""
        text = ctx.text
        blocked: list[tuple[int, int]] = []
        quoted_speech_end = -1
        for m in self.char_quote.finditer(text):
            s, e = m.span()
            out.append(Candidate(s, e, m.group(), "INITIATIVE", "project", m.group(), "rule", 0.7,
                                 rule="init.quoted_char", priority=3, features={"quoted": True}))
        for m in self.quote.finditer(text):
            s, e = m.span(1)
            w = m.group(1)
            if len(w) == 1 or w in self.quote_stop:
                continue
            if self._spoken(w):
                continue  # “很顺利”, “商量商量”, “前方200米，…停车”: words quoted as said, no slogan
            if any(ch in _SENTENCE_PUNCT for ch in w):
                continue
            if "，" in w and (len(w) > 30 or w.count("，") > 1 or any(len(p) > 14 for p in w.split("，"))):
                continue
            if self._names_no_initiative(text, w, s, e):
                blocked.append((s, e))
                continue
            if _PERIOD_NAME.fullmatch(w):
                continue  # “十四五” is a period
            if _DATE_CODE.fullmatch(w):
                continue  # “23·7” 流域性特大洪水: an event named by its date, not an initiative
            if ("，" in w or len(w) >= 8) and (self._after_speech_verb(text, s - 1)
                                              or (s >= 2 and text[s - 2] == "”" and quoted_speech_end == s - 2)):
                # 强调：“切实加强耕地保护，全力提升耕地质量”, 指出：“共同富裕是…的本质要求”“…”: a
                # quoted sentence (and the quotes chained to it), not a slogan
                quoted_speech_end = e
                continue
            if len(w) >= 12 and "、" not in w and ("的" in w or "是" in w or w[0] in "这那此") \
                    and not w.endswith(self.head_ends):
                continue  # “亚投行致力于应对气候变化的一个里程碑”: a quoted statement
            hm = self.generic_pattern.match(text, e + 1)
            head = hm.group() if hm else None
            if head in self.kept_after_quote:
                # “奋斗者”号: the head is part of the name; the span keeps the quotes (scoring drops them)
                s2, e2 = s - 1, hm.end()
                out.append(Candidate(s2, e2, text[s2:e2], "INITIATIVE", self.heads[head], w + head, "rule", 0.85,
                                     rule="init.quoted", priority=3,
                                     features={"quoted": True, "head": head, "one_token": False, "tag": "",
                                               "len": len(w) + len(head)}))
                continue
            # one common word in quotes is usually emphasis (“快车道”): keep but score low
            i = ctx.tok_start_at.get(s)
            one_token = i is not None and ctx.tokens[i][1] == e
            tag = ctx.tokens[i][2] if i is not None else ""
            score = 0.75
            if one_token and tag[:1] in ("a", "d", "v", "i", "l", "n") and tag not in ("nz", "nt", "nr", "ns") \
                    and not head and not _ASCII_ALNUM.search(w) and w[0] not in NUM:
                score = 0.35
            elif self._metaphor_after_de(text, w, s, head):
                score = 0.35
            if head:
                score = 0.85
            if w.endswith(self.org_ends) and len(w) >= 5:
                # a quoted body (“西藏自治区…重点实验室”) is an organisation
                out.append(Candidate(s, e, w, "ORG", None, ctx.deictic_canonical(w), "rule", 0.8,
                                     rule="org.quoted", priority=3, features={"quoted": True}))
                continue
            out.append(Candidate(s, e, w, "INITIATIVE", self._subtype_of_quoted(w, head), w, "rule", score,
                                 rule="init.quoted", priority=3,
                                 features={"quoted": True, "head": head, "one_token": one_token, "tag": tag,
                                           "len": len(w)}))
        return blocked

    def _metaphor_after_de(self, text: str, w: str, s: int, head: str | None) -> bool:
        """解决问题的“总钥匙”, 打开城市的“黄金网络”: a short quote that is the head noun of a
        的-phrase names what something is likened to, not a programme; a numbered slogan
        (的“三项制度”), a code (“11228”) or a name with its own head stays."""
        if head or s < 2 or text[s - 2] != "的" or len(w) > 6:
            return False
        return w[0] not in NUM and not _ASCII_ALNUM.search(w) and not w.endswith(self.head_ends)

    def _spoken(self, w: str) -> bool:
        """Is a quoted string speech rather than a name: a degree adverb opening it, a
        reduplicated verb (商量商量, 干干净净), or a clause measuring something (前方200米，…)?"""
        if w.startswith(self.degree_starts):
            return True
        if len(w) == 4 and (w[:2] == w[2:] or (w[0] == w[1] and w[2] == w[3])):
            return True
        return ("，" in w or "," in w) and bool(_MEASURED.search(w))  # (“1小时交通圈” is a name)

    def _numbered(self, ctx: Context, out: list[Candidate]) -> None:
        text = ctx.text
        for m in self.chain_full.finditer(text):
            s = m.start()
            if s > 0 and _HAN1.match(text[s - 1]) and s not in ctx.tok_start_at:
                continue
            # split into elements and check none is a measure phrase (两年, 三次)
            elems = _ELEM3.findall(m.group())
            if len(elems) < 2:
                continue
            # trim the last element to a token end (一网一云一中心|建设)
            e = m.end()
            last_start = e - len(elems[-1])
            best = None
            lim = last_start + (4 if elems[-1][1:2] == "个" else 3)
            for k in range(last_start + 2, min(e, lim) + 1):
                if (k in ctx.tok_end_at or k == len(text)) and text[k - 1] not in "的了地和与及":
                    best = k
            if best is None:
                best = last_start + 2
            e = best
            span = text[s:e]
            parts = _ELEM.findall(span)
            if any(p.lstrip(NUM).lstrip("个")[:1] in self.measure_chars for p in parts if not p[1:2] == "个"):
                continue
            if any(p[1:2] in "到至等是和或与的" for p in parts) or span[-1] in "的了地":
                continue
            if len(parts) < 2:
                continue
            k = ctx.tok_start_at.get(s)
            if k is not None and ctx.tokens[k][1] - s >= 4 and ctx.tokens[k][2] in self.idiom_tags:
                continue  # one dictionary word the tagger calls an idiom or a numeral phrase: 千方百计, 三番五次
            if k is not None and self._predicative(ctx, k, e):
                continue  # 多样多变, 三星一直, 一个又一个: adjectives, adverbs or idioms, not named elements
            out.append(Candidate(s, e, span, "INITIATIVE", "slogan", span, "rule", 0.6, rule="init.numbered",
                                 priority=2, features={"n_elements": len(parts)}))
        for m in self.formula.finditer(text):
            s, e = m.span()
            out.append(Candidate(s, e, m.group(), "INITIATIVE", "slogan", m.group(), "rule", 0.6,
                                 rule="init.formula", priority=2, features={}))
        for m in self.slogan_pattern.finditer(text):
            s, e = m.span()
            w = m.group()
            start = self._field_modifier(ctx, s)
            name = text[start:e]
            out.append(Candidate(start, e, name, "INITIATIVE", self.slogans[w], name if start < s else w, "rule", 0.8,
                                 rule="init.lexicon", priority=2, features={}))

    def _project_lists(self, ctx: Context, out: list[Candidate]) -> None:
        """推动陕煤榆林化学二期、中煤煤炭深加工、国能煤炭综合利用等项目; 开工周至至乾县、改扩建西安至永寿等
        高速公路: the items of a list that a project head closes after 等 are projects, each named
        by its item; a verb opening an item (开工, 改扩建) governs it and stays out. 延榆、康渝高铁,
        府谷、定边机场: short items sharing the head right after them are one name."""
        if self.project_list_end is None or "、" not in ctx.text:
            return
        text = ctx.text
        for m in self.project_list_end.finditer(text):
            lo = max(0, m.start() - 200)
            if m.group("shared") is not None:
                im = self.shared_items.search(text, lo, m.start())
                if im is None:
                    continue
                s, e = im.start(), m.end()
                short = im.group()
                k = ctx.tok_start_at.get(s)
                if k is None or (k > 0 and not (ctx.tag(k - 1).startswith("v") or ctx.word(k - 1) in _OPENERS)):
                    continue  # 延安东|绕城、洛卢高速公路: the list must open the object or the clause
                if any(part in self.shared_heads for part in short.split("、")):
                    continue  # 高铁、城际铁路: kinds of line, not names
                name = text[s:e]
                out.append(Candidate(s, e, name, "INITIATIVE", "project", name, "rule", 0.6, rule="init.list",
                                     priority=2, features={"head": m.group("shared"), "shared": True}))
                continue
            im = self.project_items.search(text, lo, m.start())
            if im is None:
                continue
            items = im.group()
            pos = im.start()
            for it in items.split("、"):
                s, e = pos, pos + len(it)
                pos = e + 1
                if s not in ctx.tok_start_at:
                    continue  # (董)家口至…: the item begins inside a word, beyond the list's reach
                # 开工|周至至乾县, 有序|推进|保障性住房: the verbs opening an item, or governing it from inside
                s = after_last_verb(ctx, self._drop_lead_verbs(ctx, s, e), e, self.grammar.lead_verbs)
                name = text[s:e]
                # under four characters an item is a kind rather than a name (排球、乒乓球等项目 are sports)
                if len(name) < 4 or name in self.boundary or name in self.generic_modifiers or _NUM_ONLY.fullmatch(name):
                    continue
                # below a company's short name (唐晶半导体等项目): the item may be the firm that builds it
                out.append(Candidate(s, e, name, "INITIATIVE", "project", name, "rule", 0.5, rule="init.list",
                                     priority=1, features={"head": m.group("head"), "shared": False}))

    def _drop_lead_verbs(self, ctx: Context, s: int, e: int) -> int:
        """Move ``s`` past the verbs (and their adverbs) that open the span up to ``e``."""
        k = ctx.tok_start_at.get(s)
        while k is not None and k < len(ctx.tokens) and ctx.tokens[k][1] < e:
            w, tag = ctx.word(k), ctx.tag(k)
            if tag.startswith("v") and tag != "vn" or tag in ("d", "ad", "p", "c") or tag.startswith("u") \
                    or w in self.grammar.lead_verbs \
                    or w in self.build_verbs:
                s = ctx.tokens[k][1]
                k += 1
                continue
            break
        return s

    @staticmethod
    def _predicative(ctx: Context, k: int, end: int) -> bool:
        """Does a token of a numbered chain (from token ``k`` to ``end``) describe or qualify
        rather than name (an adjective, adverb, idiom or function word)? The elements of
        a slogan are nouns, verbs and number-noun pairs (一核|两翼|多点|一|通道, 六|抓)."""
        while k < len(ctx.tokens) and ctx.tokens[k][1] <= end:
            if ctx.tags[k] in _PREDICATIVE_TAGS:
                return True
            k += 1
        return False

    def _field_modifier(self, ctx: Context, s: int) -> int:
        """实施|消费品|以旧换新, 推进|海上|新基建: one common noun naming the field, opening the
        object of a verb, is part of a well-known programme's name. A place (江苏省|专精特新), an
        agent (农民|退耕还林) or a noun after another noun (班列线路|中欧班列) is not."""
        k = ctx.tok_start_at.get(s)
        if k is None or k < 1:
            return s
        ps, pe, tag = ctx.tokens[k - 1]
        w = ctx.text[ps:pe]
        if tag not in ("n", "s") or not 2 <= pe - ps <= 3 or w in self.person_titles or w in self.boundary \
                or w.endswith(self.lead_verb_ends):
            return s
        before = ctx.word(k - 2) if k >= 2 else "。"
        if (k >= 2 and ctx.tag(k - 2).startswith("v")) or before in self.grammar.lead_verbs or before in _OPENERS:
            return ps  # …实施|消费品|以旧换新; 。|消费品|以旧换新|销售额
        return s

    def _generic_core(self, ctx: Context, start: int, head_start: int) -> bool:
        """True when every word before the head only describes a kind (融合发展|试点, 综合改革|试点).

        A programme needs a modifier that names a particular scheme; descriptive words that any
        unit could put before 试点 or 机制 do not (规范发展、创新发展和融合发展试点).
        """
        i = ctx.tok_start_at.get(start)
        if i is None or start >= head_start:
            return False
        while i < len(ctx.tokens) and ctx.tokens[i][0] < head_start:
            if ctx.tokens[i][1] > head_start or ctx.word(i) not in self.generic_modifiers:
                return False  # a word running into the head (高速铁路) or a specific one
            i += 1
        return True

    def _heads(self, ctx: Context, out: list[Candidate]) -> None:
        text = ctx.text
        for m in self.head_pattern.finditer(text):
            s, e = m.span()
            head = m.group()
            j = ctx.tok_end_at.get(e)
            if j is None:
                continue
            ts = ctx.tokens[j][0]
            head_start = min(s, ts)
            if text[head_start:e] != head and not text[head_start:e].endswith(head):
                continue
            start = extend_left(ctx, head_start, self.boundary, self.name_verbs, self.grammar, allow_numbers=True,
                                max_tokens=8, max_chars=26, allow_coord=False,
                                stop_ends=("公司", "集团", "工程", "行动", "战略", "平台", "项目", "试点", "机制", "体系"))
            if text[start - 1:start] == "”":
                continue  # “千亿斤粮食”产能建设工程: the rest of a quoted name, not a name of its own
            start = self._object_of_lead_verb(ctx, start, e, head)
            start = self._after_inner_lead_verb(ctx, start, head_start)
            start = route_before(ctx, start)
            start = bracketed_qualifier_before(ctx, start, lambda o: after_last_verb(ctx, extend_left(
                ctx, o, self.boundary, self.name_verbs, self.grammar, allow_numbers=False, max_tokens=3,
                max_chars=12, allow_coord=False, stop_ends=("区", "园", "港", "城", "带", "会")), o, self.grammar.lead_verbs))
            code = _CODE_BEFORE.search(text, max(0, start - 4), start) if text[start:start + 1].isdigit() else None
            if code:
                start = code.start()  # A—11智算中心项目: a letter-dash project code is part of the name
            name = text[start:e]
            core = name[: len(name) - len(head)]
            if len(core) < 2 or core in self.generic_modifiers or core in self.boundary:
                continue
            if (core[-1] in "年大" and _DURATION.fullmatch(core)) or _COUNT_IN_CORE.search(core):
                continue
            if name in self.infra:
                continue
            if self._modifies_next_noun(ctx, e):
                continue  # 防洪工程|体系, 国家战略|需求: the head word is a modifier of the noun after it
            if core[:2] in self.generic_prefixes and self._generic_core(ctx, start, head_start):
                continue
            sub = self.heads.get(head, "programme")
            if head == "工程" and core.endswith(self.project_work):
                sub = "project"
            end = section_after(ctx, e)
            if end > e:
                name = text[start:end]
            canon = ctx.deictic_canonical(name)
            score = 0.6 if len(core) >= 3 else 0.5
            if head in self.weak_heads:
                # 平台/体系/机制 name a particular thing only with a proper name or number in them
                k0 = ctx.token_index(start)
                named = canon != name or any(ctx.tag(k) in ("ns", "nz", "nt", "nr", "nrt", "j", "eng", "m")
                                             for k in range(max(k0, 0), j + 1))
                if not named and not (head in self.long_core_heads and len(core) >= LONG_CORE):
                    score = 0.45  # (城乡居民增收计划: a plan whose long modifier says whose and what for)
            out.append(Candidate(start, end, name, "INITIATIVE", sub, canon, "rule", score, rule="init.head",
                                 priority=3 if head in self.project_heads else 2, features={"head": head, "core_len": len(core)}))

    def _modifies_next_noun(self, ctx: Context, end: int) -> bool:
        """Is the token after a head a common noun (jieba ``n``) that the phrase runs on into?"""
        j = ctx.tok_start_at.get(end)
        if j is None:
            return False
        s, e, tag = ctx.tokens[j]
        return tag in ("n", "ng") and e - s >= 2 and ctx.text[s:e] not in self.head_noun_followers

    def _object_of_lead_verb(self, ctx: Context, start: int, end: int, head: str = "", max_tokens: int = 7, max_chars: int = 24) -> int:
        """A name that the verb launching it governs (实施|城乡居民收入提低扩中行动, 开展|稳岗扩容
        提质行动, 实施|打造现代海洋经济发展高地行动) runs from that verb to its head, over the
        verbs inside it that stopped the leftward growth. The governing verb is the first lead
        verb of the clause's predicate, not the nearest one (深化|护航优化营商环境行动: 优化 is the
        name's own); a launching verb right after it governs instead (推动|实施|…行动). Only an
        action (行动, 工程, 计划) is named by a verb phrase; other heads (体系, 机制) name a noun
        phrase, so lead verbs after the governing one are not theirs (构建完善|…运输体系). A body
        (nt) is not crossed: it is the subject or an entity of its own (完善|党中央…落实机制).
        Without such a verb within a few content words, ``start`` stays."""
        k = ctx.tok_start_at.get(start)
        if k is None:
            return start
        text = ctx.text
        found = None  # index of the leftmost lead verb reached so far
        for steps in range(max_tokens):
            i = k - 1 - steps
            if i < 0:
                break
            s, e, tag = ctx.tokens[i]
            w = text[s:e]
            if end - e > max_chars:
                break
            if w in self.grammar.lead_verbs:
                found = i
                continue
            if found is not None and (w in self.grammar.adverbs or w.startswith(self.grammar.adverb_starts)
                                      or tag in ("d", "ad", "vd")):
                break  # 持续|深化…: the adverb of the governing verb
            if any(ch in HARD_BOUNDARY for ch in w) or tag[:1] in "pcurmqf" or tag in ("uj", "ul", "ad", "d", "nt"):
                break
        if found is None:
            return start
        i = found
        if i + 1 < k and ctx.word(i + 1) in self.launch_verbs:
            i += 1  # 推动|实施|…: the second verb launches
        j = i + 1  # the verb's object may open with a word that names no scheme (新一轮, 一批)
        action = head.endswith(self.action_heads)
        while j < k and (ctx.word(j) in self.object_determiners
                         or (ctx.word(j) in self.boundary and not ctx.tag(j).startswith("v"))
                         or (not action and ctx.word(j) in self.grammar.lead_verbs)):
            j += 1
        return ctx.tokens[j][0] if j < k else start

    def _after_inner_lead_verb(self, ctx: Context, start: int, head_start: int) -> int:
        """A lead verb inside the grown span governs the name after it when a manner word or an
        adverb comes before it (高品质|建设|长江国家文化公园, 深入研究|推进|…防洪工程) or a proper
        name opens its object (建设|共同富裕示范区); a verb inside a name is followed by common
        words (教育强市|建设|三年行动, 优化|营商环境行动)."""
        k = ctx.tok_start_at.get(start)
        if k is None:
            return start
        cut = start
        first = k
        while k + 1 < len(ctx.tokens) and ctx.tokens[k][1] < head_start:
            w = ctx.word(k)
            if w in self.grammar.lead_verbs:
                before = ctx.word(k - 1) if k > first else ""
                manner = before.startswith(self.manner_words) or before.startswith(self.grammar.adverb_starts)
                named = ctx.tag(k + 1) in ("ns", "nz", "nt", "nr", "j")
                if (k > first and manner) or named:
                    cut = ctx.tokens[k][1]
            k += 1
        return cut if cut < head_start else start

    def _infra(self, ctx: Context, out: list[Candidate]) -> None:
        text = ctx.text
        for m in self.infra_pattern.finditer(text):
            s, e = m.span()
            w = m.group()
            if s > 0 and text[s - 1] == "”":
                continue  # “雅江1号”智算中心: the generic head of a quoted name, not a build-out of its own
            if w[-1].isascii() and e < len(text) and (text[e].isascii() and (text[e].isalnum() or text[e] == "+")):
                continue  # 5G|A, IPv6|0
            score = 0.7
            if w == "5G" and e < len(text) and _HAN1.match(text[e]) and text[e:e + 2] not in ("建设", "覆盖", "部署", "网络"):
                score = 0.4  # 5G应用, 5G智慧医疗: the technology as a modifier
            out.append(Candidate(s, e, w, "INITIATIVE", "infrastructure", self.infra.get(w) or w, "rule", score,
                                 rule="init.infra", priority=1, features={}))

    def _surveys(self, ctx: Context, out: list[Candidate]) -> None:
        """第四次全国文物普查, 第五次经济普查: a numbered national survey is one programme, named
        with its number (the ordinal is not a fact, and without it the name is a kind of work)."""
        if self.survey_pattern is None or "次" not in ctx.text:
            return
        for m in self.survey_pattern.finditer(ctx.text):
            s, e = m.span()
            k = ctx.tok_start_at.get(m.end("ord"))
            if k is None or ctx.tag(k)[:1] == "v" or any(
                    ctx.tag(i)[:1] == "v" and ctx.tag(i) != "vn"
                    for i in range(k, len(ctx.tokens)) if ctx.tokens[i][1] <= m.start("head")):
                continue  # 第一次|进行|问卷调查: a verb in between, an act and not a survey's name
            out.append(Candidate(s, e, m.group(), "INITIATIVE", "programme", m.group(), "rule", 0.75,
                                 rule="init.survey", priority=3, features={"head": m.group("head")}))

    def _phases(self, ctx: Context, out: list[Candidate]) -> None:
        """A project named by its phase or line number (商洛电厂二期, 招远核电一期, 地铁7号线一期南段):
        the name before the number, read leftwards as for a head word; a line number alone (7号线一期南段)
        names the line. A phase with nothing specific before it (一期工程, 同期) names nothing."""
        text = ctx.text
        if "期" not in text and "线" not in text:
            return
        for m in _PHASE.finditer(text):
            s, e = m.span()
            if e not in ctx.tok_end_at and not (e < len(text) and text[e] in HARD_BOUNDARY):
                continue  # 二期|工程师…: the phrase runs on inside a word
            if m.group("phase") and s > 0 and text[s - 1] in _NOT_BEFORE_PHASE:
                continue
            if m.group("line") and s > 0 and text[s - 1].isdigit():
                continue
            start = s if s in ctx.tok_start_at else None
            if start is None:
                k = ctx.token_index(s)
                if k < 0 or ctx.tokens[k][0] >= s:
                    continue
                start = ctx.tokens[k][0]  # 风电|渤中G|一期: the phase glued to the name's last token
                if not _HAN1.match(text[start]) and not text[start].isalnum():
                    continue
            start = extend_left(ctx, start, self.boundary, self.name_verbs, self.grammar, allow_numbers=False,
                                max_tokens=6, max_chars=16, allow_coord=False,
                                stop_ends=("公司", "集团"))
            start = self._object_of_lead_verb(ctx, start, e, "工程")
            start = self._after_inner_lead_verb(ctx, start, s if s in ctx.tok_start_at else start)
            name = text[start:e]
            core = text[start:s]
            if m.group("phase") and (len(core) < 2 or core in self.generic_modifiers or core in self.boundary):
                continue
            if any(ch in HARD_BOUNDARY for ch in name):
                continue
            out.append(Candidate(start, e, name, "INITIATIVE", "project", ctx.deictic_canonical(name), "rule", 0.6,
                                 rule="init.phase", priority=2, features={"head": "期" if m.group("phase") else "号线",
                                                                          "core_len": len(core)}))

    @staticmethod
    def _drop_inside(out: list[Candidate], blocked: list[tuple[int, int]], n: int) -> list[Candidate]:
        """Candidates not lying inside one of the ``blocked`` quotes (an occupancy mask, as in
        :func:`select_flat`, keeps this one C-level scan per candidate)."""
        occ = bytearray(n + 1)
        for bs, be in blocked:
            occ[bs:be] = b"\x01" * (be - bs)
        return [c for c in out if not occ[c.start] or 0 in occ[c.start:c.end]]

    @staticmethod
    def _drop_slogan_parts(out: list[Candidate]) -> list[Candidate]:
        """Drop a quoted element of a numbered slogan the same text names whole.

        “两翼”辐射带、…“多点”突破 explain the parts of 一核两翼多点一通道: a slogan quoted in
        parts is one entity, so the parts are not slogans of their own.
        """
        parts: set[str] = set()
        for c in out:
            if c.subtype == "slogan" and c.rule in ("init.numbered", "init.quoted"):
                elems = _ELEM.findall(c.text)
                if len(elems) >= 3:
                    parts.update(elems)
        if not parts:
            return out
        # only a bare element (one numeral and its word: 两翼) is a part; 多证合一 is a phrase of its own
        return [c for c in out
                if not (c.rule == "init.quoted" and c.text in parts and not any(ch in NUM for ch in c.text[1:]))]

    def __call__(self, ctx: Context) -> list[Candidate]:
        out: list[Candidate] = []
        blocked = self._quoted(ctx, out)
        self._numbered(ctx, out)
        self._heads(ctx, out)
        self._infra(ctx, out)
        self._phases(ctx, out)
        self._surveys(ctx, out)
        self._project_lists(ctx, out)
        if blocked:
            out = self._drop_inside(out, blocked, len(ctx.text))
        return self._drop_slogan_parts(out)
