"""Quantities the guidelines say are not facts, told from the sentence around them.

The quantity layer finds every number with a unit; some of them are not sizes of
anything, and only their context shows it (guidelines, "Do NOT annotate"):

- numbers inside names or slogans: a 《》 title or a short quoted name (“四件大事”);
- size thresholds that define a category: 亿元以上重点项目, 20户以上自然村, 超百亿企业, 营收过亿元的企业,
  坡度在15度以上的耕地面积为1.79亿亩;
- indefinite determiners: 一家企业, 建一块成一块 (but 只开设一个账号 is a cap and counts);
- numbers that count the items just listed: …两项数据均排名全国前列;
- outline numbers of a heading (``1.4　工作原则``, ``2.1.3　成员单位职责``);
- numbers inside a word of the segmenter's dictionary (和平共处五项原则, 三五轮): a name or
  an idiom, not a measurement;
- numbers of a part of the text (附件1, 附表2, 图3): like article and page numbers, a label;
- a bare number alone on its line: a table cell whose row and column headers are elsewhere,
  so no indicator and no unit can be read from the sentence (a table reader gives it both);
- a length of time that frames an activity (为期两天, 过去五年): a period, not a size.
"""
from __future__ import annotations

import re
from collections.abc import Sequence

from policy_nlp.facts.tokens import Token, is_nominal, token_at, tokens_in
from policy_nlp.facts.vocabulary import FactVocabulary
from policy_nlp.records import Quantity

CHINESE_COUNT_DIGITS = "两二三四五六七八九十"
CLAUSE_END = "，,；;。！？!?\n"
_TITLE = re.compile(r"《[^《》]+》")  # a titled work, however long, is one item of a list
_TITLE_LIST = re.compile(r"(?:《[^《》]+》[、和及与]?)+$")


class NonFactFilter:
    """``reason(...)`` names why a quantity is not a fact, or returns None."""

    def __init__(self, vocab: FactVocabulary):
        self.restrictive = vocab.words("restrictive")
        self.back_reference = vocab.words("back_reference")
        self.part_labels = vocab.words("part_label")
        self.line_labels = vocab.words("line_label")
        self.list_verbs = sorted(vocab.words("list_verb"), key=len, reverse=True)
        self.time_units = vocab.words("time_unit")
        self.duration_frames = tuple(vocab.words("duration_frame"))
        self.unmeasured_time_units = vocab.words("unmeasured_time_unit")
        self.duration_measures = tuple(vocab.words("duration_measure"))

    def reason(self, q: Quantity, text: str, sent_start: int, sent_end: int, tokens: Sequence[Token],
               qs: Sequence[Quantity], after: int) -> str | None:
        """``qs[after:]`` are the values later in the sentence."""
        if self.inside_name(q, text, sent_start, sent_end):
            return "inside a name"
        if self.outline_number(q, text):
            return "outline number"
        if self.inside_word(q, text, tokens):
            return "inside a word"
        if self.part_number(q, text):
            return "number of a part of the text"
        if self.table_cell(q, text):
            return "table cell without headers"
        if self.category_threshold(q, text, tokens, qs, after, sent_end):
            return "category threshold"
        if self.indefinite_determiner(q, text, tokens):
            return "indefinite determiner"
        if self.counts_listed_items(q, text, tokens) or self.counts_a_list(q, text, sent_start, sent_end):
            return "counts the items just listed"
        if self.framing_duration(q, text, sent_start, sent_end):
            return "a length of time that frames an activity"
        return None

    @staticmethod
    def inside_name(q: Quantity, text: str, sent_start: int, sent_end: int) -> bool:
        """A number inside a 《》 title or a short quoted name (“四件大事”, “两个确保”)."""
        for opener, closer, longest in (("《", "》", 200), ("“", "”", 16)):
            o = text.rfind(opener, sent_start, q.start)
            if o < 0 or text.rfind(closer, o, q.start) >= 0:
                continue
            c = text.find(closer, q.end, sent_end)
            if c >= 0 and c - o <= longest:
                return True
        return False

    @staticmethod
    def outline_number(q: Quantity, text: str) -> bool:
        """A bare number (no unit) opening a line and followed by a space: 1.4　工作原则."""
        if q.unit is not None or not q.text.replace(".", "").isdigit():
            return False
        line_start = text.rfind("\n", 0, q.start) + 1
        return not text[line_start:q.start].strip() and text[q.end:q.end + 1] in (" ", "\u3000", "\t", "、", "．")

    def part_number(self, q: Quantity, text: str) -> bool:
        """附件1, 附表2, 图3 at the start of its line, 与红线交点1 closing its line: the number labels
        a part of the document or an item of a drawing (guidelines: article and page numbers)."""
        if q.unit is not None:
            return False
        if any(text.endswith(w, 0, q.start) for w in self.part_labels):
            return True
        line_start = text.rfind("\n", 0, q.start) + 1
        head = text[line_start:q.start]
        label = head.rstrip(" \u3000")
        if label in self.line_labels or any(label.endswith((" " + w, "\u3000" + w)) for w in self.line_labels):
            return True  # 图1　汽车号牌编码规则; …汽车前号牌      图6: a caption, after a space
        if not q.text.isdigit() or not head or not ("\u4e00" <= head[-1] <= "\u9fff") or len(head) > 12:
            return False
        line_end = text.find("\n", q.end)
        rest = text[q.end:len(text) if line_end < 0 else line_end]
        return not rest.strip(" \u3000\t") and not any(ch.isdigit() for ch in head)

    @staticmethod
    def table_cell(q: Quantity, text: str) -> bool:
        """A number without a unit that fills its line (a cell of a table pasted as text,
        ``13728.0207`` or ``R-160.000``): what it measures is in headers the sentence does not hold."""
        if q.unit is not None:
            return False
        line_start = text.rfind("\n", 0, q.start) + 1
        line_end = text.find("\n", q.end)
        line_end = len(text) if line_end < 0 else line_end
        rest = text[line_start:q.start].strip() + text[q.end:line_end].strip()
        return len(rest) <= 3 and not any("\u4e00" <= ch <= "\u9fff" for ch in rest)

    @staticmethod
    def inside_word(q: Quantity, text: str, tokens: Sequence[Token]) -> bool:
        """The quantity starts a longer dictionary word of the tagger's (五项原则): a fixed
        term, not a measured size."""
        tok = token_at(tokens, q.start)
        return tok is not None and tok[0] == q.start and tok[1] > q.end and "\u4e00" <= text[q.end:q.end + 1] <= "\u9fff" \
            and tok[2] not in ("m", "mq", "q")

    @staticmethod
    def category_threshold(q: Quantity, text: str, tokens: Sequence[Token], qs: Sequence[Quantity], after: int,
                           sent_end: int) -> bool:
        """A lower bound (以上, bare 超) that modifies a noun: directly (亿元以上重点项目,
        10亿元以上先进制造业项目库) or through 的 when the clause then measures that noun
        with another quantity (坡度在15度以上的耕地面积为1.79亿亩)."""
        if q.qualifier != "at_least" or not (q.text.endswith("以上") or (q.text[:1] in "超过逾" and not q.text.startswith(("超过", "过半", "過半")))):
            return False
        nxt = token_at(tokens, q.end)
        if nxt is None:
            return False
        tag = nxt[2]
        if (is_nominal(tag) and tag != "nr") or tag == "a":
            return True
        if text[nxt[0]:nxt[1]] == "的":
            clause_end = q.end
            while clause_end < sent_end and text[clause_end] not in CLAUSE_END:
                clause_end += 1
            return after < len(qs) and qs[after].start < clause_end
        return False

    def indefinite_determiner(self, q: Quantity, text: str, tokens: Sequence[Token]) -> bool:
        """一 + measure word, written in Chinese (一家企业, 一项, 一天): an article-like
        determiner unless a restrictive word makes it a count (只开设一个)."""
        if not q.text.startswith("一") or q.value != 1 or q.unit in (None, "%", "番") or q.qualifier != "exact":
            return False  # (翻一番: a count of doublings, never a determiner)
        before = text[max(0, q.start - 4):q.start]
        return not any(w in before for w in self.restrictive)

    def counts_listed_items(self, q: Quantity, text: str, tokens: Sequence[Token]) -> bool:
        """两项数据均…, 三个指标都…: a small count in Chinese numerals, a noun, then a word
        that refers back to the items (均, 都, 分别)."""
        if not q.text or q.text[0] not in CHINESE_COUNT_DIGITS or q.value > 10:
            return False
        following = tokens_in(tokens, q.end, q.end + 8)
        if len(following) < 2 or not is_nominal(following[0][2]):
            return False
        return text[following[1][0]:following[1][1]] in self.back_reference

    def counts_a_list(self, q: Quantity, text: str, sent_start: int, sent_end: int) -> bool:
        """北京、天津、上海、重庆4个直辖市; 号牌分为汽车号牌和摩托车号牌两种 / 两种号牌分为…和…: a
        small count that equals the number of items a list right beside it names counts that
        list, it measures nothing (guidelines: numbers that count the items just listed)."""
        n = q.value
        if q.value_high is not None or n is None or n != int(n) or not 2 <= n <= 12 or q.qualifier != "exact":
            return False
        lo = max(text.rfind(ch, sent_start, q.start) for ch in "，,；;：:（(") + 1
        lo = max(lo, sent_start)
        before = text[lo:q.start]
        if "、" in before and _list_items(before) == n:
            return True
        titles = _TITLE_LIST.search(before)
        if titles and len(_TITLE.findall(titles.group())) == n:
            return True  # 完成了《…》及《南泥湾》两部影片
        for verb in self.list_verbs:
            k = before.rfind(verb)
            if k >= 0 and _list_items(before[k + len(verb):]) == n:
                return True  # 号牌分为汽车号牌和摩托车号牌两种
        hi = min([i for i in (text.find(ch, q.end, sent_end) for ch in "，,；;。") if i >= 0] or [sent_end])
        after = text[q.end:hi]
        for verb in self.list_verbs:
            k = after.find(verb)
            if 0 <= k <= 12:
                return _list_items(after[k + len(verb):]) == n
        return False


    def framing_duration(self, q: Quantity, text: str, sent_start: int, sent_end: int) -> bool:
        """为期两天, 历时两年多, 过去五年, 三年行动: a length of time that frames an activity or the
        quantities after it is a period (guidelines: 连续3个月 is not annotated); a length the sentence
        measures — 只需4秒, 延长30年, 五千多年不间断的历史 — is a fact."""
        if q.unit not in self.time_units:
            return False
        head = text[max(sent_start, q.start - 4):q.start].rstrip("了 ")
        if head.endswith(self.duration_frames):
            return True
        if q.unit not in self.unmeasured_time_units:
            return False
        if head.endswith(self.duration_measures):
            return False
        tail = text[q.end:min(sent_end, q.end + 6)]
        for k, ch in enumerate(tail):
            if ch in CLAUSE_END or ch == "、":
                break
            if ch == "的":
                return k + 1 >= len(tail) or tail[k + 1] in CLAUSE_END
        return True


def _list_items(span: str) -> int:
    """How many items a list of names joined by 、 (and a last 和/及/与) holds; 0 when the
    span is no such list (an item of more than 12 characters or holding a digit is a clause)."""
    items = []
    for part in span.split("、"):
        for sub in part.replace("及", "和").replace("与", "和").split("和"):
            items.append(sub)
    if len(items) < 2 or any(not it or (len(it) > 12 and not _TITLE.fullmatch(it)) or any(ch.isdigit() for ch in it)
                             for it in items):
        return 0
    return len(items)
