"""The Arrow schemas of the dataset's tables, derived from their declaration in
:mod:`policy_nlp.tables` (names, types and meanings live there, once)."""
from __future__ import annotations

import pyarrow as pa

from policy_nlp import tables

_ARROW = {"string": pa.string(), "int32": pa.int32(), "int64": pa.int64(), "float64": pa.float64(),
          "bool": pa.bool_(), "list<string>": pa.list_(pa.string())}


def arrow_schema(table: tables.Table) -> pa.Schema:
    return pa.schema([(c.name, _ARROW[c.type]) for c in table.columns])


ARTICLES = arrow_schema(tables.ARTICLES)
SENTENCES = arrow_schema(tables.SENTENCES)
FACTS = arrow_schema(tables.FACTS)
ENTITIES = arrow_schema(tables.ENTITIES)
INITIATIVES = arrow_schema(tables.INITIATIVES)
ORGANISATIONS = arrow_schema(tables.ORGANISATIONS)

#: Tables written per article (rows keyed by article_id).
ARTICLE_TABLES: dict[str, pa.Schema] = {t.name: arrow_schema(t) for t in tables.ALL if t.per_article}
#: Tables derived from the others over the whole dataset.
DERIVED_TABLES: dict[str, pa.Schema] = {t.name: arrow_schema(t) for t in tables.ALL if not t.per_article}
TABLES: dict[str, pa.Schema] = {**ARTICLE_TABLES, **DERIVED_TABLES}
