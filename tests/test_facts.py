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


def test_threshold_with_过_through_的_is_not_a_fact(facts_of):
    fs = facts_of("入库企业中，营收过10亿元的企业已达到23家。")
    assert [f.text for f in fs] == ["23家"]


def test_qualified_bare_multiplier_is_a_fact(facts_of):
    fs = facts_of("全省肉蛋奶产量突破百万吨，新增减税降费超万亿元。")
    assert [(f.text, f.value) for f in fs] == [("突破百万吨", 1_000_000), ("超万亿元", 1_000_000_000_000)]


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


# --- shared indicators, lists, targets, periods, regions (issue 3, part 2) ------------------

def test_other_sub_items_keep_their_own_indicator(facts_of):
    fs = by_text(facts_of("全省移动电话基站总数达8.2万个，其中，4G基站4.9万个，5G基站2.3万个。"))
    assert fs["4.9万个"].indicator == "4G基站" and fs["2.3万个"].indicator == "5G基站"
    assert fs["8.2万个"].indicator.endswith("移动电话基站总数")


def test_respectively_gives_each_value_its_listed_indicator(facts_of):
    fs = by_text(facts_of("全年接待国内游客、实现旅游收入分别增长8.3%和9.1%。"))
    assert fs["8.3%"].indicator.endswith("国内游客") and fs["9.1%"].indicator.endswith("旅游收入")
    assert fs["8.3%"].kind == fs["9.1%"].kind == "growth"


def test_respectively_splits_a_collective_word(facts_of):
    fs = by_text(facts_of("2023年，城乡居民人均可支配收入分别增长5.6%和7.2%。"))
    assert fs["5.6%"].indicator == "城镇居民人均可支配收入"
    assert fs["7.2%"].indicator == "农村居民人均可支配收入"
    assert fs["7.2%"].kind == "growth" and fs["7.2%"].period == "2023年"


def test_list_before_a_shared_head_word(facts_of):
    fs = facts_of("全省小麦、玉米、马铃薯产量均增长3%以上。")
    assert sorted(f.indicator for f in fs) == ["小麦产量", "玉米产量", "马铃薯产量"]
    assert all(f.kind == "growth" and f.qualifier == "at_least" for f in fs)


def test_decline_is_a_negative_growth(facts_of):
    fs = by_text(facts_of("单位地区生产总值能耗下降3.2%，审批时限缩短一半。"))
    assert fs["3.2%"].value == -3.2 and fs["3.2%"].kind == "growth"
    assert fs["一半"].value == -50


def test_difference_after_a_comparison(facts_of):
    fs = by_text(facts_of("上半年，全省网络零售额同比增长18.6%，增速较全国平均水平高出6.2个百分点。"))
    f = fs["6.2个百分点"]
    assert f.kind == "difference" and f.unit == "个百分点"
    assert "网络零售额" in f.indicator and f.region == "甘肃省" and f.period == "上半年"


def test_comparison_base_is_not_a_period(facts_of):
    f = by_text(facts_of("截至2023年底，全省森林覆盖率较2015年提高2.4个百分点。"))["2.4个百分点"]
    assert f.period == "截至2023年底"


def test_period_covers_later_values_until_a_new_time_phrase(facts_of):
    fs = by_text(facts_of("1—9月，全省快递业务量4.3亿件；前三季度，邮政业务收入同比增长11.5%。"))
    assert fs["4.3亿件"].period == "1—9月"
    assert fs["11.5%"].period == "前三季度"


def test_targets_from_cue_words(facts_of):
    assert facts_of("年内将新建5G基站6000个。")[0].modality == "target"
    assert facts_of("预期目标是地区生产总值增长5.5%左右。")[0].modality == "target"
    assert facts_of("全省人均预期寿命达到78.5岁。")[0].modality == "actual"  # 预期寿命 names the indicator


def test_plan_section_of_a_work_report_states_targets(facts_of):
    header = "2025年某某县政府工作报告\n\n"
    body = ("一、2024年工作回顾\n\n全县新建高标准农田3.1万亩。\n\n"
            "二、2025年重点工作\n\n全县新建高标准农田2万亩。\n")
    fs = facts_of(body, header=header)
    assert [f.modality for f in fs] == ["actual", "target"]


def test_scope_word_as_point_of_comparison_keeps_article_region(facts_of):
    fs = by_text(facts_of("全省高新技术企业数量占全国1/20以上，研发投入强度达2.6%，位居全国前列。"))
    assert fs["1/20以上"].region == "甘肃省"
    assert fs["2.6%"].region == "甘肃省"


def test_places_listed_before_the_indicator(facts_of):
    f = by_text(facts_of("兰州市、天水市软件业务收入均超过80亿元。"))["超过80亿元"]
    assert f.region == "兰州市、天水市"


def test_dimension_list_before_one_indicator(facts_of):
    fs = facts_of("乡镇、行政村光纤通达率均达100%。")
    assert [(f.indicator, f.dimension) for f in fs] == [("光纤通达率", "乡镇"), ("光纤通达率", "行政村")]


def test_indefinite_determiners_and_back_references_are_not_facts(facts_of):
    assert [f.text for f in facts_of("一家企业带动周边农户增收，全县新增就业2400人。")] == ["2400人"]
    fs = facts_of("全省5G用户普及率61.5%，千兆宽带用户占比30.2%，两项指标均居西部前列。")
    assert [f.text for f in fs] == ["61.5%", "30.2%"]


def test_governing_qualifier_at_a_distance(facts_of):
    assert facts_of("全省工业用水约占全社会用水量的21%。")[0].qualifier == "approx"


def test_a_target_date_already_past_when_the_article_was_written_reports_an_achievement(facts_of):
    written_2023 = "推进数字基础设施建设\n\n甘肃省工业和信息化厅\n\n2023年8月10日\n\n"
    done = facts_of("到2022年底，全省累计建成5G基站3.2万个。", header=written_2023)[0]
    assert done.modality == "actual"
    planned = facts_of("到2025年底，全省累计建成5G基站6万个。", header=written_2023)[0]
    assert planned.modality == "target"


def test_outline_numbers_and_numerals_inside_dictionary_words_are_not_facts(facts_of):
    assert facts_of("1.4　工作原则\n坚持和平共处五项原则，开展三五轮巡察。") == []


def test_relative_periods_and_provision_cues(facts_of):
    f = facts_of("今后五年，全省地区生产总值年均增长6%左右。")[0]
    assert (f.period, f.modality) == ("今后五年", "target")
    g = facts_of("各地区储备粮必须保持30万吨以上。")[0]
    assert g.modality == "target"


def test_an_indicator_names_something_measured_or_stays_empty(facts_of):
    fs = by_text(facts_of("力争规模以上工业增加值增长6.5%左右。今年首次突破1000亿元。"))
    assert fs["6.5%左右"].indicator == "规模以上工业增加值"
    assert not fs["突破1000亿元"].indicator


def test_a_foreign_country_the_article_reports_on_is_the_region(facts_of):
    fs = facts_of("塞浦路斯统计局发布数据。今年上半年，塞浦路斯接待游客约161.3万人次。旅游业收入达7.3亿欧元。",
                  header="塞浦路斯旅游业复苏\n\n")
    assert {f.region for f in fs} == {"塞浦路斯"}


def test_table_cells_without_headers_and_part_numbers_are_not_facts(facts_of):
    text = ("港方查验区总用地面积为41.565公顷（详见附件1）。\n\n附件1.界址点坐标\n\n点号\n\nX\n\nY\n\n1\n\n"
            "13728.0207\n\n103547.1705\n\n半径48.25米\n")
    facts = by_text(facts_of(text))
    assert set(facts) == {"41.565公顷", "48.25米"}


def test_an_indicator_ends_at_its_last_naming_word(facts_of):
    facts = by_text(facts_of("抵达港口的游客数量从2019年的100万人次增至150万人次。观众往往有80%来自外地。"))
    assert facts["150万人次"].indicator == "港口的游客数量"
    assert facts["80%"].indicator == "观众"


def test_periods_with_days_parts_of_months_and_since(facts_of):
    facts = by_text(facts_of("2020年10月1日起，新增用户12万户。“十四五”以来，累计建成5G基站8万个。"))
    assert facts["12万户"].period == "2020年10月1日起"
    assert facts["8万个"].period == "“十四五”以来"


def test_a_policy_documents_sizes_are_provisions_and_a_new_top_heading_ends_a_plan(facts_of):
    notice = facts_of("汽车号牌规格为480毫米×140毫米。", header="国务院办公厅关于车辆悬挂专用号牌有关事项的通知\n\n")
    assert {f.modality for f in notice} == {"target"}
    report = by_text(facts_of("二、今年主要任务\n\n新建农村公路2500公里。\n\n三、关于规划纲要的说明\n\n五年来，财政收入增长1.36倍。",
                              header="政府工作报告\n\n"))
    assert report["2500公里"].modality == "target"
    assert report["1.36倍"].modality == "actual"


def test_a_policy_documents_background_figures_stay_actual(facts_of):
    facts = by_text(facts_of("截至2024年6月底，全国充电基础设施累计数量达到1024万台。到2027年，县域充电设施覆盖率达到90%。",
                             header="国务院办公厅关于加快县域充电基础设施建设的通知\n\n"))
    assert facts["1024万台"].modality == "actual"
    assert facts["90%"].modality == "target"


def test_a_length_of_time_is_a_fact_only_where_the_sentence_measures_it(facts_of):
    facts = by_text(facts_of("中华文明有五千多年不间断的历史。土地承包到期后再延长30年。"
                             "全省粮食产量连续3个月增长，为期两天的展会吸引观众5万人次。过去五年，全省新增就业80万人。"))
    assert {"五千多年", "30年", "5万人次", "80万人"} <= set(facts)
    assert facts["五千多年"].value == 5000 and facts["五千多年"].unit == "年"
    assert not {"3个月", "两天", "五年"} & set(facts)


def test_a_scope_word_refers_back_to_the_city_the_sentence_names(facts_of):
    facts = by_text(facts_of("海林市委书记介绍，目前全市1.1万余名受灾群众已全部撤离。全市新增就业2万人。"))
    assert facts["1.1万余名"].region == "海林市"
    assert facts["2万人"].region == "甘肃省"  # no city named before it: the article's own


def test_respectively_spreads_over_the_subjects_of_the_clause_before(facts_of):
    facts = by_text(facts_of("城镇居民人均可支配收入和农村居民人均纯收入，分别实际增长8.3%和9.2%。"
                             "国务院已取消1195个行政审批事项，安排1000亿元专项奖补资金。"))
    assert facts["8.3%"].indicator.startswith("城镇居民人均可支配收入")
    assert facts["9.2%"].indicator.startswith("农村居民人均纯收入")
    assert facts["1195个"].indicator == "行政审批事项"  # a verb inside a compound noun
    assert facts["1000亿元"].indicator == "专项奖补资金"


def test_labels_of_figures_and_points_and_counts_of_a_divided_list_are_not_facts(facts_of):
    text = ("专用号牌分为汽车号牌和摩托车号牌两种。\n\n图1　汽车号牌编码规则\n\n汽车前号牌      图6\n\n"
            "与红线交点1\n\n13758.7125\n\n全省新增企业5万家。\n")
    assert set(by_text(facts_of(text))) == {"5万家"}


def test_frequency_words_are_no_periods_and_a_continuous_span_keeps_to_its_clause(facts_of):
    facts = by_text(facts_of("每年新增就业10万人。指数连续五年排名全国第三，国企利润增长11.1%。粮食产量连续3年稳定在1100亿斤以上。"))
    assert facts["10万人"].period is None
    assert facts["11.1%"].period is None
    assert facts["1100亿斤以上"].period == "连续3年"


def test_values_the_clause_calls_targets_are_targets(facts_of):
    facts = by_text(facts_of("《纲要》提出了单位国内生产总值能源消耗降低20%左右、主要污染物排放总量减少10%等目标。"
                             "新争取国家政策性资金4700多亿元。"))
    assert facts["20%左右"].modality == "target" and facts["10%"].modality == "target"
    assert facts["4700多亿元"].modality == "actual"


def test_a_counted_subject_takes_the_predicate_of_its_clause(facts_of):
    facts = by_text(facts_of("全年新增3家单位获中国质量奖，106个乡镇建成消防水源取水口。建成2000个5G基站。"
                             "以每年20%以上的速度增长。"))
    assert facts["3家"].indicator == "获中国质量奖的单位"
    assert facts["106个"].indicator == "建成消防水源取水口的乡镇"
    assert facts["2000个"].indicator == "5G基站"  # the clause ends at the noun: nothing to add
    assert facts["20%以上"].indicator != "增长的速度"  # the value modifies the noun: no subject


def test_numbered_items_and_letters_set_provisions(facts_of):
    header = "国务院办公厅关于辽宁省有关问题的函\n\n国务院办公厅\n\n"
    facts = by_text(facts_of("（1）一次动用中央储备粮数量在5亿公斤以下的，可直接下达动用命令。\n\n同意新建项目年产能力130根。", header))
    assert facts["5亿公斤以下"].modality == "target" and facts["130根"].modality == "target"


def test_spans_of_years_and_dates_reached(facts_of):
    header = "2008年政府工作报告\n\n国务院\n\n"
    facts = by_text(facts_of("中央财政用于“三农”的支出五年累计1.6万亿元。2003年到2007年中央财政对地方的转移支付4.25万亿元。"
                             "到2007年全社会研究与实验发展经费达到3664亿元。", header))
    assert facts["1.6万亿元"].period == "五年"
    assert facts["4.25万亿元"].period == "2003年到2007年"
    assert facts["3664亿元"].period == "2007年" and facts["3664亿元"].modality == "actual"


def test_a_relative_clause_before_a_count_and_a_body_breaking_it_down(facts_of):
    facts = facts_of("《决定》取消的16个罚款事项，包括教育部2个、住房城乡建设部5个。拥堵指数由2.81（严重拥堵）下降为1.79。")
    by = {(f.text, f.dimension): f for f in facts}
    assert by[("16个", None)].indicator.endswith("取消的罚款事项")
    assert by[("5个", "住房城乡建设部")].indicator.endswith("取消的罚款事项")
    assert all(f.indicator and f.indicator.strip("（）") for f in facts)  # a bracketed gloss is no indicator


def test_a_verbal_noun_before_a_count_governs_what_is_counted(facts_of):
    # jieba tags 培育/建设 vn; with a noun after the count, the noun is what is counted
    fs = by_text(facts_of("今年，全省着力培育8个先进制造业集群，布局建设15个现代农业示范园区。"))
    assert fs["8个"].indicator == "先进制造业集群"
    assert fs["15个"].indicator == "现代农业示范园区"
    # a length of time qualifies the noun after it: the noun is not counted
    fs = by_text(facts_of("项目组每天坚持培训4小时技术骨干。"))
    assert fs.get("4小时") is None or fs["4小时"].indicator != "技术骨干"


def test_a_clause_without_value_past_a_time_frame_names_the_indicator(facts_of):
    # 五年来 only sets the time; the place and its partner come before what their trade amounts to
    fs = by_text(facts_of("五年来，甘肃与中亚国家进出口总额稳步攀升，年均增长12.6%。"))
    assert "进出口总额" in fs["12.6%"].indicator
    assert "甘肃" not in fs["12.6%"].indicator
    # a person who acts is never what is measured
    fs = by_text(facts_of("会上，王建国介绍情况，共有120人参加培训。"))
    assert "王建国" not in (fs["120人"].indicator or "")


def test_doublings_are_growth_and_a_partner_is_part_of_what_is_measured(facts_of):
    fs = by_text(facts_of("十年来，浙江与东盟国家进出口额翻了两番，年均增长15.2%。"))
    assert fs["两番"].kind == "growth" and fs["两番"].unit == "番"
    for f in fs.values():
        # 与 joins the two sides of an exchange: not a comparison to cut at, nor the place alone
        assert "进出口额" in (f.indicator or "") and not f.indicator.startswith("浙江")
    fs = by_text(facts_of("全省粮食产量比上年增长了5%。"))
    assert fs["5%"].indicator == "粮食产量"


def test_a_verbs_object_to_the_clause_end_is_what_is_counted(facts_of):
    # jieba tags 举措 and 展览 as verbs: the object of 采取/举办 is still what the count counts
    fs = by_text(facts_of("今年采取五项减税降费举措，举办12项展览。"))
    assert fs["五项"].indicator == "减税降费举措"
    assert fs["12项"].indicator == "展览"
    # an adjective closing the clause is a result, not an object; one character names nothing
    fs = by_text(facts_of("他开把试举111公斤成功，用好200亿元基金。"))
    assert fs["111公斤"].indicator != "成功"
    assert all(len(f.indicator or "xx") > 1 for f in fs.values())
