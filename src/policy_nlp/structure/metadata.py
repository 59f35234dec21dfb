"""Article metadata: title, author_org, author, region, year.

Each field is read from the place where Chinese official and news texts put it, in order
of reliability: the header (headline, byline, date line, document number), then the end of
the article (signature, "（作者为…）"), then the body. Values given by the input record
(JSON Lines keys) win over anything read from the text.
"""
from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass, field
from typing import Any

from policy_nlp.geo import divisions, provinces
from policy_nlp.structure.header import COLUMN_TAG, Header, title_text
from policy_nlp.structure.lines import header_kind, position_line
from policy_nlp.structure.vocab import vocab

_CURRENT_YEAR = _dt.date.today().year
_YEAR = re.compile(r"(?:19|20)[0-9]{2}")
#: A year in a dated context. ``post`` tells how far the period goes (a month, a quarter,
#: the year end); ``pre`` catches targets (到2025年) that say nothing about when a text was written.
_DATED_YEAR = re.compile(
    r"(?<![—\-–~～0-9])(?P<y>(?:19|20)[0-9]{2})年"
    r"(?P<post>[0-9]{1,2}月|第?[一二三四1-4]季度|[上下]半年|前[一二三四五六七八九十0-9]{1,2}个?月|前三季度|年底|年末|底|末|全年)?"
    r"(?P<deadline>前|以前|之前)?"
)
_TARGET_BEFORE = ("到", "至", "力争", "预计", "计划", "目标", "争取")
_AS_OF_BEFORE = ("截至", "截止", "截止到")
_BOOK_TITLE = re.compile(r"《[^《》\n]{0,120}》")
_YEAR_END_POSTS = ("年底", "年末", "底", "末", "全年")
_FILENAME_YEAR = re.compile(r"(?<![0-9A-Za-z])((?:19|20)[0-9]{2})(?![0-9A-Za-z])")
_REPORT_TITLE = re.compile(r"^(?P<y>(?:19|20)[0-9]{2})年?[^，。]{0,30}(?:报告|工作要点|计划)")
_ISSUER_TITLE = re.compile(r"^(?P<org>[^，。：“”《》]{2,30}?)关于")
_NEWS_HINT = re.compile(r"本报|记者|核心阅读|——\s*编\s*者")
_NAME_IN_NEWS_BYLINE = re.compile(r"(?:本报|新华社)?记者\s*(?P<name>[\u3400-\u9fff]{2,4})")


@dataclass(slots=True)
class ArticleMeta:
    title: str | None = None
    author_org: str | None = None
    author: str | None = None
    region: str | None = None
    year: int | None = None
    sources: dict[str, str] = field(default_factory=dict)  # field -> where the value came from


# --------------------------------------------------------------------------- organisations


def expand_deictic(org: str, region: str | None) -> str:
    """"自治区人民政府" in a Tibet text -> "西藏自治区人民政府": a bare level word standing for
    the article's own province is replaced by the province's full name."""
    if not region:
        return org
    for level in ("自治区", "省", "市"):
        if org.startswith(level) and region.endswith(level):
            return region + org[len(level):]
    return org


def org_from_position(prefix: str, position: str, region: str | None) -> str | None:
    """The organisation a byline "prefix + position" speaks for."""
    v = vocab()
    implied = v.positions.get(position, "")
    prefix = prefix.strip()
    if implied.startswith("="):
        return implied[1:]
    if prefix and v.org_suffix_re.search(prefix):
        return expand_deictic(prefix, region)
    if implied:
        base = prefix or v.position_levels.get(position, "")
        return expand_deictic(base + implied, region) if base else None
    return expand_deictic(prefix, region) if prefix else None


def _author_note_org(text: str, region: str | None) -> str | None:
    """"（作者为国家能源局党组书记、局长）" -> 国家能源局; "（作者为青海省副省长）" -> 青海省人民政府."""
    v = vocab()
    m = v.patterns["author_note"].search(text)
    if not m:
        return None
    who = m.group("who")
    positions = list(v.position_re.finditer(who))
    if not positions:
        return who.strip() or None
    prefix = who[: positions[0].start()].rstrip("、，, ")
    return org_from_position(prefix, positions[-1].group(), region)


def _issuer_from_title(title: str | None) -> str | None:
    """"国务院办公厅关于…的意见" -> 国务院办公厅: an official title starts with its issuer."""
    if not title:
        return None
    m = _ISSUER_TITLE.match(title)
    if not m:
        return None
    org = m.group("org").strip()
    v = vocab()
    if v.org_suffix_re.search(org) or v.national_prefix_re.match(org):
        return org
    return None


def _signature_org(lines: list[str]) -> str | None:
    """An organisation line followed by a date line near the end: who signed the document."""
    for i in range(len(lines) - 2, max(-1, len(lines) - 10), -1):
        if header_kind(lines[i]) == "org" and header_kind(lines[i + 1]) == "plain_date":
            return lines[i]
    return None


def _is_news(lines: list[str], header: Header, text_head: str) -> bool:
    """The shape of a news report: a lead-in or column tag on the headline, a subtitle,
    a 本报/记者 byline, a 核心阅读 box."""
    if header.lead_in is not None or len(header.title_lines) >= 2:
        return True
    if header.title_line is not None and COLUMN_TAG.search(lines[header.title_line]):
        return True
    if "subtitle" in header.kinds.values() or "news_byline" in header.kinds.values():
        return True
    return _NEWS_HINT.search(text_head) is not None


def _newspaper(lines: list[str], header: Header, text: str) -> str | None:
    v = vocab()
    if header.title_line is not None:
        m = COLUMN_TAG.search(lines[header.title_line])
        if m:
            for column, paper in v.news_columns.items():
                if column in m.group("tag"):
                    return paper
    for i, kind in header.kinds.items():
        if kind == "source_line":
            m = v.newspaper_re.search(lines[i])
            if m:
                return m.group()
    m = v.newspaper_re.search(text[:2000])
    if m and ("本报" in text[:2000] or "《" + m.group() + "》" in text[:2000]):
        return m.group()
    return v.setting("default_newspaper") or None


# --------------------------------------------------------------------------- regions


def _is_national(org: str) -> bool:
    v = vocab()
    if provinces().first_in(org):
        return False
    return bool(v.national_prefix_re.match(org) or re.search(r"(?:部|总局|署)$", org))


_CAPITALS: re.Pattern[str] | None = None
_CAPITAL_OF: dict[str, str] = {}


def _capital_province(text: str) -> str | None:
    """The province whose capital city the text names first (武汉 -> 湖北省)."""
    global _CAPITALS
    if _CAPITALS is None:
        for p in provinces().provinces:
            if p.capital and p.capital not in p.short_names and p.capital != p.full_name:
                _CAPITAL_OF[p.capital] = p.full_name
        _CAPITALS = re.compile("|".join(sorted(map(re.escape, _CAPITAL_OF), key=len, reverse=True)) or "(?!)")
    m = _CAPITALS.search(text)
    return _CAPITAL_OF[m.group()] if m else None


def _dominant_province(text: str) -> str | None:
    """The province a text is about, from its mentions (the province's own names, and its
    cities' and counties'): one named at least three times,
    making up most mentions and twice as often as any other. Fewer mentions decide nothing:
    a district report naming 台湾 twice (as a trade partner) is not about Taiwan."""
    counts: dict[str, int] = {}
    for _, _, full in provinces().mentions(text):
        counts[full] = counts.get(full, 0) + 1
    for full, n in divisions().province_counts(text).items():
        counts[full] = counts.get(full, 0) + n  # 松原市, 苏州: a local story names its cities
    if not counts:
        return None
    ranked = sorted(counts.items(), key=lambda kv: -kv[1])
    top, n = ranked[0]
    total = sum(counts.values())
    second = ranked[1][1] if len(ranked) > 1 else 0
    if n >= 3 and n >= 0.6 * total and n >= 2 * second:
        return top
    return None


# --------------------------------------------------------------------------- years


def _year_of(value: Any) -> int | None:
    if isinstance(value, int) and not isinstance(value, bool):
        return value if 1900 <= value <= 2100 else None
    if isinstance(value, str):
        m = _YEAR.search(value)
        return int(m.group()) if m else None
    return None


def body_year_bound(text: str) -> int | None:
    """The earliest year the text can have been written, from its dated statements:
    "2020年第一季度" -> 2020; "截至2019年年底" -> 2020 (a year-end figure is reported after the
    year ends). Targets (到2025年), ranges (2020—2025年) and book titles 《…》 do not count;
    neither do years after the current one."""
    if "《" in text:
        text = _BOOK_TITLE.sub(lambda m: " " * len(m.group()), text)
    best: int | None = None
    for m in _DATED_YEAR.finditer(text):
        post = m.group("post")
        if not post or m.group("deadline"):
            continue
        before = text[max(0, m.start() - 3):m.start()]
        if before.endswith(_TARGET_BEFORE) and not before.endswith(_AS_OF_BEFORE):
            continue
        year = int(m.group("y")) + (1 if post in _YEAR_END_POSTS else 0)
        if year <= _CURRENT_YEAR and (best is None or year > best):
            best = year
    return best


def _filename_year(source: str) -> int | None:
    stem = source.rsplit(".", 1)[0]
    years = [int(y) for y in _FILENAME_YEAR.findall(stem) if int(y) <= _CURRENT_YEAR]
    return years[-1] if years else None


def _header_year(lines: list[str], header: Header) -> int | None:
    patterns = vocab().patterns
    for i in sorted(header.kinds):
        kind = header.kinds[i]
        if kind in ("venue_date", "bracketed_date", "time_line", "doc_number", "plain_date"):
            m = patterns[kind].fullmatch(lines[i])
            if m and m.group("year"):
                return int(m.group("year"))
    return None


def _signature_year(lines: list[str]) -> int | None:
    pattern = vocab().patterns["plain_date"]
    for i in range(len(lines) - 1, max(0, len(lines) - 10), -1):
        if header_kind(lines[i - 1]) == "org":
            m = pattern.fullmatch(lines[i])
            if m:
                return int(m.group("year"))
    return None


# --------------------------------------------------------------------------- all fields


def extract_metadata(
    lines: list[str],
    header: Header,
    *,
    record: dict[str, Any] | None = None,
    source: str = "",
) -> ArticleMeta:
    """Metadata of one article given its lines and header (indices relative to ``lines``)."""
    record = record or {}
    meta = ArticleMeta()
    text = "\n".join(lines)
    v = vocab()
    table = provinces()

    # title
    meta.title = title_text(lines, header)
    if isinstance(record.get("title"), str) and record["title"].strip():
        meta.title, meta.sources["title"] = record["title"].strip(), "record"
    elif meta.title:
        meta.sources["title"] = "header"

    header_lines = [lines[i] for i in header.title_lines] + [lines[i] for i in sorted(header.kinds)]
    if header.lead_in is not None:
        header_lines.append(lines[header.lead_in])
    header_text = "\n".join(header_lines)
    header_region = table.first_in(header_text)

    # author and author_org
    org: str | None = None
    for i in sorted(header.kinds):
        kind = header.kinds[i]
        if kind == "org" and org is None and not v.newspaper_re.fullmatch(lines[i]):
            org, meta.sources["author_org"] = expand_deictic(lines[i], header_region), "byline"
        elif kind == "position":
            m = position_line(lines[i])
            if m:
                meta.author = meta.author or re.sub(r"\s+", "", m.group("name"))
                if org is None:
                    org = org_from_position(m.group("org"), m.group("pos"), header_region)
                    if org:
                        meta.sources["author_org"] = "byline"
        elif kind == "news_byline" and meta.author is None:
            m = _NAME_IN_NEWS_BYLINE.search(lines[i])
            if m:
                meta.author = m.group("name")
    if org is None:
        org = _issuer_from_title(meta.title if meta.sources.get("title") == "header" else title_text(lines, header))
        if org:
            meta.sources["author_org"] = "title"
    if org is None:
        org = _signature_org(lines)
        if org:
            meta.sources["author_org"] = "signature"
    if org is None:
        org = _author_note_org("\n".join(lines[-3:]), header_region)
        if org:
            meta.sources["author_org"] = "author_note"
    if org is None:
        m = v.patterns["speaker_for"].search(text[:1500])
        if m:
            org, meta.sources["author_org"] = expand_deictic(m.group("org"), header_region), "speaker"
    if org is None and _is_news(lines, header, text[:3000]):
        org = _newspaper(lines, header, text)
        if org:
            meta.sources["author_org"] = "newspaper"
    if org is None:
        for i, kind in header.kinds.items():
            if kind == "source_line":
                org = v.patterns["source_line"].fullmatch(lines[i]).group("source").strip()
                meta.sources["author_org"] = "source_line"
                break
    meta.author_org = org

    # region
    region: str | None = None
    if record.get("region"):
        region = table.resolve(str(record["region"])) or str(record["region"])
        meta.sources["region"] = "record"
    elif org and (table.first_in(org) or divisions().province_in(org)):
        region, meta.sources["region"] = table.first_in(org) or divisions().province_in(org), "author_org"
    elif org and _is_national(org):
        meta.sources["region"] = "national_author"
    else:
        region = header_region or divisions().province_in(header_text) or _capital_province(header_text)
        if region:
            meta.sources["region"] = "header"
        elif org in v.newspapers and v.newspapers[org] not in ("", "全国"):
            region, meta.sources["region"] = v.newspapers[org], "newspaper"
        else:
            region = _dominant_province(text)
            if region:
                meta.sources["region"] = "text"
    meta.region = region

    # year
    year = _year_of(record.get("year")) or _year_of(record.get("date"))
    if year:
        meta.sources["year"] = "record"
    else:
        year = _header_year(lines, header) or _signature_year(lines)
        if year:
            meta.sources["year"] = "header"
    if not year and meta.title:
        m = _REPORT_TITLE.match(meta.title)
        if m:
            year, meta.sources["year"] = int(m.group("y")), "title"
    if not year:
        bound = body_year_bound(text)
        from_name = _filename_year(source) if v.setting("year_from_filename", "true") == "true" else None
        if from_name and (bound is None or from_name >= bound):
            year, meta.sources["year"] = from_name, "filename"
        elif bound:
            year, meta.sources["year"] = bound, "text"
    meta.year = year
    return meta
