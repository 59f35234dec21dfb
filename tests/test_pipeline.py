"""The spaCy pipeline: built from config, results on the Doc, safe in worker processes."""
from __future__ import annotations

from concurrent.futures import ProcessPoolExecutor

import pytest
import spacy

import policy_nlp
from policy_nlp.pipeline import annotate
from policy_nlp.pipeline.rows import doc_rows
from policy_nlp.records import Document
from policy_nlp.structure import build_articles

TEXT = "截至2019年年底，全区通信光缆线路总长度达20.19万公里。推动出台《关于推进5G网络发展的实施意见》。"


def test_pipeline_shape(nlp):
    assert nlp.lang == "zh"
    assert nlp.pipe_names == ["policy_sentences", "policy_quantities", "policy_entities", "policy_facts"]
    assert type(nlp.tokenizer).__name__ == "JiebaTokenizer"


def test_bare_text_gets_sentences_facts_and_entities(nlp):
    doc = nlp(TEXT)
    assert doc.text == TEXT
    assert len(doc.spans["sentences"]) == 2
    fact = doc._.facts[0]
    assert (fact.text, fact.value, fact.unit, fact.indicator, fact.period) == ("20.19万公里", 201900, "公里", "通信光缆线路总长度", "截至2019年年底")
    assert [s.text for s in doc.spans["facts"]][0].startswith("20.19")
    labels = {(e.label, e.text) for e in doc._.entities}
    assert ("POLICY_DOC", "关于推进5G网络发展的实施意见") in labels
    assert all(span._.record is not None for span in doc.spans["entities"])


def test_each_span_keeps_its_own_record(nlp):
    """A quantity and the fact built on it cover the same characters; each span must
    still give back its own record (spaCy's default storage keys by characters only)."""
    from policy_nlp.records import Fact, Quantity

    doc = nlp(TEXT)
    q_span = next(s for s in doc.spans["quantities"] if s.text.startswith("20.19"))
    f_span = next(s for s in doc.spans["facts"] if s.text.startswith("20.19"))
    assert (q_span.start_char, q_span.end_char) == (f_span.start_char, f_span.end_char)
    assert type(q_span._.record) is Quantity and isinstance(f_span._.record, Fact)
    assert [(s._.record.start, s._.record.end) for s in doc.spans["sentences"]] == [(s.start_char, s.end_char) for s in doc.spans["sentences"]]


def test_article_region_reaches_facts(nlp):
    doc_in = Document(source_path="x/tibet.txt", text="加快发展数字经济\n\n西藏自治区经济和信息化厅\n\n截至2019年年底，全区通信光缆线路总长度达20.19万公里。\n")
    article = build_articles(doc_in)[0]
    doc = annotate(nlp, article)
    assert article.region == "西藏自治区"
    assert doc._.facts[0].region == "西藏自治区"
    rows = doc_rows(doc)
    assert rows["facts"][0]["article_id"] == article.article_id
    assert rows["facts"][0]["sentence_id"] is not None


def test_user_dicts_reach_the_tokenizer(tmp_path):
    extra = tmp_path / "mine.txt"
    extra.write_text("智慧康养联合体 100 nz\n", encoding="utf-8")
    text = "推进智慧康养联合体建设。"
    assert "智慧康养联合体" not in [t.text for t in policy_nlp.load()(text)]
    assert "智慧康养联合体" in [t.text for t in policy_nlp.load(user_dicts=[extra])(text)]


def test_disabled_component_leaves_its_results_empty():
    nlp = policy_nlp.load(disable=["policy_entities"])
    assert "policy_entities" not in nlp.pipe_names
    doc = nlp("全年新增就业12万人。")
    assert doc._.entities is None and doc._.facts


def _facts_in_worker(text: str) -> list[tuple]:
    nlp = policy_nlp.load()
    return [(f.text, f.value) for f in nlp(text)._.facts]


def test_builds_in_worker_processes():
    with ProcessPoolExecutor(max_workers=2) as pool:
        results = list(pool.map(_facts_in_worker, [TEXT, "全省粮食产量达到700亿斤。"]))
    assert results[0] == [("20.19万公里", 201900)]
    assert results[1] and results[1][0][1] == 70_000_000_000


def test_config_file_override(tmp_path):
    cfg = tmp_path / "my.cfg"
    cfg.write_text('[nlp]\n\n[nlp.tokenizer]\npos_tags = false\n', encoding="utf-8")
    nlp = policy_nlp.load(cfg)
    assert nlp.tokenizer.pos_tags is False
    assert nlp("全年新增就业12万人。")._.quantities


def test_worker_rebuilds_its_pipeline_when_the_vocabulary_outgrows_the_limit(monkeypatch):
    from policy_nlp.engine import worker

    w = worker.Worker()
    built = w.nlp
    first = doc_rows(annotate(w.nlp, _article()))
    assert w.nlp is built  # reused
    monkeypatch.setattr(worker, "MAX_LEXEMES", 10)
    assert w.nlp is not built
    assert doc_rows(annotate(w.nlp, _article())) == first


def _article():
    from policy_nlp.records import Article

    return Article(source="a.txt", source_path="a.txt", article_index=0, text=TEXT)
