"""Province-level regions and their short forms."""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import regex

from policy_nlp.resources import read_table, resource_path


@dataclass(frozen=True, slots=True)
class Province:
    full_name: str
    short_names: tuple[str, ...]
    abbreviations: tuple[str, ...]
    capital: str


class ProvinceTable:
    """Lookup of province-level regions by full name or short form (not by one-character
    abbreviation, which is too ambiguous in running text)."""

    def __init__(self, rows: list[dict[str, str]]):
        self.provinces = [
            Province(
                r["full_name"],
                tuple(s for s in r["short_names"].split(",") if s),
                tuple(s for s in r["abbreviation"].split(",") if s),
                r.get("capital", ""),
            )
            for r in rows
        ]
        self._by_name: dict[str, Province] = {}
        for p in self.provinces:
            for name in (p.full_name, *p.short_names):
                self._by_name[name] = p
        names = sorted(self._by_name, key=len, reverse=True)
        self._pattern = regex.compile("|".join(map(regex.escape, names)))

    @classmethod
    def from_file(cls, path: str | Path) -> "ProvinceTable":
        return cls(read_table(path))

    def resolve(self, name: str | None) -> str | None:
        """Full name of a province given any of its names, else None."""
        if not name:
            return None
        p = self._by_name.get(name.strip())
        return p.full_name if p else None

    def by_abbreviation(self, char: str) -> str | None:
        for p in self.provinces:
            if char in p.abbreviations:
                return p.full_name
        return None

    def mentions(self, text: str) -> list[tuple[int, int, str]]:
        """(start, end, full name) for every province name in the text."""
        return [(m.start(), m.end(), self._by_name[m.group()].full_name) for m in self._pattern.finditer(text)]

    def first_in(self, text: str) -> str | None:
        m = self._pattern.search(text)
        return self._by_name[m.group()].full_name if m else None

    def most_mentioned(self, text: str) -> str | None:
        counts = Counter(full for _, _, full in self.mentions(text))
        return counts.most_common(1)[0][0] if counts else None


@lru_cache(maxsize=None)
def provinces() -> ProvinceTable:
    """The bundled province table, built once per process."""
    return ProvinceTable.from_file(resource_path("regions", "provinces.tsv"))
