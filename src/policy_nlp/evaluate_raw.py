"""Predictions for evaluation straight from raw files (no dataset folder needed)."""
from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from policy_nlp.dataset.export import gold_record
from policy_nlp.engine.documents import articles_of
from policy_nlp.ingest import read_path
from policy_nlp.pipeline import annotate, load
from policy_nlp.pipeline.rows import doc_rows
from policy_nlp.records import Skipped


def predict_file(nlp, path: Path) -> list[dict]:
    """Gold-format records for every article of one raw file."""
    records = []
    for doc in read_path(path):
        if isinstance(doc, Skipped):
            raise ValueError(str(doc))
        for article in articles_of(doc):
            rows = doc_rows(annotate(nlp, article))
            records.append(gold_record(rows["articles"][0], rows["facts"], rows["entities"]))
    return records


def predict_sources(raw_dir: str | Path, sources: Iterable[str], nlp=None) -> tuple[list[dict], list[str]]:
    """(records, messages about sources not found) for the named files under raw_dir."""
    raw_dir = Path(raw_dir)
    if not raw_dir.is_dir():
        raise ValueError(f"{raw_dir}: not a folder")
    nlp = nlp or load()
    records, missing = [], []
    for src in sources:
        path = raw_dir / src
        if not path.is_file():
            missing.append(f"{path}: gold names this source but the file is missing; scored as empty")
            continue
        records.extend(predict_file(nlp, path))
    return records, missing
