"""Predictions for evaluation straight from raw files (no dataset folder needed)."""
from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from policy_nlp.dataset.export import gold_record
from policy_nlp.pipeline import load
from policy_nlp.pipeline.process import process_path
from policy_nlp.records import Skipped


def predict_file(nlp, path: Path) -> list[dict]:
    """Gold-format records for every article of one raw file."""
    records = []
    for res in process_path(nlp, path):
        if isinstance(res, Skipped):
            raise ValueError(str(res))
        if res.error is not None:
            raise ValueError(f"{path}: article {res.article.article_index}: {res.error}")
        rows = res.rows
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


def score_raw(gold_files: Iterable[str | Path], raw_dir: str | Path, nlp=None) -> tuple[dict, list[dict], list[str]]:
    """(scores, predicted records, messages about missing sources): the pipeline run on
    the gold files' sources and scored as the guidelines define it (``evaluate --raw``)."""
    from policy_nlp.evaluate import read_gold_format, score_annotations, source_annotations

    gold = read_gold_format(gold_files)
    records, missing = predict_sources(raw_dir, sorted(gold), nlp)
    return score_annotations(gold, source_annotations(records)), records, missing
