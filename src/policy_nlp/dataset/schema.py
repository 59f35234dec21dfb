"""The tables of the dataset, declared once (see the README's "Dataset" section).

Column names are the public interface users rely on: add columns, never rename one
without a migration note.
"""
from __future__ import annotations

import pyarrow as pa

ARTICLES = pa.schema([
    ("article_id", pa.string()),
    ("source", pa.string()),
    ("source_path", pa.string()),
    ("article_index", pa.int32()),
    ("external_id", pa.string()),
    ("title", pa.string()),
    ("author_org", pa.string()),
    ("author", pa.string()),
    ("region", pa.string()),
    ("year", pa.int32()),
    ("locality", pa.string()),
    ("text", pa.string()),
    ("n_chars", pa.int64()),
    ("content_sha256", pa.string()),
    ("pipeline_version", pa.string()),
    ("metadata", pa.string()),  # JSON of extra input keys (date, url, ...)
])

SENTENCES = pa.schema([
    ("article_id", pa.string()),
    ("sentence_id", pa.int32()),
    ("section", pa.string()),
    ("is_heading", pa.bool_()),
    ("start", pa.int64()),
    ("end", pa.int64()),
    ("text", pa.string()),
])

FACTS = pa.schema([
    ("article_id", pa.string()),
    ("sentence_id", pa.int32()),
    ("start", pa.int64()),
    ("end", pa.int64()),
    ("text", pa.string()),
    ("indicator", pa.string()),
    ("dimension", pa.string()),
    ("value", pa.float64()),
    ("value_high", pa.float64()),
    ("unit", pa.string()),
    ("qualifier", pa.string()),
    ("kind", pa.string()),
    ("modality", pa.string()),
    ("period", pa.string()),
    ("region", pa.string()),
    ("confidence", pa.float64()),
])

ENTITIES = pa.schema([
    ("article_id", pa.string()),
    ("sentence_id", pa.int32()),
    ("start", pa.int64()),
    ("end", pa.int64()),
    ("text", pa.string()),
    ("label", pa.string()),
    ("subtype", pa.string()),
    ("canonical", pa.string()),
    ("source", pa.string()),
    ("score", pa.float64()),
])

INITIATIVES = pa.schema([
    ("canonical", pa.string()),
    ("subtype", pa.string()),
    ("aliases", pa.list_(pa.string())),
    ("n_articles", pa.int64()),
    ("n_mentions", pa.int64()),
    ("regions", pa.list_(pa.string())),
    ("first_year", pa.int32()),
])

ORGANISATIONS = pa.schema([
    ("canonical", pa.string()),
    ("aliases", pa.list_(pa.string())),
    ("n_articles", pa.int64()),
    ("n_mentions", pa.int64()),
    ("regions", pa.list_(pa.string())),
])

#: Tables written per article (rows keyed by article_id).
ARTICLE_TABLES: dict[str, pa.Schema] = {
    "articles": ARTICLES,
    "sentences": SENTENCES,
    "facts": FACTS,
    "entities": ENTITIES,
}
#: Tables derived from the others over the whole dataset.
DERIVED_TABLES: dict[str, pa.Schema] = {
    "initiatives": INITIATIVES,
    "organisations": ORGANISATIONS,
}
TABLES: dict[str, pa.Schema] = {**ARTICLE_TABLES, **DERIVED_TABLES}
