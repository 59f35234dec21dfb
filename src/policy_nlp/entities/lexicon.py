"""Vocabularies of the entity rules, loaded once from ``resources/entities/``.

Every vocabulary is a plain TSV or word list; a user extends one by passing extra files
(``EntityRules(extra={"org_gazetteer": ["my_orgs.tsv"]})``) whose rows are added to the
bundled ones, or replaces the whole folder with ``resource_dir``.
"""
from __future__ import annotations

import csv
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

from policy_nlp.resources import read_vocabulary, resource_path

# name -> (file name, kind); kind "table" = TSV with header, "words" = first column list,
# "pairs" = first two tab-separated columns (second optional), "spaced" = whitespace separated.
FILES = {
    "org_suffixes": ("org_suffixes.tsv", "table"),
    "org_gazetteer": ("org_gazetteer.tsv", "table"),
    "boundary_words": ("boundary_words.txt", "words"),
    "name_verbs": ("name_verbs.txt", "words"),
    "gpe_extra": ("gpe_extra.tsv", "table"),
    "gpe_stop": ("gpe_stop.txt", "words"),
    "person_titles": ("person_titles.txt", "words"),
    "speech_verbs": ("speech_verbs.txt", "words"),
    "surnames": ("surnames.txt", "spaced"),
    "person_stop": ("person_stop.txt", "words"),
    "initiative_heads": ("initiative_heads.tsv", "table"),
    "initiative_generic_heads": ("initiative_generic_heads.txt", "words"),
    "infrastructure": ("infrastructure.txt", "pairs"),
    "slogans": ("slogans.txt", "pairs"),
    "quote_stop": ("quote_stop.txt", "words"),
    "doc_heads": ("doc_heads.tsv", "table"),
    "company_words": ("company_words.txt", "words"),
    "gpe_fixed_terms": ("gpe_fixed_terms.txt", "words"),
    "gpe_name_heads": ("gpe_name_heads.txt", "words"),
    "gpe_not_movement": ("gpe_not_movement.txt", "words"),
    "org_generic": ("org_generic.txt", "words"),
    "transliteration": ("transliteration.tsv", "table"),
    # closed word classes of the rules, one table: group, word, value
    "rule_words": ("rule_words.tsv", "table"),
    "canonical_forms": ("canonical_forms.tsv", "table"),
}


@dataclass
class Lexicon:
    """All vocabularies as plain Python containers."""

    data: dict[str, list] = field(default_factory=dict)

    @classmethod
    def load(cls, resource_dir: str | Path | None = None,
             extra: dict[str, list[str | Path]] | None = None) -> "Lexicon":
        base = Path(resource_dir) if resource_dir else resource_path("entities")
        data: dict[str, list] = {}
        for name, (fname, kind) in FILES.items():
            path = base / fname
            data[name] = read_vocabulary(path, kind) if path.exists() else []
            for p in (extra or {}).get(name, []):
                data[name] = data[name] + read_vocabulary(Path(p), kind)
        unknown = set(extra or {}) - set(FILES)
        if unknown:
            raise KeyError(f"unknown vocabulary name(s): {sorted(unknown)}; known: {sorted(FILES)}")
        return cls(data)

    def __getitem__(self, name: str) -> list:
        return self.data[name]

    def words(self, name: str) -> set[str]:
        return set(self.data[name])

    def group(self, name: str) -> list[str]:
        """The words of one group of ``rule_words.tsv`` (``org.list_heads`` …), in file order."""
        return list(dict.fromkeys(r["word"] for r in self.data["rule_words"] if r["group"] == name))

    def transliteration(self) -> tuple[str, frozenset[str]]:
        """The characters foreign names are written with (``transliteration.tsv``), and the
        ones rare outside such names; the place and the person rules read both."""
        rows = {r["class"]: r["chars"] for r in self.data["transliteration"]}
        distinctive = frozenset(rows.get("distinctive", ""))
        return "".join(sorted(set(rows.get("common", "")) | distinctive)), distinctive

    def group_values(self, name: str) -> dict[str, str]:
        """A group of ``rule_words.tsv`` as word -> value (its third column)."""
        return {r["word"]: r.get("value", "") for r in self.data["rule_words"] if r["group"] == name}


def write_words(path: str | Path, words: Iterable[str]) -> None:
    """Helper for users building their own word lists."""
    with open(path, "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, delimiter="\t", lineterminator="\n")
        for x in words:
            w.writerow([x])
