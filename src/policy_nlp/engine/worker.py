"""What runs inside a worker: one pipeline per process, built once, rows written there.

Only plain data crosses the process boundary (Articles in, counts out): a worker writes
its rows as pending parts of the dataset itself, so the parent process neither unpickles
nor converts them and stays free for reading input; the same functions serve a local
process pool and a Dask worker.
"""
from __future__ import annotations

import traceback
from dataclasses import dataclass
from pathlib import Path

from policy_nlp.records import Article


@dataclass(frozen=True)
class PipelineSpec:
    """What a worker needs to build the pipeline: plain strings, so it travels to any
    process or Dask worker, and hashable, so a worker knows when it already has it."""

    config: str | None = None
    user_dicts: tuple[str, ...] = ()
    entity_model: str | None = None

    def load(self):
        from policy_nlp.pipeline import load

        return load(Path(self.config) if self.config else None, user_dicts=self.user_dicts,
                    entity_model=self.entity_model)


_NLP = None
_NLP_SPEC: PipelineSpec | None = None


def init_pipeline(spec: PipelineSpec = PipelineSpec()) -> None:
    """Build this process's pipeline (idempotent for the same spec)."""
    global _NLP, _NLP_SPEC
    if _NLP is None or _NLP_SPEC != spec:
        _NLP = spec.load()
        _NLP_SPEC = spec


def process_article(nlp, article: Article) -> dict[str, list[dict]]:
    from policy_nlp.pipeline import annotate
    from policy_nlp.pipeline.rows import doc_rows

    return doc_rows(annotate(nlp, article))


def counts_of(rows: dict[str, list[dict]]) -> dict[str, int]:
    """What a run summary counts of one article's rows."""
    return {
        "chars": rows["articles"][0]["n_chars"],
        "sentences": len(rows["sentences"]),
        "facts": len(rows["facts"]),
        "entities": len(rows["entities"]),
    }


def process_batch(articles: list[Article], spec: PipelineSpec = PipelineSpec()) -> list[tuple[str, dict | None, str | None]]:
    """(article_id, rows or None, error or None) per article; one failure costs one article."""
    init_pipeline(spec)
    out = []
    for a in articles:
        try:
            out.append((a.article_id, process_article(_NLP, a), None))
        except Exception as exc:  # noqa: BLE001 - reported per article, the batch goes on
            last = traceback.extract_tb(exc.__traceback__)[-1]
            out.append((a.article_id, None, f"pipeline error: {type(exc).__name__}: {exc} ({Path(last.filename).name}:{last.lineno})"))
    return out


def process_and_write_batch(articles: list[Article], root: str, spec: PipelineSpec = PipelineSpec()
                            ) -> list[tuple[str, dict | None, str | None]]:
    """Annotate a batch, write its rows as one pending part of the dataset at ``root``,
    and return (article_id, counts or None, error or None) per article."""
    from policy_nlp.dataset.schema import ARTICLE_TABLES
    from policy_nlp.dataset.store import write_part

    results = process_batch(articles, spec)
    merged: dict[str, list[dict]] = {name: [] for name in ARTICLE_TABLES}
    out = []
    for aid, rows, error in results:
        if rows is None:
            out.append((aid, None, error))
            continue
        for name in ARTICLE_TABLES:
            merged[name].extend(rows[name])
        out.append((aid, counts_of(rows), None))
    if merged["articles"]:
        write_part(root, merged)
    return out
