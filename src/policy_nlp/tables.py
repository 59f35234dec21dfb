"""The dataset's tables, declared once: every column's name, type, meaning and role.

Everything else is derived from these declarations: the Parquet/Arrow schema
(:mod:`policy_nlp.dataset.schema`), the rows built from the pipeline's records
(:func:`row_of`, used by :mod:`policy_nlp.pipeline.rows`), the gold export (the columns
marked ``gold``, in the annotation guidelines' format) and the fields the review page and
the notebook helpers show (the columns with a ``shown`` position). Column names are the
public interface (``../shared/spec/dataset.md``): add columns, never rename one without a
migration note in the README.

A column whose name is a field or property of the table's record (:class:`~policy_nlp.records.Fact`
for ``facts``) takes its value from the record; the others (keys such as ``article_id``,
values computed per row) are given to :func:`row_of` by name.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True, slots=True)
class Column:
    name: str
    type: str  # string, int32, int64, float64, bool, list<string>
    doc: str = ""
    gold: bool = False  # written by the gold export (annotation-guidelines format)
    shown: int | None = None  # position among the fields shown to a reader (report, notebook)


@dataclass(frozen=True, slots=True)
class Table:
    name: str
    one_row_per: str
    columns: tuple[Column, ...]
    per_article: bool = True  # False: derived over the whole dataset at each commit

    @property
    def names(self) -> list[str]:
        return [c.name for c in self.columns]

    @property
    def gold_fields(self) -> list[str]:
        return [c.name for c in self.columns if c.gold]

    @property
    def shown_fields(self) -> list[str]:
        return [c.name for c in sorted((c for c in self.columns if c.shown is not None), key=lambda c: c.shown)]

    def column(self, name: str) -> Column:
        for c in self.columns:
            if c.name == name:
                return c
        raise KeyError(f"{self.name} has no column {name!r}")


def _c(name: str, type: str, doc: str = "", gold: bool = False, shown: int | None = None) -> Column:
    return Column(name, type, doc, gold, shown)


ARTICLES = Table("articles", "article", (
    _c("article_id", "string", "stable id: same source, position and content give the same id"),
    _c("source", "string", "the input's file name (a JSON Lines record: its id)", gold=True),
    _c("source_path", "string", "the input path as given", shown=0),
    _c("article_index", "int32", "position of the article in its input, from 0", gold=True, shown=1),
    _c("external_id", "string", "the record's own id (JSON Lines `id`)"),
    _c("title", "string", "main headline", gold=True),
    _c("author_org", "string", "the body that wrote or issued the article", gold=True, shown=2),
    _c("author", "string", "the signer", shown=3),
    _c("region", "string", "province-level region the article speaks for", gold=True, shown=4),
    _c("year", "int32", "year the article was written", gold=True, shown=5),
    _c("locality", "string", "the city or county the article speaks for, below province level"),
    _c("text", "string", "the normalised text every offset points into"),
    _c("n_chars", "int64", "characters of text", shown=6),
    _c("content_sha256", "string", "SHA-256 of text"),
    _c("pipeline_version", "string", "the pipeline version that wrote the rows"),
    _c("metadata", "string", "JSON of the input's extra keys (date, url, ...)"),
))

SENTENCES = Table("sentences", "sentence or heading", (
    _c("article_id", "string"),
    _c("sentence_id", "int32", "position in the article, from 0"),
    _c("section", "string", "the heading the sentence sits under"),
    _c("is_heading", "bool"),
    _c("start", "int64", "character offset into articles.text"),
    _c("end", "int64", "end offset, exclusive"),
    _c("text", "string"),
))

FACTS = Table("facts", "numeric fact", (
    _c("article_id", "string"),
    _c("sentence_id", "int32"),
    _c("start", "int64"),
    _c("end", "int64"),
    _c("text", "string", "the quantity as written", gold=True, shown=0),
    _c("indicator", "string", "what is measured", gold=True, shown=3),
    _c("dimension", "string", "a breakdown named beside the indicator", gold=True, shown=4),
    _c("value", "float64", "normalised value", gold=True, shown=1),
    _c("value_high", "float64", "upper bound of a range", gold=True),
    _c("unit", "string", gold=True, shown=2),
    _c("qualifier", "string", "exact, approx, at_least, at_most", gold=True, shown=8),
    _c("kind", "string", "level, share, growth, difference, index", gold=True, shown=9),
    _c("modality", "string", "actual or target", gold=True, shown=6),
    _c("period", "string", "the time phrase of the sentence", gold=True, shown=5),
    _c("region", "string", "where the figure applies", gold=True, shown=7),
    _c("confidence", "float64", shown=10),
))

ENTITIES = Table("entities", "entity mention", (
    _c("article_id", "string"),
    _c("sentence_id", "int32"),
    _c("start", "int64"),
    _c("end", "int64"),
    _c("text", "string", gold=True, shown=0),
    _c("label", "string", "ORG, GPE, PERSON, INITIATIVE, POLICY_DOC", gold=True, shown=1),
    _c("subtype", "string", "INITIATIVE: slogan, programme, project, infrastructure", gold=True, shown=2),
    _c("canonical", "string", "the full name", gold=True, shown=3),
    _c("source", "string", "rule or model", shown=4),
    _c("score", "float64", shown=5),
))

INITIATIVES = Table("initiatives", "distinct initiative", (
    _c("canonical", "string"),
    _c("subtype", "string"),
    _c("aliases", "list<string>"),
    _c("n_articles", "int64"),
    _c("n_mentions", "int64"),
    _c("regions", "list<string>"),
    _c("first_year", "int32"),
), per_article=False)

ORGANISATIONS = Table("organisations", "distinct organisation", (
    _c("canonical", "string"),
    _c("aliases", "list<string>"),
    _c("n_articles", "int64"),
    _c("n_mentions", "int64"),
    _c("regions", "list<string>"),
), per_article=False)

ALL: tuple[Table, ...] = (ARTICLES, SENTENCES, FACTS, ENTITIES, INITIATIVES, ORGANISATIONS)
BY_NAME: dict[str, Table] = {t.name: t for t in ALL}

_CONVERT = {"float64": float, "int32": int, "int64": int, "bool": bool}


def row_of(table: Table, record: Any = None, **values: Any) -> dict[str, Any]:
    """One row of ``table``: each column from ``values`` when given there, else from the
    record's attribute of the same name; numbers converted to the column's type."""
    row = {}
    for c in table.columns:
        v = values[c.name] if c.name in values else getattr(record, c.name)
        conv = _CONVERT.get(c.type)
        row[c.name] = v if v is None or conv is None else conv(v)
    return row
