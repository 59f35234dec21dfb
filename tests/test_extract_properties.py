"""Property tests over the whole path (structure + pipeline + rows) on random text:
never raises, every offset indexes the article text."""
from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from policy_nlp.pipeline.process import process_document
from policy_nlp.records import Document

PIECES = [
    "截至2019年年底", "全区", "全省", "通信光缆线路总长度", "达", "20.19万公里", "同比增长", "12.5%", "下降",
    "约", "超过", "以上", "左右", "个百分点", "《", "》", "“", "”", "、", "，", "。", "；", "\n", "\n\n",
    "一是", "（三）", "二、", "西藏自治区", "经济和信息化厅", "有限公司", "领导小组", "六稳", "5G基站",
    "三百五十万", "两千", "1—4月", "力争", "到2025年", "其中", "分别", "均", "厅长 王方红", "——", " ",
    "０１２３", "ＡＢＣ", "％", "万亿", "亿元", "部/百户", "宽带西藏", "工程", "行动", "试点",
]
text_strategy = st.one_of(
    st.lists(st.sampled_from(PIECES), max_size=60).map("".join),
    st.text(max_size=300),
    st.text(alphabet=st.sampled_from("一二三四五六七八九十百千万亿零两点0123456789.%约近多余个年月日，。、\n《》“”"), max_size=200),
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(text=text_strategy)
def test_extract_never_raises_and_offsets_hold(nlp, text):
    if not text.strip():
        return
    for res in process_document(nlp, Document(source_path="random.txt", text=text)):
        assert res.error is None
        rows = res.rows
        body = res.article.text
        for table in ("sentences", "facts", "entities"):
            for r in rows[table]:
                assert 0 <= r["start"] <= r["end"] <= len(body)
                assert body[r["start"]:r["end"]] == r["text"]
