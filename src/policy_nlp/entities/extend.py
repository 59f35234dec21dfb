"""Leftward extension of a name from its head word over the tagger's tokens.

A name such as 自治区信息产业发展领导小组 is found by its head (领导小组) and grows left
token by token while the tokens can be part of a name: nouns, names, verbal nouns, the few
verbs that occur inside names (推进组, 转运中心), and 和 inside a short coordination
(经济和信息化厅). It stops at punctuation, function words, governing verbs and the words of
``boundary_words.txt``. Each extension visits at most ``max_tokens`` tokens, so the whole
pass stays linear in the number of heads.
"""
from __future__ import annotations

from dataclasses import dataclass

import regex

from policy_nlp.entities.base import HARD_BOUNDARY, Context
from policy_nlp.entities.lexicon import Lexicon


@dataclass(frozen=True)
class NameGrammar:
    """The closed word classes a name grows over or stops at (groups ``extend.*`` of
    ``rule_words.tsv``): data, so that a user's corpus can add a verb or a tag."""

    stop_tags: frozenset[str]
    coord: frozenset[str]
    adverb_starts: tuple[str, ...]
    lead_verbs: frozenset[str]  # govern a name, never its first word (推进|新一轮技术改造专项行动)
    leading_junk: frozenset[str]
    top_organ_ends: tuple[str, ...]
    adverbs: frozenset[str] = frozenset()
    preposition_chars: frozenset[str] = frozenset()
    name_openers: frozenset[str] = frozenset()  # words a company name opens with, nothing before them (中国|第一重型机械集团公司)

    @classmethod
    def from_lexicon(cls, lex: Lexicon) -> "NameGrammar":
        return cls(frozenset(lex.group("extend.stop_tags")), frozenset(lex.group("extend.coord")),
                   tuple(lex.group("extend.adverb_starts")), frozenset(lex.group("extend.lead_verbs")),
                   frozenset(lex.group("extend.leading_junk")), tuple(lex.group("extend.top_organ_ends")),
                   frozenset(lex.group("extend.adverbs")),
                   frozenset("".join(lex.group("extend.preposition_chars"))),
                   frozenset(lex.group("extend.name_openers")))


def _adverb_and_lead_verb(w: str, grammar: NameGrammar) -> bool:
    """One token of an adverb and a governing verb (全面实施, 大力推进): the tagger often calls
    it a noun, yet it governs the name after it as the verb alone does."""
    for n in (2, 3):
        if len(w) > n and w[-n:] in grammar.lead_verbs and (w[:-n] in grammar.adverbs or w[:-n] in grammar.adverb_starts):
            return True
    return False


def after_last_verb(ctx: Context, start: int, end: int, verbs: frozenset[str] | set[str]) -> int:
    """Just after the last of ``verbs`` among the tokens from ``start`` up to ``end``, or
    ``start`` when none stands there: such a verb inside a grown span governs the name after it
    (有序推进|高校图书馆, 有序|推进|保障性住房)."""
    k = ctx.tok_start_at.get(start)
    if k is None:
        return start
    cut = start
    while k < len(ctx.tokens) and ctx.tokens[k][1] <= end:
        if ctx.word(k) in verbs:
            cut = ctx.tokens[k][1]
        k += 1
    return cut if cut < end else start


_HAN_ONLY = regex.compile(r"\p{Han}+")
_NAME_PART_TAGS = frozenset(("ns", "nt", "nz", "nr", "nrt", "eng", "m", "j"))  # tags of words a name may open with


def extend_left(ctx: Context, start: int, boundary: set[str], name_verbs: set[str], grammar: NameGrammar, *,
                max_tokens: int = 8, max_chars: int = 24, allow_numbers: bool = False,
                stop_after: set[str] | None = None, suffix_ends: tuple[str, ...] = (),
                head_is_top: bool = False, allow_coord: bool = True,
                stop_ends: tuple[str, ...] = (), permissive: bool = False, glued_place=None,
                quoted_lead: bool = False) -> int:
    """New start offset for a name whose head begins at ``start``.

    ``quoted_lead``: a short quoted name right before the phrase is the name's first part
    (“一带一路”职教联盟): bodies are named after the programme they serve."""
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
        if start - s > max_chars:
            break
        if glued_place is not None and len(w) > 1 and w[0] in grammar.leading_junk and glued_place(w[1:]):
            cur = s + 1  # 会议由区|交通运输厅: the segmenter glued a preposition to a place word
            break
        if head_is_top and w.endswith(grammar.top_organ_ends):
            break  # 河北省委|省政府: two organs side by side
        if stop_ends and w.endswith(stop_ends):
            break  # 雄安云网科技有限公司|信息系统部: a company's team is not a new name
        if w in grammar.coord:
            # 经济和信息化厅: a short coordination right before the head
            if not allow_coord or since_coord > 2 or j == 0 or ctx.tag(j - 1) == "nt":
                break
            left = ctx.word(j - 1)
            if left in boundary or any(ch in HARD_BOUNDARY for ch in left) or (suffix_ends and left.endswith(suffix_ends)):
                break
            cur = s
            steps += 1
            continue
        if w in boundary and not (w in name_verbs and tag.startswith("v")):
            break
        if permissive and w not in boundary and tag not in ("p", "u", "uj", "ul", "c", "r", "x", "ad", "d", "t"):
            cur = s  # company names: 西藏|中|材|祁连山|水泥有限公司
            steps += 1
            if (w in grammar.name_openers or tag == "nt") and j > 0 and ctx.tag(j - 1) not in _NAME_PART_TAGS:
                break  # 委托|中国国际工程咨询公司, 对标|世界银行: the name opens with 中国 or is one already
            continue
        if tag in grammar.stop_tags and tag != "x":
            break
        if tag in ("ad", "i") or (tag == "l" and w.startswith(grammar.adverb_starts)):
            break
        if tag == "x" and not w.isascii():
            break
        if tag in ("m", "mq") or (tag == "m"):
            if not allow_numbers:
                break
        if tag.startswith("v") and tag not in ("vn", "vg") and w not in name_verbs:
            break
        if tag == "c":
            break
        if tag.startswith("d") and (w in boundary or w in grammar.adverbs):
            break  # 政法机关|不再|经商办: an adverb ends the phrase a name can be (the tag alone is
            # unreliable on words the HMM put together: 高新, 一期 come out as d)
        if tag in ("nr", "nrfg") and len(w) >= 3 and w[-1] in grammar.preposition_chars:
            break  # 刘中民向|中国科学院: a person and a preposition glued into one token
        if stop_after and w in stop_after:
            cur = s
            break
        cur = s
        steps += 1
        since_coord += 1
    # a function character glued to the first token by the segmenter (据|雄安云网)
    if cur < start and text[cur] in grammar.leading_junk and ctx.tok_start_at.get(cur) is not None:
        j = ctx.tok_start_at[cur]
        if ctx.tokens[j][1] - cur > 1:
            cur += 1
    # never start on a governing verb kept only because it can also stand inside a name
    while cur < start:
        j = ctx.tok_start_at.get(cur)
        if j is None or ctx.tokens[j][1] >= start:
            break
        w = ctx.word(j)
        if (w in boundary or w in grammar.lead_verbs) and (ctx.tag(j).startswith("v") or w in grammar.lead_verbs) \
                or _adverb_and_lead_verb(w, grammar):
            cur = ctx.tokens[j][1]
        else:
            break
    # never start on a coordination word
    while cur < start:
        j = ctx.tok_start_at.get(cur)
        if j is None:
            break
        w = ctx.word(j)
        if w in grammar.coord:
            cur = ctx.tokens[j][1]
        else:
            break
    if quoted_lead and cur < start:
        cur = _quoted_lead(text, cur)
    return cur


def _quoted_lead(text: str, cur: int) -> int:
    """The start of a short quoted name (2–8 Han characters) that ends right at ``cur``."""
    if cur < 4 or text[cur - 1] != "”":
        return cur
    o = text.rfind("“", max(0, cur - 10), cur - 1)
    inner = text[o + 1:cur - 1] if o >= 0 else ""
    if 2 <= len(inner) <= 8 and _HAN_ONLY.fullmatch(inner):
        return o
    return cur


_SECTION_ENDS = ("段", "片区", "分区", "园区", "区段", "标段")
_BRACKET_INNER = regex.compile(r"[（(](\p{Han}{2,8})[）)]")
_ROUTE_LINKS = "至—－"  # 郑州至万州高速铁路, 新安江—千岛湖…合作区; 到 only after a place-tagged word
_ROUTE_PART_TAGS = frozenset(("n", "ns", "nr", "nz", "j"))
_PLACE_TAGS = frozenset(("ns", "nr", "nz", "j"))


def _place_in_brackets(ctx: Context, o: int, c: int) -> bool:
    """Is text[o+1:c] a place or a section of one (安徽段, 西安, 长沙片区)?"""
    inner = ctx.text[o + 1:c]
    if inner.endswith(_SECTION_ENDS):
        return True
    k = ctx.tok_start_at.get(o + 1)
    return k is not None and ctx.tokens[k][1] == c and ctx.tokens[k][2] == "ns"


def section_after(ctx: Context, end: int) -> int:
    """The end of a name followed by the place or section it covers, in brackets
    (大运河国家文化公园（安徽段）, 中欧班列（西安）): the bracket belongs to the name."""
    m = _BRACKET_INNER.match(ctx.text, end)
    if m and _place_in_brackets(ctx, m.start(), m.end() - 1):
        return m.end()
    return end


def route_before(ctx: Context, start: int, max_chars: int = 6) -> int:
    """The start of a name that opens with a route between two places (郑州至万州高速铁路,
    陇东到山东特高压直流工程, 新安江—千岛湖生态环境共同保护合作区): the name grown back to its
    second place takes the first place and the link word in."""
    text = ctx.text
    if start < 3 or text[start - 1] not in _ROUTE_LINKS + "到":
        return start
    k = ctx.tok_start_at.get(start)
    if k is None or ctx.tokens[k][2] not in _PLACE_TAGS:
        return start
    link = start - 1
    j = ctx.token_index(link)
    if j < 0:
        return start
    cur = link
    if ctx.tokens[j][0] < link:  # the segmenter glued the link to the place before it (董家|口至)
        cur = ctx.tokens[j][0]
        j -= 1
        part_tags = {"n"}
    else:
        j -= 1
        part_tags = set()
    while j >= 0 and ctx.tokens[j][1] == cur and ctx.tokens[j][2] in _ROUTE_PART_TAGS and link - ctx.tokens[j][0] <= max_chars:
        cur = ctx.tokens[j][0]
        part_tags.add(ctx.tokens[j][2])
        j -= 1
    if cur >= link - 1:
        return start  # no place of two characters or more before the link
    if text[link] == "到" and "ns" not in part_tags:
        return start  # 省长到|…工程: 到 is a verb of going, not a route
    return cur


def bracketed_qualifier_before(ctx: Context, start: int, grow) -> int:
    """The start of a name whose first part is followed by a bracketed place (中国（湖南）自由贸易试验区,
    淮河（安徽段）文化旅游大环线): ``grow(offset)`` extends the first part leftwards from the bracket."""
    text = ctx.text
    if start < 4 or text[start - 1] not in "）)":
        return start
    o = max(text.rfind("（", max(0, start - 10), start - 1), text.rfind("(", max(0, start - 10), start - 1))
    if o <= 0 or not _BRACKET_INNER.fullmatch(text, o, start) or not _place_in_brackets(ctx, o, start - 1):
        return start
    if ctx.tok_end_at.get(o) is None:
        return start
    new = grow(o)
    return new if new < o else start
