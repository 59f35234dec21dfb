"""Cue words and time patterns of the fact component, read from resources/facts/."""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import regex

from policy_nlp.resources import read_table, read_words, resource_path


@dataclass(frozen=True)
class FactVocabulary:
    cues: dict[str, frozenset[str]]  # role -> words
    dimensions: frozenset[str]
    period_pattern: "regex.Pattern[str]"
    collectives: dict[str, tuple[str, ...]] = field(default_factory=dict)  # 城乡 -> (城镇, 农村)

    def words(self, role: str) -> frozenset[str]:
        return self.cues.get(role, frozenset())

    @classmethod
    def from_files(cls, cues: str | Path, dimensions: str | Path, periods: str | Path,
                   collectives: str | Path | None = None) -> "FactVocabulary":
        roles: dict[str, set[str]] = defaultdict(set)
        for row in read_table(cues):
            roles[row["role"]].add(row["cue"])
        pats = [row["pattern"] for row in read_table(periods)]
        period = regex.compile("(?:" + "|".join(f"(?:{p})" for p in pats) + ")")
        parts = {}
        if collectives is not None:
            parts = {row["word"]: tuple(row["parts"].split("|")) for row in read_table(collectives)}
        return cls({k: frozenset(v) for k, v in roles.items()}, frozenset(read_words(dimensions)), period, parts)


    @classmethod
    def from_dir(cls, folder: str | Path) -> "FactVocabulary":
        """The four files of a folder laid out as ``resources/facts`` (``collectives.tsv`` optional)."""
        folder = Path(folder)
        missing = [n for n in ("cues.tsv", "dimensions.txt", "periods.tsv") if not (folder / n).is_file()]
        if missing:
            raise FileNotFoundError(f"{folder}: a fact vocabulary folder needs {', '.join(missing)}")
        collectives = folder / "collectives.tsv"
        return cls.from_files(folder / "cues.tsv", folder / "dimensions.txt", folder / "periods.tsv",
                              collectives if collectives.is_file() else None)


@lru_cache(maxsize=None)
def default_vocabulary() -> FactVocabulary:
    return FactVocabulary.from_dir(resource_path("facts"))
