"""The pipeline components, registered with ``@Language.factory``.

Each component adapts one plain-Python extractor (structure, quantities, facts,
entities) to the Doc: it reads what earlier components left on ``doc._``, calls the
extractor with plain data, and writes records to ``doc._`` and spans to ``doc.spans``.
"""
from __future__ import annotations

import bisect

from spacy.language import Language
from spacy.tokens import Doc, Span

from policy_nlp.pipeline.extensions import RECORDS_KEY, register_extensions
from policy_nlp.records import Article
from policy_nlp.segment.segmenter import TokenTable
from policy_nlp.segment.tokenizer import TOKENS_KEY

register_extensions()


def doc_tokens(doc: Doc) -> TokenTable:
    """(start, end, jieba POS tag) per token, the form the extractors take; the tokenizer
    leaves it on the Doc, a Doc made elsewhere gets it rebuilt once."""
    table = doc.user_data.get(TOKENS_KEY)
    if table is None:
        table = TokenTable.from_words([t.text for t in doc], [t.tag_ for t in doc])
        doc.user_data[TOKENS_KEY] = table
    return table


def doc_text(doc: Doc) -> str:
    """The Doc's text; ``doc.text`` rebuilds it from every token on each access."""
    article = doc._.article
    return article.text if article is not None else doc.text


def _spans(doc: Doc, key: str, records, label_of=lambda r: "") -> None:
    """Spans over the tokens covering each record's characters (expanded to token
    boundaries), found by bisecting token starts rather than by ``doc.char_span``."""
    starts = doc_tokens(doc).starts
    n = len(doc)
    behind = doc.user_data.setdefault(RECORDS_KEY, {})
    group = []
    for r in records:
        if r.end <= r.start or not n:
            continue
        i = max(bisect.bisect_right(starts, r.start) - 1, 0)
        j = min(max(bisect.bisect_left(starts, r.end), i + 1), n)
        label = label_of(r)
        group.append(Span(doc, i, j, label=label))
        behind[(label, i, j)] = r
    doc.spans[key] = group


class SentenceComponent:
    """Sentences and headings from the structure stage; for a bare text, split here."""

    def __call__(self, doc: Doc) -> Doc:
        from policy_nlp.structure import split_sentences

        article = doc._.article
        if article is None:
            article = Article(source="<text>", source_path="<text>", article_index=0, text=doc.text)
            article.sentences = split_sentences(doc.text)
            doc._.article = article
        elif not article.sentences:
            article.sentences = split_sentences(article.text)
        _spans(doc, "sentences", article.sentences, lambda s: "HEADING" if s.is_heading else "SENT")
        return doc


class QuantityComponent:
    """Fractions are written as percent here, as the annotation guidelines want for facts."""

    def __init__(self, units_path: str | None = None):
        from policy_nlp.quantities import QuantityExtractor

        self.extractor = QuantityExtractor(units=units_path, fractions_as_percent=True)

    def __call__(self, doc: Doc) -> Doc:
        qs = self.extractor(doc_text(doc))
        doc._.quantities = qs
        _spans(doc, "quantities", qs, lambda q: "QUANTITY")
        return doc


class FactComponent:
    """``vocabulary_dir``: a folder replacing ``resources/facts`` (cue words, dimensions,
    period patterns, collectives), for a user's own genre."""

    def __init__(self, vocabulary_dir: str | None = None):
        from policy_nlp.facts import FactBuilder
        from policy_nlp.facts.vocabulary import FactVocabulary

        self.builder = FactBuilder(FactVocabulary.from_dir(vocabulary_dir) if vocabulary_dir else None)

    def __call__(self, doc: Doc) -> Doc:
        places = [(e.start, e.end, e.canonical or e.text) for e in doc._.entities or [] if e.label == "GPE"]
        bodies = [(e.start, e.end, e.text) for e in doc._.entities or [] if e.label == "ORG"]
        facts = self.builder(doc._.article, doc_tokens(doc), doc._.quantities or [], places, bodies)
        doc._.facts = facts
        _spans(doc, "facts", facts, lambda f: f.kind.upper())
        return doc


class EntityComponent:
    """Rule candidates, decided by the classifier at ``model_path`` when one is given
    (``default``: the model shipped with the package), with its two thresholds;
    ``vocabulary_dir`` replaces ``resources/entities`` and ``division_table`` the adcode table."""

    def __init__(self, model_path: str | None = None, threshold: float = 0.9, add_threshold: float = 0.2,
                 vocabulary_dir: str | None = None, division_table: str | None = None, segmenter=None):
        from policy_nlp.entities import EntityRules

        self.rules = EntityRules(resource_dir=vocabulary_dir, division_table=division_table,
                                 in_dictionary=segmenter.in_dictionary if segmenter is not None else None)
        self.model_path = model_path
        self.extract = self.rules
        if model_path:
            # imported here: scikit-learn costs ~2 s of start-up that the rules alone never need
            from policy_nlp.entities.classifier import EntityExtractor

            self.extract = EntityExtractor(self.rules, model_path, threshold=threshold, add_threshold=add_threshold)

    def __call__(self, doc: Doc) -> Doc:
        article = doc._.article
        ents = self.extract(doc_text(doc), doc_tokens(doc), article.region if article else None)
        doc._.entities = ents
        _spans(doc, "entities", ents, lambda e: e.label)
        return doc


@Language.factory("policy_sentences", assigns=["doc._.article", "doc.spans"])
def make_sentences(nlp: Language, name: str) -> SentenceComponent:
    return SentenceComponent()


@Language.factory("policy_quantities", default_config={"units_path": None},
                  requires=["doc._.article"], assigns=["doc._.quantities", "doc.spans"])
def make_quantities(nlp: Language, name: str, units_path: str | None) -> QuantityComponent:
    return QuantityComponent(units_path)


@Language.factory("policy_facts", default_config={"vocabulary_dir": None},
                  requires=["doc._.article", "doc._.quantities", "doc._.entities"], assigns=["doc._.facts", "doc.spans"])
def make_facts(nlp: Language, name: str, vocabulary_dir: str | None) -> FactComponent:
    return FactComponent(vocabulary_dir)


@Language.factory("policy_entities",
                  default_config={"model_path": None, "threshold": 0.9, "add_threshold": 0.2,
                                  "vocabulary_dir": None, "division_table": None},
                  requires=["doc._.article"], assigns=["doc._.entities", "doc.spans"])
def make_entities(nlp: Language, name: str, model_path: str | None, threshold: float,
                  add_threshold: float, vocabulary_dir: str | None, division_table: str | None) -> EntityComponent:
    return EntityComponent(model_path, threshold, add_threshold, vocabulary_dir, division_table,
                           getattr(nlp.tokenizer, "segmenter", None))
