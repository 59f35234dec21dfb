"""Vocabularies of the quantity layer, read from TSV files.

Units, multipliers, qualifier words and the lexicon of numeral-bearing non-quantities are
data, not code: users extend them by passing their own files to ``QuantityExtractor``.
Each distinct set of files is read once per process (the result is immutable).
"""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from pathlib import Path

from policy_nlp.resources import read_table, resource_path

_DIR = ("quantities",)


def default_paths() -> dict[str, Path]:
    """The bundled vocabulary files, by role."""
    return {
        "units": resource_path(*_DIR, "units.tsv"),
        "multipliers": resource_path(*_DIR, "multipliers.tsv"),
        "qualifiers": resource_path(*_DIR, "qualifiers.tsv"),
        "lexicon": resource_path(*_DIR, "lexicon.tsv"),
    }


@dataclass(frozen=True, slots=True)
class Unit:
    surface: str
    unit: str
    kind: str  # measure | unit | currency | percent | period | ordinal | year | duration
    factor: Decimal
    not_followed_by: tuple[str, ...]
    count_after: tuple[str, ...] = ()  # words before the number that make an ordinal a count


@dataclass(frozen=True, slots=True)
class Multiplier:
    word: str
    factor: Decimal
    rank: str  # small | big | suffix | ascii
    not_followed_by: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Qualifier:
    word: str
    cls: str  # exact | approx | at_least | at_most
    position: str  # before | after | inner
    in_text: bool
    not_after: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Vocabulary:
    units: tuple[Unit, ...]
    multipliers: tuple[Multiplier, ...]
    qualifiers: tuple[Qualifier, ...]
    lexicon: tuple[str, ...]

    def unit_by_surface(self) -> dict[str, Unit]:
        return {u.surface: u for u in self.units}

    def qualifier_by_word(self) -> dict[str, Qualifier]:
        return {q.word: q for q in self.qualifiers}

    def multiplier_by_word(self) -> dict[str, Multiplier]:
        return {m.word: m for m in self.multipliers}


def _alternatives(cell: str) -> tuple[str, ...]:
    return tuple(p for p in (cell or "").split("|") if p)


def _extend(paths: tuple[str, ...]) -> list[dict[str, str]]:
    rows: list[dict[str, str]] = []
    for p in paths:
        rows.extend(read_table(p))
    return rows


@lru_cache(maxsize=2)
def currency_names(locale: str = "zh") -> tuple[str, ...]:
    """Names of the world's currencies in ``locale`` from the Unicode CLDR data babel ships
    (a maintained list, so that 30.2亿尼泊尔卢比 has its unit without a hand list); historical
    names with a bracketed period and one-character names are left out."""
    try:
        from babel import Locale
    except ImportError:  # pragma: no cover - babel is a dependency
        return ()
    names = Locale.parse(locale).currencies.values()
    return tuple(sorted({n for n in names if len(n) >= 2 and all("\u4e00" <= ch <= "\u9fff" for ch in n)}))


@lru_cache(maxsize=8)
def load_vocabulary(
    units: tuple[str, ...],
    multipliers: tuple[str, ...],
    qualifiers: tuple[str, ...],
    lexicon: tuple[str, ...],
) -> Vocabulary:
    """Read the vocabulary files (later files extend and override earlier ones)."""
    # every currency CLDR names (尼泊尔卢比, 欧元, 沙特里亚尔), under the table's own rows
    unit_rows = {name: {"surface": name, "unit": name, "kind": "currency"} for name in currency_names()}
    unit_rows.update({r["surface"]: r for r in _extend(units) if r.get("surface")})
    mult_rows = {r["word"]: r for r in _extend(multipliers) if r.get("word")}
    qual_rows = {r["word"]: r for r in _extend(qualifiers) if r.get("word")}
    lex_rows = {r["word"] for r in _extend(lexicon) if r.get("word")}
    return Vocabulary(
        units=tuple(
            Unit(
                surface=s,
                unit=r.get("unit") or s,
                kind=r.get("kind") or "unit",
                factor=Decimal(r.get("factor") or "1"),
                not_followed_by=_alternatives(r.get("not_followed_by", "")),
                count_after=_alternatives(r.get("count_after", "")),
            )
            for s, r in unit_rows.items()
        ),
        multipliers=tuple(
            Multiplier(
                word=w,
                factor=Decimal(r["factor"]),
                rank=r.get("rank") or "small",
                not_followed_by=_alternatives(r.get("not_followed_by", "")),
            )
            for w, r in mult_rows.items()
        ),
        qualifiers=tuple(
            Qualifier(
                word=w,
                cls=r.get("class") or "exact",
                position=r.get("position") or "before",
                in_text=(r.get("in_text") or "yes").lower() != "no",
                not_after=_alternatives(r.get("not_after", "")),
            )
            for w, r in qual_rows.items()
        ),
        lexicon=tuple(sorted(lex_rows)),
    )
