"""Word lists and patterns of the structure stage, read once from ``resources/structure``.

They live in data files rather than code so that a user can extend them (another
newspaper, another position title) without touching the rules that use them.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from policy_nlp.resources import read_table, read_words, resource_path


def _path(name: str):
    return resource_path("structure", name)


def _alternation(words: list[str]) -> str:
    """A regex alternation that prefers the longest word (so 副省长 beats 省长)."""
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


@dataclass(frozen=True)
class HeadingMarker:
    name: str
    level: float
    pattern: re.Pattern[str]


@dataclass(frozen=True)
class Vocab:
    headings: tuple[HeadingMarker, ...]
    heading_start: re.Pattern[str]  # any heading marker at a line start
    patterns: dict[str, re.Pattern[str]]
    positions: dict[str, str]  # position word -> implied org ("" none, "=X" whole name, else suffix)
    position_levels: dict[str, str]  # position word -> level word standing for its place (省长 -> 省)
    position_re: re.Pattern[str]
    org_suffix_re: re.Pattern[str]  # an org suffix at the end of a string
    national_prefix_re: re.Pattern[str]
    newspapers: dict[str, str]  # name -> scope
    newspaper_re: re.Pattern[str]
    news_columns: dict[str, str]
    doc_type_end_re: re.Pattern[str]
    settings: dict[str, str]

    def setting(self, key: str, default: str = "") -> str:
        return self.settings.get(key, default)

    def number(self, key: str, default: float) -> float:
        try:
            return float(self.settings[key])
        except (KeyError, ValueError):
            return default


def byline_suffixes() -> list[str]:
    """Organisation suffixes that mark an author line: the entity rules' one list
    (``resources/entities/org_suffixes.tsv``), rows of scope ``all`` or ``byline``."""
    rows = read_table(resource_path("entities", "org_suffixes.tsv"))
    return [r["suffix"] for r in rows if r.get("scope", "all") in ("all", "byline")]


@lru_cache(maxsize=None)
def vocab() -> Vocab:
    """The bundled vocabulary, compiled once per process."""
    headings = tuple(
        HeadingMarker(r["name"], float(r["level"]), re.compile(r["pattern"]))
        for r in read_table(_path("headings.tsv"))
    )
    heading_start = re.compile("|".join(f"(?:{h.pattern.pattern})" for h in headings))
    patterns = {r["name"]: re.compile(r["pattern"]) for r in read_table(_path("patterns.tsv"))}
    position_rows = read_table(_path("positions.tsv"))
    positions = {r["position"]: r.get("implied_org", "") for r in position_rows}
    newspapers = {r["name"]: r.get("scope", "") for r in read_table(_path("newspapers.tsv"))}
    columns = {r["column"]: r.get("newspaper", "") for r in read_table(_path("news_columns.tsv"))}
    settings = {r["key"]: r.get("value", "") for r in read_table(_path("defaults.tsv"))}
    return Vocab(
        headings=headings,
        heading_start=heading_start,
        patterns=patterns,
        positions=positions,
        position_levels={r["position"]: r.get("level", "") for r in position_rows if r.get("level")},
        position_re=re.compile(_alternation(list(positions))),
        org_suffix_re=re.compile(f"(?:{_alternation(byline_suffixes())})$"),
        national_prefix_re=re.compile(f"^(?:{_alternation(read_words(_path('national_org_prefixes.txt')))})"),
        newspapers=newspapers,
        newspaper_re=re.compile(_alternation(list(newspapers))),
        news_columns=columns,
        doc_type_end_re=re.compile(f"(?:{_alternation(read_words(_path('doc_types.txt')))})$"),
        settings=settings,
    )
