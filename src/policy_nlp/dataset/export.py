"""Export: the gold format (for evaluation) and plain table files."""
from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pandas as pd

from policy_nlp import tables
from policy_nlp.dataset.store import Dataset

#: The fields of a fact and of an entity in the gold format (the columns marked ``gold``).
GOLD_FACT_FIELDS = tuple(tables.FACTS.gold_fields)
GOLD_ENTITY_FIELDS = tuple(tables.ENTITIES.gold_fields)


def _none(v):
    if v is None:
        return None
    try:
        if pd.isna(v):
            return None
    except (TypeError, ValueError):
        pass
    return v


def _number(v):
    """Integral values below 2**53 as ints, as the guidelines write them."""
    v = _none(v)
    if v is None:
        return None
    v = float(v)
    if v.is_integer() and abs(v) < 2**53:
        return int(v)
    return v


def gold_record(article: dict, facts: list[dict], entities: list[dict]) -> dict:
    """One article's rows (as dicts) in the gold format of the annotation guidelines.

    An article read from a JSON Lines record with an ``id`` is named by that id (its own
    source, article 0), as gold articles annotated from such records are; any other by its
    file name and position."""
    rid = _none(article.get("external_id"))
    rec = {
        "source": str(rid) if rid is not None else article["source"],
        "article_index": 0 if rid is not None else int(article["article_index"]),
        "title": _none(article.get("title")),
        "author_org": _none(article.get("author_org")),
        "region": _none(article.get("region")),
        "year": None if _none(article.get("year")) is None else int(article["year"]),
        "facts": [
            {k: (_number(f.get(k)) if k in ("value", "value_high") else _none(f.get(k))) for k in GOLD_FACT_FIELDS}
            for f in sorted(facts, key=lambda f: (f["start"], f["end"]))
        ],
        "entities": [],
    }
    seen = set()
    for e in sorted(entities, key=lambda e: (e["start"], e["end"])):
        key = (e["label"], e["text"])
        if key not in seen:
            seen.add(key)
            ent = {k: _none(e.get(k)) for k in GOLD_ENTITY_FIELDS}
            ent["canonical"] = ent["canonical"] or e["text"]
            rec["entities"].append(ent)
    return rec


def gold_records(ds: Dataset) -> Iterator[dict]:
    """Every article of a dataset in the gold format, ordered by source and position."""
    arts = ds.articles.sort_values(["source", "source_path", "article_index"])
    facts = {k: g.to_dict("records") for k, g in ds.facts.groupby("article_id")}
    ents = {k: g.to_dict("records") for k, g in ds.entities.groupby("article_id")}
    for a in arts.to_dict("records"):
        yield gold_record(a, facts.get(a["article_id"], []), ents.get(a["article_id"], []))


def write_gold(ds: Dataset, fh) -> int:
    n = 0
    for rec in gold_records(ds):
        fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
        n += 1
    return n


def export_tables(ds: Dataset, fmt: str, out: Path, tables: list[str] | None = None) -> list[Path]:
    """Write tables as CSV, Parquet or JSON Lines: into folder ``out`` (one file per table),
    or into the file ``out`` when a single table is asked for and ``out`` has a suffix."""
    names = tables or ds.tables
    written = []
    single_file = len(names) == 1 and out.suffix != ""
    if not single_file:
        out.mkdir(parents=True, exist_ok=True)
    for name in names:
        df = ds.table(name)
        path = out if single_file else out / f"{name}.{ 'jsonl' if fmt == 'jsonl' else fmt}"
        if fmt == "csv":
            df.to_csv(path, index=False)
        elif fmt == "parquet":
            df.to_parquet(path, index=False)
        elif fmt == "jsonl":
            df.to_json(path, orient="records", lines=True, force_ascii=False)
        else:
            raise ValueError(f"unknown format {fmt!r}")
        written.append(path)
    return written
