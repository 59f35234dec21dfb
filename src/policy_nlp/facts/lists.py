"""Values and indicators that come in lists (guidelines: "Where one indicator is shared by
several values (其中, 均, 分别, lists joined by 、), every fact carries the full indicator
it refers to").

- ``value_groups``: values joined only by 、/和/及 (``分别增长6%和7.4%``) form one group;
  the first value's indicator, kind and modality hold for all, and under 分别 the values
  take the listed indicators in order;
- ``chain_items``: the 、-list of indicators before a shared value or a 分别;
- ``share_head``: a list's shared head word (``肉蛋奶、蔬菜产量`` -> 肉蛋奶产量, 蔬菜产量);
- ``split_collective``: a collective word that 分别 splits (城乡居民… -> 城镇居民…, 农村居民…).
"""
from __future__ import annotations

from collections.abc import Callable, Sequence

from policy_nlp.facts.punctuation import CLAUSE_BREAKS
from policy_nlp.facts.tokens import Token, is_nominal, is_verb, tokens_in
from policy_nlp.facts.vocabulary import FactVocabulary
from policy_nlp.records import Quantity

LIST_JOINERS = frozenset({"、", "和", "及", "与", "或", "以及"})


def value_groups(qs: Sequence[Quantity], text: str) -> list[list[Quantity]]:
    """Consecutive values separated by nothing but a list joiner, or by nothing at all
    (``12类45件民生实事``: two counts of one noun)."""
    groups: list[list[Quantity]] = []
    for q in qs:
        if groups:
            gap = text[groups[-1][-1].end:q.start].strip()
            if gap in LIST_JOINERS or gap == "":
                groups[-1].append(q)
                continue
        groups.append([q])
    return groups


def is_stacked(group: Sequence[Quantity]) -> bool:
    """``12类45件``: values written one after the other count the noun that follows."""
    return len(group) > 1 and all(a.end == b.start for a, b in zip(group, group[1:]))


def chain_items(text: str, clause_start: int, floor: int, clean: Callable[[str, int], str]) -> list[str]:
    """The 、-separated phrases right before ``clause_start`` (not before ``floor``, where
    earlier values end), cleaned into indicators, in text order."""
    items: list[str] = []
    pos = clause_start
    while pos > floor and text[pos - 1] == "、":
        s = pos - 1
        while s > floor and text[s - 1] not in CLAUSE_BREAKS and text[s - 1] != "、":
            s -= 1
        phrase = clean(text[s:pos - 1], s)
        if not phrase:
            break
        items.insert(0, phrase)
        pos = s
    return items


def last_verb_cut(item: str, start: int, text: str, tokens: Sequence[Token]) -> str:
    """The first item of a list keeps what follows its last verb (消费品以旧换新带动限上新能源汽车
    -> 限上新能源汽车): the verb belongs to the sentence, not to the list."""
    toks = tokens_in(tokens, start, start + len(item))
    cut = None
    for k, (s, e, tag) in enumerate(toks[:-1]):
        if is_verb(tag) and k > 0 and any(is_nominal(t[2]) for t in toks[k + 1:]):
            cut = e
    return text[cut:start + len(item)] if cut is not None else item


def share_head(items: list[str], head_of_last: str | None) -> list[str]:
    """Give every item the head word of the last one when it lacks it
    (粮食、肉蛋奶、蔬菜产量 -> 粮食产量, 肉蛋奶产量, 蔬菜产量)."""
    if not head_of_last or len(items) < 2 or items[-1] == head_of_last:
        return items
    return [it if it.endswith(head_of_last) else it + head_of_last for it in items[:-1]] + [items[-1]]


def split_collective(item: str, n: int, vocab: FactVocabulary) -> list[str]:
    """城乡居民人均可支配收入 with two values under 分别 -> 城镇…, 农村…; an item joined by
    和/及 (工业增加值和利润) -> its parts; otherwise nothing."""
    for word, parts in vocab.collectives.items():
        if word in item and len(parts) == n:
            return [item.replace(word, p, 1) for p in parts]
    for sep in ("和", "及", "与"):
        parts = [p for p in item.split(sep) if p]
        if len(parts) == n:
            return parts
    return []


def split_period(period: str | None, n: int) -> list[str | None]:
    """``5、6月`` under 分别 -> ``5月``, ``6月`` (a period per value, like the indicators)."""
    if not period or "、" not in period:
        return [period] * n
    parts = period.split("、")
    last = parts[-1]
    i = len(last)
    while i > 0 and not last[i - 1].isdigit():
        i -= 1
    suffix = last[i:]
    parts = [p if not p.isdigit() else p + suffix for p in parts]
    return parts if len(parts) == n else [period] * n
