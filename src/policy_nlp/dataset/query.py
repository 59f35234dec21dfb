"""SQL over the dataset with DuckDB: each table is a view over its Parquet file."""
from __future__ import annotations

from pathlib import Path

import duckdb

from policy_nlp.dataset.schema import TABLES


def connect(root: str | Path) -> duckdb.DuckDBPyConnection:
    """An in-memory DuckDB connection with one view per table of the dataset."""
    root = Path(root)
    con = duckdb.connect(":memory:")
    for name in TABLES:
        path = root / f"{name}.parquet"
        if path.exists():
            escaped = str(path).replace("'", "''")
            con.execute(f"CREATE VIEW {name} AS SELECT * FROM read_parquet('{escaped}')")
    return con
