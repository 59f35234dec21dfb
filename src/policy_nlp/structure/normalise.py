"""Text normalisation: one canonical form of a file's text that every offset refers to.

* Full-width digits, Latin letters and ％ become ASCII, because numbers and codes
  (５Ｇ, ２０２０年, １７．６２％) must look the same to every later stage; Chinese
  punctuation （），。、：；“”《》！？ stays, since it carries the sentence structure.
* The full-width space U+3000, no-break spaces and tabs become ordinary spaces; leading
  and trailing spaces of a line are layout (indentation) and are dropped. Spaces inside a
  line stay ("加快发展数字经济 培育增长新动能" separates two headline halves).
* Blank lines are dropped: files disagree on whether paragraphs are separated by blank
  lines, so they carry no signal, and one paragraph per line makes offsets simpler.
* A line break that cuts a sentence in two (a page break in a PDF copy) is joined:
  see :func:`is_continuation`.

Every pass is linear in the text length.
"""
from __future__ import annotations

import re

from policy_nlp.structure.lines import (
    CONTINUATION_STARTS,
    OPEN_ENDINGS,
    TERMINATORS,
    core_last,
    ends_final,
    header_kind,
    is_title_like,
    starts_with_marker,
)
from policy_nlp.structure.vocab import vocab

_WIDTH = {cp: cp - 0xFEE0 for cp in range(0xFF10, 0xFF1A)}  # ０-９
_WIDTH.update({cp: cp - 0xFEE0 for cp in range(0xFF21, 0xFF3B)})  # Ａ-Ｚ
_WIDTH.update({cp: cp - 0xFEE0 for cp in range(0xFF41, 0xFF5B)})  # ａ-ｚ
_WIDTH.update({0xFF05: "%", 0x3000: " ", 0x00A0: " ", 0x2002: " ", 0x2003: " ", 0x2009: " ", 0x09: " "})
_WIDTH.update({cp: None for cp in (0xFEFF, 0x200B, 0x200C, 0x200D, 0x2060)})  # BOM, zero-width
#: Runs of characters the width table changes; matches are sparse, so substituting them is
#: much faster than translating every character of the text.
_WIDTH_RUN = re.compile("[" + "".join(re.escape(chr(cp)) for cp in sorted(_WIDTH)) + "]+")
_FULLWIDTH_POINT = re.compile(r"(?<=[0-9])．(?=[0-9])")
_NEWLINES = re.compile(r"\r\n?|[\u2028\u2029\x0b\x0c\x85]")
_SENTENCE_END_INSIDE = re.compile(r"[。！？；!?;]")
_LATIN_END = re.compile(r"[A-Za-z0-9]$")
_LATIN_START = re.compile(r"^[A-Za-z0-9]")

#: Blank lines allowed between the two halves of a cut sentence (a page break adds a few).
_MAX_GAP = 4


def normalise_width(text: str) -> str:
    """Full-width digits/letters/％ to ASCII, odd spaces to " ", "１．５" to "1.5"."""
    text = _WIDTH_RUN.sub(lambda m: m.group().translate(_WIDTH), text)
    if "．" in text:
        text = _FULLWIDTH_POINT.sub(".", text)
    return text


def is_continuation(line: str, nxt: str, line_is_body: bool | None = None) -> bool:
    """Does ``nxt`` continue the sentence that ``line`` leaves unfinished?

    ``line`` must stop mid-clause (no 。！？；：… at its end, no —— lead-in dash), and
    ``nxt`` must not open a numbered heading or a header line. Then the break is a cut
    when one of these holds:

    * ``line`` ends with a comma, enumeration comma or an opening quote/bracket;
    * ``nxt`` starts with something no sentence starts with (，。%）” ..., or a bare
      percentage such as "17.62%。");
    * ``line`` is body text: it already holds a finished sentence (。！？；inside it) or
      is longer than any title (``title_max_chars``), and a body paragraph does not stop
      without punctuation. Titles and sub-headings are short and never contain a 。, so
      they are never glued to the next paragraph.

    ``line_is_body`` lets a caller that tracks it avoid rescanning a long line.
    """
    if not line or not nxt or ends_final(line) or line.endswith(("—", "-", "―")):
        return False
    if starts_with_marker(nxt) or header_kind(nxt) is not None:
        return False
    if line[-1] in OPEN_ENDINGS or nxt[0] in CONTINUATION_STARTS:
        return True
    if vocab().patterns["continuation_start"].match(nxt):
        return True
    if line_is_body is None:
        line_is_body = _is_body(line)
    return line_is_body


def _title_max() -> int:
    return int(vocab().number("title_max_chars", 60))


def _is_body(text: str) -> bool:
    return len(text) > _title_max() or _SENTENCE_END_INSIDE.search(text) is not None


def _is_wrapped_document_title(line: str, nxt: str) -> bool:
    """"国务院关于印发国家职业教育改革" + "实施方案的通知": an official title (关于…文种)
    wrapped over lines, recognised because the first part has 关于 but no document type."""
    if "关于" not in line or len(line) + len(nxt) > 90:
        return False
    doc_end = vocab().doc_type_end_re
    if doc_end.search(line) or not is_title_like(line) or not is_title_like(nxt):
        return False
    return True


def _needs_space(left: str, right: str) -> bool:
    return bool(_LATIN_END.search(left) and _LATIN_START.match(right))


def normalise_text(text: str) -> str:
    """The canonical text of a file: see the module docstring for what changes and why.

    A paragraph being built from several cut lines is kept as a list of pieces with a
    flag for "holds a finished sentence", so joining many lines stays linear.
    """
    text = normalise_width(_NEWLINES.sub("\n", text))
    page_number = vocab().patterns["page_number"]
    out: list[str] = []
    pieces: list[str] = []  # the paragraph being built
    body = False  # whether ``pieces`` is body text (holds a 。！？； or is longer than a title)
    size = 0
    gap = 0  # blank lines seen since the last kept line
    for raw in text.split("\n"):
        line = raw.strip()
        if not line or (len(line) <= 12 and page_number.fullmatch(line)):
            gap += 1
            continue
        if pieces and gap <= _MAX_GAP:
            last = pieces[-1]
            joined = is_continuation(last, line, body) or (
                len(pieces) < 4
                and size + len(line) <= 90
                and _is_wrapped_document_title("".join(pieces), line)
            )
            if joined:
                if _needs_space(last, line):
                    pieces.append(" ")
                pieces.append(line)
                size += len(line)
                body = body or size > _title_max() or _SENTENCE_END_INSIDE.search(line) is not None
                gap = 0
                continue
        if pieces:
            out.append("".join(pieces))
        pieces = [line]
        size = len(line)
        body = _is_body(line)
        gap = 0
    if pieces:
        out.append("".join(pieces))
    return "\n".join(out)


__all__ = ["normalise_text", "normalise_width", "is_continuation"]
