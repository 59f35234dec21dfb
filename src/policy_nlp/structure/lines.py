"""What a single line looks like: finished sentence, title, heading, byline, date line.

Normalisation, article splitting, metadata and sentence splitting all reason about lines
of the same shapes; keeping the predicates here means the four stages agree on what a
"title-like line" is.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Literal

from policy_nlp.geo import provinces
from policy_nlp.structure.vocab import vocab

#: Characters that end a sentence or a clause a line may legitimately stop after.
FINAL = frozenset("。！？；：!?;:…")
#: Sentence terminators proper (；and ： do not end a sentence).
TERMINATORS = frozenset("。！？!?")
#: Closing quotes and brackets that stay with the sentence before them.
CLOSERS = "”’」』）)》】〕]\"'"
#: Characters a line may end with only when the clause goes on (the PDF cut it).
OPEN_ENDINGS = frozenset("，、,“‘《（(〔【「『")
#: Characters no sentence or heading starts with, so a line starting with one continues the previous.
CONTINUATION_STARTS = frozenset("，、,。．.；;：:！？!?”’」』）)》】〕%‰")

_CJK = re.compile(r"[\u3400-\u9fff]")
_DASHES = "—―-–－"

HeaderKind = Literal[
    "venue_date", "bracketed_date", "time_line", "source_line", "doc_number",
    "subtitle", "news_byline", "position", "org", "plain_date",
]


def core_last(line: str) -> str:
    """The last character of a line once closing quotes/brackets and spaces are set aside."""
    core = line.rstrip(CLOSERS + " ")
    return core[-1] if core else ""


def ends_final(line: str) -> bool:
    """True when the line stops at a sentence or clause end (。！？；：…), also when a
    bracketed note follows that end ("…。（生态环境部指导）"), or the line is a photo credit."""
    if core_last(line) in FINAL:
        return True
    tail = line[-80:].rstrip()
    if tail.endswith(("）", ")")):
        i = max(tail.rfind("（"), tail.rfind("("))
        if i > 0 and core_last(tail[:i]) in FINAL:
            return True
    return vocab().patterns["photo_credit"].search(tail) is not None


def has_cjk(text: str) -> bool:
    return _CJK.search(text) is not None


def heading_marker(line: str):
    """The heading marker (from headings.tsv) the line starts with, or None."""
    for marker in vocab().headings:
        if marker.pattern.match(line):
            return marker
    return None


def starts_with_marker(line: str) -> bool:
    return vocab().heading_start.match(line) is not None


def is_bracketed(line: str) -> bool:
    """A whole line in brackets, like （此件公开发布）: a note, not a heading."""
    return len(line) >= 2 and line[0] in "（(" and line[-1] in "）)"


def is_title_like(line: str, max_chars: int | None = None) -> bool:
    """Short, unpunctuated at the end, with Chinese text, not a numbered heading, not a
    header line of another kind: the shape of a title, lead-in or unmarked sub-heading."""
    if max_chars is None:
        max_chars = int(vocab().number("title_max_chars", 60))
    if not 2 <= len(line) <= max_chars:
        return False
    if ends_final(line) or line[-1] in OPEN_ENDINGS or line[0] in _DASHES:
        return False
    if not has_cjk(line) or is_bracketed(line) or line.startswith("附件"):
        return False
    if starts_with_marker(line) or vocab().patterns["credit_line"].fullmatch(line):
        return False
    return header_kind(line) is None


def _position_line_re() -> re.Pattern[str]:
    v = vocab()
    return re.compile(
        rf"(?P<org>[^\s，。；：]{{0,30}}?)(?P<pos>{v.position_re.pattern})\s*"
        r"(?P<name>[\u3400-\u9fff·•]{1,12}(?:\s{1,2}[\u3400-\u9fff·•]{1,4})?)"
    )


_POSITION_LINE: re.Pattern[str] | None = None


def position_line(line: str) -> re.Match[str] | None:
    """``[org]position name`` as a whole line ("厅长 王方红", "国务院总理朱镕基"), else None."""
    global _POSITION_LINE
    if len(line) > 45:
        return None
    if _POSITION_LINE is None:
        _POSITION_LINE = _position_line_re()
    m = _POSITION_LINE.fullmatch(line)
    if m is None:
        return None
    name = re.sub(r"\s+", "", m.group("name"))
    return m if 2 <= len(name) <= 12 else None


_STRONG_GOV_END = re.compile(r"(?:厅|人民政府|办公厅|委员会|部|局|委)$")


def is_org_line(line: str) -> bool:
    """A line that is nothing but an organisation's name: "西藏自治区经济和信息化厅"."""
    if not 3 <= len(line) <= 30 or not has_cjk(line):
        return False
    if re.search(r"[\s，。；：！？,.;:!?“”\"]", line):
        return False
    v = vocab()
    if not v.org_suffix_re.search(line):
        return False
    if v.newspaper_re.fullmatch(line):
        return True
    if provinces().first_in(line) or v.national_prefix_re.match(line):
        return True
    return _STRONG_GOV_END.search(line) is not None and len(line) >= 5


def header_kind(line: str) -> HeaderKind | None:
    """Which kind of header line this is (date/venue line, byline, source, document number...),
    or None for ordinary text. Every stage asks this of the same short lines, hence the cache."""
    if len(line) > 80:
        return None
    return _header_kind_short(line)


@lru_cache(maxsize=8192)
def _header_kind_short(line: str) -> HeaderKind | None:
    p = vocab().patterns
    for kind in ("venue_date", "bracketed_date", "plain_date", "time_line", "source_line", "doc_number"):
        if p[kind].fullmatch(line):
            return kind  # type: ignore[return-value]
    if line[0] in _DASHES and not ends_final(line) and p["subtitle"].fullmatch(line):
        return "subtitle"
    if p["news_byline"].fullmatch(line) and not ends_final(line) and len(line) <= 30:
        return "news_byline"
    if position_line(line):
        return "position"
    if is_org_line(line):
        return "org"
    return None
