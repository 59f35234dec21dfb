"""Token look-ups by character offset: bisect over the token starts, never a scan of the
article (the fact layer must stay cheap next to segmentation)."""
from __future__ import annotations

import bisect
from collections.abc import Sequence

Token = tuple[int, int, str]  # (start, end, jieba POS tag)


def token_starts(tokens: Sequence[Token]) -> list[int]:
    """The start offsets (kept on the TokenTable by the tokenizer; built for plain lists)."""
    starts = getattr(tokens, "starts", None)
    return starts if starts is not None else [t[0] for t in tokens]


def token_span(tokens: Sequence[Token], lo: int, hi: int) -> tuple[int, int]:
    """``(i, j)`` with ``tokens[i:j]`` the tokens lying wholly inside ``[lo, hi)``: for
    callers that look at a few of them only and need not copy them all."""
    starts = token_starts(tokens)
    i, j = bisect.bisect_left(starts, lo), bisect.bisect_left(starts, hi)
    # tokens are sorted and never overlap: only the last one can run past ``hi``
    if j > i and tokens[j - 1][1] > hi:
        j -= 1
    return i, j


def tokens_in(tokens: Sequence[Token], lo: int, hi: int) -> list[Token]:
    """The tokens lying wholly inside ``[lo, hi)``."""
    i, j = token_span(tokens, lo, hi)
    return list(tokens[i:j])


def token_at(tokens: Sequence[Token], pos: int) -> Token | None:
    """The token starting exactly at ``pos``, if any."""
    starts = token_starts(tokens)
    i = bisect.bisect_left(starts, pos)
    return tokens[i] if i < len(tokens) and tokens[i][0] == pos else None


def token_ending_at(tokens: Sequence[Token], pos: int) -> Token | None:
    """The token ending exactly at ``pos``, if any."""
    starts = token_starts(tokens)
    i = bisect.bisect_left(starts, pos) - 1
    return tokens[i] if i >= 0 and tokens[i][1] == pos else None


def is_nominal(tag: str) -> bool:
    return tag.startswith("n") or tag in ("vn", "j", "nz", "eng", "l", "b", "an")


def is_verb(tag: str) -> bool:
    return tag.startswith("v") and tag != "vn"
