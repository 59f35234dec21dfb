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


def read_pairs(path: str | Path) -> list[tuple[str, str | None]]:
    """Read ``word<TAB>value`` lines (the value optional): a word list with an annotation."""
    out = []
    for line in data_lines(Path(path)):
        parts = [p.strip() for p in line.split("\t")]
        if parts[0]:
            out.append((parts[0], parts[1] if len(parts) > 1 and parts[1] else None))
    return out


def read_spaced(path: str | Path) -> list[str]:
    """Read whitespace-separated entries (many per line, as in a list of surnames)."""
    return [w for line in data_lines(Path(path)) for w in line.split()]


#: the one loader's file kinds: every vocabulary of every component is one of these
READERS = {"table": read_table, "words": read_words, "pairs": read_pairs, "spaced": read_spaced}


def read_vocabulary(path: str | Path, kind: str) -> list:
    """Read a vocabulary file of ``kind`` (``table``, ``words``, ``pairs`` or ``spaced``)."""
    try:
        reader = READERS[kind]
    except KeyError:
        raise ValueError(f"unknown vocabulary kind {kind!r}; known: {sorted(READERS)}") from None
    return reader(path)


@lru_cache(maxsize=None)
def bundled_table(*parts: str) -> tuple[dict[str, str], ...]:
    """A bundled TSV, read once per process (tables are immutable data)."""
    return tuple(read_table(resource_path(*parts)))
