"""The one compiled regex that finds quantity candidates, built from a Vocabulary.

Why one alternation: scanning millions of sentences must stay in the regex engine; Python
only sees candidates. All repetition is possessive (``*+``, ``++``), so a run of 50 MB of
digits or ten thousand repeated numerals is consumed once, never backtracked.
"""
from __future__ import annotations

import re

import regex

from .numerals import CN_DECIMAL_DIGITS, CN_DIGITS
from .vocabulary import Vocabulary

SP = r"[ \t]*+"
AR_DIGIT = "0-9０-９"
CN_D = "".join(CN_DIGITS)
CN_DEC = CN_DECIMAL_DIGITS
RANGE_SEPARATORS = r"(?:[-－–—―~～〜]{1,2}|至|到)"
# Things that look numeric but never hold a quantity: web addresses, e-mail, letter-digit codes.
_URL = r"(?:https?://|www\.)[!-~]+"
_EMAIL = r"[A-Za-z0-9._%+-]++@[A-Za-z0-9.-]++"
_CODE = r"(?<![A-Za-z0-9])[A-Za-z]++[-_—–－]?[0-9][A-Za-z0-9]*+"
# ISO-style dates (2026-02-12, 2026/2/12): a date, never a number followed by a negative one.
_DATE = r"(?<![0-9])(?:19|20)[0-9]{2}(?P<dsep>[-/－／.])(?:0?[1-9]|1[0-2])(?P=dsep)(?:0?[1-9]|[12][0-9]|3[01])(?![0-9])"


URL_PATTERN = re.compile(_URL)


def anchor_and_starters(vocab: Vocabulary) -> tuple[re.Pattern, frozenset[str], int]:
    """Characters every quantity contains (anchors), characters a match may start with, and
    how far before an anchor a match may start (the longest qualifier or lexicon word).

    Why: trying the full pattern at every character costs ~1 µs each; a single-character
    class search runs at C speed, and the full pattern is then tried only near anchors.
    """
    mult_chars = {c for m in vocab.multipliers for c in m.word}
    anchors = set(CN_D) | set("0123456789０１２３４５６７８９") | mult_chars | set("半折")
    starters = set(anchors) | set("负負-－−¥￥$＄.．对對过過")
    starters |= {q.word[0] for q in vocab.qualifiers if q.position == "before"}
    starters |= {w[0] for w in vocab.lexicon}
    lookback = max([len(q.word) for q in vocab.qualifiers if q.position == "before"] + [len(w) for w in vocab.lexicon] + [1]) + 3
    cls = "[" + "".join(regex.escape(c) for c in sorted(anchors)) + "]"
    return re.compile(cls), frozenset(starters), lookback


def _alt(words, escape=True) -> str:
    words = sorted(set(words), key=lambda w: (-len(w), w))
    return "|".join(regex.escape(w) if escape else w for w in words)


def _not_followed(word: str, continuations) -> str:
    conts = [c for c in continuations if c]
    if not conts:
        return regex.escape(word)
    return regex.escape(word) + "(?!" + _alt(conts) + ")"


def _not_after(word: str, chars) -> str:
    chars = [c for c in chars if c]
    if not chars:
        return regex.escape(word)
    return "(?<!" + _alt(chars) + ")" + regex.escape(word)


def build_pattern(vocab: Vocabulary) -> re.Pattern:
    unit_surfaces = [u.surface for u in vocab.units]
    # multipliers: a character that starts a unit (千瓦, 兆瓦, 百分点) is not a multiplier there
    mult = {"small": [], "big": [], "suffix": [], "ascii": []}
    for m in vocab.multipliers:
        conts = list(m.not_followed_by) + [s[len(m.word):] for s in unit_surfaces if s.startswith(m.word) and s != m.word]
        piece = _not_followed(m.word, conts)
        if m.word in unit_surfaces:  # 兆 is also a unit: a multiplier only before more numerals
            piece += f"(?={SP}[{CN_D}]|{SP}(?:{_alt([x.word for x in vocab.multipliers if x.rank == 'big'])}))"
        mult[m.rank].append(piece)
    small = "(?:" + "|".join(mult["small"]) + ")" if mult["small"] else "(?!)"
    big = "(?:" + "|".join(mult["big"]) + ")" if mult["big"] else "(?!)"
    suffix = "(?:" + "|".join(mult["suffix"]) + ")" if mult["suffix"] else "(?!)"
    ascii_mult = "".join(regex.escape(m.word) for m in vocab.multipliers if m.rank == "ascii")
    ascii_part = f"(?:[ ]?[{ascii_mult}](?![A-Za-z]))?" if ascii_mult else ""

    inner_words = [q.word for q in vocab.qualifiers if q.position == "inner"]
    inner = f"(?:零?(?:{_alt(inner_words)}))(?={SP}(?:{small}|{big}))" if inner_words else "(?!)"

    ar = (
        f"(?:[{AR_DIGIT}]++(?:[,，][{AR_DIGIT}]{{3}}+(?![{AR_DIGIT}]))*+(?:[.．][{AR_DIGIT}]++)?"
        f"|(?<![{AR_DIGIT}.．])[.．][{AR_DIGIT}]++){ascii_part}"
    )
    dec = f"[点點]{SP}[{CN_DEC}](?:{SP}[{CN_DEC}])*+"
    # Spaces may separate numeral characters (一百 五 十 二, 7 万5 千), but an Arabic number
    # is continued across a space only by a multiplier (667.123 五点八 is two numbers).
    mult_chars = "".join(m.word for m in vocab.multipliers if m.rank in ("small", "big") and len(m.word) == 1)
    # A numeral may open with 万/亿 only right after a qualifier (超万亿元, 近万人).
    pre_words = sorted({q.word for q in vocab.qualifiers if q.position == "before"})
    after_pre = "(?:" + "|".join(f"(?<={regex.escape(w)})" for w in pre_words) + ")" if pre_words else "(?!)"
    numeral = (
        f"(?:{ar}|[{CN_D}]|{small}|{after_pre}{big})"
        f"(?:{SP}(?:{small}|{big}|{inner})"
        f"|(?<![{AR_DIGIT}.．kKＫ]){SP}(?:[{CN_D}]|{dec})"
        f"|(?<=[{mult_chars}]){SP}{ar}(?={SP}(?:{small}|{big}))"
        f"|[{CN_D}]|{dec}|{ar})*+"
        f"(?:{SP}{suffix})?"
    )

    # Word lists go in as \L<...> named lists: the regex module matches them as a set
    # (longest entry wins, 千瓦时 over 千瓦), far faster than an alternation of 240 words.
    # Their context constraints (not_followed_by / not_after) are checked by the extractor.
    unit_alt = r"\L<units>"
    ppt = f"(?:个|個)?{SP}(?:百|佰){SP}分{SP}(?:点|點)"  # 个百分点 spelt with spaces
    unit_group = (
        f"(?P<unit>(?P<u1>{ppt}|{unit_alt})"
        f"(?:(?P<uslash>[/／])(?:每)?(?P<u2m>[百千万])?(?P<u2>{unit_alt}))?"
        f"(?:[（(](?P<u3>{unit_alt})[）)])?(?P<uhalf>半(?![年月天]))?)"
    )
    pre_alt = r"\L<pre>"
    post_alt = r"\L<post>"
    inner_words = [q.word for q in vocab.qualifiers if q.position == "inner"]
    mid_words = _alt(inner_words) if inner_words else "(?!)"

    zhe_digit = f"(?:[{AR_DIGIT}]|[{CN_DEC}两兩])"
    not_discount = "(?:合|算|旧|返|扣|叠|线|射|中|服|腾|损|桂|痕|纸|页|回|抵|价|现|让)"
    not_cheng = "(?:为|立|果|本|员|效|交|熟|功|就|长|都|型|品|绩|分|份|人|年|熟|风|语|材|像|活|事|色|群|败|全|婚|套|千|百|万)"
    sign = "(?:负|負|(?<![-－−~～])[-－−](?![-－−]))"

    pattern = rf"""
    (?P<skip>(?=[hw])(?:{_URL})|(?=[A-Za-z0-9._%+-])(?:{_EMAIL})|(?=[A-Za-z])(?:{_CODE})|(?=[12])(?:{_DATE})|\L<lexicon>(?!{SP}(?!\L<lexicon>)[{CN_D}{AR_DIGIT}之分]))
    |
    (?P<pre>{pre_alt})?{SP}
    (?P<cur>[¥￥$＄])?
    (?P<sign>{sign})?
    (?:
        (?P<pct>(?:百万万|百万|千万|万万|百|千|万|萬|佰|仟){SP}分{SP}之){SP}(?P<psign>{sign})?(?P<pnum>{numeral}|百(?!分))
      | (?=[{CN_D}{AR_DIGIT}{mult_chars}.．,，点點又负負 \t]{{0,40}}+分{SP}之)(?:(?P<whole>{numeral}){SP}又{SP})?(?P<den>{numeral}){SP}分{SP}之{SP}(?P<nsign>负|負)?(?P<nom>{numeral})
      | (?=[{AR_DIGIT}.．,， ]{{0,40}}+[/／])(?:(?P<swhole>{ar})[ ]++)?(?P<sa>{ar}){SP}[/／]{SP}(?P<sb>{ar})(?![/／{AR_DIGIT}])
      | (?<![{AR_DIGIT}{CN_D}.．])(?P<zhe>{zhe_digit}(?:{SP}(?:[.．点點]{SP})?{zhe_digit})?){SP}折(?!{not_discount})
      | (?<=打)(?P<duizhe>对折|對折)
      | (?P<half>半)(?P<halfw>百|成|折)
      | (?P<yiban>一半|过半|過半)
      | (?P<num>{numeral})(?P<exp>[eE][-+－]?[{AR_DIGIT}]++(?![A-Za-z])|\^[-+]*+[0-9]++)?
        (?:
            (?P<cheng>{SP}成(?!{not_cheng})(?:{SP}(?P<cheng2>[{CN_DEC}]|半)(?![{CN_D}十百千万亿]))?)
          | (?:(?P<mid1>{mid_words})?{SP}(?P<unit1>%|％|{unit_alt}))?{SP}(?P<rsep>{RANGE_SEPARATORS}){SP}(?P<sign2>{sign})?(?P<num2>{numeral})
          | {SP}(?P<bsep>与|和|至|到){SP}(?P<bnum>{numeral}){SP}之?间
        )?
    )
    (?P<mid>{mid_words})?
    (?:{SP}{unit_group})?
    (?P<post>{SP}{post_alt})?
    """
    lists = {
        "units": [u.surface for u in vocab.units],
        "pre": [q.word for q in vocab.qualifiers if q.position == "before"],
        "post": [q.word for q in vocab.qualifiers if q.position == "after"],
        "lexicon": list(vocab.lexicon) or ["\x00"],
    }
    for name, words in lists.items():
        # a first-character gate spares trying hundreds of alternatives one by one
        first = "".join(sorted({regex.escape(w[0]) for w in words}))
        pattern = pattern.replace(f"\\L<{name}>", f"(?=[{first}])(?:" + _alt(words) + ")")
    # The stdlib engine: far less set-up per match than `regex` for a pattern this size
    # (match() is called once per candidate), and it has possessive quantifiers since 3.11.
    return re.compile(pattern, re.VERBOSE)


def anchor_filters(vocab: Vocabulary) -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    """Cheap per-anchor tests that spare a full match attempt.

    Returns (chinese anchors, continuations, lead ends): a Chinese numeral character that is
    followed by a Chinese character outside *continuations* (no numeral, unit, qualifier,
    range or fraction word can follow) and preceded by a Chinese character outside *lead
    ends* is part of a word (一些, 统一规划) and cannot start or hold a quantity. *Lead ends*
    are the last characters of whatever may precede a numeral within one match.
    """
    mult_chars = {c for m in vocab.multipliers for c in m.word}
    cn = frozenset(CN_D) | frozenset(c for c in mult_chars if not c.isascii())
    cont = set(cn) | {u.surface[0] for u in vocab.units} | {q.word[0] for q in vocab.qualifiers if q.position != "before"}
    cont |= set("多余几幾成折分点點又之以左上开或及前至到与和半打")
    lead_ends = {q.word[-1] for q in vocab.qualifiers if q.position == "before"}
    lead_ends |= {w[i - 1] for w in vocab.lexicon for i in range(1, len(w)) if w[i] in cn}
    lead_ends |= set("是负負-－−¥￥$＄.．对對过過打 \t第前") | cn
    return cn, frozenset(cont), frozenset(lead_ends)


def build_lead(vocab: Vocabulary) -> re.Pattern:
    """What may stand right before an anchor inside one match: a qualifier, a currency
    sign, a minus, or the beginning of a lexicon word (统 of 统一). Searched in a short
    window ending at the anchor, it gives the only start worth trying."""
    pre = [q.word for q in vocab.qualifiers if q.position == "before"]
    anchors, _, _ = anchor_and_starters(vocab)
    prefixes = {w[:i] for w in vocab.lexicon for i in range(1, len(w)) if anchors.match(w[i])}
    heads = ["对", "對", "过", "過"]
    # A first-character gate: without it every position of the window tries each of the
    # ~50 qualifier words. It only drops the empty match at the window's end (the anchor
    # itself), which the extractor ignores anyway.
    firsts = {w[0] for w in pre if w} | set(" \t¥￥$＄负負-－−.．") | ({w[0] for w in prefixes | set(heads)} if prefixes else set())
    return re.compile(
        "(?=[" + "".join(map(re.escape, sorted(firsts))) + "])(?:"
        "(?:(?:" + _alt(pre) + r")[ \t]*+)?(?:[¥￥$＄])?(?:负|負|[-－−])?[.．]?\Z"
        + ("|(?:" + _alt(prefixes | set(heads)) + r")\Z" if prefixes else "")
        + ")"
    )
