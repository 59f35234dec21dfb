"""Training data for the entity classifier: gold articles, their candidates and labels.

Each gold file (JSON Lines, one article per line, read by the scorer's reader) names its raw
file in ``source``; the raw file is looked up in the given raw folders and goes through the
pipeline exactly as ``policy-nlp extract`` would take it (:func:`policy_nlp.pipeline.process.process_path`):
same split, same segmenter, same tokens. Gold articles are matched to built articles by
``article_index``. The rules' candidates of an article are labelled by their normalised
text: the gold label of an entity with the same text (preferring the candidate's own label
when the text is gold under several labels), else ``NONE``.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Sequence

from policy_nlp.entities.base import Candidate, Context
from policy_nlp.evaluate import norm_text, read_gold_format

NONE = "NONE"


@dataclass
class ArticleExample:
    """One gold article with its text, tokens, region and gold entities."""

    source: str
    article_index: int
    text: str
    tokens: list[tuple[int, int, str]]
    region: str | None
    gold: list[dict]  # gold entities as written in the gold file
    candidates: list[Candidate] = field(default_factory=list)
    window: tuple[int, int] | None = None  # the annotated part of an excerpted record

    @property
    def gold_keys(self) -> dict[str, dict[str, str | None]]:
        """normalised text -> {label: subtype}"""
        out: dict[str, dict[str, str | None]] = {}
        for e in self.gold:
            out.setdefault(norm_text(e.get("text")), {})[e.get("label")] = e.get("subtype")
        return out

    def context(self) -> Context:
        return Context(self.text, self.tokens, self.region)


def load_articles(gold_files: Iterable[str | Path], sources, nlp) -> list[ArticleExample]:
    """Gold articles with their built text and the pipeline's tokens, in file order (gold
    read as the scorer reads it, :func:`policy_nlp.evaluate.read_gold_format`; ``sources``
    a :class:`policy_nlp.evaluate_raw.RawSources`, which finds them as ``evaluate --raw`` does)."""
    from policy_nlp.evaluate_raw import annotated
    from policy_nlp.pipeline.components import doc_tokens

    gold = read_gold_format(gold_files)
    found, missing = sources.documents(gold)
    if missing:
        raise FileNotFoundError("; ".join(missing))
    out: list[ArticleExample] = []
    for src, annotations in gold.items():
        built = {res.article.article_index: res for res in annotated(nlp, found[src], src)}
        for g in annotations.articles:
            res = built.get(g.get("article_index", 0))
            if res is None:
                raise ValueError(f"gold article {g.get('article_index')} of {src} not found in its source")
            art = res.article
            out.append(ArticleExample(src, art.article_index, art.text, doc_tokens(res.doc), art.region,
                                      list(g.get("entities") or []), window=sources.window(src, art.text)))
    return out


def label_candidates(ex: ArticleExample) -> list[tuple[str, str | None]]:
    """(label, subtype) per candidate of ``ex``: the gold label of its text, or NONE."""
    keys = ex.gold_keys
    out = []
    for c in ex.candidates:
        labs = keys.get(norm_text(c.text))
        if not labs:
            out.append((NONE, None))
        elif c.label in labs:
            out.append((c.label, labs[c.label]))
        else:
            lab = sorted(labs)[0]
            out.append((lab, labs[lab]))
    return out


def gold_spans(ex: ArticleExample) -> list[tuple[int, int]]:
    """Every occurrence of every gold entity text in the article (quotes kept or not)."""
    spans = []
    text = ex.text
    for e in ex.gold:
        t = (e.get("text") or "").strip("“”\"")
        if not t:
            continue
        i = text.find(t)
        while i >= 0:
            spans.append((i, i + len(t)))
            i = text.find(t, i + 1)
    return spans


def training_labels(ex: ArticleExample) -> list[tuple[str, str | None] | None]:
    """Like :func:`label_candidates`, but ``None`` (not a training example) for a NONE
    candidate nested strictly inside an occurrence of a gold name (西藏自治区 inside
    西藏自治区经济和信息化厅): the flat resolver drops it anyway, and its gold label says
    nothing about the span standing alone."""
    labs = label_candidates(ex)
    spans = gold_spans(ex)
    if not spans:
        return list(labs)
    out: list[tuple[str, str | None] | None] = []
    for c, lab in zip(ex.candidates, labs):
        if lab[0] == NONE and any(s <= c.start and c.end <= e and (e - s) > (c.end - c.start) for s, e in spans):
            out.append(None)
        else:
            out.append(lab)
    return out


def attach_candidates(examples: list[ArticleExample], rules) -> None:
    """The rules' candidates of each article (of its annotated part, for an excerpt: what
    lies outside was never labelled, so it is no example of NONE)."""
    for ex in examples:
        cands = rules.candidates_in(ex.context())
        if ex.window is not None:
            s, e = ex.window
            cands = [c for c in cands if s <= c.start < e]
        ex.candidates = cands
