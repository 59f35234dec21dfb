"""Leftward extension of a name from its head word over the tagger's tokens.

A name such as 自治区信息产业发展领导小组 is found by its head (领导小组) and grows left
token by token while the tokens can be part of a name: nouns, names, verbal nouns, the few
verbs that occur inside names (推进组, 转运中心), and 和 inside a short coordination
(经济和信息化厅). It stops at punctuation, function words, governing verbs and the words of
``boundary_words.txt``. Each extension visits at most ``max_tokens`` tokens, so the whole
pass stays linear in the number of heads.
"""
from __future__ import annotations

from policy_nlp.entities.base import HARD_BOUNDARY, Context

STOP_TAGS = frozenset({"p", "u", "uj", "ul", "uz", "ud", "ug", "uv", "r", "rr", "rz", "y", "e", "o",
                       "w", "x", "q", "mq", "t", "tg", "f", "z", "zg", "k", "h"})
COORD = frozenset({"和", "与"})


def extend_left(ctx: Context, start: int, boundary: set[str], name_verbs: set[str], *,
                max_tokens: int = 8, max_chars: int = 24, allow_numbers: bool = False,
                stop_after: set[str] | None = None, suffix_ends: tuple[str, ...] = ()) -> int:
    """New start offset for a name whose head begins at ``start``."""
    text = ctx.text
    cur = start
    steps = 0
    since_coord = 0
    while steps < max_tokens:
        j = ctx.tok_end_at.get(cur)
        if j is None:
            break
        s, e, tag = ctx.tokens[j]
        w = text[s:e]
        if not w or any(ch in HARD_BOUNDARY for ch in w) or w.isspace():
            break
        if w in boundary:
            break
        if start - s > max_chars:
            break
        if w in COORD:
            # 经济和信息化厅: a short coordination right before the head
            if since_coord > 2 or j == 0:
                break
            left = ctx.word(j - 1)
            if left in boundary or any(ch in HARD_BOUNDARY for ch in left) or (suffix_ends and left.endswith(suffix_ends)):
                break
            cur = s
            steps += 1
            continue
        if tag in STOP_TAGS and tag != "x":
            break
        if tag == "x" and not w.isascii():
            break
        if tag in ("m", "mq") or (tag == "m"):
            if not allow_numbers:
                break
        if tag.startswith("v") and tag not in ("vn",) and w not in name_verbs:
            break
        if tag == "c":
            break
        if tag.startswith("d") and w in boundary:
            break
        if stop_after and w in stop_after:
            cur = s
            break
        cur = s
        steps += 1
        since_coord += 1
    # never start on a coordination word
    while cur < start:
        j = ctx.tok_start_at.get(cur)
        if j is None:
            break
        w = ctx.word(j)
        if w in COORD:
            cur = ctx.tokens[j][1]
        else:
            break
    return cur
