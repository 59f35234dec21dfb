"""Doc -> plain rows for the dataset tables (no Doc crosses a process boundary)."""
from __future__ import annotations

import bisect
import json

from spacy.tokens import Doc

from policy_nlp.config import PIPELINE_VERSION
from policy_nlp.records import Article


def _sentence_index(starts: list[int], offset: int) -> int | None:
    i = bisect.bisect_right(starts, offset) - 1
    return i if i >= 0 else None


def article_row(article: Article) -> dict:
    meta = {k: v for k, v in article.metadata.items() if k not in ("title",)}
    return {
        "article_id": article.article_id,
        "source": article.source,
        "source_path": article.source_path,
        "article_index": article.article_index,
        "external_id": None if meta.get("id") is None else str(meta.get("id")),
        "title": article.title,
        "author_org": article.author_org,
        "author": article.author,
        "region": article.region,
        "year": article.year,
        "locality": article.locality,
        "text": article.text,
        "n_chars": len(article.text),
        "content_sha256": article.content_sha256,
        "pipeline_version": PIPELINE_VERSION,
        "metadata": json.dumps(meta, ensure_ascii=False, default=str, sort_keys=True),
    }


def doc_rows(doc: Doc) -> dict[str, list[dict]]:
    """Rows of every per-article table for one annotated Doc."""
    article: Article = doc._.article
    aid = article.article_id
    sents = article.sentences
    starts = [s.start for s in sents]
    rows: dict[str, list[dict]] = {"articles": [article_row(article)], "sentences": [], "facts": [], "entities": []}
    for i, s in enumerate(sents):
        rows["sentences"].append({
            "article_id": aid, "sentence_id": i, "section": s.section, "is_heading": s.is_heading,
            "start": s.start, "end": s.end, "text": article.text[s.start:s.end],
        })
    for f in doc._.facts or []:
        rows["facts"].append({
            "article_id": aid, "sentence_id": _sentence_index(starts, f.start), "start": f.start, "end": f.end,
            "text": f.text, "indicator": f.indicator, "dimension": f.dimension,
            "value": float(f.value), "value_high": None if f.value_high is None else float(f.value_high),
            "unit": f.unit, "qualifier": f.qualifier, "kind": f.kind, "modality": f.modality,
            "period": f.period, "region": f.region, "confidence": f.confidence,
        })
    for e in doc._.entities or []:
        rows["entities"].append({
            "article_id": aid, "sentence_id": _sentence_index(starts, e.start), "start": e.start, "end": e.end,
            "text": e.text, "label": e.label, "subtype": e.subtype, "canonical": e.canonical or e.text,
            "source": e.source, "score": e.score,
        })
    return rows
