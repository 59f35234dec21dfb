"""The dataset writer: stable ids, idempotent re-runs, replacement, crash recovery."""
from __future__ import annotations

import json
import os

import pyarrow.parquet as pq
import pytest

from policy_nlp.dataset import DatasetLockedError, DatasetWriter, load_dataset
from policy_nlp.dataset.store import PENDING, STAGING, recover
from policy_nlp.pipeline.rows import article_row
from policy_nlp.records import Article


def rows_for(source: str, index: int, text: str, n_facts: int = 2, initiative: str | None = None) -> dict:
    a = Article(source=source, source_path=f"/in/{source}", article_index=index, text=text, region="甘肃省", year=2024)
    r = article_row(a)
    aid = r["article_id"]
    facts = [{"article_id": aid, "sentence_id": 0, "start": i, "end": i + 1, "text": "1个", "indicator": "x",
              "dimension": None, "value": float(i), "value_high": None, "unit": "个", "qualifier": "exact",
              "kind": "level", "modality": "actual", "period": None, "region": "甘肃省", "confidence": 0.5}
             for i in range(n_facts)]
    ents = []
    if initiative:
        ents.append({"article_id": aid, "sentence_id": 0, "start": 0, "end": len(initiative), "text": initiative,
                     "label": "INITIATIVE", "subtype": "programme", "canonical": initiative, "source": "rule", "score": 1.0})
    return {"articles": [r], "sentences": [], "facts": facts, "entities": ents}


def test_ids_are_stable_and_content_sensitive():
    a = Article(source="x.txt", source_path="/a/x.txt", article_index=0, text="正文")
    b = Article(source="x.txt", source_path="/b/x.txt", article_index=0, text="正文")
    c = Article(source="x.txt", source_path="/a/x.txt", article_index=0, text="正文改")
    assert a.article_id == b.article_id != c.article_id
    assert len(a.article_id) == 20


def test_rerun_adds_nothing_and_change_replaces(tmp_path):
    with DatasetWriter(tmp_path) as w:
        for i in range(3):
            w.add(rows_for("a.txt", i, f"文章{i}", initiative="数字陇原"))
    ds = load_dataset(tmp_path)
    assert len(ds.articles) == 3 and len(ds.facts) == 6
    ids = set(ds.articles.article_id)

    with DatasetWriter(tmp_path) as w:
        for i in range(3):
            r = rows_for("a.txt", i, f"文章{i}")
            assert w.is_current(r["articles"][0]["article_id"])
    assert len(load_dataset(tmp_path).facts) == 6

    with DatasetWriter(tmp_path) as w:
        w.add(rows_for("a.txt", 1, "文章1 修改后", n_facts=5))
    ds = load_dataset(tmp_path)
    assert len(ds.articles) == 3
    assert len(ds.facts) == 2 + 2 + 5
    assert len(ids - set(ds.articles.article_id)) == 1
    init = ds.initiatives
    assert list(init.canonical) == ["数字陇原"] and int(init.n_articles.iloc[0]) == 2


def test_batches_are_flushed_and_interrupted_run_keeps_them(tmp_path):
    w = DatasetWriter(tmp_path, batch_size=2)
    for i in range(5):
        w.add(rows_for("b.txt", i, f"内容{i}"))
    # simulate a crash: buffered rows of the fifth article are lost, flushed batches stay
    w.close()
    parts = sorted(p.name for p in (tmp_path / PENDING).glob("*.articles.parquet"))
    assert len(parts) == 2
    with DatasetWriter(tmp_path) as w2:
        done = [i for i in range(5) if w2.is_current(rows_for("b.txt", i, f"内容{i}")["articles"][0]["article_id"])]
        assert done == [0, 1, 2, 3]
        w2.add(rows_for("b.txt", 4, "内容4"))
    ds = load_dataset(tmp_path)
    assert sorted(ds.articles.article_index) == [0, 1, 2, 3, 4]
    assert len(ds.facts) == 10
    assert not list((tmp_path / PENDING).glob("*.parquet"))


def test_half_written_batch_is_discarded(tmp_path):
    w = DatasetWriter(tmp_path, batch_size=100)
    w.add(rows_for("c.txt", 0, "内容"))
    w.flush()
    w.close()
    # remove the articles part: as if killed between writing the facts and articles parts
    for p in (tmp_path / PENDING).glob("*.articles.parquet"):
        p.unlink()
    recover(tmp_path)
    assert not list((tmp_path / PENDING).glob("*.parquet"))


def test_part_cut_short_by_a_power_cut_is_discarded(tmp_path):
    """Parts are renamed into place without fsync: after a power cut one may be empty."""
    w = DatasetWriter(tmp_path, batch_size=100)
    w.add(rows_for("c.txt", 0, "内容"))
    w.flush()
    w.add(rows_for("c.txt", 1, "别的内容"))
    w.flush()
    w.close()
    facts = sorted((tmp_path / PENDING).glob("*.facts.parquet"))
    facts[0].write_bytes(facts[0].read_bytes()[:20])
    recover(tmp_path)
    left = sorted(p.name for p in (tmp_path / PENDING).glob("*.parquet"))
    assert len(left) == 4 and not any(p.startswith(facts[0].name.split(".")[0]) for p in left)
    with DatasetWriter(tmp_path) as w2:
        assert not w2.is_current(rows_for("c.txt", 0, "内容")["articles"][0]["article_id"])
        assert w2.is_current(rows_for("c.txt", 1, "别的内容")["articles"][0]["article_id"])


def test_journaled_commit_is_completed_on_recovery(tmp_path):
    with DatasetWriter(tmp_path) as w:
        w.add(rows_for("d.txt", 0, "旧"))
    # prepare a commit by hand and stop before moving files: recovery must finish it
    w = DatasetWriter(tmp_path)
    w.add(rows_for("d.txt", 1, "新"))
    w.flush()
    staging = tmp_path / STAGING
    import policy_nlp.dataset.store as store

    real_apply = store._apply_commit
    store._apply_commit = lambda root, plan: (_ for _ in ()).throw(KeyboardInterrupt())
    try:
        with pytest.raises(KeyboardInterrupt):
            w.commit()
    finally:
        store._apply_commit = real_apply
        w.close()
    assert (staging / "COMMIT").exists()
    assert len(load_dataset(tmp_path).articles) == 1  # old dataset still intact
    DatasetWriter(tmp_path).close()  # opening recovers
    assert len(load_dataset(tmp_path).articles) == 2
    assert not staging.exists()


def test_uncommitted_staging_is_discarded(tmp_path):
    with DatasetWriter(tmp_path) as w:
        w.add(rows_for("e.txt", 0, "内容"))
    (tmp_path / STAGING).mkdir()
    (tmp_path / STAGING / "articles.parquet").write_bytes(b"garbage")
    DatasetWriter(tmp_path).close()
    assert not (tmp_path / STAGING).exists()
    assert len(load_dataset(tmp_path).articles) == 1


def test_second_writer_is_refused(tmp_path):
    w = DatasetWriter(tmp_path)
    try:
        with pytest.raises(DatasetLockedError):
            DatasetWriter(tmp_path)
    finally:
        w.close()


def test_tables_match_schema_and_sql(tmp_path):
    with DatasetWriter(tmp_path) as w:
        w.add(rows_for("f.txt", 0, "内容", initiative="东数西算"))
    for name in ("articles", "sentences", "facts", "entities", "initiatives", "organisations"):
        assert (tmp_path / f"{name}.parquet").exists()
    ds = load_dataset(tmp_path)
    assert ds.sql("select count(*) as n from facts")["n"].iloc[0] == 2
    assert json.loads(ds.articles.metadata.iloc[0]) == {}
    assert pq.read_schema(tmp_path / "facts.parquet").field("value").type.bit_width == 64
    assert "facts=2" in repr(ds)


def test_load_dataset_errors(tmp_path):
    with pytest.raises(FileNotFoundError, match="no dataset folder"):
        load_dataset(tmp_path / "missing")
    with pytest.raises(FileNotFoundError, match="not a policy_nlp dataset"):
        load_dataset(tmp_path)


def test_rerun_skips_known_documents_but_not_changed_ones(tmp_path):
    """The document memo spares re-splitting unchanged files; a changed file is redone."""
    from policy_nlp.engine import run_extract

    src = tmp_path / "in"
    src.mkdir()
    a = src / "a.txt"
    a.write_text("截至2023年底，全省5G基站达到8.2万个。\n", encoding="utf-8")
    (src / "b.txt").write_text("全省粮食产量达到700亿斤。\n", encoding="utf-8")
    first = run_extract([src], tmp_path / "ds", workers=1, progress=False)
    assert first.articles == 2 and (tmp_path / "ds" / "_documents.json").is_file()
    again = run_extract([src], tmp_path / "ds", workers=1, progress=False)
    assert (again.articles, again.unchanged) == (0, 2)
    a.write_text("截至2023年底，全省5G基站达到9.1万个。\n", encoding="utf-8")
    changed = run_extract([src], tmp_path / "ds", workers=1, progress=False)
    assert (changed.articles, changed.unchanged) == (1, 1)
    from policy_nlp.dataset import load_dataset

    assert sorted(load_dataset(tmp_path / "ds").facts.value) == [91000, 7e10]
    # a memo that lies (ids not in the tables) is not trusted
    (tmp_path / "ds" / "_documents.json").write_text('{"pipeline_version": "x", "documents": {}}', encoding="utf-8")
    assert run_extract([src], tmp_path / "ds", workers=1, progress=False).unchanged == 2


def test_commit_streams_parts_into_whole_row_groups(tmp_path):
    """Many small batches become one table file with few row groups, and a second commit
    keeps the committed rows (read back row group by row group) next to the new ones."""
    with DatasetWriter(tmp_path, batch_size=1) as w:
        for i in range(5):
            w.add(rows_for("e.txt", i, f"第{i}篇"))
    assert pq.ParquetFile(tmp_path / "facts.parquet").num_row_groups == 1
    with DatasetWriter(tmp_path, batch_size=1) as w:
        w.add(rows_for("e.txt", 5, "第5篇"))
        w.add(rows_for("e.txt", 0, "第0篇改"))  # replaces article 0
    ds = load_dataset(tmp_path)
    assert len(ds.articles) == 6 and "第0篇改" in set(ds.articles.text) and "第0篇" not in set(ds.articles.text)
    assert len(ds.facts) == 12
