"""Data files (vocabularies, dictionaries, tables) shipped with policy_nlp.

Vocabularies are data, not code: every table here is a TSV (or plain word list) that
users can extend by passing their own file where a component takes one.
"""
from __future__ import annotations

import csv
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Iterable

_ROOT = resources.files(__name__)


def resource_path(*parts: str) -> Path:
    """Filesystem path of a bundled resource file."""
    return Path(str(_ROOT.joinpath(*parts)))


def data_lines(path: Path) -> Iterable[str]:
    """Non-blank lines of a data file, ``#`` comment lines dropped."""
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            line = line.rstrip("\r\n")
            if line.strip() and not line.lstrip().startswith("#"):
                yield line


def read_table(path: str | Path) -> list[dict[str, str]]:
    """Read a TSV with a header row; lines starting with ``#`` are comments."""
    rows = list(csv.reader(data_lines(Path(path)), delimiter="\t", quoting=csv.QUOTE_NONE))
    if not rows:
        return []
    header = [h.strip() for h in rows[0]]
    out = []
    for row in rows[1:]:
        row = row + [""] * (len(header) - len(row))
        out.append({h: v.strip() for h, v in zip(header, row)})
    return out


def read_words(path: str | Path) -> list[str]:
    """Read a word list: one entry per line (first tab-separated field), ``#`` comments."""
    return [line.split("\t", 1)[0].strip() for line in data_lines(Path(path))]


@lru_cache(maxsize=None)
def bundled_table(*parts: str) -> tuple[dict[str, str], ...]:
    """A bundled TSV, read once per process (tables are immutable data)."""
    return tuple(read_table(resource_path(*parts)))
