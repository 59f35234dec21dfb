"""The indicator of a fact: what is measured, as a short noun phrase from the text.

Official prose puts the indicator right before the value, joined by a link verb
(``全区通信光缆线路总长度达20.19万公里``), or after a build verb and the value
(``建成2000个5G基站``). We work on jieba tokens within the value's clause: drop time
phrases, scope and region words and link verbs, and keep the nominal tail.
"""
from __future__ import annotations

import bisect
from dataclasses import dataclass

from policy_nlp.facts.vocabulary import FactVocabulary

CLAUSE_BREAKS = "，,；;：:。！？!?\n（）()"
LIST_BREAK = "、"
NOMINAL_TAGS = ("n", "vn", "nz", "nt", "ns", "j", "eng", "an", "l", "i", "nr", "x", "m", "q", "b", "g", "k", "h")
STOP_LEADING = {"和", "与", "及", "以及", "并", "同时", "其中", "等", "的", "共", "合计", "总计", "目前", "已", "已经",
                "全区", "全省", "全市", "全国", "全县", "我区", "我省", "我市", "在", "对", "将", "对于", "把", "使", "让"}


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


class IndicatorFinder:
    def __init__(self, vocab: FactVocabulary, scope_words: set[str], region_names: list[str]):
        self.vocab = vocab
        self.link = sorted(vocab.words("link") | vocab.words("growth") | vocab.words("decline") | vocab.words("difference") | vocab.words("target"), key=len, reverse=True)
        self.lead = vocab.words("lead")
        self.scope = scope_words
        self.regions = sorted(region_names, key=len, reverse=True)

    def split_lead(self, before: str) -> tuple[str, str]:
        """(candidate indicator text, link text) — peel link and cue words off the end."""
        core = before
        link = ""
        changed = True
        while changed and core:
            changed = False
            for w in self.link:
                if core.endswith(w):
                    core, link = core[: -len(w)], w + link
                    changed = True
                    break
            for w in ("同比", "环比", "比上年", "比去年", "较上年", "较去年"):
                if core.endswith(w):
                    core, link = core[: -len(w)], w + link
                    changed = True
        return core, link

    def clean(self, phrase: str, tokens: list[tuple[int, int, str]], phrase_start: int, text: str) -> str:
        """Drop leading time/scope/region/function words and verbs that introduce the noun."""
        # time phrases anywhere in the phrase
        for m in self.vocab.period_pattern.finditer(phrase):
            if m.start() == 0:
                phrase_start += m.end()
                phrase = phrase[m.end():]
                break
        changed = True
        while changed and phrase:
            changed = False
            for w in sorted(self.scope | STOP_LEADING, key=len, reverse=True):
                if phrase.startswith(w) and len(phrase) > len(w):
                    phrase, phrase_start, changed = phrase[len(w):], phrase_start + len(w), True
                    break
            for r in self.regions:
                if phrase.startswith(r) and len(phrase) > len(r) + 1:
                    phrase, phrase_start, changed = phrase[len(r):], phrase_start + len(r), True
                    break
        # a leading verb token (建成, 部署 …) introduces the noun: drop it
        starts = getattr(tokens, "starts", None) or [t[0] for t in tokens]
        i = bisect.bisect_left(starts, phrase_start)
        while i < len(tokens) and tokens[i][0] < phrase_start + len(phrase):
            tok_s, tok_e, tag = tokens[i]
            word = text[tok_s:tok_e]
            if tok_s < phrase_start:
                i += 1
                continue
            if word in self.lead or (tag.startswith("v") and tag != "vn" and len(phrase) > tok_e - phrase_start and word not in ("新增", "净增")) or tag in ("p", "c", "d", "u", "r"):
                cut = tok_e - phrase_start
                phrase, phrase_start = phrase[cut:], tok_e
                i += 1
                continue
            break
        phrase = phrase.strip(" 的")
        return "" if phrase in self.scope or phrase in STOP_LEADING else phrase

    def opens_onto_value(self, core: str, tokens: list[tuple[int, int, str]], core_start: int, text: str) -> bool:
        """True when the words before the value end in a verb or a list word (建成45个集群,
        钢铁等10个行业): what is counted then follows the value."""
        if not core:
            return False
        if core.endswith(("等", "和", "及", "与", "、")):
            return True
        end = core_start + len(core)
        starts = getattr(tokens, "starts", None) or [t[0] for t in tokens]
        i = bisect.bisect_left(starts, end) - 1
        if i < 0 or tokens[i][1] != end:
            return False
        tag = tokens[i][2]
        return tag.startswith("v") and tag not in ("vn",)

    def after_value(self, after: str, tokens: list[tuple[int, int, str]], after_start: int, text: str) -> str:
        """The noun phrase right after a value (建成2000个5G基站 -> 5G基站): nominal tokens,
        adjectives inside it (先进制造业集群), up to the first verb or function word."""
        starts = getattr(tokens, "starts", None) or [t[0] for t in tokens]
        i = bisect.bisect_left(starts, after_start)
        limit = after_start + len(after)
        end = after_start
        while i < len(tokens) and tokens[i][0] < limit:
            tok_s, tok_e, tag = tokens[i]
            i += 1
            if tok_s < after_start:
                continue
            word = text[tok_s:tok_e]
            if tag.startswith(NOMINAL_TAGS) or tag == "vn" or word == "的":
                end = tok_e
            elif tag == "a" and i < len(tokens) and tokens[i][2].startswith(NOMINAL_TAGS):
                continue  # an adjective counts only when a noun follows it
            else:
                break
        return text[after_start:end].strip("的")
