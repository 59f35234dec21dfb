"""What runs inside a worker: one pipeline per process, built once; documents are split
into articles, annotated and written there.

Only plain data crosses the process boundary (documents in, counts out): a worker splits
each document into articles and writes their rows as pending parts of the dataset itself,
so the parent process neither structures, unpickles nor converts anything and stays free
for reading input; the same functions serve a local process pool and a Dask worker.
"""
from __future__ import annotations

import traceback
from dataclasses import dataclass, field
from pathlib import Path

from policy_nlp.engine.documents import MAX_ARTICLE_CHARS, InputTooLarge, articles_of
from policy_nlp.engine.supervision import check_poison, poison_marker
from policy_nlp.records import Article, Document


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


#: spaCy's vocabulary keeps every word type it has seen, and a long run keeps meeting new
#: ones (numbers, names): past this many lexemes (~200 MB) the pipeline is built afresh,
#: which costs a second or two once in a few million articles and keeps memory flat.
MAX_LEXEMES = 1_000_000


def init_pipeline(spec: PipelineSpec = PipelineSpec()) -> None:
    """Build this process's pipeline (idempotent for the same spec, unless its vocabulary
    has outgrown MAX_LEXEMES)."""
    global _NLP, _NLP_SPEC
    if _NLP is None or _NLP_SPEC != spec or len(_NLP.vocab) > MAX_LEXEMES:
        _NLP = None  # let the old one go before the new one is built
        _NLP = spec.load()
        _NLP_SPEC = spec


def release_pipeline(min_lexemes: int = 0) -> None:
    """Drop this process's pipeline if its vocabulary holds at least ``min_lexemes``: a
    local one-process run frees a grown vocabulary before the commit, and keeps a small
    pipeline for the next run in the same session."""
    global _NLP, _NLP_SPEC
    if _NLP is not None and len(_NLP.vocab) >= min_lexemes:
        _NLP, _NLP_SPEC = None, None


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


@dataclass
class DocumentResult:
    """What the parent process learns of one document it handed out."""

    fingerprint: str
    article_ids: list[str] | None = None  # None: the document could not be split
    error: str | None = None  # why it could not be split
    #: (article_id, counts or None, "article N: error" or None) per article
    articles: list[tuple[str, dict | None, str | None]] = field(default_factory=list)


@dataclass(frozen=True)
class RunTarget:
    """Where a run writes and how it splits: the same for every batch of the run."""

    root: str  # the dataset folder, as every worker reaches it
    run_id: str  # new for each run: what a worker read of the dataset is valid for one run
    max_chars: int = MAX_ARTICLE_CHARS


_DONE: tuple[str, frozenset[str]] | None = None


def prime_done_articles(target: RunTarget, known: dict[str, str]) -> None:
    """Hand the parent's own reading of the dataset to an in-process run (read it once)."""
    from policy_nlp.config import PIPELINE_VERSION

    global _DONE
    _DONE = (target.run_id, frozenset(a for a, v in known.items() if v == PIPELINE_VERSION))


def _done_articles(target: RunTarget) -> frozenset[str]:
    """Ids of the articles already in the dataset with this pipeline version, read once per
    run and process: a document the parent could not recognise by its fingerprint (the memo
    was lost, or it came from an older dataset) is still not annotated twice."""
    global _DONE
    if _DONE is None or _DONE[0] != target.run_id:
        from policy_nlp.config import PIPELINE_VERSION
        from policy_nlp.dataset.store import known_articles

        known = known_articles(Path(target.root))
        _DONE = (target.run_id, frozenset(a for a, v in known.items() if v == PIPELINE_VERSION))
    return _DONE[1]


def process_and_write_documents(docs: list[tuple[str, Document]], target: RunTarget,
                                spec: PipelineSpec = PipelineSpec()) -> list[DocumentResult]:
    """Split each (fingerprint, document) into articles, annotate those not yet in the
    dataset, write all their rows as one pending part of the dataset; one result per
    document, in order (an article already there has neither counts nor error). A document
    that cannot be split, or an article that fails, costs only itself."""
    from policy_nlp.dataset.schema import ARTICLE_TABLES
    from policy_nlp.dataset.store import write_part

    root, max_chars = target.root, target.max_chars
    done = _done_articles(target)
    merged: dict[str, list[dict]] = {name: [] for name in ARTICLE_TABLES}
    out = []
    poison = poison_marker()
    for fingerprint, doc in docs:
        check_poison(doc.text, poison)
        try:
            articles = articles_of(doc, max_chars)
        except InputTooLarge as exc:
            out.append(DocumentResult(fingerprint, error=str(exc)))
            continue
        except Exception as exc:  # noqa: BLE001 - reported per document, the batch goes on
            out.append(DocumentResult(fingerprint, error=f"cannot structure: {type(exc).__name__}: {exc}"))
            continue
        result = DocumentResult(fingerprint, [a.article_id for a in articles])
        index = {a.article_id: a.article_index for a in articles}
        result.articles.extend((a.article_id, None, None) for a in articles if a.article_id in done)
        for aid, rows, error in process_batch([a for a in articles if a.article_id not in done], spec):
            if rows is None:
                result.articles.append((aid, None, f"article {index[aid]}: {error}"))
                continue
            for name in ARTICLE_TABLES:
                merged[name].extend(rows[name])
            result.articles.append((aid, counts_of(rows), None))
        out.append(result)
    if merged["articles"]:
        write_part(root, merged)
    return out
