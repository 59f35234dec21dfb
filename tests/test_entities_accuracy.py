"""Entity rule accuracy: name boundaries and exclusions the annotation guidelines define.

Each test uses invented sentences (not corpus text) for one guideline point.
"""
from __future__ import annotations

import pytest

from policy_nlp.entities import EntityRules

from entity_runs import run  # noqa: E402


@pytest.fixture(scope="module")
def rules():
    return EntityRules()


def found(ents, label):
    return {e.text for e in ents if e.label == label}


def norm(texts):
    return {t.replace("“", "").replace("”", "") for t in texts}


# -- INITIATIVE: boundaries ----------------------------------------------------------------
def test_round_and_batch_determiners_are_not_part_of_a_name(rules):
    ents = run(rules, "全市推进新一轮城市更新专项行动。首批数字乡村试点项目建成投运。")
    inits = found(ents, "INITIATIVE")
    assert "城市更新专项行动" in inits
    assert not any(t.startswith(("新一轮", "首批")) for t in inits)


def test_quoted_name_keeps_a_vessel_number_head(rules):
    ents = run(rules, "“探索”号科考船完成深潜任务。")
    assert "探索号" in norm(found(ents, "INITIATIVE"))


def test_quoted_name_drops_a_generic_facility_head(rules):
    ents = run(rules, "“天山2号”智算中心建成运营。")
    inits = norm(found(ents, "INITIATIVE"))
    assert "天山2号" in inits
    assert "天山2号智算中心" not in inits and "智算中心" not in inits


# -- INITIATIVE: not a specific modifier ------------------------------------------------------
def test_descriptive_or_counted_modifiers_are_not_programmes(rules):
    ents = run(rules, "开展融合发展试点。这是一项系统工程。新开工30个重点项目。实施新一轮三年行动计划。")
    inits = found(ents, "INITIATIVE")
    assert not inits & {"融合发展试点", "系统工程", "一项系统工程", "30个重点项目", "三年行动计划"}


def test_count_of_listed_programmes_is_not_a_name(rules):
    ents = run(rules, "实施人才强基工程、园区提质工程两大工程。")
    inits = found(ents, "INITIATIVE")
    assert "两大工程" not in inits


# -- INITIATIVE: quotes that are not initiatives --------------------------------------------
def test_quoted_events_and_honours_are_not_initiatives(rules):
    ents = run(rules, "依托“中国茶叶节”、全国“安全月”等活动。该村荣获“全国十佳文明村”。学校入选“领航英才”计划。")
    inits = norm(found(ents, "INITIATIVE"))
    assert not inits & {"中国茶叶节", "安全月", "全国十佳文明村"}
    assert "领航英才" in inits  # a programme head follows the quote


def test_no_name_is_found_inside_an_honour_title(rules):
    ents = run(rules, "该项目入选“2030全国十大工程成就”。")
    assert not found(ents, "INITIATIVE")


def test_a_day_named_after_a_body_is_neither_event_initiative_nor_organisation(rules):
    ents = run(rules, "办好“全国科技馆日”系列活动。")
    assert not found(ents, "INITIATIVE")
    assert not any("科技馆" in t for t in found(ents, "ORG"))


def test_quoted_speech_and_criticised_phrases_are_not_slogans(rules):
    ents = run(rules, "总书记指出，“坚持节约优先，推动绿色发展”。要整治“走过场”、“一刀切”等现象。"
                      "“亿元以上项目”名单已发布。")
    inits = norm(found(ents, "INITIATIVE"))
    assert not inits & {"坚持节约优先，推动绿色发展", "走过场", "一刀切", "亿元以上项目"}


def test_quoted_element_of_a_numbered_slogan_is_part_of_it(rules):
    ents = run(rules, "形成“一城”引领、“三带”支撑，构建“一城三带多节点”发展格局。")
    inits = norm(found(ents, "INITIATIVE"))
    assert "一城三带多节点" in inits
    assert not inits & {"一城", "三带"}


def test_numbered_phrase_quoted_alone_is_kept(rules):
    ents = run(rules, "推行“三证合一、一照一码”改革，发放“三证合一”营业执照。")
    assert "三证合一" in norm(found(ents, "INITIATIVE"))


# -- POLICY_DOC ------------------------------------------------------------------------------
def test_titles_of_creative_works_are_not_documents(rules):
    ents = run(rules, "纪录片《山河新篇》《雪原之春》热播，《草原之歌》文艺节目广受好评。"
                      "省政府印发《数字乡村发展行动方案》。")
    docs = found(ents, "POLICY_DOC")
    assert docs == {"数字乡村发展行动方案"}


def test_plans_drafted_for_a_class_of_recipients_are_not_one_title(rules):
    ents = run(rules, "为脱贫村编制乡村旅游发展规划。省里编制乡村旅游发展规划。")
    docs = [e for e in ents if e.label == "POLICY_DOC"]
    assert len(docs) == 1 and docs[0].start > 10
