"""Hostile input: no crash, a clear message naming the file, bounded time, the rest intact."""
from __future__ import annotations


import pytest

from hostile_inputs import CASES, GOOD
from policy_nlp.dataset import load_dataset
from policy_nlp.engine import run_extract

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def warm_pipeline(tmp_path_factory):
    d = tmp_path_factory.mktemp("warm")
    (d / "w.txt").write_text(GOOD, encoding="utf-8")
    run_extract([d / "w.txt"], d / "ds", workers=1, progress=False)


@pytest.mark.parametrize("name", sorted(CASES))
def test_each_hostile_file(name, tmp_path, warm_pipeline):
    make, expected = CASES[name]
    src = tmp_path / "in"
    src.mkdir()
    (src / name).write_bytes(make())
    (src / "zz_good.txt").write_text(GOOD, encoding="utf-8")
    summary = run_extract([src], tmp_path / "ds", workers=1, progress=False)
    skipped = [s for s in summary.skipped if name in s.source_path]
    if expected == "skip":
        assert skipped, f"{name} should be reported"
        assert all(s.reason for s in skipped)
    else:
        assert not skipped, [str(s) for s in skipped]
    ds = load_dataset(tmp_path / "ds")
    assert "zz_good.txt" in set(ds.articles.source), "the good file next to it was lost"
    texts = dict(zip(ds.articles.article_id, ds.articles.text))
    for table in (ds.facts, ds.entities, ds.sentences):
        for r in table.itertuples():
            assert texts[r.article_id][r.start:r.end] == r.text


def test_suite_is_large_enough():
    assert len(CASES) >= 30
