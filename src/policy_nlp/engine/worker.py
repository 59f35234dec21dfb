"""What runs inside a worker: one pipeline per process, built once, rows out.

Only plain data crosses the process boundary (Articles in, row dicts out), so the same
functions serve a local process pool and a Dask worker.
"""
from __future__ import annotations

import traceback
from pathlib import Path

from policy_nlp.records import Article

_NLP = None
_NLP_KEY = None


def init_pipeline(config: str | None = None, user_dicts: tuple[str, ...] = (), entity_model: str | None = None) -> None:
    """Build this process's pipeline (idempotent for the same settings)."""
    global _NLP, _NLP_KEY
    key = (config, tuple(user_dicts), entity_model)
    if _NLP is None or _NLP_KEY != key:
        from policy_nlp.pipeline import load

        _NLP = load(Path(config) if config else None, user_dicts=user_dicts, entity_model=entity_model)
        _NLP_KEY = key


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


def process_batch(articles: list[Article], config: str | None = None, user_dicts: tuple[str, ...] = (),
                  entity_model: str | None = None) -> list[tuple[str, dict | None, str | None]]:
    """(article_id, rows or None, error or None) per article; one failure costs one article."""
    init_pipeline(config, user_dicts, entity_model)
    out = []
    for a in articles:
        try:
            out.append((a.article_id, process_article(_NLP, a), None))
        except Exception as exc:  # noqa: BLE001 - reported per article, the batch goes on
            last = traceback.extract_tb(exc.__traceback__)[-1]
            out.append((a.article_id, None, f"pipeline error: {type(exc).__name__}: {exc} ({Path(last.filename).name}:{last.lineno})"))
    return out
