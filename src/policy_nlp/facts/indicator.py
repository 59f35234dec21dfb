"""The indicator of a fact: what is measured, as a short noun phrase from the text.

Official prose puts the indicator right before the value, joined by a link verb
(``全区通信光缆线路总长度达20.19万公里``), or after a build verb and the value
(``建成2000个5G基站``). We work on jieba tokens within the value's clause: drop time
phrases, scope and region words and link verbs, and keep the nominal tail.
"""
from __future__ import annotations

import bisect
import re

import regex
from dataclasses import dataclass

from policy_nlp.facts.punctuation import BRACKETS, LIST_BREAK
from policy_nlp.facts.punctuation import CLAUSE_BREAKS as PUNCT_CLAUSE_BREAKS
from policy_nlp.facts.tokens import token_at, token_ending_at, token_starts, tokens_in
from policy_nlp.facts.vocabulary import FactVocabulary

CLAUSE_BREAKS = PUNCT_CLAUSE_BREAKS + BRACKETS  # an indicator does not run into a bracket
#: Comparison bases peeled off with the link (同比增长: 同比 goes with the link).
BASE_WORDS = ("同比", "环比", "比上年", "比去年", "较上年", "较去年")
ASPECT = frozenset({"了", "着", "过"})
_PARTNER_WORDS = frozenset(("与", "同"))  # 陕西与东盟进出口额: the other side of an exchange
_COMPARING = ("相比", "相较", "比较", "持平")  # 与上年相比: 与 opens a comparison base
PREDICATE_ENDS = "，。；！？：,;!?:"  # the clause ends here, so does the predicate
PREDICATE_SUBJECT_TAGS = ("n", "nz", "nt", "nr", "j", "vn")
PREDICATE_LONGEST = 14  # a longer predicate says more than what is counted
NOMINAL_TAGS = ("n", "vn", "nz", "nt", "ns", "j", "eng", "an", "l", "i", "nr", "x", "m", "q", "b", "g", "k", "h")
STOP_LEADING = {"和", "与", "及", "以及", "并", "同时", "其中", "等", "的", "共", "合计", "总计", "目前", "已", "已经",
                "全区", "全省", "全市", "全国", "全县", "我区", "我省", "我市", "在", "对", "将", "对于", "把", "使", "让"}


#: tags of words that never end the name of what is measured (adverbs, particles, prepositions, localisers)
_TAIL_DROP = frozenset({"d", "dg", "ad", "p", "c", "u", "uj", "ul", "uz", "uv", "ug", "zg", "y"})

#: tags of words that never name what is measured
_OBJECT_TAGS = ("n", "v", "a", "j", "l", "b", "eng")  # (n*: nz, nt, ns; v*: vn)
OBJECT_LONGEST = 10  # characters of a verb's object read to the clause end
_NOT_NAMING = frozenset({"m", "mq", "t", "tg", "d", "dg", "ad", "r", "rr", "rz", "p", "c", "u", "uj", "ul", "uz", "f", "zg"})


@dataclass(slots=True)
class Clause:
    start: int  # article offset of the clause start
    text_before: str  # clause text before the value
    after: str  # text after the value to the clause end


def clause_around(text: str, sent_start: int, q_start: int, q_end: int, sent_end: int) -> Clause:
    s = q_start
    while s > sent_start and text[s - 1] not in CLAUSE_BREAKS and text[s - 1] != LIST_BREAK:
        s -= 1
    e = q_end
    while e < sent_end and text[e] not in CLAUSE_BREAKS and text[e] != LIST_BREAK:
        e += 1
    return Clause(s, text[s:q_start], text[q_end:e])


_BREAK_CLASS = "[" + regex.escape(CLAUSE_BREAKS + LIST_BREAK) + "]"
#: The last clause or list break before a position (searched backwards from it).
_LAST_BREAK = regex.compile(_BREAK_CLASS, regex.REVERSE)


def clause_start(text: str, sent_start: int, q_start: int) -> int:
    """``clause_around(...).start`` without building the clause texts: one backward regex
    search for the last break instead of a Python loop over the characters."""
    if q_start <= sent_start:
        return q_start
    m = _LAST_BREAK.search(text, sent_start, q_start)
    return m.end() if m is not None else sent_start


class IndicatorFinder:
    def __init__(self, vocab: FactVocabulary, scope_words: set[str], region_names: list[str]):
        self.vocab = vocab
        self.link = sorted(vocab.words("link") | vocab.words("growth") | vocab.words("decline") | vocab.words("difference") | vocab.words("target"), key=len, reverse=True)
        self.lead = vocab.words("lead")
        self.cue_words = vocab.words("target") | vocab.words("actual")
        self.rate_nouns = vocab.words("rate_noun")
        self.peel_words = frozenset(self.link)
        # split_lead tests one suffix per distinct word length (a set look-up) instead of
        # ``endswith`` per word: of the words of one length only the suffix can match
        self.link_lengths = sorted({len(w) for w in self.link}, reverse=True)
        self.link_words = vocab.words("link")
        self.comparison = vocab.words("comparison")
        self.comparison_search = re.compile(
            "|".join(map(re.escape, sorted(self.comparison, key=len, reverse=True))) or "(?!)").search
        self.comparison_longest = max(map(len, self.comparison), default=1)
        self.scope = scope_words
        self.regions = sorted(region_names, key=len, reverse=True)
        # literal alternations: the stdlib engine finds the same (leftmost, first listed)
        # match at about half the cost per call of ``regex``
        self.stop_pattern = re.compile("|".join(map(re.escape, sorted(self.scope | STOP_LEADING, key=len, reverse=True))))
        self.region_pattern = re.compile("|".join(map(re.escape, self.regions)) or "(?!)")

    def split_lead(self, before: str, tokens=None, start: int = 0, text: str = "") -> tuple[str, str]:
        """(candidate indicator text, link text) — peel link and cue words off the end.

        With ``tokens``, a word is peeled only where it is a word of the text: 均 in 年均
        is not the 均 of 均达, and 增速/增幅 name the indicator (能源消费增速3%) rather than
        link to the value."""
        core = before
        link = ""
        changed = True
        while changed and core:
            changed = False
            if core[-1] == "了":  # 增长了|两倍, 翻了|两番: a cue word closed by the aspect particle
                stem = core[:-1]
                for n in self.link_lengths:
                    w = stem[len(stem) - n:] if n <= len(stem) else ""
                    if w in self.peel_words and w not in self.rate_nouns and self._peelable(stem, w, tokens, start, text):
                        core, link = stem[:-n], w + "了" + link
                        changed = True
                        break
                if changed:
                    continue
            for n in self.link_lengths:
                if n > len(core):
                    continue
                w = core[len(core) - n:]
                if w in self.peel_words and w not in self.rate_nouns and self._peelable(core, w, tokens, start, text):
                    core, link = core[: -len(w)], w + link
                    changed = True
                    break
            if not core.endswith(BASE_WORDS):
                continue  # none of them ends the core: spare the six tests
            for w in BASE_WORDS:
                if core.endswith(w):
                    core, link = core[: -len(w)], w + link
                    changed = True
        return core, link

    def _peelable(self, core: str, word: str, tokens, start: int, text: str) -> bool:
        if tokens is None:
            return True
        pos = start + len(core) - len(word)
        starts = token_starts(tokens)
        i = bisect.bisect_right(starts, pos) - 1
        if i < 0 or tokens[i][0] == pos:
            return True
        whole = text[tokens[i][0]:tokens[i][1]]
        prefix = text[tokens[i][0]:pos]
        return whole in self.peel_words or prefix in self.peel_words or prefix in ("同比", "环比")

    def clean(self, phrase: str, tokens: list[tuple[int, int, str]], phrase_start: int, text: str) -> str:
        """Drop leading time/scope/region/function words and verbs that introduce the noun."""
        changed = True
        while changed and phrase:
            changed = False
            # a time phrase or a modality cue (力争, 预计) opening the phrase, however tagged
            m = self.vocab.period_pattern.match(phrase)
            if m and m.end() and len(phrase) > m.end():
                phrase, phrase_start, changed = phrase[m.end():], phrase_start + m.end(), True
            tok = token_at(tokens, phrase_start)
            if tok is not None and text[tok[0]:tok[1]] in self.cue_words and len(phrase) > tok[1] - tok[0] + 1:
                cut = tok[1] - tok[0]  # a whole word (应届 is not the cue 应)
                phrase, phrase_start, changed = phrase[cut:], phrase_start + cut, True
            m = self.stop_pattern.match(phrase)
            if m and len(phrase) > m.end() and (not tokens or token_ending_at(tokens, phrase_start + m.end()) is not None):
                # (a whole word: the 共 of 共建 is no 共 "in all")
                phrase, phrase_start, changed = phrase[m.end():], phrase_start + m.end(), True
            m = self.region_pattern.match(phrase)
            if m and len(phrase) > m.end() + 1:
                phrase, phrase_start, changed = phrase[m.end():], phrase_start + m.end(), True
        # a leading verb token (建成, 部署 …) introduces the noun: drop it
        starts = token_starts(tokens)
        i = bisect.bisect_left(starts, phrase_start)
        while i < len(tokens) and tokens[i][0] < phrase_start + len(phrase):
            tok_s, tok_e, tag = tokens[i]
            word = text[tok_s:tok_e]
            if tok_s < phrase_start:
                i += 1
                continue
            if word in self.rate_nouns:
                break
            nxt = tokens[i + 1] if i + 1 < len(tokens) else None
            if tag.startswith("v") and nxt is not None and nxt[1] - nxt[0] == 1 and nxt[2].startswith("n"):
                break  # 充电桩: a verb and a one-character noun make one compound noun
            if word in self.lead or (tag.startswith("v") and tag != "vn" and len(phrase) > tok_e - phrase_start and word not in ("新增", "净增")) or tag in ("p", "c", "d", "u", "r"):
                cut = tok_e - phrase_start
                phrase, phrase_start = phrase[cut:], tok_e
                i += 1
                continue
            break
        phrase = self._trim_tail(phrase, tokens, phrase_start, text).strip(" 的")
        if phrase in self.scope or phrase in STOP_LEADING or self._no_noun(phrase, tokens, phrase_start, text):
            return ""  # better no indicator than a word that names nothing measured (首次, 加快)
        return phrase

    def _trim_tail(self, phrase: str, tokens, phrase_start: int, text: str) -> str:
        """Drop what closes the phrase without naming anything: a link verb, an aspect particle,
        an adverb or function word, a comparison base (…游客数量|从2019年, 网站中|有,
        观众|往往, 装载|着): the noun phrase ends at its last naming word."""
        starts = token_starts(tokens)
        end = phrase_start + len(phrase)
        i = bisect.bisect_left(starts, end) - 1
        if i < 0 or tokens[i][1] != end:
            return phrase
        cut = end
        while i >= 0 and tokens[i][0] >= phrase_start:
            ts, te, tag = tokens[i]
            word = text[ts:te]
            if word in self.rate_nouns:
                break
            if word in self.link_words or word in ASPECT or tag in _TAIL_DROP:
                cut = ts
                i -= 1
                continue
            if tag in ("t", "tg"):
                cut = ts  # 观众|往往: a time word never ends the name
                i -= 1
                continue
            if tag in ("m", "mq"):
                k = i
                while k > 0 and tokens[k - 1][2] in ("m", "mq", "t") and tokens[k - 1][0] >= phrase_start:
                    k -= 1
                if k > 0 and tokens[k - 1][2] == "p" and tokens[k - 1][0] >= phrase_start:
                    cut = tokens[k - 1][0]  # 从|2019|年: the base a change is measured from
                    i = k - 2
                    continue
            break
        out = phrase[:cut - phrase_start]
        return out if out.strip(" 的") else phrase

    def _no_noun(self, phrase: str, tokens, phrase_start: int, text: str) -> bool:
        """True when every token of the phrase is a numeral, time, adverb or function word:
        首次 (m), 2022年 (m m), 今年 (t) name nothing measured (a verb may: 投入, 增速)."""
        if not phrase:
            return True
        if self.vocab.period_pattern.fullmatch(phrase):
            return True
        starts = token_starts(tokens)
        i = bisect.bisect_left(starts, phrase_start)
        end = phrase_start + len(phrase)
        seen = False
        while i < len(tokens) and tokens[i][0] < end:
            seen = True
            if tokens[i][2] not in _NOT_NAMING:
                return False
            i += 1
        return seen

    def opens_onto_value(self, core: str, tokens: list[tuple[int, int, str]], core_start: int, text: str) -> bool:
        """True when the words before the value end in a verb, a preposition or a list word
        (建成45个集群, 钢铁等10个行业, 把15.46亿亩永久基本农田…, 保障了一万亿斤以上的粮食产能,
        成为全国12家…企业之一): what is counted then follows the value. Aspect particles
        and a scope or region word between the verb and the value are skipped."""
        if not core:
            return False
        if core.endswith(("等", "和", "及", "与", "、")):
            return True
        end = core_start + len(core)
        starts = token_starts(tokens)
        i = bisect.bisect_left(starts, end) - 1
        if i < 0 or tokens[i][1] != end:
            return False
        while i > 0:
            word = text[tokens[i][0]:tokens[i][1]]
            if word in ASPECT or word in self.scope or tokens[i][2] == "ns" or tokens[i][2] == "m":
                i -= 1
                continue
            break
        tag = tokens[i][2]
        word = text[tokens[i][0]:tokens[i][1]]
        if word in self.link_words:
            return False
        return (tag.startswith("v") and tag not in ("vn",)) or (tag == "p" and word not in ("在", "为"))

    def verbal_noun_before(self, core: str, tokens: list[tuple[int, int, str]], core_start: int, text: str) -> bool:
        """True when the words before the value end in a verbal noun that stands right at it
        (着力培育|6个…集群, 布局建设|20个…县): jieba tags 建设, 培育 ``vn`` whether they name an
        activity or govern an object; a count with a noun after it makes it the verb, and what
        is counted follows the value. The caller checks that a noun follows."""
        if not core:
            return False
        end = core_start + len(core)
        starts = token_starts(tokens)
        i = bisect.bisect_left(starts, end) - 1
        if i < 0 or tokens[i][1] != end:
            return False
        while i > 0 and text[tokens[i][0]:tokens[i][1]] in ASPECT:
            i -= 1
        word = text[tokens[i][0]:tokens[i][1]]
        return tokens[i][2] == "vn" and word not in self.link_words and len(word) >= 2

    def after_value(self, after: str, tokens: list[tuple[int, int, str]], after_start: int, text: str) -> str:
        """The noun phrase right after a value (建成2000个5G基站 -> 5G基站, 57%的行政村 ->
        行政村): nominal tokens, adjectives inside it (先进制造业集群), up to the first verb,
        function word or punctuation. ``after`` ends where the clause or the next value begins."""
        starts = token_starts(tokens)
        i = bisect.bisect_left(starts, after_start)
        limit = after_start + len(after)
        begin = after_start
        if text.startswith("的", after_start):
            begin = after_start + 1
        end = begin
        while i < len(tokens) and tokens[i][0] < limit:
            tok_s, tok_e, tag = tokens[i]
            i += 1
            if tok_s < begin:
                continue
            if tok_e > limit:
                break
            word = text[tok_s:tok_e]
            if tag == "x" and word not in ("（", "）", "(", ")"):
                break
            if tag.startswith(NOMINAL_TAGS) or tag == "vn" or word == "的":
                end = tok_e
            elif tag == "a" and i < len(tokens) and (tokens[i][2].startswith(NOMINAL_TAGS) or tokens[i][2] == "zg"):
                if tokens[i][2] == "zg" and tokens[i][1] <= limit:
                    end = tokens[i][1]  # 经济|薄弱|村: a one-character noun the tagger left bare
                    i += 1
                continue  # an adjective counts only when a noun follows it
            elif end > begin and tag == "v" and tok_e - tok_s == 2 and word not in self.lead \
                    and word not in self.peel_words and self._attributive_verb(tokens, i, limit, text) \
                    and text[tokens[i][0]:tokens[i][1]] not in self.scope:
                continue  # 行政|审批|事项, 专项|奖补|资金: a verb inside a compound noun
            else:
                break
        found = text[begin:end].strip("的")
        return found if found.strip("（）()") else ""  # 2.81（严重拥堵）: a gloss in brackets, no noun

    def object_to_clause_end(self, after: str, tokens: list[tuple[int, int, str]], after_start: int, text: str) -> str:
        """采取|三项|减税降费举措。, 举办|9项|展览，: after a verb and its count, the words that run
        to the clause's end are its object, what is counted, even where jieba tags them verbs
        (举措 v, 展览 v) and :meth:`after_value` finds no noun. Content words only, short, and
        closed by the clause: anything longer or with a function word is a predicate."""
        limit = after_start + len(after)
        if limit < len(text) and text[limit] not in PREDICATE_ENDS:
            return ""
        picked = tokens_in(tokens, after_start, limit)
        if not picked or picked[0][0] != after_start or picked[-1][1] != limit or len(picked) > 4:
            return ""
        for ts, te, tag in picked:
            if not tag.startswith(_OBJECT_TAGS) or te - ts < 2:
                return ""
        if picked[-1][2].startswith("a"):
            return ""  # 试举111公斤|成功: an adjective closing the clause is a result, no object
        found = text[after_start:limit]
        return found if 2 <= len(found) <= OBJECT_LONGEST else ""

    def predicate_after(self, noun_end: int, tokens: list[tuple[int, int, str]], limit: int, text: str) -> str:
        """``3家单位获中国质量奖``, ``106个乡镇建成取水口``: a counted noun that is the subject of
        the rest of its clause is counted *as* what that predicate says of it, so the predicate
        belongs to the indicator. Returns the predicate when it opens with a verb (an adverb may
        come first) and runs to the clause's end with no punctuation inside."""
        starts = token_starts(tokens)
        i = bisect.bisect_left(starts, noun_end)
        if i == 0 or i >= len(tokens) or tokens[i][0] != noun_end:
            return ""
        last = tokens[i - 1]
        if last[1] - last[0] < 2 or last[2] not in PREDICATE_SUBJECT_TAGS:
            return ""  # 机械臂|左右, 1个|多月: the counted noun ends in no noun, what follows is no predicate of it
        j = i
        while j < len(tokens) and tokens[j][2] in ("d", "ad") and tokens[j][1] <= limit:
            j += 1
        if j >= len(tokens) or tokens[j][1] > limit or not tokens[j][2].startswith("v") or tokens[j][2] == "vn":
            return ""
        if text[tokens[j][0]:tokens[j][1]] in self.link_words:
            return ""
        if limit < len(text) and text[limit] not in PREDICATE_ENDS:
            return ""  # cut by the next value or a list: the predicate goes on past what we see
        pred = text[noun_end:limit].rstrip()
        if not pred or len(pred) > PREDICATE_LONGEST or pred[-1] in ASPECT or pred[-1] == "的":
            return ""  # 建立了, 变成了: the object the predicate needs lies beyond the clause we see
        k = i
        while k < len(tokens) and tokens[k][1] <= limit:
            if tokens[k][2] == "x":
                return ""  # a quote or bracket inside: no plain predicate
            k += 1
        return pred

    @staticmethod
    def _attributive_verb(tokens, i: int, limit: int, text: str) -> bool:
        """Is the noun after a verb (``tokens[i]``) the last word of the phrase — followed by
        the clause's end, a list word or 的 — so that the verb modifies it (审批|事项) rather
        than opening a predicate with an object (基站|覆盖|全部乡镇)?"""
        if i >= len(tokens) or tokens[i][1] > limit or tokens[i][2] not in ("n", "nz", "ng", "j") \
                or tokens[i][1] - tokens[i][0] < 2:
            return False
        nxt = tokens[i + 1] if i + 1 < len(tokens) else None
        if nxt is None or nxt[0] >= limit:
            return True
        w = text[nxt[0]:nxt[1]]
        return w in ("和", "、", "及", "与", "的", "，", "。", "；") or nxt[2] == "x"

    def followed_by_noun(self, after: str, tokens: list[tuple[int, int, str]], after_start: int, text: str) -> bool:
        """``64%的耕地``, ``年均3%的能源消费增速``: the value modifies the noun after 的."""
        if not after.startswith("的"):
            return False
        starts = token_starts(tokens)
        i = bisect.bisect_left(starts, after_start + 1)
        return i < len(tokens) and tokens[i][0] == after_start + 1 and tokens[i][2].startswith(("n", "vn", "j", "a", "b"))

    def cut_comparison(self, core: str, tokens: list[tuple[int, int, str]], core_start: int, text: str) -> str:
        """``增速较一季度``, ``比上年同期``: drop the comparison phrase (较/比 and what
        follows) from the candidate indicator; the base is not what is measured."""
        end = core_start + len(core)
        if not self.comparison_search(text, core_start, end + self.comparison_longest - 1):
            return core  # no comparison word even as a substring: no token can be one
        starts = token_starts(tokens)
        i = bisect.bisect_left(starts, core_start)
        while i < len(tokens) and tokens[i][0] < end:
            s, e, tag = tokens[i]
            if text[s:e] in self.comparison and (tag in ("p", "v", "d") or e - s == 1) and s > core_start:
                if self._partner(core, tokens, i, core_start, text):
                    return core  # the place before 与 goes with the other leading place words
                return core[: s - core_start]
            i += 1
        return core

    def _partner(self, core: str, tokens, i: int, core_start: int, text: str) -> bool:
        """陕西与东盟|进出口额: 与/同 after a place that is all the phrase holds before it joins
        the two sides of an exchange, it compares nothing (与上年相比 does): what is measured
        is the exchange, the place is its region."""
        s, e, _ = tokens[i]
        if text[s:e] not in _PARTNER_WORDS or any(w in core[e - core_start:] for w in _COMPARING):
            return False
        head = core[: s - core_start]
        if head in self.scope or head in STOP_LEADING:
            return True  # 我省同俄罗斯贸易额
        m = self.region_pattern.match(head)
        return (m is not None and m.end() == len(head)) or (i > 0 and tokens[i - 1][2] == "ns" and tokens[i - 1][0] == core_start)
