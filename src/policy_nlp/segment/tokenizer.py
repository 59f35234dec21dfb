"""A spaCy tokenizer that segments with jieba's algorithm and dictionary via rjieba.

rjieba (the jieba-rs binding) gives the same tokens as pure-Python ``jieba.lcut`` at a
fraction of the cost; its tagger gives jieba's part-of-speech tags, which the
extractors use for indicator phrases and names. The segmenter is an instance owned by
the tokenizer, so the user dictionary belongs to this pipeline, not to the process.
"""
from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import numpy
from spacy.attrs import TAG
from spacy.tokens import Doc
from spacy.util import registry
from spacy.vocab import Vocab

from policy_nlp.segment.lexeme_attrs import use_fast_lexeme_getters
from policy_nlp.segment.segmenter import Segmenter, TokenTable
from policy_nlp.segment.userdict import UserDictionary, load_user_dictionary


TOKENS_KEY = "policy_nlp.tokens"


class JiebaTokenizer:
    """Callable ``text -> Doc``; ``token.tag_`` holds jieba's POS tag when ``pos_tags``."""

    def __init__(self, vocab: Vocab, user_dict: UserDictionary | None = None, *, hmm: bool = True, pos_tags: bool = True):
        self.vocab = vocab
        self.pos_tags = pos_tags
        #: the pipeline's one segmenter; take it from here rather than building another
        self.segmenter = Segmenter(user_dict, hmm=hmm)
        self._tag_hashes: dict[str, int] = {}
        use_fast_lexeme_getters(vocab)

    @property
    def hmm(self) -> bool:
        return self.segmenter.hmm

    @property
    def user_dict(self) -> UserDictionary:
        return self.segmenter.user_dict

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
        return self.segmenter.cut(text)

    def tag(self, text: str) -> list[tuple[str, str]]:
        return self.segmenter.tag(text)

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
