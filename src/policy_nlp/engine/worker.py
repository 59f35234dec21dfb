"""What runs inside a worker: one pipeline per process, built once; documents are split
into articles, annotated and written there.

Only plain data crosses the process boundary (documents in, counts out): a worker splits
each document into articles and writes their rows as pending parts of the dataset itself,
so the parent process neither structures, unpickles nor converts anything and stays free
for reading input. The same :class:`Worker` serves a process of the local pool, a Dask
worker (held by its plugin) and a one-process run (held by the run).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from policy_nlp.engine.supervision import check_poison, poison_marker
from policy_nlp.records import Document
from policy_nlp.structure.documents import MAX_ARTICLE_CHARS, InputTooLarge


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


@dataclass(frozen=True)
class RunTarget:
    """Where a run writes and how it splits: the same for every batch of the run."""

    root: str  # the dataset folder, as every worker reaches it
    run_id: str  # new for each run: what a worker read of the dataset is valid for one run
    max_chars: int = MAX_ARTICLE_CHARS


@dataclass
class DocumentResult:
    """What the parent process learns of one document it handed out."""

    fingerprint: str
    article_ids: list[str] | None = None  # None: the document could not be split
    error: str | None = None  # why it could not be split
    #: (article_id, counts or None, "article N: error" or None) per article
    articles: list[tuple[str, dict | None, str | None]] = field(default_factory=list)


def counts_of(rows: dict[str, list[dict]]) -> dict[str, int]:
    """What a run summary counts of one article's rows."""
    return {
        "chars": rows["articles"][0]["n_chars"],
        "sentences": len(rows["sentences"]),
        "facts": len(rows["facts"]),
        "entities": len(rows["entities"]),
    }


#: spaCy's vocabulary keeps every word type it has seen, and a long run keeps meeting new
#: ones (numbers, names): past this many lexemes (~200 MB) the pipeline is built afresh,
#: which costs a second or two once in a few million articles and keeps memory flat.
MAX_LEXEMES = 1_000_000


class Worker:
    """One process's pipeline and its reading of the dataset, each built once."""

    def __init__(self, spec: PipelineSpec = PipelineSpec()):
        self.spec = spec
        self._nlp = None
        self._done: tuple[str, frozenset[str]] | None = None  # (run_id, article ids already written)

    @property
    def nlp(self):
        """The pipeline, built on first use and afresh once its vocabulary outgrows MAX_LEXEMES."""
        if self._nlp is None or len(self._nlp.vocab) > MAX_LEXEMES:
            self._nlp = None  # let the old one go before the new one is built
            self._nlp = self.spec.load()
        return self._nlp

    def release(self, min_lexemes: int = 0) -> None:
        """Drop the pipeline if its vocabulary holds at least ``min_lexemes``: a one-process
        run frees a grown vocabulary before the commit."""
        if self._nlp is not None and len(self._nlp.vocab) >= min_lexemes:
            self._nlp = None

    def prime(self, target: RunTarget, known: dict[str, str]) -> None:
        """Take the parent's own reading of the dataset (a one-process run reads it once)."""
        from policy_nlp.config import PIPELINE_VERSION

        self._done = (target.run_id, frozenset(a for a, v in known.items() if v == PIPELINE_VERSION))

    def done_articles(self, target: RunTarget) -> frozenset[str]:
        """Ids of the articles already in the dataset with this pipeline version, read once per
        run: a document the parent could not recognise by its fingerprint (the memo was lost,
        or it came from an older dataset) is still not annotated twice."""
        if self._done is None or self._done[0] != target.run_id:
            from policy_nlp.dataset.store import known_articles

            self.prime(target, known_articles(Path(target.root)))
        return self._done[1]

    def process(self, docs: list[tuple[str, Document]], target: RunTarget) -> list[DocumentResult]:
        """Split each (fingerprint, document) into articles, annotate those not yet in the
        dataset, write all their rows as one pending part of the dataset; one result per
        document, in order (an article already there has neither counts nor error). A
        document that cannot be split, or an article that fails, costs only itself."""
        from policy_nlp.dataset.schema import ARTICLE_TABLES
        from policy_nlp.dataset.store import write_part
        from policy_nlp.pipeline.process import StructureError, process_document

        done = self.done_articles(target)
        merged: dict[str, list[dict]] = {name: [] for name in ARTICLE_TABLES}
        out = []
        poison = poison_marker()
        for fingerprint, doc in docs:
            check_poison(doc.text, poison)
            try:
                results = process_document(self.nlp, doc, max_chars=target.max_chars, done=done)
            except (InputTooLarge, StructureError) as exc:
                out.append(DocumentResult(fingerprint, error=str(exc)))
                continue
            result = DocumentResult(fingerprint, [r.article.article_id for r in results])
            for r in results:
                aid = r.article.article_id
                if r.done:
                    result.articles.append((aid, None, None))
                elif r.error is not None:
                    result.articles.append((aid, None, f"article {r.article.article_index}: {r.error}"))
                else:
                    rows = r.rows
                    for name in ARTICLE_TABLES:
                        merged[name].extend(rows[name])
                    result.articles.append((aid, counts_of(rows), None))
            out.append(result)
        if merged["articles"]:
            write_part(target.root, merged)
        return out
