"""Structure stage: normalisation, article splitting, metadata, sentences and sections."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from policy_nlp.records import Document
from policy_nlp.structure import build_articles, normalise_text, normalise_width, split_sentences

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
RAW = SHARED / "corpus" / "raw"
GOLD = SHARED / "corpus" / "gold"
SEED = "000_23b2bec8f30d5541.txt"

needs_corpus = pytest.mark.skipif(not RAW.is_dir(), reason=f"shared corpus not found at {RAW}")


def _file_articles(name: str):
    path = RAW / name
    return build_articles(Document(str(path), path.read_text(encoding="utf-8")))


# --------------------------------------------------------------------------- normalisation


def test_width_digits_letters_percent_become_ascii_and_chinese_punctuation_stays():
    assert normalise_width("２０２０年５Ｇ基站占比１７．６２％") == "2020年5G基站占比17.62%"
    assert normalise_width("（一）“宽带西藏”，《规划》：；！？、。") == "（一）“宽带西藏”，《规划》：；！？、。"
    assert normalise_width("国务院总理\u3000温家宝") == "国务院总理 温家宝"
    assert normalise_width("\ufeff第一．") == "第一．"  # a full-width point not between digits stays


def test_indentation_trailing_spaces_crlf_and_blank_lines():
    assert normalise_text("\u3000\u3000各位代表：  \r\n\r\n\r\n  现在开始。\r\n") == "各位代表：\n现在开始。"


def test_cut_sentence_joined_across_page_break():
    text = "截至2019年年底，全区用户达91.4万户，其中城市宽带用户占比82.38%，农村宽带用户占比\n\n17.62%。固定宽带普及率高。"
    assert normalise_text(text) == text.replace("\n\n", "")


def test_cut_before_opening_quote_joined():
    text = "建成全区电子政务服务外网接入点位4325个。组织推动自治区\n\n“互联网+政务服务”平台建设，能力显著提升。"
    assert normalise_text(text) == text.replace("\n\n", "")


def test_long_clause_without_full_stop_joined():
    first = "下一步，西藏自治区经济和信息化厅作为全区信息化和数字经济发展的行业管理部门，将以习近平总书记关于信息化建设的重要论述为指导，积极谋划信息化"
    assert normalise_text(first + "\n\n建设和数字经济开放合作。") == first + "建设和数字经济开放合作。"


def test_titles_and_headings_not_joined_to_next_paragraph():
    text = "加快发展数字经济 培育增长新动能\n\n西藏自治区经济和信息化厅\n厅长 王方红\n\n近年来，工作成效明显。\n\n以“六抓、六着力”为重点推进数字经济发展\n\n一是抓组织保障，着力完善顶层设计。"
    assert normalise_text(text).split("\n") == [
        "加快发展数字经济 培育增长新动能",
        "西藏自治区经济和信息化厅",
        "厅长 王方红",
        "近年来，工作成效明显。",
        "以“六抓、六着力”为重点推进数字经济发展",
        "一是抓组织保障，着力完善顶层设计。",
    ]


def test_wrapped_document_title_joined_but_note_after_full_stop_not():
    text = "国务院关于印发国家职业教育改革\n\n实施方案的通知\n\n国发〔2019〕4号"
    assert normalise_text(text).split("\n") == ["国务院关于印发国家职业教育改革实施方案的通知", "国发〔2019〕4号"]
    text = "全面实施绿色开采。（生态环境部指导）\n（二）实施工业绿色生产。"
    assert normalise_text(text).count("\n") == 1


def test_photo_caption_not_joined_to_salutation():
    text = "殷勇同志作政府工作报告。本报记者 戴冰摄\n各位代表："
    assert normalise_text(text).count("\n") == 1


# --------------------------------------------------------------------------- sentences


def test_sentence_offsets_terminators_quotes_and_semicolons():
    text = "一是抓组织保障，着力完善顶层设计。他说：“很好。”增长5%；下降3%！\n标题行"
    sents = split_sentences(text)
    parts = [text[s.start:s.end] for s in sents]
    assert parts == ["一是抓组织保障，着力完善顶层设计。", "他说：“很好。”", "增长5%；下降3%！", "标题行"]


def test_sections_follow_heading_hierarchy():
    text = "\n".join([
        "二、“十五五”时期主要目标",
        "总体思路如下。",
        "（三）立足强链补链，提升产业水平。这是重点。",
        "以“六抓、六着力”为重点推进数字经济发展",
        "一是抓组织保障，着力完善顶层设计。我区保障能力不断增强。",
        "推动出台规划。",
        "二是抓基础设施，着力夯实发展基础。截至2019年年底，光缆达20.19万公里。",
        "三、保障措施",
        "加强领导。",
    ])
    sents = split_sentences(text)
    by_text = {text[s.start:s.end]: s for s in sents}
    assert by_text["二、“十五五”时期主要目标"].is_heading
    assert by_text["二、“十五五”时期主要目标"].section is None
    assert by_text["总体思路如下。"].section == "二、“十五五”时期主要目标"
    assert by_text["（三）立足强链补链，提升产业水平。"].section == "二、“十五五”时期主要目标"
    assert by_text["这是重点。"].section == "（三）立足强链补链，提升产业水平。"
    sub = "以“六抓、六着力”为重点推进数字经济发展"
    # an unmarked sub-heading ranks between 一、 and （一）: it closes （三） and sits under 二、
    assert by_text[sub].is_heading and by_text[sub].section == "二、“十五五”时期主要目标"
    lead = "一是抓组织保障，着力完善顶层设计。"
    assert by_text[lead].is_heading and by_text[lead].section == sub
    assert by_text["我区保障能力不断增强。"].section == lead
    assert by_text["推动出台规划。"].section == lead
    assert by_text["截至2019年年底，光缆达20.19万公里。"].section == "二是抓基础设施，着力夯实发展基础。"
    assert by_text["加强领导。"].section == "三、保障措施"
    assert not by_text["加强领导。"].is_heading


def _check_offsets(article) -> None:
    prev_end = 0
    for s in article.sentences:
        assert 0 <= s.start < s.end <= len(article.text)
        assert s.start >= prev_end
        assert article.text[s.start:s.end].strip() == article.text[s.start:s.end]
        prev_end = s.end


# --------------------------------------------------------------------------- articles


def test_inline_two_articles_and_headings_do_not_split():
    text = "\n\n".join([
        "加快发展数字经济 培育增长新动能", "西藏自治区经济和信息化厅", "厅长 王方红",
        "近年来，西藏自治区经济和信息化厅推进数字经济发展。",
        "以“六抓、六着力”为重点推进数字经济发展",
        "一是抓组织保障，着力完善顶层设计。2020年第一季度全区网络零售额10.44亿元。",
        "（三）立足强链补链，提升产业水平。",
        "二、“十五五”时期主要目标",
        "全力以赴抓“稳”“保” 工业增速负转正", "安徽省经济和信息化厅",
        "一是狠抓运行稳增长。全省工业增加值增长0.5%。",
    ])
    arts = build_articles(Document("issue.txt", text))
    assert [a.title for a in arts] == ["加快发展数字经济 培育增长新动能", "全力以赴抓“稳”“保” 工业增速负转正"]
    assert [a.author_org for a in arts] == ["西藏自治区经济和信息化厅", "安徽省经济和信息化厅"]
    assert [a.region for a in arts] == ["西藏自治区", "安徽省"]
    assert arts[0].author == "王方红" and arts[1].author is None
    assert [a.year for a in arts] == [2020, 2020]  # the second takes its neighbour's year
    for a in arts:
        _check_offsets(a)


def test_document_signature_is_not_a_new_article():
    text = "国务院办公厅关于推进政务新媒体健康有序发展的意见\n国办发〔2018〕123号\n各省人民政府：\n一、总体要求\n要加强领导。\n附件：考核指标\n国务院办公厅\n2018年12月7日\n（此件公开发布）"
    arts = build_articles(Document("doc.txt", text))
    assert len(arts) == 1
    assert arts[0].author_org == "国务院办公厅" and arts[0].region is None and arts[0].year == 2018


def test_jsonl_record_metadata_wins_and_is_never_split():
    text = "加快发展数字经济\n西藏自治区经济和信息化厅\n正文。\n另一个标题\n安徽省经济和信息化厅\n正文。"
    doc = Document("a.jsonl", text, metadata={"title": "记录标题", "region": "江苏", "date": "2021-05-01"},
                   line_no=3, pre_split=True)
    (art,) = build_articles(doc)
    assert (art.title, art.region, art.year) == ("记录标题", "江苏省", 2021)


def test_empty_document_gives_no_article():
    assert build_articles(Document("e.txt", " \n\u3000\n")) == []


def test_hostile_inputs_stay_fast():
    cases = ["农村宽带用户占比，2020年底增长5%" * 100_000, "的" * 10_000, "。" * 10_000, "“" * 10_000,
             "一是\n" * 20_000, "加快发展数字经济\n厅长 王方红\n正文。\n" * 2_000, "关于" * 100_000]
    for text in cases:
        arts = build_articles(Document("h.txt", text))
        for a in arts:
            _check_offsets(a)


# --------------------------------------------------------------------------- the shared corpus

EXPECTED_ARTICLES = {SEED: 2}  # every other raw file holds exactly one article


@needs_corpus
def test_seed_file_two_articles_with_titles():
    arts = _file_articles(SEED)
    assert [a.title for a in arts] == ["加快发展数字经济 培育增长新动能", "全力以赴抓“稳”“保” 工业增速负转正"]
    assert arts[0].author == "王方红"
    first = arts[0]
    assert "一是抓组织保障，着力完善顶层设计。" in first.text
    assert "全力以赴" not in first.text
    assert arts[1].text.startswith("做好“六稳”落实“六保”")  # kicker and standfirst belong to it
    assert "农村宽带用户占比17.62%。" in first.text
    assert "组织推动自治区“互联网+政务服务”平台建设" in first.text


@needs_corpus
def test_seed_sections():
    first = _file_articles(SEED)[0]
    by_text = {first.text[s.start:s.end]: s for s in first.sentences}
    lead = "一是抓组织保障，着力完善顶层设计。"
    assert by_text[lead].is_heading
    assert by_text[lead].section == "以“六抓、六着力”为重点推进数字经济发展"
    assert by_text["以“六抓、六着力”为重点推进数字经济发展"].is_heading
    follower = next(s for s in first.sentences if first.text[s.start:s.end].startswith("我区信息化建设的组织保障能力"))
    assert follower.section == lead
    quarter = next(s for s in first.sentences if first.text[s.start:s.end].startswith("2020年第一季度"))
    assert quarter.section == "四是抓产业数字化，着力增强转型新动力。"


@needs_corpus
@pytest.mark.parametrize("path", sorted(RAW.glob("*.txt")) if RAW.is_dir() else [], ids=lambda p: p.name[:3])
def test_every_raw_file_article_count_and_offsets(path):
    arts = _file_articles(path.name)
    assert len(arts) == EXPECTED_ARTICLES.get(path.name, 1), [a.title for a in arts]
    for a in arts:
        assert a.text and a.text == a.text.strip()
        _check_offsets(a)
        assert a.sentences


FIELDS = ("title", "author_org", "region", "year")
#: Reached honestly on the gold files (11/11 each at the time of writing); the margin leaves
#: room for rule changes that trade one gold article for better behaviour elsewhere.
THRESHOLD = {"title": 0.9, "author_org": 0.9, "region": 0.9, "year": 0.8}


@needs_corpus
@pytest.mark.skipif(not GOLD.is_dir(), reason=f"gold files not found at {GOLD}")
def test_metadata_accuracy_against_gold():
    hits = dict.fromkeys(FIELDS, 0)
    total = 0
    misses = []
    for gold_file in sorted(GOLD.glob("*.jsonl")):
        for line in gold_file.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            gold = json.loads(line)
            arts = _file_articles(gold["source"])
            art = arts[gold["article_index"]] if gold["article_index"] < len(arts) else None
            total += 1
            for f in FIELDS:
                got = getattr(art, f) if art else None
                if got == gold[f]:
                    hits[f] += 1
                else:
                    misses.append((gold["source"], gold["article_index"], f, got, gold[f]))
    assert total >= 11
    for f in FIELDS:
        assert hits[f] / total >= THRESHOLD[f], (f, hits[f], total, misses)


def test_a_local_story_takes_the_province_its_cities_belong_to():
    from policy_nlp.records import Document
    from policy_nlp.structure import build_articles

    body = ("苏州推动文化与经济融合发展\n\n本报记者\n\n在苏州工业园区，文化设施不断完善。苏州高新区建成一批书店。"
            "苏州的古城保护持续推进，苏州市民的文化生活更加丰富。\n")
    art = build_articles(Document(source_path="news.txt", text=body))[0]
    assert art.region == "江苏省"
    national = build_articles(Document(source_path="n.txt", text="各地推进文化建设\n\n苏州、杭州、成都、西安等城市建成一批书店。\n"))[0]
    assert national.region is None  # no city dominates: a national story
