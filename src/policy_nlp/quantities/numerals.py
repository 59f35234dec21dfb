"""Chinese and Arabic numerals -> exact Decimal values.

Why Decimal: policy texts write amounts like 3541.07万元 or 47.264287亿元; multiplying floats
gives 35410700.000000004, which then fails an exact comparison. Everything is computed in
Decimal and converted once at the end (``to_number``).

The grammar follows ordinary Chinese number formation (as in Recognizers-Text's Chinese
number parser):
- a *section* below 万 is read with 十/百/千, ``零`` as filler (一千零五 = 1005) and the
  elliptic last digit (两千四百五 = 2450, 一万三 = 13000, 13万2 = 132000);
- big units split sections recursively at the largest unit (万亿 = 10^12, 四万万 = 4·10^8);
- a decimal part written with 点 or '.' applies to the whole integer before it, and a
  multiplier after the decimals scales the whole number (一点七八万亿, 4.78万亿);
- two consecutive digits (两三个, 二三十) are a range: (2, 3), (20, 30).
"""
from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Mapping

ONE = Decimal(1)
TEN = Decimal(10)
ZERO = Decimal(0)

#: Chinese digit characters, including financial (大写) and traditional forms.
CN_DIGITS: dict[str, int] = {
    "零": 0, "〇": 0,
    "一": 1, "壹": 1,
    "二": 2, "贰": 2, "貳": 2, "两": 2, "兩": 2, "俩": 2, "倆": 2,
    "三": 3, "叁": 3,
    "四": 4, "肆": 4,
    "五": 5, "伍": 5,
    "六": 6, "陆": 6, "陸": 6,
    "七": 7, "柒": 7,
    "八": 8, "捌": 8,
    "九": 9, "玖": 9,
}
#: Digits that may follow a decimal point (两 is a cardinal, never a decimal digit).
CN_DECIMAL_DIGITS = "".join(c for c in CN_DIGITS if c not in "两兩俩倆")
#: Financial numerals; alone they are usually part of a word (队伍, 陆地, 收拾).
FINANCIAL = frozenset("壹贰貳叁肆伍陆陸柒捌玖拾佰仟")

DECIMAL_POINTS = frozenset("点點.．")
SPACES = frozenset(" \t")
INNER_QUALIFIERS = frozenset("多余几幾")
_ARABIC_DIGITS = frozenset("0123456789０１２３４５６７８９")
_ARABIC_POINTS = frozenset(".．")
_ARABIC_CHARS = _ARABIC_DIGITS | _ARABIC_POINTS | frozenset(",，")
_FULLWIDTH = str.maketrans("０１２３４５６７８９．，", "0123456789.,")

# token kinds: d=digit/number, z=zero filler, s=small unit, b=big unit, p=decimal part, x=suffix
Token = tuple  # (kind, Decimal, single_digit: bool, from_cjk: bool)

#: Longest numeral (characters, spaces included) read as one number.
MAX_NUMERAL_LENGTH = 64

Multipliers = Mapping[str, tuple[Decimal, str]]


def arabic_value(text: str) -> Decimal | None:
    """Value of an Arabic number with optional thousands separators (full width too)."""
    s = text.translate(_FULLWIDTH).replace(",", "").replace(" ", "")
    try:
        return Decimal(s)
    except InvalidOperation:
        return None


def _tokenize(text: str, multipliers: Multipliers) -> tuple[list[Token], bool] | None:
    tokens: list[Token] = []
    inner = False
    s = "".join(c for c in text if c not in SPACES)
    i, n = 0, len(s)
    while i < n:
        c = s[i]
        if c in _ARABIC_DIGITS or (c in _ARABIC_POINTS and i + 1 < n and s[i + 1] in _ARABIC_DIGITS):
            j = i
            while j < n and s[j] in _ARABIC_CHARS:
                j += 1
            raw = s[i:j].rstrip(",.").translate(_FULLWIDTH)
            j = i + len(raw)
            value = arabic_value(raw)
            if value is None:
                return None
            digits = raw.replace(",", "")
            single = len(digits) == 1
            if j < n and s[j] in multipliers and multipliers[s[j]][1] == "ascii":
                value *= multipliers[s[j]][0]
                single = False
                j += 1
            tokens.append(("d", value, single, False))
            i = j
        elif c in CN_DIGITS:
            v = CN_DIGITS[c]
            tokens.append(("z", ZERO, True, True) if v == 0 else ("d", Decimal(v), True, True))
            i += 1
        elif c in DECIMAL_POINTS:
            j = i + 1
            while j < n and s[j] in CN_DECIMAL_DIGITS:
                j += 1
            if j == i + 1:
                return None
            frac = "".join(str(CN_DIGITS[ch]) for ch in s[i + 1:j])
            tokens.append(("p", Decimal("0." + frac), False, True))
            i = j
        elif c in multipliers:
            factor, rank = multipliers[c]
            kind = {"small": "s", "big": "b", "suffix": "x"}.get(rank)
            if kind is None:
                return None
            tokens.append((kind, factor, False, True))
            i += 1
        elif c in INNER_QUALIFIERS:
            inner = True
            if tokens and tokens[-1][0] == "z":  # 一百零几万: 零几 stands for the missing digits
                tokens.pop()
            i += 1
        else:
            return None
    return tokens, inner


def _section(tokens: list[Token]) -> Decimal | None:
    """A section below the next big unit: 十/百/千 with 零 fillers and the elliptic digit."""
    total = ZERO
    pending: Decimal | None = None
    pending_single = False
    last: Decimal | None = None
    zero = False
    for kind, val, single, _ in tokens:
        if kind == "z":
            if pending is not None:
                return None
            zero = True
        elif kind == "d":
            if pending is not None:
                return None
            pending, pending_single = val, single
        elif kind == "s":
            if last is not None and val >= last:
                return None
            if pending is None:
                if last is not None and not zero:
                    return None
                pending = ONE
            total += pending * val
            last, pending, zero = val, None, False
        else:
            return None
    if pending is not None:
        if last is not None and not zero and pending_single:
            total += pending * last / TEN
        else:
            total += pending
    elif zero and total > 0:
        return None
    elif last is None and not zero:
        return None
    return total


def _integer(tokens: list[Token]) -> Decimal | None:
    bigs = [i for i, t in enumerate(tokens) if t[0] == "b"]
    if not bigs:
        return _section(tokens)
    top = max(tokens[i][1] for i in bigs)
    at = max(i for i in bigs if tokens[i][1] == top)
    left, right = tokens[:at], tokens[at + 1:]
    if not left:
        return None
    lv = _integer(left)
    if lv is None:
        return None
    if not right:
        return lv * top
    if len(right) == 1 and right[0][0] == "d" and right[0][2]:
        return lv * top + right[0][1] * top / TEN
    if right[0][0] == "z":
        right = right[1:]
        if not right:
            return None
    rv = _integer(right)
    if rv is None or rv >= top:
        return None
    return lv * top + rv


def _digit_string(tokens: list[Token]) -> Decimal | None:
    """二〇二三 -> 2023: digits read one by one (only with a 〇/零 inside, 3+ digits)."""
    if len(tokens) < 3 or tokens[0][0] != "d" or not all(t[0] in "dz" and t[2] and t[3] for t in tokens):
        return None
    if not any(t[0] == "z" for t in tokens[1:]):
        return None
    return Decimal("".join(str(int(t[1])) for t in tokens))


def _value(tokens: list[Token]) -> Decimal | None:
    if not tokens:
        return None
    suffix = ONE
    if tokens[-1][0] == "x":
        suffix = tokens[-1][1]
        tokens = tokens[:-1]
        if not tokens:
            return None
    if any(t[0] == "x" for t in tokens):
        return None
    points = [i for i, t in enumerate(tokens) if t[0] == "p"]
    if len(points) > 1:
        return None
    if points:
        at = points[0]
        head, tail = tokens[:at], tokens[at + 1:]
        if not head or any(t[0] not in "bs" for t in tail):
            return None
        whole = _integer(head)
        if whole is None:
            return None
        scale = ONE
        for t in tail:
            scale *= t[1]
        return (whole + tokens[at][1]) * scale * suffix
    v = _integer(tokens)
    if v is None:
        v = _digit_string(tokens)
    return None if v is None else v * suffix


def parse_numeral(text: str, multipliers: Multipliers) -> tuple[Decimal, Decimal | None, bool] | None:
    """Parse a numeral (no sign, no unit): ``(value, value_high, has_inner_qualifier)``.

    ``value_high`` is set for ranges of two consecutive digits (两三, 二三十, 十七八).
    Returns None when the string is not a well-formed number (九九, 一二三, 十百).
    """
    if len(text) > MAX_NUMERAL_LENGTH:
        return None  # no written quantity is that long: a digit dump, a code, a table row
    if text.isascii():  # fast path: plain Arabic numbers are most of what policy texts hold
        plain = text.replace(",", "")
        if plain.replace(".", "", 1).isdigit() and not plain.startswith("."):
            return Decimal(plain), None, False
    got = _tokenize(text, multipliers)
    if got is None:
        return None
    tokens, inner = got
    if tokens and tokens[0][0] == "b":
        # 万亿, 万 opening the numeral (超万亿元, 近万人): one 万/亿, as 百 alone is one hundred.
        # The pattern only lets a numeral open so right after a qualifier.
        tokens = [("d", Decimal(1), False, True)] + tokens
    v = _value(tokens)
    if v is not None:
        return v, None, inner
    for i in range(len(tokens) - 1):
        a, b = tokens[i], tokens[i + 1]
        if a[0] == b[0] == "d" and a[3] and b[3] and b[1] == a[1] + 1:
            low = _value(tokens[:i + 1] + tokens[i + 2:])
            high = _value(tokens[:i] + tokens[i + 1:])
            if low is not None and high is not None:
                return low, high, inner
            return None
    return None


def to_number(value: Decimal) -> int | float:
    """Decimal -> int when integral and below 2**53, else float (annotation guidelines)."""
    if value == value.to_integral_value() and abs(value) < 2**53:
        return int(value)
    return float(value)
