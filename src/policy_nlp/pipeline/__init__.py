"""The spaCy pipeline: ``load()`` builds it, ``annotate()`` runs it on an Article."""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from policy_nlp.config import load_config
from policy_nlp.pipeline import components as _components  # noqa: F401  (registers factories)
from policy_nlp.records import Article
from policy_nlp.segment import tokenizer as _tokenizer  # noqa: F401  (registers the tokenizer)


def load(config: str | Path | None = None, *, user_dicts: Iterable[str | Path] = (),
         entity_model: str | Path | None = None, disable: Iterable[str] = ()) -> Language:
    """Build the pipeline: ``spacy.blank("zh")`` with the jieba tokenizer and our components.

    Build it once per process and reuse it; building loads dictionaries and the model.
    ``entity_model`` is a classifier saved by ``policy-nlp train`` (``.skops``); without it
    the entity rules decide alone (see the README on why that is the default).
    """
    overrides = {}
    if user_dicts:
        overrides["nlp.tokenizer.user_dicts"] = [str(p) for p in user_dicts]
    if entity_model is not None:
        overrides["components.policy_entities.model_path"] = str(entity_model)
    cfg = load_config(config, overrides)
    nlp = spacy.blank("zh", config=cfg)
    for name in disable:
        nlp.disable_pipe(name)
    return nlp


def annotate(nlp: Language, article: Article) -> Doc:
    """Run the pipeline on one article; the Doc carries it as ``doc._.article``."""
    doc = nlp.make_doc(article.text)
    doc._.article = article
    return nlp(doc)


def annotate_many(nlp: Language, articles: Iterable[Article]) -> Iterator[tuple[Article, Doc]]:
    for article in articles:
        yield article, annotate(nlp, article)
