"""The command line end to end: extract, re-run, export, evaluate, sql, exit codes."""
from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import OWN_GOLD, SAMPLES
from policy_nlp.cli import app
from policy_nlp.dataset import load_dataset

runner = CliRunner()


def run(*args: str):
    return runner.invoke(app, list(args), catch_exceptions=False)


@pytest.fixture(scope="module")
def sample_dataset(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("ds") / "samples"
    res = run("extract", str(SAMPLES), "-o", str(out), "--workers", "1")
    assert res.exit_code == 0, res.output
    return out


def test_extract_samples(sample_dataset):
    ds = load_dataset(sample_dataset)
    sources = set(ds.articles.source)
    assert sources == {p.name for p in SAMPLES.glob("*.txt")}
    assert (ds.articles.groupby("source").size() >= 1).all()
    assert len(ds.facts) > 20 and len(ds.entities) > 20 and len(ds.sentences) > 20
    # offsets index the article text
    texts = dict(zip(ds.articles.article_id, ds.articles.text))
    for table in (ds.facts, ds.entities, ds.sentences):
        for r in table.itertuples():
            assert texts[r.article_id][r.start:r.end] == r.text


def test_rerun_adds_nothing(sample_dataset):
    before = {n: len(load_dataset(sample_dataset).table(n)) for n in ("articles", "facts", "entities")}
    res = run("extract", str(SAMPLES), "-o", str(sample_dataset), "--workers", "1")
    assert res.exit_code == 0
    assert "articles unchanged" in res.output
    after = {n: len(load_dataset(sample_dataset).table(n)) for n in ("articles", "facts", "entities")}
    assert before == after


def test_changed_article_replaces_rows(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    f = src / "one.txt"
    f.write_text("关于加快发展数字经济的报告\n\n截至2023年底，全省5G基站达到8.2万个。\n", encoding="utf-8")
    out = tmp_path / "ds"
    assert run("extract", str(src), "-o", str(out), "-w", "1").exit_code == 0
    f.write_text("关于加快发展数字经济的报告\n\n截至2023年底，全省5G基站达到9.5万个，数据中心机架达到3万架。\n", encoding="utf-8")
    assert run("extract", str(src), "-o", str(out), "-w", "1").exit_code == 0
    ds = load_dataset(out)
    assert len(ds.articles) == 1
    assert sorted(ds.facts.value) == [30000.0, 95000.0]


def test_bad_inputs_exit_3_and_good_ones_survive(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    shutil.copy(next(SAMPLES.glob("*.txt")), src / "good.txt")
    (src / "empty.txt").write_bytes(b"")
    (src / "binary.txt").write_bytes(bytes(range(256)) * 50)
    (src / "lines.jsonl").write_text('{"id": 1, "text": "全年新增就业12万人。"}\n{broken\n', encoding="utf-8")
    out = tmp_path / "ds"
    res = run("extract", str(src), "-o", str(out), "-w", "1")
    assert res.exit_code == 3, res.output
    assert "empty.txt" in res.output and "binary.txt" in res.output and "lines.jsonl:2" in res.output
    ds = load_dataset(out)
    assert set(ds.articles.source) == {"good.txt", "lines.jsonl"}


def test_usage_errors_exit_2(tmp_path):
    assert run("extract", str(SAMPLES)).exit_code == 2  # no -o
    assert run("evaluate", "--gold", str(OWN_GOLD)).exit_code == 2  # neither --pred nor --raw
    assert run("export", str(tmp_path / "nothing")).exit_code == 2
    assert run("frobnicate").exit_code == 2


def test_export_gold_round_trip_scores_as_evaluate_raw(sample_dataset, tmp_path):
    res = run("export", str(sample_dataset), "--format", "gold")
    assert res.exit_code == 0
    records = [json.loads(l) for l in res.output.splitlines() if l.strip()]
    assert {r["source"] for r in records} == {p.name for p in SAMPLES.glob("*.txt")}
    keys = {"source", "article_index", "title", "author_org", "region", "year", "facts", "entities"}
    assert all(set(r) == keys for r in records)
    pred = tmp_path / "pred.jsonl"
    pred.write_text(res.output, encoding="utf-8")
    from_pred = json.loads(run("evaluate", "--gold", str(OWN_GOLD), "--pred", str(pred), "--json").output)
    from_raw = json.loads(run("evaluate", "--gold", str(OWN_GOLD), "--raw", str(SAMPLES), "--json").output)
    assert from_pred == from_raw
    assert from_pred["facts_value"]["gold"] > 0


def test_export_tables(sample_dataset, tmp_path):
    for fmt in ("csv", "parquet", "jsonl"):
        res = run("export", str(sample_dataset), "--format", fmt, "-o", str(tmp_path / fmt))
        assert res.exit_code == 0, res.output
        assert len(list((tmp_path / fmt).iterdir())) == 6
    res = run("export", str(sample_dataset), "--format", "csv", "--table", "facts", "-o", str(tmp_path / "facts.csv"))
    assert res.exit_code == 0 and (tmp_path / "facts.csv").read_text(encoding="utf-8").startswith("article_id,")


def test_sql(sample_dataset):
    res = run("sql", str(sample_dataset), "select count(*) as n from articles", "--format", "csv")
    assert res.exit_code == 0
    assert int(res.output.splitlines()[1]) == len(load_dataset(sample_dataset).articles)
    assert run("sql", str(sample_dataset), "select * from nowhere").exit_code == 2


def test_console_script_installed():
    exe = Path(sys.executable).parent / "policy-nlp"
    if not exe.exists():
        pytest.skip("console script not installed in this environment")
    out = subprocess.run([str(exe), "--help"], capture_output=True, text=True)
    assert out.returncode == 0 and "extract" in out.stdout


def test_train_then_extract_with_the_model(tmp_path):
    """`train` on our own gold writes a model and its card; `extract --entity-model` uses it."""
    model = tmp_path / "models" / "mine"
    res = run("train", "--gold", str(OWN_GOLD), "--raw", str(SAMPLES), "-o", str(model), "--folds", "0")
    assert res.exit_code == 0, res.output
    skops_file = model.with_name("mine.skops")
    card = json.loads(model.with_name("mine.card.json").read_text(encoding="utf-8"))
    assert skops_file.is_file() and card["training_articles"] >= 4
    assert {f["path"].split("/")[-1] for f in card["training_files"]} == {p.name for p in OWN_GOLD.glob("*.jsonl")}
    assert "NONE" in card["labels"] and "ORG" in card["labels"]
    out = tmp_path / "ds"
    res = run("extract", str(SAMPLES), "-o", str(out), "--workers", "1", "--entity-model", str(skops_file))
    assert res.exit_code == 0, res.output
    ents = load_dataset(out).entities
    assert len(ents) > 10 and (ents.source == "model").any()


def test_train_and_extract_refuse_bad_input(tmp_path):
    fake = tmp_path / "fake.skops"
    fake.write_text("not a zip", encoding="utf-8")
    res = run("extract", str(SAMPLES), "-o", str(tmp_path / "ds"), "--entity-model", str(fake))
    assert res.exit_code == 2 and "fake.skops" in res.output
    bad_gold = tmp_path / "bad.jsonl"
    bad_gold.write_text('{"source": "sample_01_gansu_digital_infrastructure.txt"\n', encoding="utf-8")
    res = run("train", "--gold", str(bad_gold), "--raw", str(SAMPLES), "-o", str(tmp_path / "m"), "--folds", "0")
    assert res.exit_code == 2 and "bad.jsonl: line 1" in res.output


def test_evaluate_model_keeps_articles_whole():
    res = run("evaluate-model", "--gold", str(OWN_GOLD), "--raw", str(SAMPLES), "--folds", "2", "--json")
    assert res.exit_code == 0, res.output
    rep = json.loads(res.output)
    assert rep["n_folds"] == 2
    folds = [set(f) for f in rep["folds"]]
    assert not (folds[0] & folds[1])
    # the model and the rules are scored on the same gold entities, every one of them
    gold = {(e["label"], e["text"]) for p in OWN_GOLD.glob("*.jsonl") for line in p.read_text(encoding="utf-8").splitlines()
            if line.strip() for e in json.loads(line)["entities"]}
    assert rep["entities_micro"]["gold"] == rep["rules"]["entities_micro"]["gold"] >= len(gold) > 0
