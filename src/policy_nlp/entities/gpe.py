"""GPE candidates: China's administrative divisions, their short forms, named regions.

The division table (province, city and county level) is read at run time from the
``cpca`` package's ``resources/adcodes.csv`` when that package is installed (a maintained
adcode table); otherwise only the bundled province table is used. Renamed or missing
divisions are added from ``division_aliases.tsv``; multi-province regions, continents
and well-known countries come from ``gpe_extra.tsv``, every other country from CLDR's
Chinese names (:func:`policy_nlp.geo.country_names`).

Rules:
- full division names, chained when written together (山南市乃东区, 拉萨市城关区幸福社区);
- short forms (拉萨 for 拉萨市, 西藏 for 西藏自治区), which must line up with token
  boundaries; county short forms also need the tagger's ``ns`` tag, and in an article of
  one province they name its own counties (another province's county is written in full or
  after its province: 河北省大城县, never 大城 alone in a Tianjin report);
- one-character province abbreviations only after a movement verb (赴藏, 援疆, 来皖);
- named regions and countries (长三角, 欧洲, 中国) unless inside a fixed term (中国式现代化).
Scope words (全区, 全省) never match: they are not names.
"""
from __future__ import annotations

import bisect

from functools import lru_cache
from pathlib import Path

import regex

from policy_nlp.entities.base import HARD_BOUNDARY, Candidate, Context, trie_pattern
from policy_nlp.entities.lexicon import Lexicon
from policy_nlp.geo import country_names, division_rows, provinces
from policy_nlp.geo.countries import world_city_names
from policy_nlp.geo.divisions import ALIASES
from policy_nlp.resources import read_table

ETHNIC = r"(?:\p{Han}{1,4}族|蒙古)+"
_AUTONOMOUS = regex.compile(rf"^(\p{{Han}}{{2,}}?){ETHNIC}自治(州|县|旗)$")
_MOVE_ABBR = "京津冀沪苏浙皖闽赣鲁豫鄂湘粤桂琼渝川蜀黔滇藏陕陇蒙疆"
_EXTRA_ABBR = {"疆": "新疆维吾尔自治区", "华": "中国"}  # 援疆; 来华, 在华投资
_FUNCTION_TAGS = set("pudcr")  # jieba tags of prepositions, particles, adverbs, conjunctions, pronouns
_NAME_TAGS = frozenset(("ns", "nr", "nrt", "nz", "nrfg"))  # the tagger's name tags
ZONE_NAME_LONGEST = 8  # characters of a zone's name before its head
_OPEN_QUOTES = "“「『\""
_CLOSE_QUOTE = regex.compile(r"[”」』\"]")


def short_form(name: str, level: str) -> str | None:
    """The short form a text uses for a division (拉萨市 -> 拉萨, 甘孜藏族自治州 -> 甘孜)."""
    m = _AUTONOMOUS.match(name)
    if m:
        return m.group(1)
    for suf in ("特别行政区", "自治区", "地区", "新区", "林区", "矿区", "市", "县", "区", "旗", "盟", "省"):
        if name.endswith(suf) and len(name) - len(suf) >= 2:
            return name[: -len(suf)]
    return None


class GpeRule:
    name = "gpe"

    def __init__(self, lex: Lexicon, division_table: str | None = None):
        stop = lex.words("gpe_stop")
        scope = {"全区", "全省", "全市", "全县", "全国", "全球", "我区", "我省", "我市"}
        self.full: dict[str, tuple[str, str]] = {}  # name -> (canonical, level)
        self.short: dict[str, tuple[str, str]] = {}
        table = provinces()
        for p in table.provinces:
            self.full[p.full_name] = (p.full_name, "province")
            for s in p.short_names:
                self.short[s] = (p.full_name, "province")
        rows = list(division_rows(division_table))
        rows += [(r["name"], r.get("level", "county"), r.get("province", "")) for r in read_table(ALIASES)]
        # the province of every division (a county short form after a place must lie in it)
        self.province_of: dict[str, str] = {p.full_name: p.full_name for p in table.provinces}
        for name, level, prov in rows:
            if prov:
                self.province_of.setdefault(name, prov)
        for name, level, _prov in rows:
            if level == "province" or len(name) < 2 or name in stop:
                continue
            self.full.setdefault(name, (name, level))
            s = short_form(name, level)
            if s and s not in stop and s not in self.short and s not in scope:
                self.short[s] = (name, level)
        for r in lex["gpe_extra"]:
            self.full[r["name"]] = (r.get("canonical") or r["name"], r.get("kind") or "region")
        # every country from CLDR (babel); a two-character one must be a word of its own
        # (加纳 is not in 增加|纳税), as short forms are
        for name in country_names():
            if name not in self.full and name not in stop:
                if len(name) >= 3:
                    self.full[name] = (name, "country")
                else:
                    self.short.setdefault(name, (name, "country"))
        # the world's cities CLDR names (开罗, 华沙), on the same terms
        for name in world_city_names():
            if name not in self.full and name not in self.short and name not in stop:
                if len(name) >= 3:
                    self.full[name] = (name, "world_city")
                else:
                    self.short[name] = (name, "world_city")
        for s in list(self.short):
            if s in self.full:  # a name that is itself a full entry (e.g. 中国) stays full
                del self.short[s]
        for w in stop:
            self.full.pop(w, None)
            self.short.pop(w, None)
        names = sorted(set(self.full) | set(self.short), key=len, reverse=True)
        # names are looked up at token starts by their first two characters: one dict probe
        # per token (a big regex alternation costs far more per character)
        by2: dict[str, set[int]] = {}
        for nm in names:
            if len(nm) >= 2:
                by2.setdefault(nm[:2], set()).add(len(nm))
        self.by_first2 = {k: sorted(v, reverse=True) for k, v in by2.items()}
        abbr = {}
        for p in table.provinces:
            for a in p.abbreviations:
                if a in _MOVE_ABBR:
                    abbr[a] = p.full_name
        abbr.update(_EXTRA_ABBR)
        self.abbr = abbr
        self.not_movement = lex.words("gpe_not_movement")
        self.abbr_pattern = regex.compile(
            r"(?<=[赴援进入来离驻返在访])([" + "".join(abbr) + r"])(?![区族文语医药传式人地南北东西中部侨裔夏为州大道盛而])"
        )
        fixed = lex["gpe_fixed_terms"]
        self.fixed = regex.compile("|".join(map(regex.escape, sorted(fixed, key=len, reverse=True)))) if fixed else None
        heads = sorted(lex.words("gpe_name_heads"), key=len, reverse=True)
        # a country name followed by a short run of characters ending in one of these heads
        self.name_after_country = regex.compile(
            r"\G\p{Han}{0,10}?(?P<head>" + "|".join(map(regex.escape, heads)) + ")") if heads else None
        # a place-tagged dictionary word ending in a natural feature's head (长江, 洞庭湖, 大巴山, 里海)
        self.feature_heads = tuple(sorted(lex.group("gpe.feature_heads"), key=len, reverse=True))
        self.feature_generic = frozenset("".join(lex.group("gpe.feature_generic")))
        # heads of a named site, part or stretch of a place (广州港, 潮州古城, 黑河流域, 北江航道)
        self.site_heads = tuple(sorted(lex.group("gpe.site_heads"), key=len, reverse=True))
        self.site_pattern = regex.compile(
            r"\G(?:" + "|".join(map(regex.escape, self.site_heads)) + ")") if self.site_heads else None
        self.stop = stop
        self.inner_heads = frozenset(lex.group("gpe.inner_heads"))
        self.locality = regex.compile(r"\G(\p{Han}{2,4}?(?:社区|村|嘎查|街道|镇|乡|屯))")
        zones = sorted(lex.group("gpe.zone_heads"), key=len, reverse=True)
        self.zone_pattern = regex.compile("|".join(map(regex.escape, zones))) if zones else None
        streets = sorted(lex.group("gpe.street_heads"), key=len, reverse=True)
        self.street_pattern = regex.compile("|".join(map(regex.escape, streets))) if streets else None
        self.street_not_names = frozenset(lex.group("gpe.street_not_names"))
        self.zone_verbs = frozenset(lex.group("extend.lead_verbs")) | frozenset(lex.group("org.promote_verbs"))
        self.bad_locality_start = frozenset("".join(lex.group("gpe.locality_stop_chars")))
        common, self.foreign_distinctive = lex.transliteration()
        self.foreign_run = regex.compile(f"[{regex.escape(common)}]{{2,}}") if common else None
        self.foreign_heads = tuple(sorted(lex.group("gpe.foreign_heads"), key=len, reverse=True))

    def _features(self, ctx: Context, matches: list[list]) -> list[list]:
        """Rivers, lakes, mountains and seas: words the tagger's dictionary marks as places
        (``ns``) that end in a natural feature's head, where no division name was found."""
        if not self.feature_heads:
            return []
        text = ctx.text
        taken = sorted((m[0], m[1]) for m in matches)
        taken_starts = [t[0] for t in taken]
        out = []
        for i in [i for i, tag in enumerate(ctx.tags) if tag == "ns"]:
            s, e, _ = ctx.tokens[i]
            w = text[s:e]
            if len(w) < 2 or not w.endswith(self.feature_heads) or w in self.stop or w in self.full or w in self.short:
                continue
            if all(ch in self.feature_generic for ch in w[:-1]):
                continue  # 江河, 海洋, 深海, 高原: a kind of feature, not a named one
            k = bisect.bisect_left(taken_starts, e)
            if k and taken[k - 1][1] > s or any(ts < e and s < te for ts, te in taken[max(0, k - 4):k]):
                continue  # inside or across a division name already found
            for town in ("街道", "镇", "乡"):
                if text.startswith(town, e) and e + len(town) in ctx.tok_end_at:
                    e += len(town)  # 莫干山|镇: a town named after the feature
                    w = text[s:e]
                    break
            out.append([s, e, w, "feature", "feature"])
        out.sort()
        return out

    def _site_token(self, ctx: Context, s: int, name_end: int) -> int | None:
        """The end of a place-tagged token that a name opens and a site head closes (广州港,
        青岛港 are one word to the tagger), else None."""
        i = ctx.tok_start_at.get(s)
        if i is None or ctx.tags[i] != "ns" or self.site_pattern is None:
            return None
        e = ctx.tokens[i][1]
        if ctx.text[name_end:e] in self.full:
            return e  # 上海浦东新区, one word to the tagger: a place and a division inside it
        m = self.site_pattern.match(ctx.text, name_end)
        return e if m and m.end() == e else None

    def _sites(self, ctx: Context, merged: list[list]) -> list[list]:
        """A place followed by the head of a site, part or stretch of it is that named place
        (潮州|古城, 黑河|流域, 北江|航道, 西安|国际港站); a river's stretch through a place is one
        name (黄河干流山东段, 大运河苏州段)."""
        text = ctx.text
        out: list[list] = []
        for mt in merged:
            s, e = mt[0], mt[1]
            if out and mt[4] != "chain" and out[-1][3] in ("feature", "site") and out[-1][1] <= s \
                    and text[out[-1][1]:s] in ("", "干流") and text.startswith("段", e) and e + 1 in ctx.tok_end_at:
                prev = out[-1]  # 黄河|干流|山东|段: the stretch of a river through a place
                prev[1] = e + 1
                prev[2] = text[prev[0]:e + 1]
                prev[3] = "site"
                continue
            m = self.site_pattern.match(text, e)
            if m and m.end() in ctx.tok_end_at and e in ctx.tok_end_at and mt[3] not in ("country",):
                mt = [s, m.end(), text[s:m.end()], "site", mt[4] if mt[4] != "short" else "full"]
            out.append(mt)
        return out

    def _people_of(self, ctx: Context, e: int) -> bool:
        """Does the token a place name opens end in a word for its people or parts (台湾|同胞,
        港澳|同胞, 中亚|国家 written as one token)? The place is then named on its own."""
        j = ctx.token_index(e - 1)
        if j < 0:
            return False
        return ctx.text[e:ctx.tokens[j][1]] in self.inner_heads

    def _heads_a_name(self, ctx: Context, s: int, e: int) -> bool:
        """A country name that begins a longer name is part of it, not a GPE standing alone:
        a quoted name (“中国科学十大进展”, “美国优先”; a quoted “中国” alone stays) or an event,
        festival, day or website (中国西藏发展论坛, 中国国际服务贸易交易会, 中国品牌日)."""
        text = ctx.text
        if e not in ctx.tok_start_at:
            return False
        first = ctx.tok_start_at[e]
        if s > 0 and text[s - 1] in _OPEN_QUOTES:
            close = _CLOSE_QUOTE.search(text, e, e + 11)
            if close and close.start() > e and close.start() in ctx.tok_end_at \
                    and not any(ch in HARD_BOUNDARY for ch in text[e:close.start()]):
                inner = ctx.tags[first:ctx.tok_end_at[close.start()] + 1]
                if not any(t[:1] in _FUNCTION_TAGS for t in inner):
                    return True
        m = self.name_after_country.match(text, e) if self.name_after_country is not None else None
        if m is None:
            return False
        end = m.end()
        if end not in ctx.tok_end_at and text[end:end + 1] == "等":
            end += 1  # the tagger glues 等 to a one-character head (…|网等)
        last = ctx.tok_end_at.get(end)
        if last is None:
            return False
        one_char = len(m.group("head")) == 1
        if one_char and ctx.tokens[last][0] != m.start("head"):
            return False  # a one-character head must be a word (…品牌|日), not end one (近日)
        # a name, not a clause: no function word before the head, and no verb except one that
        # forms a compound with a one-character head (社会|扶贫网, 农民|丰收节; but
        # 中国驻希腊大使馆|举办|开放日, 中国将举办峰会 are clauses)
        tags = ctx.tags[first:last]
        if one_char and tags and tags[-1] == "v":
            tags = tags[:-1]
        return not any(t[:1] in _FUNCTION_TAGS or t == "v" for t in tags)

    def _streets(self, ctx: Context, found: list[Candidate]) -> list[Candidate]:
        """紫沙路, 文安|街, 房山区|松林|路: a street named as a place (corpus DECISIONS 76). The
        name is a word the tagger takes for a name before the head, or one place-tagged word
        ending in it; a one-character modifier (新路, 老街) names no street."""
        if self.street_pattern is None:
            return []
        text, toks, out = ctx.text, ctx.tokens, []
        taken = [(c.start, c.end) for c in found]
        for m in self.street_pattern.finditer(text):
            hs, e = m.span()
            j = ctx.tok_end_at.get(e)
            if j is None:
                continue
            ts, _, tag = toks[j]
            if ts == hs and j > 0 and toks[j - 1][1] == hs and toks[j - 1][2] in _NAME_TAGS \
                    and 2 <= hs - toks[j - 1][0] <= 3:
                start = toks[j - 1][0]
            elif ts < hs and tag == "ns" and hs - ts >= 2:
                start = ts
            else:
                continue
            name = text[start:hs]
            if name in self.stop or name in self.street_not_names or any(a < e and start < b for a, b in taken):
                continue
            before = [c.start for c in found if c.end == start and c.label == "GPE"]
            if before:
                start = min(before)  # 房山区|松林路: the street after its district is one address
            out.append(Candidate(start, e, text[start:e], "GPE", None, text[start:e], "rule", 0.7,
                                 rule="gpe.street", priority=1, features={"level": "street", "form": "full"}))
        return out

    def _foreign(self, ctx: Context, found: list[Candidate]) -> list[Candidate]:
        """杜伊斯堡港, 拉纳卡港, 波兰|马拉舍维奇: a foreign place the gazetteers do not hold, read
        from how Chinese writes foreign names: a run of transliteration characters that begins
        a word, holds a character rare outside transliterations, and is closed by a place head
        (…港, …市, …河) or follows a country's name. The bare name found so is also the place
        where the text repeats it without its head (杜伊斯堡)."""
        if self.foreign_run is None:
            return []
        text, out = ctx.text, []
        taken = [(c.start, c.end) for c in found]
        country_ends = {c.end for c in found if c.features.get("level") == "country"}
        stems: set[str] = set()
        for m in self.foreign_run.finditer(text):
            rs, re_ = m.span()
            starts = [p for p in range(rs, re_ - 1) if p in ctx.tok_start_at]
            for s in starts:
                if any(a < re_ and s < b for a, b in taken):
                    continue
                name = text[s:re_]
                if not any(ch in self.foreign_distinctive for ch in name):
                    break
                head = next((h for h in self.foreign_heads if text.startswith(h, re_)), None)
                if head and re_ + len(head) in ctx.tok_end_at:
                    e = re_ + len(head)
                elif s in country_ends and len(name) >= 3 and re_ in ctx.tok_end_at:
                    e = re_
                else:
                    break
                if any((ctx.tag(k) in _FUNCTION_TAGS or ctx.tag(k).startswith("v"))
                       and ctx.tokens[k][1] - ctx.tokens[k][0] >= 2
                       for k in range(ctx.tok_start_at[s], ctx.token_index(re_ - 1) + 1)):
                    break  # a verb or a function word of its own inside: ordinary words, no name
                    # (a single character the tagger guessed, 马拉|舍|维奇, is part of the name)
                out.append(Candidate(s, e, text[s:e], "GPE", None, text[s:e], "rule", 0.7,
                                     rule="gpe.foreign", priority=1, features={"level": "foreign", "form": "full"}))
                taken.append((s, e))
                if len(name) >= 3:
                    stems.add(name)
                break
        for stem in stems:
            for m in regex.finditer(regex.escape(stem), text):
                s, e = m.span()
                if s in ctx.tok_start_at and not any(a < e and s < b for a, b in taken):
                    out.append(Candidate(s, e, stem, "GPE", None, stem, "rule", 0.7, rule="gpe.foreign",
                                         priority=1, features={"level": "foreign", "form": "short"}))
                    taken.append((s, e))
        return out

    def _zones(self, ctx: Context, found: list[Candidate]) -> list[Candidate]:
        """张江科学城, 临港新片区, 洋山特殊综合保税区, 苏州高新区: a development zone named after a
        place or a name is a place (corpus DECISIONS 77). The words before the head must hold a
        name-tagged word; descriptors (特殊, 大) may stand between; a verb, number or function
        word ends the name."""
        if self.zone_pattern is None:
            return []
        text, toks, out = ctx.text, ctx.tokens, []
        taken = [(c.start, c.end, c.features.get("level") == "region") for c in found if c.end - c.start > 2]
        for m in self.zone_pattern.finditer(text):
            hs, e = m.span()
            j = ctx.tok_end_at.get(e)
            if j is None:
                continue
            k = ctx.tok_start_at.get(hs)
            if k is None:  # the head inside one place-tagged word (苏州高新区): the word's start
                if toks[j][2] != "ns":
                    continue
                k = j
                start, named = toks[j][0], toks[j][0] < hs
            else:
                start, named = hs, False
            placed = False
            while k > 0 and hs - toks[k - 1][0] <= ZONE_NAME_LONGEST:
                ps, pe, tag = toks[k - 1]
                w = text[ps:pe]
                if w in self.zone_verbs:
                    break  # 深化|开发区改革: the tagger's name is a verb here
                if placed and tag != "ns" and (tag in _NAME_TAGS or tag in ("j", "nt")):
                    break  # 联通|长江经济带: a place opens the name, a name before it is who acts
                if tag in _NAME_TAGS or tag in ("j", "nt"):
                    named = True
                    placed = placed or tag == "ns"
                elif not (tag in ("a", "b") or (tag == "n" and pe - ps == 2)) or w in self.stop:
                    break
                start = ps
                k -= 1
            if not named or start == hs or any(a < e and start < b and not (start <= a < b <= e and region)
                                               for a, b, region in taken):
                continue  # (a named region inside the name, 成渝地区|双城经济圈, is part of it)
            out.append(Candidate(start, e, text[start:e], "GPE", None, text[start:e], "rule", 0.75,
                                 rule="gpe.zone", priority=3, features={"level": "zone", "form": "full"}))
        return out

    def __call__(self, ctx: Context) -> list[Candidate]:
        text = ctx.text
        blocked: list[tuple[int, int]] = []
        if self.fixed is not None:
            blocked = [m.span() for m in self.fixed.finditer(text)]
        out: list[Candidate] = []
        matches = []
        full, short, by2 = self.full, self.short, self.by_first2
        last_end = 0
        # token starts whose first two characters begin some name, in one comprehension
        # (the tight loop of this rule: it sees every token of the article)
        for s in [s for s in ctx.tok_starts if text[s:s + 2] in by2]:
            if s < last_end:
                continue
            lens = by2[text[s:s + 2]]
            w = None
            for n in lens:
                cand = text[s:s + n]
                if cand in full or cand in short:
                    w = cand
                    break
            if w is None:
                continue
            e = s + len(w)
            last_end = e
            if w in self.full:
                canon, level = self.full[w]
                if len(w) <= 2 and e not in ctx.tok_end_at and not (text.startswith("地区", e) and e + 2 in ctx.tok_end_at) \
                        and not self._people_of(ctx, e):
                    continue  # 和县 in 教育和|县乡财政: a two-character name must be a word (or 港澳|地区)
                matches.append([s, e, canon, level, "full"])
            else:
                canon, level = self.short[w]
                if e not in ctx.tok_end_at and self._people_of(ctx, e):
                    matches.append([s, e, canon, level, "short"])  # 台湾|同胞 in one token
                    continue
                if e not in ctx.tok_end_at:
                    site = self._site_token(ctx, s, e)
                    if site:
                        last_end = site
                        matches.append([s, site, text[s:site], "site", "full"])
                    continue
                if level == "county":
                    i = ctx.tok_start_at[s]
                    # a county short form needs the place tag, or a place name right before it (廊坊固安)
                    after_home = matches and matches[-1][1] == s and matches[-1][3] in ("province", "city") \
                        and self.province_of.get(matches[-1][2]) == self.province_of.get(canon)
                    if (ctx.tag(i) != "ns" or ctx.tokens[i][1] != e) and not after_home:
                        continue  # 上海|合作组织 is no 合作市: the place before must contain it
                    if not after_home and ctx.region in self.province_of and self.province_of.get(canon) != ctx.region:
                        continue  # a county of another province is named in full or after its province
                matches.append([s, e, canon, level, "short"])
        matches = sorted(matches + self._features(ctx, matches), key=lambda m: m[0])
        # chain names written together (山南市乃东区, 北京门头沟区: a short form may open the chain
        # when the next name lies inside it), then a locality (…幸福社区)
        merged: list[list] = []
        for mt in matches:
            prev = merged[-1] if merged else None
            same_province = self.province_of.get(prev[2]) == self.province_of.get(mt[2]) if prev else False
            if prev and prev[1] == mt[0] and prev[3] in ("province", "city", "county") \
                    and mt[3] in ("city", "county") \
                    and ((mt[4] == "full" and (prev[4] in ("full", "chain") or (prev[4] == "short" and same_province)))
                         or (mt[4] == "short" and prev[4] in ("short", "chain", "full") and same_province
                             and prev[3] in ("province", "city") and prev[3] != mt[3])):
                # 山东|滨州|阳信县, 内蒙古|巴彦淖尔, 中卫市|沙坡头: places written together as one
                # address are one place, short forms too (corpus DECISIONS 82 and gap 24's proposal)
                prev = merged[-1]
                prev[1] = mt[1]
                prev[2] = text[prev[0]:mt[1]]
                prev[3] = mt[3]
                prev[4] = "chain"
            else:
                merged.append(mt)
        if self.site_pattern is not None:
            merged = self._sites(ctx, merged)
        for s, e, canon, level, how in merged:
            if any(bs <= s and e <= be and (bs, be) != (s, e) for bs, be in blocked):
                continue
            if text.startswith("地区", e) and level in ("province", "region", "feature") \
                    and (e + 2 == len(text) or text[e + 2] not in "生总经"):
                e += 2  # 京津冀地区, 港澳地区: a named region with its head (not 地区生产总值)
                canon = text[s:e]
            if level == "country" and self._heads_a_name(ctx, s, e):
                continue
            rule = "gpe." + how
            if how in ("full", "chain") and level in ("city", "county"):
                for _ in range(3):  # …通安镇树山村, …西索恩图村西山屯: town, village, hamlet
                    lm = self.locality.match(text, e)
                    if not lm or lm.group(1)[0] in self.bad_locality_start:
                        break
                    e = lm.end()
                    canon = text[s:e]
                    rule = "gpe.locality"
            score = 0.9 if how in ("full", "chain") else 0.8 if how == "short" else 0.7
            out.append(Candidate(s, e, text[s:e], "GPE", None, canon, "rule", score,
                                 rule=rule, priority=2, features={"level": level, "form": how}))
        out += self._zones(ctx, out)
        out += self._streets(ctx, out)
        out += self._foreign(ctx, out)
        for m in self.abbr_pattern.finditer(text):
            s, e = m.span()
            if text[max(s - 2, 0):s] in self.not_movement:
                continue  # 推进|藏粤直流: the character ends a word that is no movement
            out.append(Candidate(s, e, m.group(), "GPE", None, self.abbr[m.group()], "rule", 0.7,
                                 rule="gpe.abbreviation", priority=1, features={"level": "province", "form": "abbr"}))
        return out
