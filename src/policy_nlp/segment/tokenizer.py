"""A spaCy tokenizer that segments with jieba's algorithm and dictionary via rjieba.

rjieba (the jieba-rs binding) gives the same tokens as pure-Python ``jieba.lcut`` at a
fraction of the cost; its tagger gives jieba's part-of-speech tags, which the
extractors use for indicator phrases and names. The segmenter is an instance owned by
the tokenizer, so the user dictionary belongs to this pipeline, not to the process.
"""
from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from itertools import accumulate

import numpy
import rjieba
from spacy.attrs import TAG
from spacy.tokens import Doc
from spacy.util import registry
from spacy.vocab import Vocab

from policy_nlp.segment.lexeme_attrs import use_fast_lexeme_getters
from policy_nlp.segment.userdict import UserDictionary, load_user_dictionary


TOKENS_KEY = "policy_nlp.tokens"


class TokenTable(list):
    """(start, end, pos_tag) per token, with the start offsets kept for bisecting and the
    tags as a column for rules that look for a few tags only."""

    starts: list[int]
    tags: list[str]

    @classmethod
    def from_words(cls, words: list[str], tags: list[str] | None) -> "TokenTable":
        ends = list(accumulate(map(len, words)))
        starts = [0, *ends[:-1]] if ends else []
        tags = tags if tags is not None else [""] * len(words)
        table = cls(zip(starts, ends, tags))
        table.starts = starts
        table.tags = tags
        return table


class JiebaTokenizer:
    """Callable ``text -> Doc``; ``token.tag_`` holds jieba's POS tag when ``pos_tags``."""

    def __init__(self, vocab: Vocab, user_dict: UserDictionary | None = None, *, hmm: bool = True, pos_tags: bool = True):
        self.vocab = vocab
        self.hmm = hmm
        self.pos_tags = pos_tags
        self.user_dict = user_dict if user_dict is not None else load_user_dictionary()
        self.segmenter = rjieba.Jieba()
        self._tag_hashes: dict[str, int] = {}
        self.user_dict.apply_to_rjieba(self.segmenter)
        use_fast_lexeme_getters(vocab)

    def _tag_array(self, tags: list[str]) -> numpy.ndarray:
        """The tags as a column of interned string hashes (a dict look-up per token)."""
        hashes = self._tag_hashes
        try:
            values = [hashes[t] for t in tags]
        except KeyError:
            for t in set(tags) - hashes.keys():
                hashes[t] = self.vocab.strings.add(t)
            values = [hashes[t] for t in tags]
        return numpy.array(values, dtype="uint64").reshape(-1, 1)

    def cut(self, text: str) -> list[str]:
        return self.segmenter.cut(text, self.hmm)

    def tag(self, text: str) -> list[tuple[str, str]]:
        return self.segmenter.tag(text, self.hmm)

    def __call__(self, text: str) -> Doc:
        if self.pos_tags:
            pairs = self.tag(text)
            words = [w for w, _ in pairs]
            tags = [t for _, t in pairs]
        else:
            words, tags = self.cut(text), None
        if not words:
            return Doc(self.vocab)
        doc = Doc(self.vocab, words=words, spaces=[False] * len(words))
        if tags is not None:
            # from_array with interned hashes: several times cheaper than Doc(tags=...)
            doc.from_array([TAG], self._tag_array(tags))
        # Keep the plain (start, end, tag) view the extractors use: rebuilding it from
        # spaCy Token objects costs more than segmenting.
        doc.user_data[TOKENS_KEY] = TokenTable.from_words(words, tags)
        return doc

    def pipe(self, texts: Iterable[str], batch_size: int = 1000):
        for text in texts:
            yield self(text)

    # spaCy serialisation protocol: the tokenizer is rebuilt from config, nothing to store.
    def to_bytes(self, **kwargs) -> bytes:
        return b""

    def from_bytes(self, data: bytes, **kwargs) -> "JiebaTokenizer":
        return self

    def to_disk(self, path, **kwargs) -> None:
        Path(path).mkdir(parents=True, exist_ok=True)

    def from_disk(self, path, **kwargs) -> "JiebaTokenizer":
        return self


@registry.tokenizers("policy_nlp.JiebaTokenizer.v1")
def create_jieba_tokenizer(user_dicts: list[str] = [], include_default_dict: bool = True, hmm: bool = True, pos_tags: bool = True):  # noqa: B006 (spaCy config needs plain defaults)
    """Registered factory: ``[nlp.tokenizer] @tokenizers = "policy_nlp.JiebaTokenizer.v1"``."""

    def make(nlp) -> JiebaTokenizer:
        ud = load_user_dictionary(user_dicts, include_default=include_default_dict)
        return JiebaTokenizer(nlp.vocab, ud, hmm=hmm, pos_tags=pos_tags)

    return make
