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

from policy_nlp.entities.base import HARD_BOUNDARY, Candidate, Context, PrefixSet, trie_pattern
from policy_nlp.entities.extend import NameGrammar, after_last_verb, extend_left
from policy_nlp.entities.lexicon import Lexicon

_LIST_TAIL = regex.compile(r"等|按|负责|牵头|分别")
_HAN = regex.compile(r"\p{Han}+")
# brackets a name may hold: a place in parentheses, 黑湖(江苏); a quoted programme, “一带一路”职教联盟
_NAME_BRACKETS = str.maketrans("", "", "（）()“”")
_DAY_AFTER = frozenset("日节")


class OrgRule:
    name = "org"

    def __init__(self, lex: Lexicon, place_names: set[str] | frozenset[str] = frozenset(),
                 place_prefix: PrefixSet | None = None):
        """``place_names``: full and short region names (a bracketed place inside a company
        name); ``place_prefix``: names that may head a government body (XX省人民政府)."""
        self.grammar = NameGrammar.from_lexicon(lex)
        self.single_suffix_stop = set(lex.group("org.single_suffix_stop"))
        self.list_heads = lex.group("org.list_heads")
        self.naming_heads = tuple(lex.group("org.naming_heads"))
        self.name_tags = set(lex.group("org.name_tags"))
        self.budget_ends = tuple(lex.group("org.budget_ends"))
        self.coord_heads = set(lex.group("org.coord_heads"))
        # the heads of task bodies, whose names hold a verb phrase (推进一带一路建设工作领导小组)
        self.task_heads = tuple(lex.group("org.task_heads"))
        self.task_body_heads = tuple(lex.group("org.task_body_heads"))
        self.task_scopes = frozenset(lex.group("org.task_scopes"))
        self.task_openers = frozenset(lex.group("org.task_openers"))
        # modifiers that sort bodies into kinds (公立, 三甲, 股份制, 跨国): alone before a suffix, no name
        self.kind_modifiers = frozenset(lex.group("org.kind_modifiers"))
        self.fund_kinds = self.kind_modifiers | frozenset(lex.group("org.fund_kind_modifiers"))
        self.fund_suffixes = frozenset(lex.group("org.fund_suffixes"))
        # verbs that govern the name after them, beside extend.lead_verbs (发展|民营银行, 发挥|…基金)
        self.promote_verbs = frozenset(lex.group("org.promote_verbs"))
        self.governing_verbs = self.grammar.lead_verbs | self.promote_verbs
        self.governing_tuple = tuple(self.governing_verbs)
        self.needs_place = set(lex.group("org.needs_place"))
        self.boundary = lex.words("boundary_words")
        self.name_verbs = lex.words("name_verbs")
        self.company_words = lex.words("company_words")
        self.person_stop = lex.words("person_stop")
        self.gazetteer: dict[str, tuple[str, str]] = {}
        for r in lex["org_gazetteer"]:
            self.gazetteer[r["name"]] = (r.get("canonical") or r["name"], r.get("kind") or "")
        self.suffixes: dict[str, tuple[str, int]] = {}
        for r in lex["org_suffixes"]:
            if r.get("scope") == "byline":
                continue  # a newspaper's or an academy's author line, too loose for names in the text
            self.suffixes[r["suffix"]] = (r.get("kind") or "", int(r.get("min_core") or 0))
        self.suffixes.setdefault("总部", ("company", 2))
        sfx = sorted(self.suffixes, key=len, reverse=True)
        self.suffix_tuple = tuple(sfx)
        self.suffix_pattern = re.compile(trie_pattern(sfx))
        self.gaz_pattern = re.compile(trie_pattern(self.gazetteer))
        heads = "|".join(map(regex.escape, sorted(self.list_heads, key=len, reverse=True)))
        item = r"[\u4e00-\u9fffA-Za-z]{2,12}"
        self.list_pattern = re.compile(
            rf"((?:{item}、)+{item})等([^，。；：！？\n“”]{{0,24}}?)({heads})"
        )
        self.paren_pattern = regex.compile(r"[（(]([^（）()\n]{2,400}?)[）)]")
        self.generic = lex.words("org_generic")
        self.place_prefix = place_prefix
        self.place_names = place_names
        self.titles = lex.words("person_titles")
        marks = "|".join(map(regex.escape, sorted(lex.group("org.doc_number_marks"), key=len, reverse=True)))
        self.doc_number = regex.compile(rf"(?:{marks})[〔\[［【(（]\s*[0-9０-９]{{4}}") if marks else None

    # -- rules ---------------------------------------------------------------------------
    def _gazetteer(self, ctx: Context, out: list[Candidate]) -> None:
        text = ctx.text
        for m in self.gaz_pattern.finditer(text):
            s, e = m.span()
            w = m.group()
            canon, kind = self.gazetteer[w]
            if self.doc_number is not None and self.doc_number.match(text, e):
                continue  # 国办发〔2018〕127号: a document number
            # short gazetteer words must not be the head of a longer word (中央厨房, 华为云)
            aligned = s in ctx.tok_start_at and e in ctx.tok_end_at
            score = 0.95 if aligned else 0.6
            if e not in ctx.tok_end_at:
                # the name runs on inside a word of the segmenter's: a longer word (三星堆, 京东方; not an abbreviation compound such as 央视春晚),
                # a generic word it shares a character with (交通运输|部门), or both ends
                # inside words (网格|力量); a title after it (全国人大代表) leaves it a body
                j = ctx.token_index(e - 1)
                ts, te, tag = ctx.tokens[j] if j >= 0 else (s, e, "")
                rest = text[e:te]
                # an abbreviation compound (j) is built of names: 央视|春晚
                if tag != "j" and _HAN.match(rest) and rest not in self.titles and text[e - 1:te] not in self.titles and (
                        ts <= s or text[ts:te] in self.generic or s not in ctx.tok_start_at):
                    score = 0.3
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
                if tok != suf and (len(tok) < 3 or tok[-2:] in self.single_suffix_stop or tok[0] in "各全本该每"):
                    continue
                if tok != suf and (tag in ("i", "m", "mq") or (tag in ("l", "v", "nz") and len(tok) >= 4)):
                    continue  # 陷入僵局, 和平相处, 和平共处 (nz), 万余处: a phrase or a count that ends in the character
                    # (three characters are often a name the tagger calls l or v: 发展局, 发改局)
                if tok == suf and tag.startswith("v"):
                    continue  # 不再经商|办|企业: the character is a verb here
            elif tok in self.single_suffix_stop:
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
            start = extend_left(ctx, head_start, self.boundary, self.name_verbs, self.grammar,
                                suffix_ends=self.suffix_tuple, allow_numbers=False,
                                head_is_top=tok.endswith(self.grammar.top_organ_ends),
                                allow_coord=suf in self.coord_heads,
                                stop_ends=("有限公司", "公司", "集团") if kind0 != "company" else (),
                                permissive=kind0 == "company" and len(suf) >= 4,
                                glued_place=self.place_prefix.match if self.place_prefix else None,
                                quoted_lead=True)
            if not suf.endswith(self.task_heads):
                start = self._after_inner_lead_verb(ctx, start, head_start)
            elif suf.endswith(self.task_body_heads):
                scoped = self._task_body_start(ctx, head_start)
                if scoped is not None and scoped < start:
                    start = scoped
            kind, min_core = self.suffixes[suf]
            name = text[start:e]
            core = name[: len(name) - len(suf)]
            if len(core) < min_core:
                continue
            if name in self.generic or name in self.boundary or name.startswith(("省级", "市级", "县级", "各级")):
                continue
            if self._kind_only(ctx, start, e - len(suf)):
                continue  # 公立医院, 三甲医院, 股份制银行, 跨国公司: a kind of body, not one body
            if suf in self.fund_suffixes and self._kind_only(ctx, start, e - len(suf), self.fund_kinds):
                continue  # 政府性基金, 专项建设基金, 社会保险基金: a budget category, not a fund that acts
            if any(ch in HARD_BOUNDARY for ch in name.translate(_NAME_BRACKETS)):
                continue
            canon = ctx.deictic_canonical(name)
            deictic = canon != name
            score = 0.75 if len(core) >= 2 else 0.6
            if suf in self.needs_place and not deictic and not (self.place_prefix and self.place_prefix.match(core)):
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

    def _divisions_of(self, ctx: Context, out: list[Candidate]) -> None:
        """武汉市人力资源和社会保障局|武昌社会保险管理处: a unit named right after its body grew back
        into the body's name; the body and its unit are one name (a place chain before a body is
        one name too). Adds the whole; resolution prefers it to the two overlapping halves."""
        suffixed = sorted((c for c in out if c.rule == "org.suffix"), key=lambda c: c.start)
        for a in suffixed:
            for b in suffixed:
                if a.start < b.start < a.end < b.end and b.start >= a.end - 6 \
                        and ctx.token_index(a.start) >= 0 \
                        and ctx.tag(ctx.token_index(a.start))[:1] in "njbm" \
                        and not ctx.word(ctx.token_index(a.start)).endswith(self.governing_tuple):  # (充分发挥|教育部…)
                    name = ctx.text[a.start:b.end]
                    out.append(Candidate(a.start, b.end, name, "ORG", None, ctx.deictic_canonical(name), "rule",
                                         max(a.score, b.score), rule="org.division", priority=2,
                                         features=dict(b.features)))

    def _kind_only(self, ctx: Context, start: int, suffix_start: int, kinds: frozenset[str] | None = None) -> bool:
        """Is every word before the suffix a modifier that sorts bodies into kinds?"""
        kinds = self.kind_modifiers if kinds is None else kinds
        if start >= suffix_start:
            return False
        if ctx.text[start:suffix_start] in kinds:
            return True  # 公立|医院 inside one token
        k = ctx.tok_start_at.get(start)
        if k is None:
            return False
        while k < len(ctx.tokens) and ctx.tokens[k][1] <= suffix_start:
            if ctx.word(k) not in kinds:
                return False
            k += 1
        return ctx.tokens[k - 1][1] == suffix_start

    def _after_inner_lead_verb(self, ctx: Context, start: int, head_start: int) -> int:
        """A verb that launches or promotes something (推进, 发展, 发挥) inside the grown span
        governs the name after it (有序推进|高校图书馆, 支持发展|民营银行); only the names of
        task bodies hold such a verb phrase (推进一带一路建设工作领导小组)."""
        return after_last_verb(ctx, start, head_start, self.governing_verbs)

    def _task_body_start(self, ctx: Context, head_start: int, max_chars: int = 26) -> int | None:
        """A working group is named by its scope and its task (全省|推进一带一路建设|工作领导小组,
        区|农资保供|工作专班, 中欧班列（西安）高质量发展工作专班): the task is a verb phrase that may
        hold numbers, quotes and a bracketed place, which the general extension stops at. The
        name runs back to the leftmost scope or place word before a clause break, a function
        word or the verb that sets the group up (成立, 组建); None when no scope opens it."""
        text = ctx.text
        k = ctx.tok_end_at.get(head_start)
        best = None
        in_brackets = False
        while k is not None and k >= 0:
            s, e, tag = ctx.tokens[k]
            w = text[s:e]
            if head_start - s > max_chars or w in self.task_openers or w in self.boundary and not tag.startswith(("n", "v")):
                break
            if tag == "x" and w not in "“”（）()":
                break
            if w in "）)":
                in_brackets = True
            elif w in "（(":
                in_brackets = False
            elif tag in ("p", "c", "u", "uj", "ul", "r", "d", "ad", "f") and not (tag == "p" and w == "与"):
                break
            elif not in_brackets and (w in self.task_scopes or tag in ("ns", "nt", "j")
                                      or (self.place_prefix is not None and self.place_prefix.match(w))):
                best = s  # a place inside the brackets qualifies the name, it does not open it
            k -= 1
        return best

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
                    s2 = extend_left(ctx, e, self.boundary, self.name_verbs, self.grammar, max_tokens=4)
                    if s2 > s and s2 < e:
                        s = s2
                    elif s2 > s:
                        continue
                w = text[s:e]
                if len(w) < 2:
                    continue
                named = head in self.naming_heads and not gap
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
                if w in self.generic or w.endswith(self.budget_ends):
                    continue  # (中央财政: the budget of a body, not the body)
                placed = len(w) >= 4 and bool(self.place_prefix and self.place_prefix.match(w))
                out.append(Candidate(s, e, w, "ORG", None, w, "rule", 0.65 if placed else 0.4, rule="org.nt", priority=1,
                                     features={"tag": tag}))
            elif tag in self.name_tags and i + 1 < n:
                s2, e2, t2 = toks[i + 1]
                w2 = text[s2:e2]
                if w2 not in self.company_words or e - s < 2 or t2 == "vn":
                    continue  # 医保|建设, 技改|投资: an activity of a field, not a company
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
        self._divisions_of(ctx, out)
        known = {c.text for c in out if c.score >= 0.7}
        self._lists(ctx, out, known)
        self._tokens(ctx, out)
        return out
