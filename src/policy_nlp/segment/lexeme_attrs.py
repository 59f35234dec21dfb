"""Exact, cheaper stand-ins for spaCy's slowest lexeme attribute getters.

spaCy computes about twenty attributes for each word type the first time the vocabulary
sees it, and Chinese text brings new types all the time (tens of thousands per million
characters of news). Three getters take most of that time: the Chinese ``like_num``
rebuilds its regular expression on every call, ``word_shape`` walks the word character
by character, and ``like_url`` does the same before it can say no. The stand-ins return
exactly what the originals return (``tests/test_segment.py`` checks them on every word
type of a corpus) and only decide faster.
"""
from __future__ import annotations

import re
from collections.abc import Callable

from spacy.attrs import LIKE_NUM, LIKE_URL, SHAPE
from spacy.lang import lex_attrs as _base
from spacy.lang.zh import lex_attrs as _zh
from spacy.vocab import Vocab

_HAN = re.compile(r"[\u4e00-\u9fff]+")
_ZH_NUMBER = re.compile(
    "^((" + "|".join(_zh._count_num_words) + "){1}"
    + "(" + "|".join(_zh._base_num_words) + "){1})+"
    + "(" + "|".join(_zh._count_num_words) + ")?$"
)
_ZH_SINGLE = frozenset(_zh._single_num_words)


def zh_like_num(text: str) -> bool:
    """``spacy.lang.zh.lex_attrs.like_num`` with its pattern compiled once."""
    if text.startswith(("+", "-", "±", "~")):
        text = text[1:]
    text = text.replace(",", "").replace(".", "").replace("，", "").replace("。", "")
    if text.isdigit():
        return True
    if text.count("/") == 1:
        num, denom = text.split("/")
        if num.isdigit() and denom.isdigit():
            return True
    if text in _ZH_SINGLE:
        return True
    return _ZH_NUMBER.match(text) is not None


def word_shape(text: str) -> str:
    """``word_shape``; a word of Chinese characters only is ``x`` repeated (at most four)."""
    if len(text) < 100 and _HAN.fullmatch(text):
        return "xxxx" if len(text) >= 4 else "x" * len(text)
    return _base.word_shape(text)


def like_url(text: str) -> bool:
    """``like_url``; without a dot only an http(s) prefix can make a word URL-like."""
    if "." not in text:
        return text.startswith(("http://", "https://"))
    return _base.like_url(text)


_STAND_INS: dict[int, tuple[Callable, Callable]] = {
    LIKE_NUM: (_zh.like_num, zh_like_num),
    SHAPE: (_base.word_shape, word_shape),
    LIKE_URL: (_base.like_url, like_url),
}


def use_fast_lexeme_getters(vocab: Vocab) -> None:
    """Swap in the stand-ins where the vocabulary still uses spaCy's own getters (a
    getter a user configured is left alone)."""
    getters = vocab.lex_attr_getters
    for attr, (original, fast) in _STAND_INS.items():
        if getters.get(attr) is original:
            getters[attr] = fast
