"""The project's user dictionary: policy terms, organisation names and slogans that
jieba's general dictionary would cut apart.

The format is jieba's own (``word [freq] [tag]`` per line), so a user can reuse a
dictionary written for jieba and pass extra files with ``--user-dict``.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from policy_nlp.resources import resource_path

DEFAULT_USER_DICT = resource_path("segment", "userdict.txt")


@dataclass(frozen=True, slots=True)
class UserEntry:
    word: str
    freq: int | None
    tag: str | None


class UserDictionary(tuple):
    """An immutable list of :class:`UserEntry`, applied to a segmenter instance (never to
    the process-global jieba), so two pipelines can hold different dictionaries."""

    def apply_to_rjieba(self, segmenter) -> None:
        for e in self:
            segmenter.add_word(e.word, e.freq, e.tag)

    def apply_to_jieba(self, tokenizer) -> None:
        for e in self:
            tokenizer.add_word(e.word, e.freq, e.tag)


def parse_line(line: str) -> UserEntry | None:
    line = line.strip()
    if not line or line.startswith("#"):
        return None
    parts = line.split()
    word, freq, tag = parts[0], None, None
    if len(parts) > 1:
        if parts[1].isdigit():
            freq = int(parts[1])
            tag = parts[2] if len(parts) > 2 else None
        else:
            tag = parts[1]
    return UserEntry(word, freq, tag)


def load_user_dictionary(paths: Iterable[str | Path] | None = None, *, include_default: bool = True) -> UserDictionary:
    """Entries of the bundled dictionary followed by those of the given files."""
    files: list[Path] = [DEFAULT_USER_DICT] if include_default else []
    files += [Path(p) for p in paths or ()]
    entries = []
    for f in files:
        with open(f, encoding="utf-8") as fh:
            for line in fh:
                e = parse_line(line)
                if e is not None:
                    entries.append(e)
    return UserDictionary(entries)
