"""``policy_nlp.display(...)``: an article with its facts and entities highlighted, in a notebook.

Accepts

- a spaCy ``Doc`` from ``nlp(text)`` (or :func:`policy_nlp.pipeline.annotate`),
- a row of ``ds.articles`` (a pandas Series or a dict) together with its dataset,
- an ``article_id`` together with its dataset (``display(aid, ds)``),
- the rows of one article as :func:`policy_nlp.pipeline.rows.doc_rows` returns them,
- a plain text together with a pipeline (``display(text, nlp=nlp)``): it is run through it.

Nothing is remembered between calls: an id or a row is looked up in the dataset you pass,
and a text is annotated by the pipeline you pass (build it once with
:func:`policy_nlp.load`; a second, hidden one would cost seconds and could differ from yours).

Returns an ``IPython.display.HTML`` object when IPython is installed (a notebook shows it
as the cell's value), the HTML string otherwise. Highlights use the same renderer and
colours as the review page (:mod:`policy_nlp.report`): entities by label (background),
facts by kind (frame; dashed for targets); hover a highlight for its fields. All text is
escaped.
"""
from __future__ import annotations

from collections.abc import Mapping
from typing import Any

def payload_of(obj: Any, dataset: Any = None, nlp: Any = None) -> dict:
    """The renderer's payload for any object :func:`display` accepts."""
    from policy_nlp.report.render import article_payload

    try:
        from spacy.tokens import Doc
    except ImportError:  # pragma: no cover
        Doc = ()  # type: ignore[assignment]
    if isinstance(obj, Doc):
        from policy_nlp.pipeline.rows import doc_rows

        rows = doc_rows(obj)
        return article_payload(rows["articles"][0], rows["facts"], rows["entities"])
    if isinstance(obj, Mapping) and "articles" in obj and "facts" in obj:
        return article_payload(obj["articles"][0], obj["facts"], obj.get("entities", []))
    if isinstance(obj, str):
        if dataset is not None:
            if not (dataset.articles["article_id"] == obj).any():
                raise KeyError(f"no article with article_id {obj!r} in {dataset!r}")
            return _from_dataset(dataset, obj)
        if nlp is None:
            raise ValueError("display(text) needs a pipeline: display(text, nlp=policy_nlp.load()); "
                             "display(article_id, ds) shows an article of a dataset")
        return payload_of(nlp(obj))
    if hasattr(obj, "get") and obj.get("article_id") is not None:  # Series or dict: an articles row
        if dataset is None:
            raise ValueError("display(row) needs the dataset the row comes from: display(row, ds)")
        return _from_dataset(dataset, obj.get("article_id"), dict(obj) if "text" in obj else None)
    raise TypeError(f"display() takes a spaCy Doc, an articles row, an article_id or a text, not {type(obj).__name__}")


def _from_dataset(ds, article_id: str, row: dict | None = None) -> dict:
    from policy_nlp.report.render import article_payload

    if row is None:
        arts = ds.articles
        row = arts[arts["article_id"] == article_id].iloc[0].to_dict()
    facts = ds.facts[ds.facts["article_id"] == article_id]
    ents = ds.entities[ds.entities["article_id"] == article_id]
    return article_payload(row, facts, ents)


def display_html(obj: Any, dataset: Any = None, tables: bool = True, nlp: Any = None) -> str:
    """The HTML fragment :func:`display` shows."""
    from policy_nlp.report.render import article_html

    return article_html(payload_of(obj, dataset, nlp), tables=tables)


def display(obj: Any, dataset: Any = None, tables: bool = True, nlp: Any = None):
    """Render an article with its facts and entities highlighted (see the module doc)."""
    page = display_html(obj, dataset, tables, nlp)
    try:
        from IPython.display import HTML
    except ImportError:
        return page
    return HTML(page)
