"""Doc -> plain rows for the dataset tables (no Doc crosses a process boundary); the
columns are those declared in :mod:`policy_nlp.tables`."""
from __future__ import annotations

import bisect
import json

from spacy.tokens import Doc

from policy_nlp import tables
from policy_nlp.config import PIPELINE_VERSION
from policy_nlp.records import Article


def _sentence_index(starts: list[int], offset: int) -> int | None:
    i = bisect.bisect_right(starts, offset) - 1
    return i if i >= 0 else None


def article_row(article: Article) -> dict:
    meta = {k: v for k, v in article.metadata.items() if k not in ("title",)}
    return tables.row_of(
        tables.ARTICLES, article,
        external_id=None if meta.get("id") is None else str(meta.get("id")),
        n_chars=len(article.text),
        pipeline_version=PIPELINE_VERSION,
        metadata=json.dumps(meta, ensure_ascii=False, default=str, sort_keys=True),
    )


def doc_rows(doc: Doc) -> dict[str, list[dict]]:
    """Rows of every per-article table for one annotated Doc."""
    article: Article = doc._.article
    aid = article.article_id
    sents = article.sentences
    starts = [s.start for s in sents]
    text = article.text
    return {
        "articles": [article_row(article)],
        "sentences": [tables.row_of(tables.SENTENCES, s, article_id=aid, sentence_id=i, text=text[s.start:s.end])
                      for i, s in enumerate(sents)],
        "facts": [tables.row_of(tables.FACTS, f, article_id=aid, sentence_id=_sentence_index(starts, f.start))
                  for f in doc._.facts or []],
        "entities": [tables.row_of(tables.ENTITIES, e, article_id=aid, sentence_id=_sentence_index(starts, e.start),
                                   canonical=e.canonical or e.text)
                     for e in doc._.entities or []],
    }
