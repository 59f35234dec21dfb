"""The benchmark scripts are run by hand, but what they compute must add up: a quick run
over the bundled samples."""
from __future__ import annotations

import json
import sys
from pathlib import Path

from conftest import SAMPLES

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
import stage_costs  # noqa: E402


def test_stage_costs_add_up(capsys):
    assert stage_costs.main([str(SAMPLES), "--limit", "0", "--target", "4", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    stages = out["stages"]
    assert out["chars"] == sum(len(p.read_text(encoding="utf-8")) for p in SAMPLES.iterdir() if p.suffix == ".txt")
    assert out["articles"] > out["documents"] >= 4  # one sample holds two articles
    # the tokenizer, every component and the rows, each measured once; the tagging alone is
    # a part of the tokenizer, shown apart and not counted twice
    for name in ("structure (documents to articles)", "tokenizer (rjieba tags + spaCy Doc)", "policy_quantities",
                 "policy_entities", "policy_facts", "table rows"):
        assert stages[name] > 0, name
    assert abs(out["pipeline"] - (sum(stages.values()) - stages[stage_costs.TAG_ONLY])) < 1e-9
    assert abs(out["budget"] - out["jieba_lcut"] / 4) < 1e-9
    assert abs(out["ratio"] - out["jieba_lcut"] / out["pipeline"]) < 1e-9


def test_stage_costs_without_the_bulk_corpus(tmp_path, capsys):
    assert stage_costs.main([str(tmp_path / "absent.jsonl")]) == 0
    assert "skipped: input not found" in capsys.readouterr().out
