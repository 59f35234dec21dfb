"""Tables derived over the whole dataset: distinct initiatives and organisations."""
from __future__ import annotations

import pandas as pd


def _sorted_unique(values) -> list[str]:
    return sorted({v for v in values if isinstance(v, str) and v})


def initiatives_table(entities: pd.DataFrame, articles: pd.DataFrame) -> pd.DataFrame:
    cols = ["canonical", "subtype", "aliases", "n_articles", "n_mentions", "regions", "first_year"]
    ents = entities[entities["label"] == "INITIATIVE"] if len(entities) else entities
    if ents.empty:
        return pd.DataFrame(columns=cols)
    meta = articles.set_index("article_id")[["region", "year"]]
    ents = ents.join(meta, on="article_id")
    ents = ents.assign(canonical=ents["canonical"].fillna(ents["text"]), subtype=ents["subtype"].fillna(""))
    out = ents.groupby(["canonical", "subtype"], sort=True).agg(
        aliases=("text", _sorted_unique),
        n_articles=("article_id", "nunique"),
        n_mentions=("text", "size"),
        regions=("region", _sorted_unique),
        first_year=("year", "min"),
    ).reset_index()
    out["subtype"] = out["subtype"].replace("", None)
    out["first_year"] = out["first_year"].astype("Int32")
    return out[cols]


def organisations_table(entities: pd.DataFrame, articles: pd.DataFrame) -> pd.DataFrame:
    cols = ["canonical", "aliases", "n_articles", "n_mentions", "regions"]
    ents = entities[entities["label"] == "ORG"] if len(entities) else entities
    if ents.empty:
        return pd.DataFrame(columns=cols)
    meta = articles.set_index("article_id")[["region"]]
    ents = ents.join(meta, on="article_id")
    ents = ents.assign(canonical=ents["canonical"].fillna(ents["text"]))
    out = ents.groupby("canonical", sort=True).agg(
        aliases=("text", _sorted_unique),
        n_articles=("article_id", "nunique"),
        n_mentions=("text", "size"),
        regions=("region", _sorted_unique),
    ).reset_index()
    return out[cols]
