"""Find quantity spans in a text and keep those that state the size of something.

The regex proposes candidates; the rules here reject what the annotation guidelines say is
not a quantity: dates and periods (2019年, 前5个月), ordinals and ranks (第三, 前30, 一期),
list markers (一是, （一）, 1.), numbers inside names and codes (5G, IPv6, 4K), phone numbers
and other digit codes, indefinite determiners (一家企业), and lone numeral characters that
are part of words (四川, 陆地, 一看). A lone numeral with nothing around it (“五”) is a number.
"""
from __future__ import annotations

from decimal import Decimal
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Sequence

import regex

from policy_nlp.records import Quantity

from .numerals import CN_DIGITS, FINANCIAL, to_number
from .parser import Reading, SpanParser, match_groups
from .patterns import URL_PATTERN, anchor_and_starters, anchor_filters, build_lead, build_pattern
from .vocabulary import Vocabulary, default_paths, load_vocabulary

PathLike = str | Path

#: 前 + number is a rank (前30, 前三), except in these words ending in 前 (目前30%).
_NOT_RANK = frozenset(
    "目前 当前 此前 之前 以前 提前 日前 年前 空前 超前 向前 事前 会前 节前 赛前 史前 眼前 跟前 "
    "面前 生前 先前 从前 战前 上前 月前 天前 周前 届前".split()
)
#: Words whose nearness makes a long digit string a phone, fax or code number.
_CODE_WORDS = regex.compile(r"电话|传真|热线|手机|邮编|编号|代码|号码|QQ|微信|账号|帐号|信箱|电邮|举报")
#: After a lone numeral these characters start a new word or clause (这是五那是四, “一”和“五”).
_FREE_NEXT = frozenset("的和与或不却而这那")
_CLOCK_AFTER = frozenset("多左半钟鐘整前后後许許")  # after N点: a time of day
_LIST_OPEN = frozenset("（([【〔")
_LIST_CLOSE = frozenset("）)]】〕")
_LIST_BREAK = frozenset("\n\r\t 　。；;：:！!？?）)】]，,")
_COMPARATIVE_GAP = regex.compile(r"[ \t]*+(?:[,，][ \t]*+)?(?:并且|并|且|而且|的同时|同时|而)?[ \t]*+")
_LEADING_MULTIPLIERS = frozenset("百佰千仟万萬亿億兆")
#: Unit kinds with which a bare multiplier (百万吨, 万亿元) under a qualifier is a quantity.
_BARE_MULTIPLIER_UNIT_KINDS = frozenset(("measure", "unit", "currency"))
_CODE_DASHES = frozenset("-－—–_")
_YEAR = regex.compile(r"(?:19|20)\d\d")


def _is_cjk(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff" or "\u3400" <= ch <= "\u4dbf" or "\uf900" <= ch <= "\ufaff"


def _as_paths(value: PathLike | Sequence[PathLike] | None, default: Path, extend: bool) -> tuple[str, ...]:
    if value is None:
        return (str(default),)
    items = [value] if isinstance(value, (str, Path)) else list(value)
    return ((str(default),) if extend else ()) + tuple(str(p) for p in items)


@lru_cache(maxsize=8)
def _compiled(vocab: Vocabulary):
    return (build_pattern(vocab), build_lead(vocab), *anchor_and_starters(vocab), *anchor_filters(vocab))


class QuantityExtractor:
    """Text -> sorted list of :class:`~policy_nlp.records.Quantity`.

    Each vocabulary argument is a TSV path (or several) in the format of the bundled file of
    the same name under ``policy_nlp/resources/quantities/``. By default the given files
    *extend* the bundled ones; pass ``extend=False`` to replace them.

    ``fractions_as_percent``: a proper fraction (二分之一, 2/3) is the number a reader
    finds (0.5) by default; the fact layer sets it, because the annotation guidelines
    write fractions as percent (2/3 -> 66.67 %).
    """

    def __init__(
        self,
        units: PathLike | Sequence[PathLike] | None = None,
        multipliers: PathLike | Sequence[PathLike] | None = None,
        qualifiers: PathLike | Sequence[PathLike] | None = None,
        lexicon: PathLike | Sequence[PathLike] | None = None,
        *,
        extend: bool = True,
        fractions_as_percent: bool = False,
    ) -> None:
        d = default_paths()
        self.vocabulary = load_vocabulary(
            _as_paths(units, d["units"], extend),
            _as_paths(multipliers, d["multipliers"], extend),
            _as_paths(qualifiers, d["qualifiers"], extend),
            _as_paths(lexicon, d["lexicon"], extend),
        )
        (
            self._pattern,
            self._lead,
            self._anchor,
            self._starters,
            self._lookback,
            self._cn_anchor,
            self._continuation,
            self._lead_end,
        ) = _compiled(self.vocabulary)
        self._parser = SpanParser(self.vocabulary, fractions_as_percent=fractions_as_percent)
        self._qualifiers = self.vocabulary.qualifier_by_word()
        self._units = self.vocabulary.unit_by_surface()
        self._constrained_pre = frozenset(q.word for q in self.vocabulary.qualifiers if q.not_after)
        self._constrained_units = frozenset(u.surface for u in self.vocabulary.units if u.not_followed_by)
        # 届 is an ordinal (十届全国人大) unless a verb of holding counts editions (连续举办五届);
        # 番 counts only after 翻 (翻两番; 一番努力 is no quantity)
        self._count_after = {u.surface: u.count_after for u in self.vocabulary.units if u.count_after}
        self._count_after.update({u.unit: u.count_after for u in self.vocabulary.units if u.count_after})
        self._not_quantity_units = frozenset(u.surface for u in self.vocabulary.units
                                             if u.kind in ("period", "ordinal") or u.count_after)

    def __call__(self, text: str) -> list[Quantity]:
        if not text:
            return []
        found: list[Quantity] = []
        n = len(text)
        constrained_pre, constrained_units = self._constrained_pre, self._constrained_units
        not_quantity_units = self._not_quantity_units
        for m in self._matches(text):
            if m.group("skip") is not None:
                continue
            u1 = m.group("u1")
            if u1 is not None and u1 in not_quantity_units and not self._counted(text, m.start(), u1):
                continue  # 2019年, 5月份, 一期: dates, periods and ordinals, whatever the number
            g = match_groups(m)
            if g.pre in constrained_pre or u1 in constrained_units:
                m2 = self._respect_context(text, m)
                if m2 is not m:
                    m, g = m2, match_groups(m2)
                    if g.skip is not None:
                        continue
            num = g.num
            if (
                num is not None
                and len(num) == 1
                and g.unit is None
                and g.pre is None
                and g.post is None
                and g.mid is None
                and g.num2 is None
                and g.bnum is None
                and g.cheng is None
                and g.exp is None
                and not g.sign
                and num in _LONE
            ):
                # fast path for the commonest candidate: a lone numeral character (一 of 一些)
                s, e = m.start(), m.end()
                if not _isolated(text[s - 1] if s else "", text[e] if e < n else ""):
                    continue
            u1 = g.u1
            if u1 is not None and u1 in self._not_quantity_units and not self._counted(text, m.start(), u1):
                continue
            reading = self._parser.read(m, g)
            if reading is None:
                reading = self._shorter(text, m)
            if reading is None or not self._is_quantity(text, reading):
                continue
            found.append(self._record(text, reading))
        return _merge_comparatives(text, found)

    # ------------------------------------------------------------------------------
    def _matches(self, text: str) -> Iterable[regex.Match]:
        """Non-overlapping matches, left to right, as ``finditer`` would give them.

        Why not ``finditer``: the pattern is only tried at positions that can start a
        quantity near an anchor character (a numeral), which is ~10x faster on prose.
        URLs are found first and skipped whole (numbers inside them are not quantities).
        """
        urls = [u.span() for u in URL_PATTERN.finditer(text)] if ("http" in text or "www." in text) else []
        search, match, lead_search = self._anchor.search, self._pattern.match, self._lead.search
        lookback = self._lookback
        cn_anchor, cont, lead_end = self._cn_anchor, self._continuation, self._lead_end
        pos, n = 0, len(text)
        while pos < n:
            a = search(text, pos)
            if a is None:
                return
            at = a.start()
            if urls:
                inside = next((e for s, e in urls if s <= at < e), None)
                if inside is not None:
                    pos = inside
                    continue
            prv = text[at - 1] if at > pos else ""
            if text[at] in cn_anchor:
                nxt = text[at + 1] if at + 1 < n else ""
                if nxt and nxt not in cont and _is_cjk(nxt) and prv and prv not in lead_end and _is_cjk(prv):
                    pos = at + 1
                    continue
            lead = lead_search(text, max(pos, at - lookback), at) if prv and prv in lead_end else None
            m = None
            if lead is not None and lead.start() < at:
                m = match(text, lead.start())
                if m is not None and m.end() <= at:
                    m = None
            if m is None:
                m = match(text, at)
            if m is None or m.end() == m.start():
                pos = at + 1
                continue
            yield m
            pos = max(m.end(), pos + 1)

    def _respect_context(self, text: str, m: regex.Match) -> regex.Match:
        """Apply the word-list constraints the named lists cannot express.

        A qualifier preceded by a character that makes it part of a word (通过, 最近) is
        dropped; a unit followed by a continuation that makes it part of a noun (人口,
        元素) is dropped. The span is then matched again without it.
        """
        for _ in range(3):
            if m.group("skip") is not None:
                return m
            pre = m.group("pre")
            if pre:
                q = self._qualifiers[pre]
                if q.not_after and m.start() > 0 and text[m.start() - 1] in q.not_after:
                    again = self._pattern.match(text, m.end("pre"))
                    if again is None or again.group("skip") is not None:
                        return m  # caller drops nothing useful; keep original span
                    m = again
                    continue
            u1 = m.group("u1")
            if u1 is not None:
                unit = self._units.get(u1)
                end = m.end("u1")
                if unit is not None and unit.not_followed_by and text.startswith(unit.not_followed_by, end):
                    again = self._pattern.match(text, m.start(), m.start("unit"))
                    if again is None:
                        return m
                    m = again
                    continue
            return m
        return m

    def _shorter(self, text: str, m: regex.Match) -> Reading | None:
        """五十千: when a numeral does not parse, retry without its last multiplier(s)."""
        group = next((g for g in ("num", "pnum") if m.group(g)), None)
        if group is None or m.group("num2") or m.group("bnum"):
            return None
        start, end = m.start(), m.end(group)
        for cut in range(1, 3):
            stop = end - cut
            if stop <= m.start(group) or text[stop] not in self._parser.multipliers:
                return None
            sub = self._pattern.match(text, start, stop)
            if sub is not None and sub.group("skip") is None and sub.group(group):
                reading = self._parser.read(sub)
                if reading is not None:
                    return reading
        return None

    def _record(self, text: str, r: Reading) -> Quantity:
        return Quantity(
            text=text[r.start:r.end],
            start=r.start,
            end=r.end,
            value=to_number(r.value),
            value_high=to_number(r.high) if r.high is not None else None,
            unit=r.unit,
            qualifier=r.qualifier,
        )

    def _counted(self, text: str, start: int, unit: str | None) -> bool:
        """Whether a unit that counts only in context counts here: one of its ``count_after``
        words (a verb of holding, 举办 before 届; 翻 before 番) stands right before the number,
        a 了 between allowed."""
        words = self._count_after.get(unit) if unit else None
        if not words:
            return False
        if text.endswith("了", 0, start):
            start -= 1
        if any(text.endswith(w, 0, start) for w in words):
            return True
        if not text.endswith("、", 0, start):
            return False
        # 举办8届艺术节、3届大会: a later item of a list the verb governs
        clause = _CLAUSE_BREAK.split(text[max(0, start - 40):start])[-1]
        return any(w in clause for w in words)

    def _is_quantity(self, text: str, r: Reading) -> bool:
        if r.unit in self._count_after:
            if not self._counted(text, r.start, r.unit):
                return False  # 十届全国人大, 一番努力
        elif r.unit_kind in ("period", "ordinal"):
            return False
        if r.unit_kind == "year" and not _length_of_years(text, r):
            return False  # 2019年, 2020—2025年, 2025年底: a date, not a length
        if r.unit_kind == "day" and not _length_of_days(text, r):
            return False  # 6月1日, 1日起: a date, not a length
        n = len(text)
        prev = text[r.start - 1] if r.start > 0 else ""
        nxt = text[r.end] if r.end < n else ""
        core = r.numeral.replace(" ", "").replace("\t", "")
        if prev == "第":
            return False
        if prev == "前" and text[max(0, r.start - 2):r.start] not in _NOT_RANK:
            return False
        before_numeral = text[r.numeral_start - 1] if r.numeral_start > 0 else ""
        if before_numeral.isascii() and before_numeral.isalpha() or nxt.isascii() and (nxt.isalpha() or (nxt != "" and nxt in "_@")):
            return False  # part of a code or name: IPv6, 5G, 3D
        if before_numeral in _CODE_DASHES and r.numeral_start > 1 and text[r.numeral_start - 2].isascii() and text[r.numeral_start - 2].isalpha():
            return False  # A—11, B-2: a letter-dash-number code
        if core.isascii() and core[-1:] == "K" and len(core) == 2:
            return False  # 4K, 8K: video resolutions
        if "+" in (prev, nxt) or "＋" in (prev, nxt):
            return False  # “1+6”体系, 5+2: numbered slogans
        if nxt in "点點" and nxt and r.unit is None and text[r.end + 1:r.end + 2] in _CLOCK_AFTER:
            return False  # 7点多, 8点左右, 十点半: a time of day (三点建议 counts points)
        if nxt == "大" and r.unit is None and prev != "比":
            return False  # 二十大, 四大工程, 7大产业: numbered names (比三十大 is a comparison)
        if r.form in ("num", "range"):
            if not self._plain_number_ok(text, r, core, prev, nxt):
                return False
        return True

    def _plain_number_ok(self, text: str, r: Reading, core: str, prev: str, nxt: str) -> bool:
        digits = core.translate(_FULL)
        if digits.isdigit() and digits.isascii():
            if len(digits) > 1 and digits[0] == "0":
                return False  # area codes, ids
            if r.unit is None and len(digits) >= 11:
                return False  # phone numbers, ids
            if len(digits) >= 5 and _CODE_WORDS.search(text, max(0, r.start - 8), r.start):
                return False
        if r.unit is None and r.qualifier == "exact" and r.high is None and digits.isascii():
            if _YEAR.fullmatch(digits):
                return False  # 2023北京推介活动: a bare year
            if digits.endswith(".0") and digits[:-2].isdigit():
                return False  # 工业4.0, 经济3.0: a version label
        # dotted sequences (2222.2222.22, 2019.3.5, 1.2.3) are versions or dates
        if r.end + 1 < len(text) and nxt and nxt in ".．" and text[r.end + 1].translate(_FULL).isdigit():
            return False
        if r.start >= 2 and prev and prev in ".．" and text[r.start - 2].translate(_FULL).isdigit():
            return False
        if r.form == "range" and r.unit is None and r.high is not None:
            if _YEAR.fullmatch(digits) and 1900 <= r.high <= 2100:
                return False  # 2019-2020: a year range
        # list markers: （一）, 一、, 1. at the start of a clause
        if r.unit is None and r.qualifier == "exact":
            if prev and nxt and prev in _LIST_OPEN and nxt in _LIST_CLOSE:
                return False
            if nxt and (nxt in "、．" or (nxt == "." and not text[r.end + 1:r.end + 2].isdigit())) and (
                prev == "" or prev in _LIST_BREAK
            ):
                return False
        first = core[:1]
        if first in _LEADING_MULTIPLIERS and not (len(core) > 1 and (core[1] in CN_DIGITS)):
            if not (len(core) == 1 and r.qualifier == "at_least") and not (
                r.qualifier != "exact" and r.unit is not None and r.unit_kind in _BARE_MULTIPLIER_UNIT_KINDS
                and prev not in ("/", "／")  # 0.6人/百亿元以下: the denominator of a rate
            ):
                # 千万 (adverb), 百亿企业 (a size class), 万 alone; but a qualified amount with
                # its unit (突破百万吨, 超千万吨, 近百个, 超万亿元) states a size
                return False
        single = len(core) == 1 and core in _LONE
        if single:
            isolated = _isolated(prev, nxt)
            if core in FINANCIAL:
                return isolated and r.unit is None
            if r.unit is None and r.qualifier == "exact" and r.high is None:
                return isolated
            if core == "一" and r.unit_kind == "measure" and r.qualifier == "exact" and r.high is None:
                # 一家企业, 一位老师: an indefinite determiner, unless nothing follows (一只)
                if nxt and (_is_cjk(nxt) and nxt not in CN_DIGITS or nxt.isdigit()):
                    return False
        return True


_LONE = frozenset(CN_DIGITS) | frozenset("十拾")
# After 年, these make the number a point in time or a span of dates (年底, 年初, 年代, 年度,
# 年来, 年间, 年内, 年前, 年后): a period phrase, not a length that something measures.
_AFTER_YEAR_DATE = frozenset("月日度底初末中代级份间来内前后以起至到—－-~～")
_CN_PLACE_VALUE = frozenset("十拾百佰千仟万萬")
_YEAR_DIGIT_STRING = frozenset("〇零○")


# words a length of days follows (之日起30日, 延长30日, 期限为15日, 不超过5日)
_DAY_LIMIT_LEADS = ("起", "延长", "期限", "期限为", "不超过", "超过", "不少于", "至少", "最长", "最多", "为期", "需")

def _length_of_days(text: str, r: Reading) -> bool:
    """Whether N日 is a length of days (60日内, 延长30日, 之日起30日) rather than a date (6月1日).

    A date's day follows its month (6月1日, 六月一日) or stands alone as a day of the month;
    a length is written after a time limit's words or closed by 内/以内 (guidelines v2.1: time
    limits are facts), or is more days than a month has."""
    before = text[max(0, r.numeral_start - 1):r.numeral_start]
    if before == "月" or before.isdigit():
        return False
    nxt = text[r.end:r.end + 2]
    if nxt.startswith(("内", "以内", "之内")):
        return True
    core = r.numeral.replace(" ", "").translate(_FULL)
    if core.isdigit() and int(core) > 31:
        return True
    lead = text[max(0, r.numeral_start - 3):r.numeral_start]
    return lead.endswith(_DAY_LIMIT_LEADS)


_CLAUSE_BREAK = regex.compile(r"[，。；！？：,;!?:\n]")

def _length_of_years(text: str, r: Reading) -> bool:
    """Whether N年 is a length (五千多年的历史, 延长30年, 近40年) rather than a year.

    The numeral tells: a year is written with digits (2019, 二〇一九), a length with place
    values (五千, 二十) or a small number; 多 or 余 after the numeral (2000多年) makes it a length.
    What follows tells too: 年底, 年来, 年间 make it a date or a period phrase.
    """
    nxt = text[r.end] if r.end < len(text) else ""
    if nxt in _AFTER_YEAR_DATE:
        return False
    if r.numeral_end < len(text) and text[r.numeral_end] in "多余":
        return True
    core = r.numeral.replace(" ", "").translate(_FULL)
    if core.isdigit():
        return int(core) < 1000
    if any(c in _YEAR_DIGIT_STRING for c in core):
        return False
    return len(core) == 1 or any(c in _CN_PLACE_VALUE for c in core)



def _isolated(prev: str, nxt: str) -> bool:
    """A lone numeral character stands as a number only when nothing word-like touches it
    (“五”, 这是五那是四); otherwise it is part of a word (四川, 一些, 陆地)."""
    return (prev == "" or not (_is_cjk(prev) or prev.isalnum()) or prev == "是") and (
        nxt == "" or not (_is_cjk(nxt) or nxt.isalnum()) or nxt in _FREE_NEXT
    )


_FULL = str.maketrans("０１２３４５６７８９．", "0123456789.")


def _merge_comparatives(text: str, found: list[Quantity]) -> list[Quantity]:
    """大于10小于20, 1000以上，1500以下, 最多100最少20: one bound each side -> one range."""
    if len(found) < 2:
        return found
    out: list[Quantity] = []
    i = 0
    while i < len(found):
        a = found[i]
        if i + 1 < len(found):
            b = found[i + 1]
            pair = {a.qualifier, b.qualifier}
            if (
                pair == {"at_least", "at_most"}
                and a.value_high is None
                and b.value_high is None
                and (a.unit == b.unit or a.unit is None or b.unit is None)
                and _COMPARATIVE_GAP.fullmatch(text, a.end, b.start)
            ):
                lo, hi = (a, b) if a.qualifier == "at_least" else (b, a)
                if lo.value < hi.value:
                    out.append(
                        Quantity(
                            text=text[a.start:b.end],
                            start=a.start,
                            end=b.end,
                            value=lo.value,
                            value_high=hi.value,
                            unit=a.unit or b.unit,
                            qualifier="exact",
                        )
                    )
                    i += 2
                    continue
        out.append(a)
        i += 1
    return out
