"""The entity rules on one invented sentence, with the invariants every result keeps;
shared by the entity rule tests."""
from __future__ import annotations

from policy_nlp.segment import Segmenter

#: the segmenter the default pipeline uses (its config's tokenizer section), built once
SEGMENTER = Segmenter.from_config()


def tags(text: str):
    """The tokens the pipeline's tokenizer gives ``text``."""
    return SEGMENTER.tokens(text)


def run(rules, text: str, region: str | None = None):
    """Flat mentions of ``text``: offsets slice the text, mentions never overlap."""
    ents = rules(text, tags(text), region)
    for e in ents:
        assert text[e.start:e.end] == e.text
        assert e.source == "rule"
    spans = sorted((e.start, e.end) for e in ents)
    for (s1, e1), (s2, e2) in zip(spans, spans[1:]):
        assert e1 <= s2, "mentions must not overlap"
    return ents
