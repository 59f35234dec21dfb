"""Modality: ``target`` for planned, expected or aimed-at values, ``actual`` otherwise.

Two sources, both from the guidelines' list (将, 计划, 规划, 力争, 目标, 预期, 预计, 到2025年):
a target cue standing as a word of its own before the value in its sentence, and the
section the sentence sits in — a government work report's plan part (a heading such as
``三、2026年重点工作`` or ``二、2019年工作安排``) states what is to be done, so its values
are targets even where the sentence carries no cue (青稞播种面积稳定在230万亩以上).
"""
from __future__ import annotations

import bisect
import re
from collections.abc import Sequence

from policy_nlp.facts.tokens import Token, is_nominal, token_span, token_starts
from policy_nlp.facts.vocabulary import FactVocabulary
from policy_nlp.records import Article

QUOTE_OPEN = ("《", "“", "「")
QUOTE_CLOSE = ("》", "”", "」")
NOUN_USE_FOLLOWERS = ("、", "，", ",", "”", "等", "的", "》")


_OUTLINE = (re.compile(r"^[一二三四五六七八九十]{1,3}[、．.]"), re.compile(r"^[（(][一二三四五六七八九十]{1,3}[）)]"),
            re.compile(r"^\d{1,2}[、．.](?!\d)"), re.compile(r"^[（(]\d{1,2}[）)]"))


def outline_level(heading: str) -> int | None:
    """The outline level of a numbered heading (一、 = 0, （一） = 1, 1. = 2, （1） = 3), or None."""
    h = heading.strip()
    for level, pattern in enumerate(_OUTLINE):
        if pattern.match(h):
            return level
    return None


_PART_BREAKS = frozenset("。；;！？\n")
_PART_BREAK_OR_TARGET = re.compile(r"[。；;！？\n]|(?:等|的)(?:主要|预期|约束性|发展)?目标(?!值)")


class ModalityJudge:
    def __init__(self, vocab: FactVocabulary):
        self.targets = vocab.words("target")
        self.actual = vocab.words("actual")
        self.plan_heading = tuple(vocab.words("plan_heading"))
        self.review_heading = tuple(vocab.words("review_heading"))
        self.provision_titles = tuple(vocab.words("provision_title"))
        self.report_words = tuple(vocab.words("provision_background"))
        self.target_date = re.compile(r"到(\d{4})年")
        firsts = {w[0] for w in self.targets | self.actual | set(QUOTE_OPEN) | set(QUOTE_CLOSE) if w} | {"到"}
        self.event_start = re.compile("[" + "".join(map(re.escape, sorted(firsts))) + "]")

    def is_provisions(self, article: Article) -> bool:
        """Is the article a policy document whose sentences set provisions (guidelines v2.1:
        amounts, caps, rates, sizes and time limits a document sets are targets)? Told by its
        title: 国务院办公厅关于…的通知, …的批复, …管理办法."""
        title = "".join((article.title or "").split()).rstrip("。")  # 的 批 复: spaced-out titles too
        return bool(self.provision_titles) and title.endswith(self.provision_titles)

    def plan_sentences(self, article: Article) -> set[int]:
        """Indices of the sentences under a plan heading, until a review heading or the next
        heading of the same outline level or above (二、今年主要任务 … 三、关于…规划纲要的说明
        ends the plan: what follows is not under it)."""
        text = article.text
        if self.is_provisions(article):
            # a sentence that reports where things stand (截至…, 累计, 已经, 同比) is the
            # document's background, not one of its provisions; every other sentence, headings
            # included (a numbered item, a table's short line: (1)一次动用…5亿公斤以下的…), is one
            return {i for i, s in enumerate(article.sentences)
                    if not any(w in text[s.start:s.end] for w in self.report_words)}
        inside = False
        plan_level = None
        out: set[int] = set()
        for i, s in enumerate(article.sentences):
            if s.is_heading:
                heading = text[s.start:s.end]
                level = outline_level(heading)
                if any(w in heading for w in self.review_heading):
                    inside = False
                elif any(w in heading for w in self.plan_heading):
                    inside, plan_level = True, level
                elif inside and level is not None and plan_level is not None and level <= plan_level:
                    inside = False
                continue
            if inside:
                out.add(i)
        return out

    def for_positions(self, text: str, tokens: Sequence[Token], start: int, end: int, positions: Sequence[int],
                      in_plan: bool, year: int | None = None) -> list[str]:
        """The modality at each value position (sorted) of the sentence ``start``..``end``,
        in one left-to-right pass over its tokens (a sentence may be very long).

        ``到2025年`` dates a target only when the year is not past when the article was
        written (``year``): in a 2023 article, 到2022年 reports what was achieved by then.

        A cue counts as a whole token, outside quotes and titles (“百人计划” names a
        thing), and not used as a noun (…推进计划、“百人计划”等, 预期寿命); a later
        正在/已经 takes the clause back to a report (年内将建成…，其余6地市5G建设正在加快部署)."""
        first, stop = token_span(tokens, start, end)
        events = self._event_tokens(text, tokens, first, stop, start, min(max(positions, default=start), end))
        named = self._target_spans(text, start, end) if "目标" in text[start:end] else []
        out: list[str] = []
        depth = 0
        target = in_plan
        dated = False
        j = 0
        for pos in positions:
            while j < len(events) and tokens[events[j]][0] < pos:
                k = events[j]
                j += 1
                s, e, tag = tokens[k]
                word = text[s:e]
                if word in QUOTE_OPEN:
                    depth += 1
                elif word in QUOTE_CLOSE:
                    depth = max(depth - 1, 0)
                elif depth:
                    pass
                elif word in self.targets:
                    following = tokens[k + 1] if k + 1 < stop else None
                    noun_use = text[e:e + 1] in NOUN_USE_FOLLOWERS or (
                        tag == "vn" and following is not None and is_nominal(following[2])
                        and text[following[0]:following[1]] not in self.targets)
                    if not noun_use and not (s > 0 and text[s - 1] == "新"):
                        target = True  # (新争取 reports what was newly won)
                elif word in self.actual and not in_plan:
                    target = False
                if not dated and text.startswith("到", s):
                    m = self.target_date.match(text, s)
                    if m and (year is None or int(m.group(1)) >= year):
                        dated = True
            named_target = any(lo <= pos < hi for lo, hi in named)
            out.append("target" if target or dated or named_target else "actual")
        return out

    @staticmethod
    def _target_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
        """提出了单位国内生产总值能源消耗降低20%左右、主要污染物排放总量减少10%等目标: values the
        clause goes on to call targets (…等目标, …的目标) are targets, whatever verb came before.
        Returns the spans (part start, target noun) whose values are so named: one pass over the
        sentence, however many values it holds."""
        spans = []
        part_start = start
        for m in _PART_BREAK_OR_TARGET.finditer(text, start, end):
            if m.group() in _PART_BREAKS:
                part_start = m.end()
            else:
                spans.append((part_start, m.start()))
        return spans

    def _event_tokens(self, text: str, tokens: Sequence[Token], first: int, stop: int, start: int, scan_end: int) -> list[int]:
        """Indices (into ``tokens``, within ``first:stop``) of the tokens starting in
        ``[start, scan_end)`` whose first character may open a cue, a quote or 到: only
        those can change the modality, and one regex scan finds them."""
        starts = token_starts(tokens)
        events = []
        for m in self.event_start.finditer(text, start, scan_end):
            i = bisect.bisect_left(starts, m.start(), first, stop)
            if i < stop and starts[i] == m.start():
                events.append(i)
        return events
