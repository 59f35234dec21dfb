"""Plain records that travel between the stages.

Every stage takes and returns these (or lists of them) rather than spaCy objects, so
that workers ship cheap data across process boundaries and each stage can be tested
alone. Offsets always index the article's *normalised* text, end exclusive.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Any

Number = int | float


@dataclass(frozen=True, slots=True)
class Quantity:
    """A number with its unit and qualifier, as found in a text; no indicator yet."""

    text: str
    start: int
    end: int
    value: Number
    value_high: Number | None = None
    unit: str | None = None
    qualifier: str = "exact"

    def as_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "value": self.value,
            "value_high": self.value_high,
            "unit": self.unit,
            "qualifier": self.qualifier,
        }


@dataclass(slots=True)
class Sentence:
    """A sentence (or heading line) of an article."""

    start: int
    end: int
    section: str | None = None  # the heading this sentence sits under
    is_heading: bool = False


@dataclass(slots=True)
class Document:
    """What a reader produced from one input: a whole file, or one JSON line."""

    source_path: str
    text: str
    metadata: dict[str, Any] = field(default_factory=dict)
    line_no: int | None = None  # JSON Lines: 1-based line number
    pre_split: bool = False  # True when the input already is exactly one article

    @property
    def source(self) -> str:
        return self.source_path.replace("\\", "/").rsplit("/", 1)[-1]


@dataclass(frozen=True, slots=True)
class Skipped:
    """An input (file or line) that could not be read, and why."""

    source_path: str
    reason: str
    line_no: int | None = None

    def __str__(self) -> str:
        where = f"{self.source_path}:{self.line_no}" if self.line_no else self.source_path
        return f"{where}: {self.reason}"


@dataclass(slots=True)
class Article:
    """One article with its metadata and sentence structure."""

    source: str
    source_path: str
    article_index: int
    text: str
    title: str | None = None
    author_org: str | None = None
    author: str | None = None
    region: str | None = None
    year: int | None = None
    locality: str | None = None  # the city or county the article speaks for, when below province level
    sentences: list[Sentence] = field(default_factory=list)
    metadata: dict[str, Any] = field(default_factory=dict)

    @property
    def content_sha256(self) -> str:
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()

    @property
    def article_id(self) -> str:
        """Stable id: same source, same position, same content -> same id in every run."""
        key = f"{self.source}\x1f{self.article_index}\x1f{self.content_sha256}"
        return hashlib.sha256(key.encode("utf-8")).hexdigest()[:20]


@dataclass(slots=True)
class Fact:
    """A numeric fact: a quantity tied to what it measures, when and where."""

    start: int
    end: int
    text: str
    value: Number
    value_high: Number | None
    unit: str | None
    qualifier: str
    indicator: str | None = None
    dimension: str | None = None
    kind: str = "level"
    modality: str = "actual"
    period: str | None = None
    region: str | None = None
    confidence: float = 0.5


@dataclass(slots=True)
class Entity:
    """An entity mention."""

    start: int
    end: int
    text: str
    label: str
    subtype: str | None = None
    canonical: str | None = None
    source: str = "rule"  # "rule" or "model"
    score: float = 1.0
