"""Sentences and headings of an article, with the heading each sentence sits under.

A sentence ends at 。！？ (closing quotes and brackets stay with it) or at a line break;
；does not end one, because Chinese policy prose chains parallel clauses with ；inside one
statement. Headings are of two kinds:

* marked: a line opening with 一、 （一） 一是 第X章 1. (1) ——… (headings.tsv); its first
  sentence is the heading, the rest of the line is body under it;
* unmarked: a short line without final punctuation inside the body, like the sub-heading
  "以“六抓、六着力”为重点推进数字经济发展".

Each sentence's ``section`` is its innermost heading; a heading's ``section`` is its parent.
"""
from __future__ import annotations

import re

from policy_nlp.records import Sentence
from policy_nlp.structure.header import Header
from policy_nlp.structure.lines import TERMINATORS, heading_marker, is_title_like, starts_with_marker
from policy_nlp.structure.vocab import vocab

#: One sentence: text up to a terminator run plus closing quotes/brackets, or to the line end.
_SENTENCE = re.compile(
    r"[^。！？!?]*(?:[!?](?=[A-Za-z0-9=&])[^。！？!?]*)*"  # unrolled: no per-character alternation
    r"(?:(?:[。！？]|[!?](?![A-Za-z0-9=&]))+[”’」』）)》】〕\"']*)?"
)
_SPACES = " \t"


def _line_spans(line: str, offset: int) -> list[tuple[int, int]]:
    """(start, end) of the sentences of one line, offsets shifted by ``offset``, spaces trimmed."""
    spans: list[tuple[int, int]] = []
    for m in _SENTENCE.finditer(line):
        a, b = m.span()
        if a == b:
            continue
        if line[a] in _SPACES or line[b - 1] in _SPACES:
            _add(spans, line, a, b, offset)
        else:
            spans.append((a + offset, b + offset))
    return spans


def _add(spans: list[tuple[int, int]], line: str, a: int, b: int, offset: int) -> None:
    while a < b and line[a] in _SPACES:
        a += 1
    while b > a and line[b - 1] in _SPACES:
        b -= 1
    if a < b:
        spans.append((a + offset, b + offset))


def _heading_level(line: str, unmarked_level: float, max_chars: int) -> float | None:
    """The heading level of a body line's first sentence, or None if it is no heading."""
    marker = heading_marker(line) if starts_with_marker(line) else None
    if marker is not None:
        if marker.name == "dash_bullet" and not any(c in TERMINATORS for c in line[:80]):
            return None  # "——编  者": a signature, not a bullet heading
        return marker.level
    if 4 <= len(line) <= max_chars and is_title_like(line, max_chars):
        return unmarked_level
    return None


def split_sentences(text: str, header: Header | None = None) -> list[Sentence]:
    """Sentences of ``text`` (an article's normalised text) with headings and sections.

    ``header`` (line indices into ``text.split("\\n")``) marks the headline block and the
    byline lines: headline lines become headings without a parent, byline and other header
    lines plain sentences, and neither opens a section for the body.
    """
    v = vocab()
    unmarked_level = v.number("unmarked_heading_level", 3.5)
    max_chars = int(v.number("heading_max_chars", 40))
    header_end = header.end if header else 0
    title_lines = set(header.title_lines) if header else set()
    if header and header.title_line is not None:
        title_lines.add(header.title_line)

    out: list[Sentence] = []
    stack: list[tuple[float, str]] = []  # open headings, outermost first
    offset = 0
    for index, line in enumerate(text.split("\n")):
        spans = _line_spans(line, offset)
        offset += len(line) + 1
        if not spans:
            continue
        if index < header_end:
            is_title = index in title_lines or (
                header is not None and header.title_line is not None and index < header.title_line
                and is_title_like(line)
            )
            for a, b in spans:
                out.append(Sentence(a, b, None, is_title))
            continue
        level = _heading_level(line, unmarked_level, max_chars)
        first = 0
        if level is not None:
            a, b = spans[0]
            while stack and stack[-1][0] >= level:
                stack.pop()
            out.append(Sentence(a, b, stack[-1][1] if stack else None, True))
            stack.append((level, text[a:b]))
            first = 1
        section = stack[-1][1] if stack else None
        for a, b in spans[first:]:
            out.append(Sentence(a, b, section))
    return out
