"""Scope words (全区, 全省, 全国 ...) resolved against an article's region."""
from __future__ import annotations

from pathlib import Path

from policy_nlp.resources import read_table, resource_path

NATION = "全国"
WORLD = "全球"


class ScopeResolver:
    """Maps a scope word to a full region name, given the article's region."""

    def __init__(self, path: str | Path | None = None):
        rows = read_table(path or resource_path("regions", "scope_words.tsv"))
        self.levels = {r["word"]: r["level"] for r in rows}

    def __contains__(self, word: str) -> bool:
        return word in self.levels

    def resolve(self, word: str, article_region: str | None, local_region: str | None = None) -> str | None:
        """``local_region`` is the city or county the article speaks for, if any: 全区 in a
        district's report is that district, 全县 in a county's report that county."""
        level = self.levels.get(word)
        if level is None:
            return None
        if level == "nation":
            return NATION
        if level == "world":
            return WORLD
        if local_region and word[-1] == local_region[-1]:
            return local_region
        if level in ("city", "county"):
            return local_region or article_region or NATION
        return article_region or NATION
