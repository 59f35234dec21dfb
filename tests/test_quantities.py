"""Unit tests of the quantity layer: the hard cases of the annotation guidelines ("Facts")."""
from __future__ import annotations

from pathlib import Path

import pytest

from policy_nlp.quantities import QuantityExtractor, quantities

SHARED = Path(__file__).resolve().parents[1].parent / "shared"


def one(text: str):
    found = quantities(text)
    assert len(found) == 1, (text, found)
    q = found[0]
    assert text[q.start:q.end] == q.text
    return q


@pytest.mark.parametrize(
    "text, span, value, high, unit, qualifier",
    [
        ("全区通信光缆线路总长度达20.19万公里。", "20.19万公里", 201900, None, "公里", "exact"),
        ("近300家", "近300家", 300, None, "家", "approx"),
        ("80多个", "80多个", 80, None, "个", "at_least"),
        ("20%左右", "20%左右", 20, None, "%", "approx"),
        ("83.13部/百户", "83.13部/百户", 83.13, None, "部/百户", "exact"),
        ("超过1000万台", "超过1000万台", 10_000_000, None, "台", "at_least"),
        ("50%以上", "50%以上", 50, None, "%", "at_least"),
        ("约30亿元", "约30亿元", 3_000_000_000, None, "元", "approx"),
        ("3541.07万元", "3541.07万元", 35_410_700, None, "元", "exact"),
        ("47.264287亿元", "47.264287亿元", 4_726_428_700, None, "元", "exact"),
        ("新增3万千瓦时", "3万千瓦时", 30000, None, "千瓦时", "exact"),
        ("年产2.5百万吨", "2.5百万吨", 2_500_000, None, "吨", "exact"),
        ("5.1万人", "5.1万人", 51000, None, "人", "exact"),
        ("12台（套）", "12台（套）", 12, None, "台（套）", "exact"),
        ("高出11.16个百分点", "11.16个百分点", 11.16, None, "个百分点", "exact"),
        ("提高2.3百分点", "2.3百分点", 2.3, None, "个百分点", "exact"),
        ("增长1.5倍", "1.5倍", 1.5, None, "倍", "exact"),
        ("14亿多人口", "14亿多", 1_400_000_000, None, None, "at_least"),
        ("用户超过21.2亿", "超过21.2亿", 2_120_000_000, None, None, "at_least"),
        ("6地市", "6", 6, None, None, "exact"),
        ("71.3万监测对象", "71.3万", 713000, None, None, "exact"),
        ("高达300亿元", "300亿元", 30_000_000_000, None, "元", "exact"),
        ("达到20家", "20家", 20, None, "家", "exact"),
        ("将近50家", "将近50家", 50, None, "家", "approx"),
        ("不少于10家", "不少于10家", 10, None, "家", "at_least"),
        ("不超过5%", "不超过5%", 5, None, "%", "at_most"),
        ("不足3成", "不足3成", 30, None, "%", "at_most"),
        ("300余家", "300余家", 300, None, "家", "at_least"),
        ("3.2万元/人", "3.2万元/人", 32000, None, "元/人", "exact"),
    ],
)
def test_fact_examples(text, span, value, high, unit, qualifier):
    q = one(text)
    assert (q.text, q.value, q.value_high, q.unit, q.qualifier) == (span, value, high, unit, qualifier)


@pytest.mark.parametrize(
    "text, value",
    [
        ("两千", 2000),
        ("三十五万", 350000),
        ("一百二十三点四", 123.4),
        ("3万4000", 34000),
        ("13万2", 132000),
        ("一点七八万亿", 1_780_000_000_000),
        ("一万五千亿", 1_500_000_000_000),
        ("二十万亿", 20_000_000_000_000),
        ("1,100万", 11_000_000),
        ("两千四百五", 2450),
        ("一千零一", 1001),
        ("四万万", 400_000_000),
        ("一百零十万", 1_100_000),
        ("肆佰陸拾", 460),
        ("负三十二", -32),
    ],
)
def test_numerals(text, value):
    q = one(text)
    assert q.value == value and type(q.value) is type(value)


@pytest.mark.parametrize(
    "text, value, unit",
    [
        ("82.38%", 82.38, "%"),
        ("百分之三十五", 35, "%"),
        ("五成", 50, "%"),
        ("七成六", 76, "%"),
        ("千分之四", 0.4, "%"),
        ("一半", 50, "%"),
        ("打九折", 90, "%"),
    ],
)
def test_percent_forms(text, value, unit):
    q = one(text)
    assert (q.value, q.unit) == (value, unit)


def test_fractions_are_numbers_or_percent_as_asked():
    from policy_nlp.quantities import QuantityExtractor

    assert [(q.value, q.unit) for q in quantities("约占2/3")] == [(pytest.approx(2 / 3), None)]
    assert [(q.value, q.unit) for q in quantities("三分之一")] == [(pytest.approx(1 / 3), None)]
    as_percent = QuantityExtractor(fractions_as_percent=True)
    assert [(q.value, q.unit) for q in as_percent("约占2/3")] == [(66.67, "%")]
    assert [(q.value, q.unit) for q in as_percent("三分之一")] == [(33.33, "%")]
    assert [(q.value, q.unit) for q in as_percent("三又三分之一吨")] != [(33.33, "%")]


def test_過半_is_at_least_fifty():
    q = one("过半")
    assert (q.value, q.qualifier) == (50, "at_least")


@pytest.mark.parametrize(
    "text, low, high, unit",
    [
        ("3—5%", 3, 5, "%"),
        ("3-5%", 3, 5, "%"),
        ("3至5个", 3, 5, "个"),
        ("3到5家", 3, 5, "家"),
        ("两三个", 2, 3, "个"),
        ("3%—5%", 3, 5, "%"),
        ("七八成", 70, 80, "%"),
    ],
)
def test_ranges(text, low, high, unit):
    q = one(text)
    assert (q.value, q.value_high, q.unit) == (low, high, unit)


def test_comparative_bounds_merge_into_a_range():
    q = one("大于10小于20")
    assert (q.value, q.value_high) == (10, 20)


def test_big_values_are_floats_and_integral_values_ints():
    assert isinstance(one("5亿").value, int)
    assert isinstance(one("1.5").value, float)
    huge = one("一万亿亿")
    assert isinstance(huge.value, float) and huge.value == 1e20


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("五千多年不间断的历史", 5000, "年"),
        ("2000多年的历史", 2000, "年"),
        ("再延长30年", 30, "年"),
        ("近40年的接续攻关", 40, "年"),
        ("产区保持三个月销量", 3, "个月"),
    ],
)
def test_lengths_of_years_and_months_are_quantities(text, value, unit):
    """A length of time is a quantity (the fact layer decides whether the sentence measures
    it); a year written with digits is a date."""
    (q,) = quantities(text)
    assert (q.value, q.unit) == (value, unit)


@pytest.mark.parametrize(
    "text",
    [
        "统一零售价",
        "5G",
        "4G网络",
        "IPv6",
        "十四五",
        "2019年",
        "5月份",
        "1—4月",
        "2020—2025年",
        "第一季度",
        "3日",
        "前5个月",
        "近五年来",
        "2025年底",
        "二〇一九年",
        "第三",
        "一是加强",
        "（一）加强",
        "1. 加强",
        "一期工程",
        "前30",
        "六稳",
        "六抓六着力",
        "一网一云一中心",
        "三首一保",
        "四大工程",
        "一家企业",
        "一位老师",
        "我一看你就笑",
        "一心一意",
        "一样",
        "翻倍",
        "电话：0891-6812345",
        "13912345678",
        "2级以上",
        "4K超高清",
        "四川",
        "陆地上有许多动物",
        "万",
        "https://www.test.com/search?q=30%25%2020%",
        "时间：2026-02-12",
        "发布于2023/7/5",
        "智算中心A—11项目",
        "PM_2.5浓度",
        "零碳、近零碳工厂",
        "实现近零排放",
        "坚持六位一体",
        "实现两位数增长",
        "超百亿企业",
        "千万不要",
        "万亿级规模",
        "深度融入长三角一体化发展",
        "早上7点多出发，8点左右到达",
        "加强在二十国集团框架内沟通",
    ],
)
def test_not_quantities(text):
    assert quantities(text) == []


def test_lone_numeral_in_isolation_is_a_number():
    assert [q.value for q in quantities("“一”和“五”")] == [1, 5]
    assert [q.value for q in quantities("五")] == [5]


def test_records_sorted_and_offsets_consistent():
    text = "截至2019年年底，全区4G基站达1.2万个，光纤宽带用户约30万户，占比82.38%，同比增长3—5%。"
    found = quantities(text)
    assert [q.start for q in found] == sorted(q.start for q in found)
    for q in found:
        assert text[q.start:q.end] == q.text
    assert [(q.value, q.unit) for q in found] == [(12000, "个"), (300000, "户"), (82.38, "%"), (3, "%")]


def test_extractor_accepts_user_units(tmp_path):
    extra = tmp_path / "units.tsv"
    extra.write_text("surface\tunit\tkind\tfactor\tnot_followed_by\n标准煤\t标准煤\tunit\t\t\n", encoding="utf-8")
    extractor = QuantityExtractor(units=extra)
    q = extractor("节约3万吨标准煤")[0]
    assert q.unit == "吨"  # the longest unit right after the number
    q = extractor("节约3万标准煤")[0]
    assert (q.value, q.unit) == (30000, "标准煤")


def test_pathological_inputs_keep_spans_exact():
    for text in ("9" * 2_000_000, "一" * 10_000, "万" * 10_000, "1," * 50_000, "三十" * 5_000, "点" * 10_000):
        for q in quantities(text):
            assert text[q.start:q.end] == q.text


@pytest.mark.shared
@pytest.mark.skipif(not (SHARED / "bench" / "numbers").is_dir(), reason="../shared (number suites) is absent")
def test_rt_suites_stay_above_floor():
    import json
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
    import number_suites  # noqa: E402

    root = SHARED / "bench" / "numbers"
    floors = {"rt_number": 0.85, "rt_percent": 0.90}
    for name, floor in floors.items():
        ok, total, _ = number_suites.run_suite(root, name)
        assert ok / total >= floor, (name, ok, total)


@pytest.mark.parametrize(
    "text, span, value, unit, qualifier",
    [
        # a bare multiplier under a qualifier, with its unit, states a size (guidelines:
        # 百 ×10^2, 万亿 ×10^12; 超/突破/近 are qualifiers)
        ("减少排放超千万吨。", "超千万吨", 10_000_000, "吨", "at_least"),
        ("产量均突破百万吨大关", "突破百万吨", 1_000_000, "吨", "at_least"),
        ("产量稳定在百万吨以上。", "百万吨以上", 1_000_000, "吨", "at_least"),
        ("近百个卸货口同时操作", "近百个", 100, "个", "approx"),
        ("新增减税降费超万亿元。", "超万亿元", 1_000_000_000_000, "元", "at_least"),
        ("带动就业近万人。", "近万人", 10_000, "人", "approx"),
        # 收入超: the qualifier 超 after 收入 (入超 is rare in policy text)
        ("软件业收入超250亿元。", "超250亿元", 25_000_000_000, "元", "at_least"),
    ],
)
def test_qualified_bare_multipliers_and_超(text, span, value, unit, qualifier):
    q = one(text)
    assert (q.text, q.value, q.unit, q.qualifier) == (span, value, unit, qualifier)


def test_denominator_of_a_rate_is_not_a_bare_multiplier_quantity():
    assert [q.text for q in quantities("事故死亡率控制在0.6人/百亿元以下")] == ["0.6人"]


def test_currencies_come_from_cldr_and_trains_and_containers_are_units():

    qs = {q.text: q for q in quantities("预算30.2亿尼泊尔卢比，开行1.4万列，运送731万标箱，直径1微米。")}
    assert qs["30.2亿尼泊尔卢比"].unit == "尼泊尔卢比"
    assert {"1.4万列", "731万标箱", "1微米"} <= set(qs)


def test_lengths_of_days_are_quantities_dates_are_not():
    from policy_nlp.quantities import QuantityExtractor

    ex = QuantityExtractor()
    found = {q.text: q for q in ex("自公布之日起60日内报送，可延长30日。6月1日起施行，每月15日公布。")}
    assert found["60日"].value == 60 and found["60日"].unit == "日"
    assert "30日" in found
    assert not any(t.endswith("1日") or t.endswith("15日") for t in found)


def test_units_that_count_only_after_their_verb():
    # 届 counts editions after a verb of holding, and in the list that verb governs; else a session
    assert [(q.value, q.unit) for q in quantities("连续成功举办五届，已成功举办了8届艺术节、3届大会。")] == [
        (5, "届"), (8, "届"), (3, "届")]
    assert all(q.unit != "届" for q in quantities("十届全国人大四次会议审议通过。"))
    # 番 counts doublings after 翻; 一番努力 is no quantity
    assert [(q.value, q.unit) for q in quantities("进出口额翻了两番，收入翻一番。")] == [(2, "番"), (1, "番")]
    assert quantities("经过一番努力，三番五次协调。") == []
