"""Tables derived over the whole dataset: distinct initiatives and organisations.

Rebuilt at every commit from the entities and articles tables, so they must stay cheap as
the dataset grows: one DuckDB aggregation over the Arrow tables (a pandas ``groupby`` with
a Python function per group took a second per ten thousand groups).
"""
from __future__ import annotations

from pathlib import Path
from typing import Union

import pyarrow as pa

from policy_nlp.dataset.schema import INITIATIVES, ORGANISATIONS

# Aliases and regions: distinct non-empty values, sorted. Rows sort by name (then subtype).
_INITIATIVES = """
SELECT coalesce(e.canonical, e.text) AS canonical,
       nullif(coalesce(e.subtype, ''), '') AS subtype,
       list_sort(list_distinct(list(nullif(e.text, '')))) AS aliases,
       count(DISTINCT e.article_id) AS n_articles,
       count(*) AS n_mentions,
       list_sort(list_distinct(list(nullif(a.region, '')))) AS regions,
       min(a.year) AS first_year
FROM ents e LEFT JOIN arts a ON a.article_id = e.article_id
WHERE e.label = 'INITIATIVE'
GROUP BY 1, coalesce(e.subtype, '')
ORDER BY 1, coalesce(e.subtype, '')
"""

_ORGANISATIONS = """
SELECT coalesce(e.canonical, e.text) AS canonical,
       list_sort(list_distinct(list(nullif(e.text, '')))) AS aliases,
       count(DISTINCT e.article_id) AS n_articles,
       count(*) AS n_mentions,
       list_sort(list_distinct(list(nullif(a.region, '')))) AS regions
FROM ents e LEFT JOIN arts a ON a.article_id = e.article_id
WHERE e.label = 'ORG'
GROUP BY 1
ORDER BY 1
"""


Source = Union[pa.Table, Path]  # an Arrow table, or a Parquet file read out of core by DuckDB


def _register(con, name: str, source: Source, columns: list[str]) -> None:
    if isinstance(source, pa.Table):
        con.register(name, source.select(columns))
    else:
        con.read_parquet(str(source)).select(*columns).create_view(name)


def _query(sql: str, entities: Source, articles: Source, schema: pa.Schema) -> pa.Table:
    import duckdb

    # one thread and a small memory budget: the commit runs beside the pipeline's memory,
    # and these tables are small next to it (DuckDB spills to disk beyond the budget)
    con = duckdb.connect(config={"threads": 1, "memory_limit": "256MB"})
    try:
        _register(con, "ents", entities, ["article_id", "text", "label", "subtype", "canonical"])
        _register(con, "arts", articles, ["article_id", "region", "year"])
        rel = con.sql(sql)
        to_arrow = getattr(rel, "to_arrow_table", None) or rel.arrow  # DuckDB 2 / DuckDB 1
        return to_arrow().cast(schema)
    finally:
        con.close()


def initiatives_table(entities: Source, articles: Source) -> pa.Table:
    """One row per (canonical name, subtype) of the INITIATIVE mentions."""
    return _query(_INITIATIVES, entities, articles, INITIATIVES)


def organisations_table(entities: Source, articles: Source) -> pa.Table:
    """One row per canonical name of the ORG mentions."""
    return _query(_ORGANISATIONS, entities, articles, ORGANISATIONS)
