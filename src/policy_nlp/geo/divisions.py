"""City- and county-level divisions: name -> level and province.

The table comes from the ``cpca`` package (it ships China's adcode table as a CSV, read
here at run time, so updating that package updates the table), extended by
``resources/regions/division_aliases.tsv`` for divisions renamed or created since.
Without ``cpca`` only the province table is known.
"""
from __future__ import annotations

import csv
import importlib.util
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import ahocorasick

from policy_nlp.geo.provinces import provinces
from policy_nlp.resources import read_table, read_words, resource_path

ALIASES = resource_path("regions", "division_aliases.tsv")
# short forms of cities that are also common words (安康, 朝阳): not counted as mentions
CITY_SHORT_STOP = resource_path("regions", "city_short_stop.txt")


def cpca_adcodes() -> Path | None:
    """Path of the adcode CSV inside the installed ``cpca`` package, if any."""
    spec = importlib.util.find_spec("cpca")
    if spec is None or not spec.submodule_search_locations:
        return None
    for loc in spec.submodule_search_locations:
        p = Path(loc) / "resources" / "adcodes.csv"
        if p.exists():
            return p
    return None


@lru_cache(maxsize=4)
def division_rows(path: str | None = None) -> tuple[tuple[str, str, str], ...]:
    """(name, level, province full name) for every division of the adcode table."""
    p = Path(path) if path else cpca_adcodes()
    if p is None:
        return ()
    rows = []
    with open(p, encoding="utf-8") as fh:
        for r in csv.DictReader(fh):
            rows.append((r["name"].strip(), r["adcode"].strip()))
    prov_by_code = {c[:2]: n for n, c in rows if c[2:].strip("0") == ""}
    out = []
    for name, code in rows:
        if code[2:].strip("0") == "":
            level = "province"
        elif code[4:].strip("0") == "":
            level = "city"
        else:
            level = "county"
        out.append((name, level, prov_by_code.get(code[:2], "")))
    return tuple(out)


@dataclass(frozen=True, slots=True)
class Division:
    name: str
    level: str  # province / city / county
    province: str


class DivisionTable:
    """Finds full division names (拉萨市, 乃东区, 德清县) in text and maps them to provinces.

    Short forms (拉萨) are the entity recogniser's business: on their own they are too
    ambiguous for deciding an article's region.
    """

    def __init__(self, rows: list[tuple[str, str, str]]):
        self.by_name: dict[str, Division] = {}
        ambiguous: set[str] = set()
        for name, level, prov in rows:
            if len(name) < 3 or level == "province":
                continue
            if name in self.by_name and self.by_name[name].province != prov:
                ambiguous.add(name)  # 朝阳区 in Beijing and in Changchun
            self.by_name.setdefault(name, Division(name, level, prov))
        self.ambiguous = frozenset(ambiguous)
        self._automaton = ahocorasick.Automaton()
        for name in self.by_name:
            self._automaton.add_word(name, name)
        if self.by_name:
            self._automaton.make_automaton()
        # prefecture-level cities by their short form (苏州, 呼和浩特): for counting which
        # province a story is about, never for naming a place (the recogniser decides that)
        stems: dict[str, set[str]] = {}
        for name, level, prov in rows:
            if level == "city" and prov and name.endswith("市") and len(name) >= 3:
                stems.setdefault(name[:-1], set()).add(prov)
        stop = set(read_words(CITY_SHORT_STOP)) if CITY_SHORT_STOP.exists() else set()
        province_names = {n for p in provinces().provinces for n in (p.full_name, *p.short_names)}
        self.city_stems = {k: next(iter(v)) for k, v in stems.items()
                           if len(v) == 1 and k not in stop and k not in province_names}  # (吉林: the province counts it)
        self._stem_automaton = ahocorasick.Automaton()
        for stem in self.city_stems:
            self._stem_automaton.add_word(stem, stem)
        if self.city_stems:
            self._stem_automaton.make_automaton()

    @classmethod
    def load(cls, path: str | None = None) -> "DivisionTable":
        rows = list(division_rows(path))
        rows += [(r["name"], r.get("level") or "county", r.get("province", "")) for r in read_table(ALIASES)]
        return cls(rows)

    def get(self, name: str) -> Division | None:
        return self.by_name.get(name)

    def find(self, text: str) -> list[tuple[int, int, Division]]:
        """Leftmost-longest, non-overlapping full division names in the text."""
        if not self.by_name or not text:
            return []
        hits = sorted(((end + 1 - len(name), end + 1, name) for end, name in self._automaton.iter(text)), key=lambda h: (h[0], -h[1]))
        out, last_end = [], 0
        for s, e, name in hits:
            if s >= last_end:
                out.append((s, e, self.by_name[name]))
                last_end = e
        return out

    def province_counts(self, text: str) -> dict[str, int]:
        """How often the text names a place of each province below the province itself: full
        division names and prefecture-level cities' short forms (松原市, 苏州 -> 吉林省, 江苏省)."""
        counts: dict[str, int] = {}
        spans = []
        for s, e, d in self.find(text):
            spans.append((s, e))
            if d.name not in self.ambiguous and d.province:
                p = provinces().resolve(d.province) or d.province
                counts[p] = counts.get(p, 0) + 1
        if self.city_stems:
            last_end = 0
            for end, stem in sorted(self._stem_automaton.iter(text), key=lambda h: h[0] - len(h[1])):
                s = end + 1 - len(stem)
                if s < last_end or any(a <= s < b for a, b in spans):
                    continue  # inside a full name already counted (苏州市) or an earlier stem
                last_end = end + 1
                p = provinces().resolve(self.city_stems[stem]) or self.city_stems[stem]
                counts[p] = counts.get(p, 0) + 1
        return counts

    def province_in(self, text: str) -> str | None:
        """The province of the first unambiguous division named in the text."""
        for _, _, d in self.find(text):
            if d.name not in self.ambiguous and d.province:
                return provinces().resolve(d.province) or d.province
        return None


@lru_cache(maxsize=None)
def divisions() -> DivisionTable:
    """The bundled division table, built once per process."""
    return DivisionTable.load()
