"""A matched candidate span -> value, value_high, unit and qualifier.

The regex (``patterns.py``) decides *where* a quantity may be; this module decides *what*
it says, following the annotation guidelines: multipliers fold into the value (万千瓦时 ->
千瓦时 ×10^4), percentages stay in percent (百分之三十五 -> 35, 五成 -> 50, 千分之四 -> 0.4,
2/3 -> 66.67, 一半 -> 50), ranges give value + value_high, qualifier words give the class.
"""
from __future__ import annotations

from collections import namedtuple
from dataclasses import dataclass
from functools import lru_cache
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

import re

import regex

from .numerals import CN_DIGITS, ONE, TEN, ZERO, arabic_value, parse_numeral
from .vocabulary import Vocabulary

HUNDRED = Decimal(100)
_CENT = Decimal("0.01")
_HALF = Decimal("0.5")
_SPACES = regex.compile(r"[ \t]+")


#: pattern source -> its named-tuple type of groups. Keyed by the source string, whose
#: hash is cached: hashing a compiled pattern hashes its whole compiled code each time.
_GROUP_TYPES: dict[str, type] = {}


def _groups_type(pattern: re.Pattern) -> type:
    made = _GROUP_TYPES.get(pattern.pattern)
    if made is None:
        names = sorted(pattern.groupindex, key=pattern.groupindex.get)
        if len(names) != pattern.groups:
            raise ValueError("every group of the quantity pattern must be named")
        made = _GROUP_TYPES[pattern.pattern] = namedtuple("Groups", names)
    return made


def match_groups(m: re.Match) -> tuple:
    """The match's groups as a named tuple (``g.num``, ``g.unit`` …; None where a group did
    not take part). Why not ``groupdict()``: building a 40-key dict per candidate costs
    about three times as much, and the attribute reads are cheaper too."""
    return _groups_type(m.re)._make(m.groups())


@dataclass(slots=True)
class Reading:
    """What one candidate says, before context rules decide whether it is a quantity."""

    start: int
    end: int
    value: Decimal
    high: Decimal | None
    unit: str | None
    unit_kind: str | None
    qualifier: str
    form: str  # num | range | pct | fraction | zhe | cheng | half
    numeral: str  # the main numeral as written (for context rules)
    numeral_start: int
    numeral_end: int
    has_multiplier_or_unit: bool


class SpanParser:
    """Interprets matches of the pattern built from the same Vocabulary."""

    def __init__(self, vocab: Vocabulary, fractions_as_percent: bool = False) -> None:
        self.fractions_as_percent = fractions_as_percent
        self.units = vocab.unit_by_surface()
        self.qualifiers = vocab.qualifier_by_word()
        self.multipliers = {m.word: (m.factor, m.rank) for m in vocab.multipliers}
        # numerals repeat a lot across a corpus (1, 10, 2023, 10万); results are immutable
        self._numeral = lru_cache(maxsize=1 << 16)(lambda text: parse_numeral(text, self.multipliers))

    # -- numbers ---------------------------------------------------------------------
    def numeral(self, text: str | None):
        if not text:
            return None
        return self._numeral(text)

    def single(self, text: str | None) -> Decimal | None:
        got = self.numeral(text)
        if got is None or got[1] is not None:
            return None
        return got[0]

    @staticmethod
    def _negative(sign: str | None) -> bool:
        return bool(sign) and sign not in ("+",)

    @staticmethod
    def _percent_of(nom: Decimal, den: Decimal) -> Decimal:
        """A fraction in percent; a non-terminating one is rounded to 2 places (2/3 -> 66.67)."""
        exact = nom * HUNDRED / den
        if (exact * 10**8) == (exact * 10**8).to_integral_value():
            return exact.normalize() if exact != exact.to_integral_value() else exact.to_integral_value()
        return exact.quantize(_CENT, rounding=ROUND_HALF_UP)

    # -- the match ---------------------------------------------------------------------
    def read(self, m: re.Match, groups: tuple | None = None) -> Reading | None:
        """The reading of a match, or None when the span is not a well-formed number.
        ``groups``: :func:`match_groups` of ``m``, when the caller has it already."""
        try:
            return self._read(m, groups if groups is not None else match_groups(m))
        except (ArithmeticError, ValueError, RecursionError):
            return None

    def _unit(self, g) -> tuple[str | None, str | None, Decimal]:
        if g.unit is None:
            return None, None, ONE
        u1 = g.u1
        key = _SPACES.sub("", u1) if " " in u1 or "\t" in u1 else u1
        info = self.units.get(key)
        if info is None:  # the spaced 个 百 分 点 form
            unit, kind, factor = "个百分点", "percent", ONE
        else:
            unit, kind, factor = info.unit, info.kind, info.factor
        if g.u2:
            u2 = self.units[g.u2]
            unit = f"{unit}/{g.u2m or ''}{u2.unit}"
        if g.u3:
            unit = f"{unit}（{self.units[g.u3].unit}）"
        return unit, kind, factor

    def _read(self, m: re.Match, g) -> Reading | None:
        unit, unit_kind, unit_factor = self._unit(g)
        high: Decimal | None = None
        inner = False
        has_mult = False
        form = "num"
        num_group = "num"
        if g.num is not None:
            got = self.numeral(g.num)
            if got is None:
                return None
            value, high, inner = got
            num_text = g.num
            has_mult = not self.multipliers.keys().isdisjoint(num_text)  # any of its characters
            if g.exp:
                value = self._exponent(value, g.exp)
                if value is None:
                    return None
            if self._negative(g.sign):
                value = -value
                if high is not None:
                    value, high = -high, value  # -六七 is -7 to -6: the low end stays the value
            if g.cheng is not None:
                form = "cheng"
                tenth = g.cheng2
                if tenth and high is not None:
                    return None  # 五六成三 is no quantity
                value = value * TEN + (Decimal(5) if tenth == "半" else Decimal(CN_DIGITS[tenth]) if tenth else ZERO)
                if high is not None:
                    high = high * TEN  # 五六成 -> 50-60 %
                unit, unit_kind, unit_factor = "%", "percent", ONE
            elif g.num2:
                got2 = self.numeral(g.num2)
                if got2 is None or high is not None:
                    return None
                high = got2[1] if got2[1] is not None else got2[0]
                if self._negative(g.sign2):
                    high = -high
                form = "range"
                u1 = g.unit1
                if u1:
                    info = self.units.get(u1)
                    canon = info.unit if info else "%"
                    if unit is None:
                        unit, unit_kind = canon, (info.kind if info else "percent")
                        unit_factor = info.factor if info else ONE
                    elif canon != unit:
                        return None
                if high <= value:
                    return None
            elif g.bnum:
                high = self.single(g.bnum)
                if high is None or high <= value:
                    return None
                form = "range"
        elif g.pct:
            form, num_group = "pct", "pnum"
            if g.pnum == "百":
                got = (HUNDRED, None, False)
            else:
                got = self.numeral(g.pnum)
            if got is None:
                return None
            den = self.single(_SPACES.sub("", g.pct)[:-2]) or self._bare_power(g.pct)
            if not den:
                return None
            value, high, inner = got[0] * HUNDRED / den, (got[1] * HUNDRED / den if got[1] is not None else None), got[2]
            if self._negative(g.psign):
                value = -value
            unit, unit_kind, unit_factor = "%", "percent", ONE
        elif g.den:
            form, num_group = "fraction", "den"
            den, nom = self.single(g.den), self.single(g.nom)
            if den is None or nom is None or den == 0:
                return None
            if g.nsign:
                nom = -nom
            whole = self.single(g.whole) if g.whole else None
            if g.whole and whole is None:
                return None
            value, unit, unit_kind = self._fraction(whole, nom, den, unit, unit_kind)
        elif g.sa:
            form, num_group = "fraction", "sa"
            a, b = arabic_value(g.sa), arabic_value(g.sb)
            if a is None or b is None or b == 0:
                return None
            whole = arabic_value(g.swhole) if g.swhole else None
            value, unit, unit_kind = self._fraction(whole, a, b, unit, unit_kind)
        elif g.zhe:
            form, num_group = "zhe", "zhe"
            value = self._discount(g.zhe)
            if value is None:
                return None
            unit, unit_kind = "%", "percent"
        elif g.duizhe:
            form, num_group, value = "half", "duizhe", Decimal(50)
            unit, unit_kind = "%", "percent"
        elif g.half:
            form, num_group = "half", "half"
            kind = g.halfw
            value = Decimal(50) if kind in ("百", "折") else Decimal(5)
            if kind != "百":
                unit, unit_kind = "%", "percent"
        elif g.yiban:
            form, num_group, value = "half", "yiban", Decimal(50)
            unit, unit_kind = "%", "percent"
        if unit_kind is not None or has_mult:
            has_mult = True
        value = value * unit_factor
        if high is not None:
            high = high * unit_factor
        if g.uhalf:
            value += _HALF
        if unit is None and g.cur:
            unit, unit_kind = ("美元" if g.cur in "$＄" else "元"), "currency"
        if form in ("pct", "fraction", "zhe", "half") and self._negative(g.sign):
            value = -value  # the num branch applied its sign already

        qualifier = self._qualifier(g, inner or bool(g.mid) or bool(g.mid1))
        start = m.start("pre") if g.pre and self._pre_in_text(g) else m.start(num_group)
        if g.sign and m.start("sign") < start:
            start = m.start("sign")
        if g.cur and m.start("cur") < start:
            start = m.start("cur")
        if g.pre and not self._pre_in_text(g):
            start = max(start, m.end("pre"))
        end = m.end()
        if form == "pct" and m.start("pct") < start:
            start = m.start("pct")
        if g.yiban and g.yiban[0] in "过過":
            qualifier = "at_least"
        return Reading(
            start=start,
            end=end,
            value=value,
            high=high,
            unit=unit,
            unit_kind=unit_kind,
            qualifier=qualifier,
            form=form,
            numeral=getattr(g, num_group),
            numeral_start=m.start(num_group),
            numeral_end=m.end(num_group),
            has_multiplier_or_unit=has_mult,
        )

    def _pre_in_text(self, g) -> bool:
        q = self.qualifiers.get(g.pre)
        return q is None or q.in_text

    def _qualifier(self, g, inner: bool) -> str:
        post = g.post
        if post:
            q = self.qualifiers.get(post.strip(" \t"))
            if q:
                return q.cls
        if inner:
            return "at_least"
        pre = g.pre
        if pre:
            q = self.qualifiers.get(pre)
            if q:
                return q.cls
        return "exact"

    def _bare_power(self, pct: str) -> Decimal | None:
        """百分之/千分之/万分之/百万分之: the denominator written without a leading digit."""
        word = _SPACES.sub("", pct)[:-2]
        value = ONE
        for c in word:
            if c not in self.multipliers:
                return None
            value *= self.multipliers[c][0]
        return value

    def _fraction(self, whole, nom, den, unit, unit_kind):
        """Proper fractions are shares -> percent when asked; mixed and improper ones are plain numbers."""
        if self.fractions_as_percent and whole is None and abs(nom) <= abs(den) and unit is None:
            return self._percent_of(nom, den), "%", "percent"
        value = nom / den
        if whole is not None:
            value = whole + value if whole >= 0 else whole - value
        return value, unit, unit_kind

    @staticmethod
    def _discount(text: str) -> Decimal | None:
        """打折: 九折 = 90%, 五五折 = 55%, 9.9折 = 99%, 75折 = 75%."""
        digits = []
        point = False
        for c in text:
            if c in " \t":
                continue
            if c in ".．点點":
                point = True
                continue
            d = CN_DIGITS.get(c)
            if d is None:
                d = int(c.translate(str.maketrans("０１２３４５６７８９", "0123456789")))
            digits.append(d)
        if not digits or digits[0] == 0:
            return None
        if len(digits) == 1:
            return Decimal(digits[0] * 10)
        value = Decimal(digits[0] * 10 + digits[1])
        return value

    @staticmethod
    def _exponent(value: Decimal, exp: str) -> Decimal | None:
        if exp[0] in "eE":
            power = int(exp[1:].replace("－", "-"))
            if abs(power) > 300:
                return None
            return value.scaleb(power)
        body = exp[1:]
        minus = body.count("-") % 2 == 1
        power = int(body.lstrip("+-"))
        if power > 300:
            return None
        result = Decimal(float(value) ** power)
        if minus:
            result = ONE / result
        return result
