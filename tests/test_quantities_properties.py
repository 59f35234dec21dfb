"""Property tests: the extractor never raises, offsets are always consistent, and a number
written in Arabic digits and in Chinese numerals parses to the same value."""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from policy_nlp.quantities import quantities

DIGITS = "零一二三四五六七八九"
SMALL = [(1000, "千"), (100, "百"), (10, "十")]


def _section(n: int) -> str:
    """0 < n < 10000 in Chinese numerals, with 零 for internal gaps (一千零五)."""
    out, gap = [], False
    for size, char in SMALL:
        d = n // size % 10
        if d:
            if gap and out:
                out.append("零")
            out.append(DIGITS[d] + char)
            gap = False
        else:
            gap = True
    if n % 10:
        if gap and out:
            out.append("零")
        out.append(DIGITS[n % 10])
    return "".join(out)


def to_chinese(n: int) -> str:
    """A small renderer of integers as Chinese numerals (万/亿 sections, 零 fillers)."""
    if n == 0:
        return "零"
    parts = []
    for size, char in ((10**8, "亿"), (10**4, "万"), (1, "")):
        chunk = n // size % (10**4) if size < 10**8 else n // size
        if chunk:
            if parts and chunk < 1000:
                parts.append("零")
            parts.append((to_chinese(chunk) if chunk >= 10**4 else _section(chunk)) + char)
        elif parts and n % size:
            pass
    text = "".join(parts)
    while "零零" in text:
        text = text.replace("零零", "零")
    return text


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=80))
def test_never_raises_and_offsets_hold(text):
    for q in quantities(text):
        assert text[q.start:q.end] == q.text
        assert q.start < q.end


NUMERIC_TEXT = st.text(
    alphabet=st.sampled_from(list("0123456789０１２３４５.,，%％-—～至到约近超过多余以上下左右万亿千百十点两零一二三四五六七八九个家元亿年月日第前是的和分之/半成折 \t")),
    max_size=40,
)


@settings(max_examples=500, deadline=None)
@given(NUMERIC_TEXT)
def test_numeral_soup_never_raises_and_is_sorted(text):
    found = quantities(text)
    assert [q.start for q in found] == sorted(q.start for q in found)
    for q in found:
        assert text[q.start:q.end] == q.text
        assert q.qualifier in {"exact", "approx", "at_least", "at_most"}
        if q.value_high is not None:
            assert q.value_high > q.value


@settings(max_examples=400, deadline=None)
@given(st.integers(min_value=0, max_value=10**12))
def test_arabic_and_chinese_numerals_agree(n):
    arabic = quantities(f"共{n}个")
    chinese = quantities(f"共{to_chinese(n)}个")
    assert len(arabic) == 1 and len(chinese) == 1, (n, to_chinese(n), arabic, chinese)
    assert arabic[0].value == chinese[0].value == n


def test_renderer_examples():
    assert to_chinese(1005) == "一千零五"
    assert to_chinese(100_000_005) == "一亿零五"
    assert to_chinese(35_0000) == "三十五万"
    assert to_chinese(10) == "一十"
