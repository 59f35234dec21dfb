"""Split a file that holds several articles one after another (a magazine issue) into articles.

An article starts where a headline is followed by a byline: a title-like line directly
above an organisation line, a "position name" line, a "——date在…会议上" line, a document
number or a 本报记者 byline. Section headings inside an article ("一是抓组织保障…。",
"（三）立足强链补链……", "以“六抓、六着力”为重点推进数字经济发展") are followed by body text,
never by a byline, so they cannot start an article. A signature at the end of a document
(an organisation line followed by a date line) is not a byline either.
"""
from __future__ import annotations

from dataclasses import dataclass

from policy_nlp.geo import provinces
from policy_nlp.structure.header import BYLINE_KINDS, Header, _title_run_before, parse_header
from policy_nlp.structure.lines import header_kind, is_title_like, starts_with_marker


@dataclass(slots=True)
class ArticleLines:
    """One article as a range of lines of the normalised file text."""

    start: int  # first line (inclusive)
    end: int  # last line (exclusive)
    header: Header  # line indices relative to the file


def _is_signature(lines: list[str], i: int) -> bool:
    """An organisation line followed by a bare date: the signature under a document."""
    return i + 1 < len(lines) and header_kind(lines[i + 1]) == "plain_date"


def _byline_at(lines: list[str], i: int, floor: int) -> bool:
    """Is line ``i`` a byline directly under a headline (and above ``floor``)?"""
    kind = header_kind(lines[i])
    if kind not in BYLINE_KINDS:
        return False
    if i - 1 < floor or not is_title_like(lines[i - 1]):
        return False
    return not (kind == "org" and _is_signature(lines, i))


def _standfirst_start(lines: list[str], run_start: int, floor: int, byline: int, header_end: int) -> int:
    """Move an article start back over a kicker line and a standfirst paragraph placed above
    the headline ("做好“六稳”落实“六保”" / "今年以来，安徽省经信厅…" / headline / byline).

    Only when the paragraph speaks of the same province as the new article's headline and
    byline, and of no other, so the last paragraph of the previous article stays where it is.
    """
    kicker, para = run_start - 2, run_start - 1
    if kicker < floor or not is_title_like(lines[kicker]) or starts_with_marker(lines[para]):
        return run_start
    if is_title_like(lines[para]) or (kicker - 1 >= floor and is_title_like(lines[kicker - 1])):
        return run_start
    table = provinces()
    own = table.first_in(" ".join(lines[run_start:header_end]))
    mentioned = {full for _, _, full in table.mentions(lines[para])}
    if own and mentioned == {own}:
        return kicker
    return run_start


def split_articles(lines: list[str]) -> list[ArticleLines]:
    """Articles of a file, given its normalised lines; always at least one when there is text."""
    if not lines:
        return []
    first = parse_header(lines, 0, len(lines))
    starts: list[tuple[int, Header]] = [(0, first)]
    floor = first.end  # nothing above the current article's header end can start a new one
    i = max(floor, 1)
    n = len(lines)
    while i < n:
        if _byline_at(lines, i, floor):
            run = _title_run_before(lines, i, floor)
            header = parse_header(lines, run[0], n, anchor=i)
            start = _standfirst_start(lines, run[0], floor, i, header.end)
            header.start = start
            starts.append((start, header))
            floor = header.end
            i = header.end
            continue
        i += 1
    out: list[ArticleLines] = []
    for k, (start, header) in enumerate(starts):
        end = starts[k + 1][0] if k + 1 < len(starts) else n
        out.append(ArticleLines(start, end, header))
    return out
