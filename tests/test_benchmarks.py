"""The benchmark scripts are run by hand; here they run on the bundled samples and on a
missing corpus, as a user would start them."""
from __future__ import annotations

import json
import sys
from pathlib import Path

from conftest import SAMPLES

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
import stage_costs  # noqa: E402


def test_stage_costs_measure_every_stage_of_the_samples(capsys):
    assert stage_costs.main([str(SAMPLES), "--limit", "0", "--target", "4", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["chars"] == sum(len(p.read_text(encoding="utf-8")) for p in SAMPLES.iterdir() if p.suffix == ".txt")
    assert out["articles"] > out["documents"] >= 4  # one sample holds two articles
    for name in ("structure (documents to articles)", "policy_quantities", "policy_entities", "policy_facts",
                 "table rows"):
        assert out["stages"][name] > 0, name


def test_stage_costs_without_the_bulk_corpus(tmp_path, capsys):
    assert stage_costs.main([str(tmp_path / "absent.jsonl")]) == 0
    assert "skipped: input not found" in capsys.readouterr().out
