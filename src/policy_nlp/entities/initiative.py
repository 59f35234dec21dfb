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

from policy_nlp.entities.base import Candidate, Context, trie_pattern
from policy_nlp.entities.extend import extend_left
from policy_nlp.entities.lexicon import Lexicon

NUM = "一二两三四五六七八九十百千万双多"
_MEASURE = set("年月日天次批项家条种位名人户元亿万千百倍成期级类季周代番半些届轮层份件块行")
_NOT_STANDALONE = {"建设", "工作", "品牌", "活动", "政策", "理念", "号", "行动方案", "示范", "制度体系", "工作机制"}
_PROJECT_WORK = ("水电", "铁路", "公路", "输电", "水利", "隧道", "一期", "二期", "三期", "改造提升", "枢纽",
                 "电站", "管道", "机场", "大桥", "电网", "直流", "信息化", "系统")
_GENERIC_MODIFIERS = {"重大", "重点", "专项", "相关", "有关", "各类", "综合", "国家级", "省级", "示范", "试点",
                      "新型", "一批", "各项", "全面", "系列", "发展", "建设", "工作", "合作", "协调", "长效",
                      "工作", "考核", "管理", "激励", "保障", "联动", "监管", "服务", "应用", "统筹"}
_SENTENCE_PUNCT = set("。！？；：…")
_HAN1 = regex.compile(r"\p{Han}")
_ASCII_ALNUM = regex.compile(r"[\d+A-Za-z]")
_ELEM3 = regex.compile(rf"[{NUM}](?:个)?(?:(?![{NUM}])\p{{Han}}){{1,3}}")
_ELEM = regex.compile(rf"[{NUM}](?:个)?(?:(?![{NUM}])\p{{Han}})+")
_PERIOD_NAME = regex.compile(r"十[一二三四五六七八九]五(?:时期|期间)?")
_ORG_ENDS = ("实验室", "有限公司", "有限责任公司", "大学", "学院", "研究院", "研究所", "医院", "委员会", "领导小组", "集团")
_WEAK_HEADS = {"体系", "平台", "系统", "项目", "机制", "模式", "基地", "工作机制", "制度体系", "计划"}
_PROJECT_HEADS = {"数据中心", "智算中心", "计算中心", "算力中心", "适配中心", "云平台"}


class InitiativeRule:
    name = "initiative"

    def __init__(self, lex: Lexicon):
        self.boundary = lex.words("boundary_words")
        self.name_verbs = lex.words("name_verbs")
        self.quote_stop = lex.words("quote_stop")
        self.generic_after = lex.words("initiative_generic_heads")
        self.heads: dict[str, str] = {}
        for r in lex["initiative_heads"]:
            self.heads[r["head"]] = r.get("subtype") or "programme"
        standalone = [h for h in self.heads if h not in _NOT_STANDALONE]
        self.head_pattern = re.compile(trie_pattern(standalone))
        gen = sorted(self.generic_after | set(self.heads), key=len, reverse=True)
        self.generic_pattern = regex.compile("|".join(map(regex.escape, gen)))
        self.infra: dict[str, str | None] = dict(lex["infrastructure"])
        self.infra_pattern = regex.compile(
            r"(?<![A-Za-z0-9])(?:" + "|".join(map(regex.escape, sorted(self.infra, key=len, reverse=True))) + r")")
        self.slogans: dict[str, str] = {w: (sub or "slogan") for w, sub in lex["slogans"]}
        self.slogan_pattern = re.compile(trie_pattern(self.slogans))
        self.quote = regex.compile(r"“([^“”\n]{1,40})”")
        self.char_quote = regex.compile(r"“(\p{Han})”字\p{Han}{0,6}?(?:工程|行动|战略|计划)")
        self.chain_full = regex.compile(rf"(?:[{NUM}](?:个)?(?:(?![{NUM}])\p{{Han}}){{1,3}}){{2,6}}")
        self.formula = regex.compile(r"(?<![\d.A-Za-z])\d{1,3}(?:\+\d{1,3})+(?![\d.%])|[一二三四五六七八九]位一体")

    # ------------------------------------------------------------------------------------
    def _subtype_of_quoted(self, w: str, head: str | None) -> str:
        if w[0] in NUM or w[0].isdigit() or "、" in w or "，" in w:
            return "slogan"
        if head and head in self.heads:
            return self.heads[head]
        return "programme"

    def _quoted(self, ctx: Context, out: list[Candidate]) -> None:
        text = ctx.text
        for m in self.char_quote.finditer(text):
            s, e = m.span()
            out.append(Candidate(s, e, m.group(), "INITIATIVE", "project", m.group(), "rule", 0.7,
                                 rule="init.quoted_char", priority=3, features={"quoted": True}))
        for m in self.quote.finditer(text):
            s, e = m.span(1)
            w = m.group(1)
            if len(w) == 1 or w in self.quote_stop:
                continue
            if any(ch in _SENTENCE_PUNCT for ch in w):
                continue
            if "，" in w and (len(w) > 30 or w.count("，") > 1 or any(len(p) > 14 for p in w.split("，"))):
                continue
            if _PERIOD_NAME.fullmatch(w):
                continue  # “十四五” is a period
            hm = self.generic_pattern.match(text, e + 1)
            head = hm.group() if hm else None
            # one common word in quotes is usually emphasis (“快车道”): keep but score low
            i = ctx.tok_start_at.get(s)
            one_token = i is not None and ctx.tokens[i][1] == e
            tag = ctx.tokens[i][2] if i is not None else ""
            score = 0.75
            if one_token and tag[:1] in ("a", "d", "v", "i", "l", "n") and tag not in ("nz", "nt", "nr", "ns") \
                    and not head and not _ASCII_ALNUM.search(w) and w[0] not in NUM:
                score = 0.35
            if head:
                score = 0.85
            if w.endswith(_ORG_ENDS) and len(w) >= 5:
                # a quoted body (“西藏自治区…重点实验室”) is an organisation
                out.append(Candidate(s, e, w, "ORG", None, ctx.deictic_canonical(w), "rule", 0.8,
                                     rule="org.quoted", priority=3, features={"quoted": True}))
                continue
            out.append(Candidate(s, e, w, "INITIATIVE", self._subtype_of_quoted(w, head), w, "rule", score,
                                 rule="init.quoted", priority=3,
                                 features={"quoted": True, "head": head, "one_token": one_token, "tag": tag,
                                           "len": len(w)}))

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
            if any(p.lstrip(NUM).lstrip("个")[:1] in _MEASURE for p in parts if not p[1:2] == "个"):
                continue
            if any(p[1:2] in "到至等是和或与的" for p in parts) or span[-1] in "的了地":
                continue
            if len(parts) < 2:
                continue
            out.append(Candidate(s, e, span, "INITIATIVE", "slogan", span, "rule", 0.6, rule="init.numbered",
                                 priority=2, features={"n_elements": len(parts)}))
        for m in self.formula.finditer(text):
            s, e = m.span()
            out.append(Candidate(s, e, m.group(), "INITIATIVE", "slogan", m.group(), "rule", 0.6,
                                 rule="init.formula", priority=2, features={}))
        for m in self.slogan_pattern.finditer(text):
            s, e = m.span()
            out.append(Candidate(s, e, m.group(), "INITIATIVE", self.slogans[m.group()], m.group(), "rule", 0.8,
                                 rule="init.lexicon", priority=2, features={}))

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
            start = extend_left(ctx, head_start, self.boundary, self.name_verbs, allow_numbers=True,
                                max_tokens=8, max_chars=26, allow_coord=False,
                                stop_ends=("公司", "集团", "工程", "行动", "战略", "平台", "项目", "试点", "机制", "体系"))
            name = text[start:e]
            core = name[: len(name) - len(head)]
            if len(core) < 2 or core in _GENERIC_MODIFIERS or core in self.boundary:
                continue
            if name in self.infra:
                continue
            sub = self.heads.get(head, "programme")
            if head == "工程" and core.endswith(_PROJECT_WORK):
                sub = "project"
            canon = ctx.deictic_canonical(name)
            score = 0.6 if len(core) >= 3 else 0.5
            if head in _WEAK_HEADS:
                # 平台/体系/机制 name a particular thing only with a proper name or number in them
                k0 = ctx.token_index(start)
                named = canon != name or any(ctx.tag(k) in ("ns", "nz", "nt", "nr", "nrt", "j", "eng", "m")
                                             for k in range(max(k0, 0), j + 1))
                if not named:
                    score = 0.45
            out.append(Candidate(start, e, name, "INITIATIVE", sub, canon, "rule", score, rule="init.head",
                                 priority=3 if head in _PROJECT_HEADS else 2, features={"head": head, "core_len": len(core)}))

    def _infra(self, ctx: Context, out: list[Candidate]) -> None:
        text = ctx.text
        for m in self.infra_pattern.finditer(text):
            s, e = m.span()
            w = m.group()
            if w[-1].isascii() and e < len(text) and (text[e].isascii() and (text[e].isalnum() or text[e] == "+")):
                continue  # 5G|A, IPv6|0
            score = 0.7
            if w == "5G" and e < len(text) and _HAN1.match(text[e]) and text[e:e + 2] not in ("建设", "覆盖", "部署", "网络"):
                score = 0.4  # 5G应用, 5G智慧医疗: the technology as a modifier
            out.append(Candidate(s, e, w, "INITIATIVE", "infrastructure", self.infra.get(w) or w, "rule", score,
                                 rule="init.infra", priority=1, features={}))

    def __call__(self, ctx: Context) -> list[Candidate]:
        out: list[Candidate] = []
        self._quoted(ctx, out)
        self._numbered(ctx, out)
        self._heads(ctx, out)
        self._infra(ctx, out)
        return out
