"""Facts from our own sentences in the style of official prose: the hard cases of the
guidelines (shared indicators, growth and decline, differences, targets, periods, regions,
category thresholds)."""
from __future__ import annotations

import pytest

from policy_nlp.pipeline import annotate
from policy_nlp.records import Document
from policy_nlp.structure import build_articles

HEADER = "推进数字基础设施建设\n\n甘肃省工业和信息化厅\n\n"


@pytest.fixture(scope="module")
def facts_of(nlp):
    def run(body: str, header: str = HEADER):
        article = build_articles(Document(source_path="t.txt", text=header + body + "\n"))[0]
        return annotate(nlp, article)._.facts

    return run


def by_text(facts):
    return {f.text: f for f in facts}


def test_level_with_period_scope_and_region(facts_of):
    f = facts_of("截至2023年底，全省通信光缆线路总长度达45.6万公里。")[0]
    assert (f.value, f.unit, f.kind, f.modality) == (456000, "公里", "level", "actual")
    assert f.indicator == "通信光缆线路总长度"
    assert f.period == "截至2023年底"
    assert f.region == "甘肃省"


def test_growth_decline_and_difference(facts_of):
    fs = by_text(facts_of("2023年，全省软件业务收入320亿元，同比增长15.2%，增速高于全国平均水平3.4个百分点；单位能耗同比下降2.1%。"))
    assert fs["320亿元"].kind == "level" and fs["320亿元"].value == 32_000_000_000
    assert fs["15.2%"].kind == "growth" and fs["15.2%"].value == 15.2
    assert fs["3.4个百分点"].kind == "difference"
    assert fs["2.1%"].kind == "growth" and fs["2.1%"].value == -2.1
    assert fs["3.4个百分点"].region == "甘肃省"  # 全国 here is a comparison, not the scope
    assert all(f.period == "2023年" for f in fs.values())


def test_shared_indicator_with_jun(facts_of):
    fs = facts_of("全省乡镇覆盖率、行政村覆盖率均达到100%。")
    assert [f.value for f in fs] == [100, 100]
    indicators = [f.indicator for f in fs]
    assert indicators[0].endswith("乡镇覆盖率") and indicators[1] == "行政村覆盖率"


def test_dimension_beside_indicator(facts_of):
    fs = facts_of("移动网络覆盖率乡镇达100%、行政村达97%。")
    assert [(f.indicator, f.dimension, f.value) for f in fs] == [("移动网络覆盖率", "乡镇", 100), ("移动网络覆盖率", "行政村", 97)]


def test_target(facts_of):
    f = facts_of("力争到2025年，全省5G基站总数达到5万个。")[0]
    assert f.modality == "target" and f.value == 50000 and f.period == "到2025年"


def test_indicator_named_as_growth_rate(facts_of):
    f = facts_of("全省规上工业增加值增速为6.5%。")[0]
    assert f.kind == "growth"


def test_city_named_in_the_clause(facts_of):
    fs = by_text(facts_of("兰州市新建5G基站3000个，全省新建5G基站1.2万个。"))
    assert fs["3000个"].region == "兰州市"
    assert fs["1.2万个"].region == "甘肃省"


def test_category_thresholds_are_not_facts(facts_of):
    assert [f.text for f in facts_of("全省20户以上自然村全部通光纤，超百亿企业达到12家。")] == ["12家"]
    assert [f.text for f in facts_of("智慧医疗覆盖全省20%以上的医院。")] == ["20%以上"]


def test_county_report_scope(facts_of):
    header = "德清县2025年政府工作报告\n\n县长 张三\n\n"
    f = facts_of("过去一年，全县地区生产总值达到726.8亿元。", header=header)[0]
    assert f.region == "德清县"


def test_numbers_inside_names_are_not_facts(facts_of):
    fs = facts_of("聚力“四件大事”，推动出台《关于实施“十大工程”的意见》，全省新增就业12万人。")
    assert [f.text for f in fs] == ["12万人"]


def test_counted_noun_after_the_value(facts_of):
    fs = by_text(facts_of("全省累计培育省级专精特新企业860家，在电子信息、新材料等领域建成12个先进制造业集群。"))
    assert fs["12个"].indicator == "先进制造业集群"
    assert fs["860家"].indicator.endswith("专精特新企业")
