"""The header of an article: headline block and the byline/date/source lines under it.

An article opens with a short headline block (a lead-in, the headline, maybe a subtitle)
followed by lines that say who wrote it, when and where it appeared: an organisation line,
"厅长 王方红", "——2026年1月31日在…会议上", "来源：西藏日报", "国发〔2019〕4号". Finding
that block is what separates an article start from a sub-heading inside an article (a
sub-heading is followed by body text, never by a byline), and it is where the metadata is.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from policy_nlp.structure.lines import HeaderKind, header_kind, is_title_like
from policy_nlp.structure.vocab import vocab

#: Header lines strong enough to mark an article start in the middle of a file.
BYLINE_KINDS: frozenset[str] = frozenset({"org", "position", "venue_date", "doc_number", "news_byline"})
#: A headline that ends in a bracketed column tag: "工业经济持续向好发展（经济新方位·年中数据观察）".
COLUMN_TAG = re.compile(r"[（(](?P<tag>[^（）()]{2,24})[）)]$")
_LEAD_IN_DASH = re.compile(r"[—―-]{1,2}$")
_LETTER_SPACED = re.compile(r"(?:[\u3400-\u9fff] +)+[\u3400-\u9fff]")
_MAX_TITLE_RUN = 3


@dataclass(slots=True)
class Header:
    """Line indices (into the article's or file's line list) of an article's header."""

    start: int  # first line of the article
    end: int  # first body line
    title_line: int | None = None  # the main headline
    lead_in: int | None = None  # a lead-in joined to the headline with ——
    title_lines: list[int] = field(default_factory=list)  # every headline-block line
    kinds: dict[int, str] = field(default_factory=dict)  # header lines after the headline, by kind

    def shifted(self, offset: int) -> "Header":
        """The same header with line indices moved by ``offset`` (file -> article lines)."""
        return Header(
            start=self.start + offset,
            end=self.end + offset,
            title_line=None if self.title_line is None else self.title_line + offset,
            lead_in=None if self.lead_in is None else self.lead_in + offset,
            title_lines=[i + offset for i in self.title_lines],
            kinds={i + offset: k for i, k in self.kinds.items()},
        )


def _title_run_before(lines: list[str], anchor: int, floor: int) -> list[int]:
    """Indices of the title-like lines directly above ``anchor`` (at most three, not above floor)."""
    run: list[int] = []
    i = anchor - 1
    while i >= floor and len(run) < _MAX_TITLE_RUN and is_title_like(lines[i]):
        run.append(i)
        i -= 1
    run.reverse()
    return run


def _title_run_from(lines: list[str], first: int, stop: int) -> list[int]:
    run: list[int] = []
    i = first
    while i < stop and len(run) < _MAX_TITLE_RUN and is_title_like(lines[i]):
        run.append(i)
        i += 1
    return run


def choose_title(lines: list[str], run: list[int]) -> tuple[int | None, int | None]:
    """(headline line, lead-in line) within a headline block.

    * A line ending in —— is a lead-in: the headline is the next line, and the title joins
      them with ——.
    * Otherwise a line carrying a column tag "（科技视点）" is the headline: papers print the
      tag on the main headline, so lines above it are lead-ins and lines below subtitles.
    * Otherwise, of two lines the first is a lead-in when it reads as a clause (has a comma)
      and the second does not.
    * Otherwise the first line is the headline.
    """
    if not run:
        return None, None
    for k, i in enumerate(run[:-1]):
        if _LEAD_IN_DASH.search(lines[i]):
            return run[k + 1], i
    for i in run:
        if COLUMN_TAG.search(lines[i]):
            return i, None
    if len(run) >= 2 and "，" in lines[run[0]] and "，" not in lines[run[1]]:
        return run[1], None
    return run[0], None


def title_text(lines: list[str], header: Header) -> str | None:
    """The headline as the file shows it, with a —— lead-in joined, letter spacing undone."""
    if header.title_line is None:
        return None
    title = lines[header.title_line].strip()
    if _LETTER_SPACED.fullmatch(title):
        title = title.replace(" ", "")
    if header.lead_in is not None:
        lead = _LEAD_IN_DASH.sub("", lines[header.lead_in].strip())
        title = f"{lead}——{title}"
    return title


def _header_run(lines: list[str], first: int, stop: int) -> tuple[int, dict[int, str]]:
    """Consume header-kind lines from ``first``; return the end index and their kinds."""
    kinds: dict[int, str] = {}
    i = first
    while i < stop:
        kind = header_kind(lines[i])
        if kind is None:
            break
        kinds[i] = kind
        i += 1
    return i, kinds


def parse_header(lines: list[str], start: int, stop: int, anchor: int | None = None) -> Header:
    """The header of the article occupying ``lines[start:stop]``.

    ``anchor`` is the first byline-kind line when the caller already knows it (the article
    splitter found the article by it); otherwise the first header-kind line within the
    first ``header_max_lines`` lines is used, and without one the leading headline block.
    """
    limit = min(stop, start + int(vocab().number("header_max_lines", 8)))
    if anchor is None:
        for i in range(start, limit):
            if header_kind(lines[i]) is not None:
                anchor = i
                break
    if anchor is not None:
        run = _title_run_before(lines, anchor, start)
        if not run and anchor > start:
            anchor = None  # "——编者" under an editor's note: the headline block is the leading one
    if anchor is not None:
        if not run:
            # header lines first ("来源：…"), headline after them
            after, kinds = _header_run(lines, anchor, limit)
            run = _title_run_from(lines, after, limit)
            title, lead = choose_title(lines, run)
            end, more = _header_run(lines, (title + 1) if title is not None else after, stop)
            kinds.update(more)
            return Header(start, end, title, lead, _block(run, title, lead), kinds)
        title, lead = choose_title(lines, run)
        end, kinds = _header_run(lines, anchor, stop)
        return Header(start, end, title, lead, run, kinds)
    run = _title_run_from(lines, start, limit)
    title, lead = choose_title(lines, run)
    if title is None:
        return Header(start, start)
    block = _block(run, title, lead)
    return Header(start, max(block) + 1, title, lead, block)


def _block(run: list[int], title: int | None, lead: int | None) -> list[int]:
    """Headline-block lines up to the headline: lines below it in an unanchored run are
    body sub-headings (工业经济持续向好发展（…） / 装备制造业支撑作用明显)."""
    if title is None:
        return []
    return [i for i in run if i <= title]


def first_kind(header: Header, *kinds: HeaderKind) -> int | None:
    """Index of the first header line of one of ``kinds``."""
    for i in sorted(header.kinds):
        if header.kinds[i] in kinds:
            return i
    return None
