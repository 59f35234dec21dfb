"""The evaluator: hand-made cases, and agreement with the reference scorer."""
from __future__ import annotations

import copy
import importlib.util
import json
import random

import pytest

from policy_nlp.evaluate import char_f1, format_report, score_files

FACT = {"text": "20.19万公里", "indicator": "通信光缆线路总长度", "dimension": None, "value": 201900,
        "value_high": None, "unit": "公里", "qualifier": "exact", "kind": "level", "modality": "actual",
        "period": "截至2019年年底", "region": "西藏自治区"}
SHARE = {"text": "82.38%", "indicator": "城市宽带用户占比", "dimension": None, "value": 82.38, "value_high": None,
         "unit": "%", "qualifier": "exact", "kind": "share", "modality": "actual", "period": None, "region": "西藏自治区"}
GOLD = {"source": "a.txt", "article_index": 0, "title": "T", "author_org": None, "region": "西藏自治区", "year": 2020,
        "facts": [FACT, SHARE],
        "entities": [{"text": "《西藏自治区数字经济发展规划》", "label": "POLICY_DOC", "subtype": None, "canonical": "x"},
                     {"text": "“宽带西藏”", "label": "INITIATIVE", "subtype": "programme", "canonical": "宽带西藏"},
                     {"text": "华为", "label": "ORG", "subtype": None, "canonical": "华为"}]}


def _write(path, records):
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    return path


def test_perfect_prediction_scores_one(tmp_path):
    g = _write(tmp_path / "gold.jsonl", [GOLD])
    res = score_files([g], g)
    for level in ("facts_value", "facts_full", "facts_indicator", "facts_all", "entities_micro"):
        assert res[level]["f1"] == 1.0, level
    assert res["field_accuracy_on_matched"]["period"] == 1.0
    assert all(v["f1"] == 1.0 for v in res["entities"].values())


def test_empty_prediction_scores_zero(tmp_path):
    g = _write(tmp_path / "gold.jsonl", [GOLD])
    p = _write(tmp_path / "pred.jsonl", [{**GOLD, "facts": [], "entities": []}])
    res = score_files([g], p)
    assert res["facts_value"] == {"p": 0.0, "r": 0.0, "f1": 0.0, "tp": 0, "pred": 0, "gold": 2}
    assert res["entities_micro"]["r"] == 0.0
    assert res["field_accuracy_on_matched"] == {}


def test_normalisation_and_partial_credit(tmp_path):
    g = _write(tmp_path / "gold.jsonl", [GOLD])
    pred = copy.deepcopy(GOLD)
    pred["source"] = "some/dir/a.txt"  # pooled by file name
    pred["facts"][0].update(kind="growth", indicator="光缆线路总长度", value=201900.0000001)
    pred["facts"][1].update(unit="％", indicator="农村宽带用户占比", period="2019年")
    pred["entities"][0]["text"] = "西藏自治区数字经济发展规划"  # 《》 ignored
    pred["entities"][1]["text"] = "宽带西藏"  # quotes ignored
    pred["entities"][2]["label"] = "GPE"  # wrong label
    res = score_files([g], _write(tmp_path / "pred.jsonl", [pred]))
    assert res["facts_value"]["tp"] == 2
    assert res["facts_full"]["tp"] == 1  # kind differs on the first
    assert res["facts_indicator"]["tp"] == 2  # contained / char F1 >= 0.5
    assert res["facts_all"]["tp"] == 1
    assert res["field_accuracy_on_matched"]["period"] == 0.5
    assert res["entities"]["ORG"]["r"] == 0.0 and res["entities"]["GPE"]["p"] == 0.0
    assert res["entities"]["POLICY_DOC"]["f1"] == 1.0 and res["entities"]["INITIATIVE"]["f1"] == 1.0
    assert res["entities_micro"]["tp"] == 2


def test_char_f1():
    assert char_f1("网络零售额", "网络零售额增速") == 1.0
    assert char_f1("", "x") == 0.0
    assert 0.5 < char_f1("宽带乡镇覆盖率", "乡镇宽带覆盖") < 1.0


def _reference_scorer():
    from conftest import shared_path

    path = shared_path("tools", "score.py")
    spec = importlib.util.spec_from_file_location("reference_score", path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


@pytest.mark.shared
def test_agrees_with_reference_scorer(tmp_path, gold_dir):
    ref = _reference_scorer()
    rng = random.Random(7)
    gold_files = sorted(gold_dir.glob("*.jsonl"))
    for trial in range(6):
        preds = []
        for f in gold_files:
            for line in f.read_text(encoding="utf-8").splitlines():
                art = json.loads(line)
                facts = [dict(x) for x in art["facts"] if rng.random() > 0.2]
                for x in facts:
                    r = rng.random()
                    if r < 0.1:
                        x["value"] = (x["value"] or 0) * 10
                    elif r < 0.2:
                        x["kind"] = "level"
                    elif r < 0.3:
                        x["indicator"] = (x.get("indicator") or "")[:2]
                    elif r < 0.35:
                        x["period"] = None
                ents = [dict(e) for e in art["entities"] if rng.random() > 0.2]
                for e in ents:
                    if rng.random() < 0.1:
                        e["label"] = "ORG"
                art.update(facts=facts, entities=ents)
                preds.append(art)
        p = _write(tmp_path / f"pred{trial}.jsonl", preds)
        ours = score_files(gold_files, p)
        theirs = ref.score([str(x) for x in gold_files], str(p))
        assert ours == theirs, trial
        assert format_report(ours).splitlines()[0] == f"sources: {theirs['sources']}"


@pytest.mark.shared
def test_agrees_with_reference_on_pipeline_output(tmp_path, gold_dir, raw_dir, nlp):
    from policy_nlp.evaluate_raw import predict_sources

    ref = _reference_scorer()
    gold_files = sorted(gold_dir.glob("*.jsonl"))
    sources = [json.loads(f.read_text(encoding="utf-8").splitlines()[0])["source"] for f in gold_files]
    records, missing = predict_sources(raw_dir, sources, nlp=nlp)
    assert not missing
    p = _write(tmp_path / "pred.jsonl", records)
    assert score_files(gold_files, p) == ref.score([str(x) for x in gold_files], str(p))


def test_an_excerpt_is_read_inside_its_whole_record(tmp_path, nlp):
    """A record annotated in part is run whole, as extract runs it: the plan heading before
    the excerpt still makes its figures targets, and only what starts inside the range is kept."""
    from policy_nlp.evaluate_raw import predict_sources

    text = ("2026年政府工作报告\n\n一、2025年工作回顾\n\n全年粮食产量达到1200万吨。\n\n"
            "二、2026年工作安排\n\n新建农村公路2500公里。\n\n改造农村危房3000户。\n")
    (tmp_path / "r.jsonl").write_text(json.dumps({"id": "rep-1", "text": text}, ensure_ascii=False) + "\n",
                                      encoding="utf-8")
    (tmp_path / "ranges.tsv").write_text(f"id\tstart\tend\nrep-1\t{text.index('新建')}\t{len(text)}\n",
                                         encoding="utf-8")
    records, missing = predict_sources(tmp_path / "r.jsonl", ["rep-1"], nlp, tmp_path / "ranges.tsv")
    assert not missing
    facts = {f["text"]: f["modality"] for f in records[0]["facts"]}
    assert facts == {"2500公里": "target", "3000户": "target"}
