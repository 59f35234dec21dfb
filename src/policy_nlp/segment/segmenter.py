"""The one segmenter: jieba's algorithm and dictionary (through rjieba), the project's user
dictionary plus the user's, and the HMM setting, as the pipeline's config says.

The pipeline's tokenizer owns one; training, the rule reports, the benchmarks and the tests
take the same one from the pipeline (``nlp.tokenizer.segmenter``) or build it from the same
config (:meth:`Segmenter.from_config`), so the classifier is trained and the rules are
measured on exactly the tokens the product produces. The instance is never the
process-global jieba: two pipelines can hold different dictionaries.
"""
from __future__ import annotations

from collections.abc import Iterable
from itertools import accumulate
from pathlib import Path

import rjieba

from policy_nlp.segment.userdict import UserDictionary, load_user_dictionary


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

    @classmethod
    def from_pairs(cls, pairs: Iterable[tuple[str, str]]) -> "TokenTable":
        """From a tagger's ``(word, tag)`` pairs."""
        pairs = list(pairs)
        return cls.from_words([w for w, _ in pairs], [t for _, t in pairs])


class Segmenter:
    """Words and jieba POS tags of a text, with this pipeline's dictionaries."""

    def __init__(self, user_dict: UserDictionary | None = None, *, hmm: bool = True):
        self.user_dict = user_dict if user_dict is not None else load_user_dictionary()
        self.hmm = hmm
        self._jieba = rjieba.Jieba()
        self.user_dict.apply_to_rjieba(self._jieba)

    @classmethod
    def from_config(cls, config: str | Path | None = None, *, user_dicts: Iterable[str | Path] = ()) -> "Segmenter":
        """The segmenter the pipeline built from ``config`` would use (its ``[nlp.tokenizer]``
        section), without building the rest of the pipeline."""
        from policy_nlp.config import load_config

        overrides = {"nlp.tokenizer.user_dicts": [str(p) for p in user_dicts]} if user_dicts else None
        tok = load_config(config, overrides)["nlp"]["tokenizer"]
        ud = load_user_dictionary(tok.get("user_dicts", []), include_default=tok.get("include_default_dict", True))
        return cls(ud, hmm=tok.get("hmm", True))

    def cut(self, text: str) -> list[str]:
        return self._jieba.cut(text, self.hmm)

    def tag(self, text: str) -> list[tuple[str, str]]:
        return self._jieba.tag(text, self.hmm)

    def in_dictionary(self, word: str) -> bool:
        """Is ``word`` an entry of the dictionaries (not a word the HMM put together)? The
        tagger gives both the same tags; a name it discovers (付占国) is not an entry, a common
        word the dictionary happens to tag ``nr`` (高水平) is."""
        return len(self._jieba.cut(word, False)) == 1

    def tokens(self, text: str) -> TokenTable:
        """(start, end, tag) per token: the form every extractor takes."""
        return TokenTable.from_pairs(self.tag(text))
