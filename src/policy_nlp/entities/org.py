"""ORG candidates.

Rules (each candidate records which one fired in ``rule``):
- ``org.gazetteer``: well-known names and short names (华为, 国开行, 党中央, 国务院, 教育部 ...);
- ``org.suffix``: a suffix grammar — a name ending in an organisation head (厅, 局, 委员会,
  领导小组, 有限公司, 大学, 实验室, 中心, 基金 ...) grown leftwards over name tokens, with
  the deictic region prefix (自治区/区/省/市) resolved to the article's region;
- ``org.list``: items of a list that ends in ``等…企业/公司/实验室`` or of a parenthesised
  list of responsible bodies (（扶贫办、中央统战部、教育部…）) in which one item is known;
- ``org.company_short``: a name token followed by an industry word (江淮汽车, 国轩高科);
- ``org.nt``: tokens the tagger marks as organisation names.
"""
from __future__ import annotations

import re

import regex

from policy_nlp.entities.base import HARD_BOUNDARY, Candidate, Context, trie_pattern
from policy_nlp.entities.extend import TOP_ORGAN_ENDS, extend_left
from policy_nlp.entities.lexicon import Lexicon

# two-character words ending in a one-character suffix that are not organisations
_SINGLE_SUFFIX_STOP = {
    "格局", "布局", "开局", "大局", "全局", "结局", "时局", "棋局", "骗局", "困局", "破局", "变局", "当局",
    "好处", "到处", "各处", "难处", "用处", "益处", "长处", "短处", "深处", "远处", "近处", "此处", "之处",
    "全部", "内部", "外部", "干部", "局部", "东部", "西部", "南部", "北部", "中部", "各部", "本部", "腹部",
    "头部", "底部", "顶部", "后部", "前部", "上部", "下部", "一部", "部分",
    "举办", "主办", "承办", "协办", "创办", "兴办", "开办", "督办", "包办", "代办", "申办", "怎么办", "网办",
    "掌办", "通办", "帮办", "快办", "直办",
    "专署", "部署", "签署", "公署", "连署",
    "大厅", "客厅", "餐厅", "展厅", "舞厅", "前厅",
    "编委", "政委", "好局", "新局",
}

_LIST_HEADS = ("企业", "公司", "龙头企业", "头部企业", "科技企业", "平台企业", "机构", "高校", "院校",
               "银行", "集团", "实验室", "医院", "央企", "国企", "车企", "厂商")
_NAME_TAGS = {"nz", "nt", "j", "nr", "nrt"}
# list heads that complete each item's name (X、Y等实验室 -> X实验室, Y实验室)
_NAMING_HEADS = ("实验室", "医院", "银行", "集团")
_LIST_TAIL = regex.compile(r"等|按|负责|牵头|分别")
_HAN = regex.compile(r"\p{Han}+")
_COORD_HEADS = {"厅", "部", "委", "局", "办", "工委", "署"}
_DAY_AFTER = frozenset("日节")
_NEEDS_PLACE = {"政府", "人民政府", "党委", "人大常委会", "政协", "办公厅"}


class OrgRule:
    name = "org"

    def __init__(self, lex: Lexicon):
        self.boundary = lex.words("boundary_words")
        self.name_verbs = lex.words("name_verbs")
        self.company_words = lex.words("company_words")
        self.person_stop = lex.words("person_stop")
        self.gazetteer: dict[str, tuple[str, str]] = {}
        for r in lex["org_gazetteer"]:
            self.gazetteer[r["name"]] = (r.get("canonical") or r["name"], r.get("kind") or "")
        self.suffixes: dict[str, tuple[str, int]] = {}
        for r in lex["org_suffixes"]:
            self.suffixes[r["suffix"]] = (r.get("kind") or "", int(r.get("min_core") or 0))
        self.suffixes.setdefault("总部", ("company", 2))
        sfx = sorted(self.suffixes, key=len, reverse=True)
        self.suffix_tuple = tuple(sfx)
        self.suffix_pattern = re.compile(trie_pattern(sfx))
        self.gaz_pattern = re.compile(trie_pattern(self.gazetteer))
        heads = "|".join(map(regex.escape, sorted(_LIST_HEADS, key=len, reverse=True)))
        item = r"[\u4e00-\u9fffA-Za-z]{2,12}"
        self.list_pattern = re.compile(
            rf"((?:{item}、)+{item})等([^，。；：！？\n“”]{{0,24}}?)({heads})"
        )
        self.paren_pattern = regex.compile(r"[（(]([^（）()\n]{2,400}?)[）)]")
        self.generic = {"企业", "公司", "政府", "部门", "单位", "机构", "银行", "基金", "中心", "平台"}
        self.generic |= lex.words("org_generic")
        self.place_prefix = None  # set by EntityRules: names that may head a government body
        self.place_names: set[str] = set()  # set by EntityRules
        self.titles = lex.words("person_titles")

    # -- rules ---------------------------------------------------------------------------
    def _gazetteer(self, ctx: Context, out: list[Candidate]) -> None:
        text = ctx.text
        for m in self.gaz_pattern.finditer(text):
            s, e = m.span()
            w = m.group()
            canon, kind = self.gazetteer[w]
            # short gazetteer words must not be the head of a longer word (中央厨房, 华为云)
            aligned = s in ctx.tok_start_at and e in ctx.tok_end_at
            score = 0.95 if aligned else 0.6
            if w == "中央" and e < len(text) and text[e] in "财预投资企级部":
                score = 0.3
            out.append(Candidate(s, e, w, "ORG", None, canon, "rule", score, rule="org.gazetteer",
                                 priority=3, features={"kind": kind, "aligned": aligned}))

    def _suffix(self, ctx: Context, out: list[Candidate]) -> None:
        text = ctx.text
        for m in self.suffix_pattern.finditer(text):
            s, e = m.span()
            suf = m.group()
            j = ctx.tok_end_at.get(e)
            if j is None:
                # the segmenter glued the suffix to what follows (处|处长, 有限|公司…): accept a
                # suffix that starts a token when the rest is a title, or a long company suffix
                k = ctx.tok_start_at.get(s)
                if k is None:
                    continue
                rest = text[e:ctx.tokens[k][1]]
                if not (rest in self.titles or (len(suf) >= 4 and self.suffixes[suf][0] == "company")):
                    continue
                j = k
                ts, te, tag = s, e, ctx.tokens[k][2]
            else:
                ts, te, tag = ctx.tokens[j]
            tok = text[ts:te]
            if len(suf) == 1:
                if tok != suf and (len(tok) < 3 or tok[-2:] in _SINGLE_SUFFIX_STOP or tok[0] in "各全本该每"):
                    continue
            elif tok in _SINGLE_SUFFIX_STOP:
                continue
            if tok in self.generic and tok != suf and ts <= s:
                continue
            if e < len(text) and text[e] in _DAY_AFTER and not _HAN.match(text, e + 1):
                continue  # 国际博物馆日, 大学生艺术节: the body names a day or festival, it does not act
            head_start = min(s, ts)
            kind0 = self.suffixes[suf][0]
            # a bracketed place inside a company name: 华新水泥(西藏)有限公司
            if kind0 == "company" and head_start > 2 and text[head_start - 1] in "）)":
                ob = max(text.rfind("（", head_start - 9, head_start), text.rfind("(", head_start - 9, head_start))
                if ob > 0 and text[ob + 1:head_start - 1] in self.place_names:
                    head_start = ob
            start = extend_left(ctx, head_start, self.boundary, self.name_verbs,
                                suffix_ends=self.suffix_tuple, allow_numbers=False,
                                head_is_top=tok.endswith(TOP_ORGAN_ENDS),
                                allow_coord=suf in _COORD_HEADS,
                                stop_ends=("有限公司", "公司", "集团") if kind0 != "company" else (),
                                permissive=kind0 == "company" and len(suf) >= 4,
                                glued_place=self.place_prefix.match if self.place_prefix else None)
            kind, min_core = self.suffixes[suf]
            name = text[start:e]
            core = name[: len(name) - len(suf)]
            if len(core) < min_core:
                continue
            if name in self.generic or name in self.boundary or name.startswith(("省级", "市级", "县级", "各级")):
                continue
            if any(ch in HARD_BOUNDARY for ch in name.replace("（", "").replace("）", "").replace("(", "").replace(")", "")):
                continue
            canon = ctx.deictic_canonical(name)
            deictic = canon != name
            score = 0.75 if len(core) >= 2 else 0.6
            if suf in _NEEDS_PLACE and not deictic and not (self.place_prefix and self.place_prefix.match(core)):
                continue  # 服务型政府, 各地党委: a body of no particular place
            if suf == "中心":
                # 中心 names a body only with a proper name in it (申通快递华北转运中心); else
                # it is usually a facility (数据中心) or a generic unit (创新中心)
                has_name = any(ctx.tag(k) in ("ns", "nz", "nt", "nr", "nrt", "j")
                               for k in range(ctx.token_index(start), j) if k >= 0)
                score = 0.6 if has_name and len(core) >= 4 else 0.4
            out.append(Candidate(start, e, name, "ORG", None, canon, "rule", score, rule="org.suffix",
                                 priority=2, features={"suffix": suf, "kind": kind, "core_len": len(core),
                                                       "deictic": deictic, "head_tag": tag}))

    def _lists(self, ctx: Context, out: list[Candidate], known: set[str]) -> None:
        text = ctx.text
        for m in self.list_pattern.finditer(text):
            items_text = m.group(1)
            gap = m.group(2)
            head = m.group(3)
            if len(gap) > 2 and not any(it in known or it in self.gazetteer for it in items_text.split("、")):
                continue  # 钢铁、原铝、水泥熟料等…企业: products, not names
            base = m.start(1)
            pos = base
            for it in items_text.split("、"):
                s, e = pos, pos + len(it)
                pos = e + 1
                if it in self.boundary or it.endswith(("企业", "行业", "产业", "领域", "等")):
                    continue
                # the first item may carry a governing verb (协助长鑫): drop it via the tokens
                if s == base:
                    s2 = extend_left(ctx, e, self.boundary, self.name_verbs, max_tokens=4)
                    if s2 > s and s2 < e:
                        s = s2
                    elif s2 > s:
                        continue
                w = text[s:e]
                if len(w) < 2:
                    continue
                named = head in _NAMING_HEADS and not gap
                canon = w + head if named and not w.endswith(head) else w
                # 紫金山、太湖…等实验室: each item names one such body, which outweighs reading
                # the item alone as a place short form (太湖 of 太湖县)
                out.append(Candidate(s, e, w, "ORG", None, canon, "rule", 0.7, rule="org.list",
                                     priority=3 if named else 1, features={"list_head": head}))
        for m in self.paren_pattern.finditer(text):
            inner = m.group(1)
            if "、" not in inner:
                continue
            parts = inner.split("、")
            # the last item may carry "等按职责分工负责"
            last = _LIST_TAIL.split(parts[-1], maxsplit=1)[0]
            parts[-1] = last
            if not all(1 < len(p) <= 14 and _HAN.fullmatch(p) for p in parts):
                continue
            n_known = sum(1 for p in parts if p in known or p in self.gazetteer or p.endswith(self.suffix_tuple))
            if n_known * 2 < len(parts):
                continue
            pos = m.start(1)
            for p in parts:
                s = text.find(p, pos)
                if s < 0:
                    break
                e = s + len(p)
                pos = e
                out.append(Candidate(s, e, p, "ORG", None, ctx.deictic_canonical(p), "rule", 0.8,
                                     rule="org.paren_list", priority=1, features={"n_items": len(parts)}))

    def _tokens(self, ctx: Context, out: list[Candidate]) -> None:
        text = ctx.text
        toks = ctx.tokens
        n = len(toks)
        for i, (s, e, tag) in enumerate(toks):
            if tag == "nt":
                w = text[s:e]
                if w in self.generic:
                    continue
                placed = len(w) >= 4 and bool(self.place_prefix and self.place_prefix.match(w))
                out.append(Candidate(s, e, w, "ORG", None, w, "rule", 0.65 if placed else 0.4, rule="org.nt", priority=1,
                                     features={"tag": tag}))
            elif tag in _NAME_TAGS and i + 1 < n:
                s2, e2, t2 = toks[i + 1]
                w2 = text[s2:e2]
                if w2 not in self.company_words or e - s < 2:
                    continue
                # the next token must not continue a compound noun (合肥数据中心, 西藏数字经济)
                if i + 2 < n:
                    s3, e3, t3 = toks[i + 2]
                    if t3[:1] in ("n", "v") and t3 not in ("v",) and text[s3:e3] not in self.boundary:
                        continue
                w = text[s:e2]
                if text[s:e] in self.person_stop:
                    continue
                out.append(Candidate(s, e2, w, "ORG", None, w, "rule", 0.45 if tag == "nz" else 0.55,
                                     rule="org.company_short", priority=1, features={"tag": tag, "industry": w2}))

    def __call__(self, ctx: Context) -> list[Candidate]:
        out: list[Candidate] = []
        self._gazetteer(ctx, out)
        self._suffix(ctx, out)
        known = {c.text for c in out if c.score >= 0.7}
        self._lists(ctx, out, known)
        self._tokens(ctx, out)
        return out
