"""A document's fingerprint: what decides, where the input is read, whether it was
already processed (the article split runs in the worker, next to the pipeline, so the
process reading input never does more than read, hash and hand out documents)."""
from __future__ import annotations

import hashlib
import json

from policy_nlp.records import Document


def document_fingerprint(doc: Document) -> str:
    """Everything the article split and the article ids depend on, hashed."""
    h = hashlib.sha256()
    for part in (doc.source_path, str(doc.line_no), str(doc.pre_split),
                 json.dumps(doc.metadata, sort_keys=True, ensure_ascii=False, default=str), doc.text):
        h.update(part.encode("utf-8", "surrogatepass"))
        h.update(b"\x00")
    return h.hexdigest()
