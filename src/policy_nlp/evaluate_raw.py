"""Predictions for evaluation (and training data) straight from the gold files' sources.

A gold article's ``source`` names where its text is: a file in a folder of raw articles
(``000_23b2bec8f30d5541.txt``), or a record of a JSON Lines file by its ``id``
(``rmrb-20230801-09-01`` in ``bench/bulk/articles.jsonl``). Long records may be annotated in
part: a ranges file (TSV with ``id``, ``start``, ``end`` columns, such as the annotated
corpus's MANIFEST.tsv) gives the character range of each record that was annotated: the
whole record is run through the pipeline, as ``extract`` would run it (a report's headings,
title and date outside the excerpt still shape what is read inside it), and only the facts
and entities that start inside the range are kept.
"""
from __future__ import annotations

import csv
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from policy_nlp.dataset.export import gold_record
from policy_nlp.pipeline import load
from policy_nlp.pipeline.process import ArticleResult, StructureError, process_document
from policy_nlp.records import Document, Skipped
from policy_nlp.structure.documents import InputTooLarge


def read_ranges(path: str | Path | None) -> dict[str, tuple[int, int]]:
    """record id -> (start, end) from a TSV with ``id``, ``start`` and ``end`` columns."""
    if path is None:
        return {}
    with open(path, encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh, delimiter="\t"))
    if rows and not {"id", "start", "end"} <= set(rows[0]):
        raise ValueError(f"{path}: a ranges file needs id, start and end columns (has {', '.join(rows[0])})")
    return {r["id"]: (int(r["start"]), int(r["end"])) for r in rows}


@dataclass
class RawSources:
    """Folders of raw files and JSON Lines files of records, where gold sources are found."""

    paths: Sequence[Path]
    ranges: dict[str, tuple[int, int]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.paths = [Path(p) for p in self.paths]
        for p in self.paths:
            if not (p.is_dir() or (p.is_file() and p.suffix == ".jsonl")):
                raise ValueError(f"{p}: not a folder of raw articles nor a JSON Lines file")
        self._records: dict[str, Document] | None = None
        self._excerpts: dict[str, str] = {}

    def _record_index(self) -> dict[str, Document]:
        """Every record with an id in the JSON Lines files, read once (training asks for
        sources file by file)."""
        if self._records is None:
            from policy_nlp.ingest import read_path

            self._records = {}
            for path in (p for p in self.paths if p.is_file()):
                for doc in read_path(path):
                    rid = None if isinstance(doc, Skipped) else doc.metadata.get("id")
                    if rid is not None:
                        self._records.setdefault(str(rid), doc)
        return self._records

    def documents(self, sources: Iterable[str]) -> tuple[dict[str, list[Document | Skipped]], list[str]]:
        """The documents of each named source, and a message for each source not found."""
        from policy_nlp.ingest import read_path

        wanted = list(dict.fromkeys(sources))
        found: dict[str, list[Document | Skipped]] = {}
        records = [p for p in self.paths if p.is_file()]
        for src in wanted:
            for d in (p for p in self.paths if p.is_dir()):
                if (d / src).is_file():
                    found[src] = list(read_path(d / src))
                    break
        if records and any(s not in found for s in wanted):
            index = self._record_index()
            for src in wanted:
                if src not in found and src in index:
                    found[src] = [self._record(index[src], src)]
        missing = [f"{src}: gold names this source but it is in none of {', '.join(map(str, self.paths))}; scored as empty"
                   for src in wanted if src not in found]
        return found, missing

    def _record(self, doc: Document, rid: str) -> Document:
        """The record as its own article (numbered 0, as the gold numbers it); its annotated
        range, when it has one, is remembered for :meth:`window`."""
        if rid in self.ranges:
            s, e = self.ranges[rid]
            self._excerpts[rid] = doc.text[s:e]
        return Document(source_path=doc.source_path, text=doc.text, metadata=dict(doc.metadata), line_no=None,
                        pre_split=True)

    def window(self, source: str, article_text: str) -> tuple[int, int] | None:
        """Where the annotated range of ``source`` lies in its built article's text (offsets
        change when the text is normalised), or None when the whole record was annotated."""
        excerpt = self._excerpts.get(source)
        return None if excerpt is None else locate_excerpt(article_text, excerpt, source)


def locate_excerpt(article_text: str, excerpt: str, source: str = "") -> tuple[int, int]:
    """The span of ``article_text`` that an excerpt of whole paragraphs of the raw record
    became, found by its normalised first and last lines."""
    from policy_nlp.structure.normalise import normalise_text

    lines = normalise_text(excerpt).split("\n")
    head, tail = lines[0][:40], lines[-1][-40:]
    s = article_text.find(head)
    e = article_text.find(tail, s) if s >= 0 else -1
    if s < 0 or e < 0:
        raise ValueError(f"{source}: the annotated range is not found in the built article (is it whole paragraphs?)")
    return s, e + len(tail)


def in_window(rows: list[dict], window: tuple[int, int] | None) -> list[dict]:
    """The rows (facts or entity mentions) that start inside ``window``."""
    if window is None:
        return rows
    s, e = window
    return [r for r in rows if s <= r["start"] < e]


def annotated(nlp, docs: list[Document | Skipped], source: str) -> list[ArticleResult]:
    """The articles of one source's documents; anything unreadable is an error naming it."""
    out = []
    for doc in docs:
        if isinstance(doc, Skipped):
            raise ValueError(f"{source}: {doc}")
        try:
            results = process_document(nlp, doc)
        except (InputTooLarge, StructureError) as exc:
            raise ValueError(f"{source}: {exc}") from exc
        for r in results:
            if r.error is not None:
                raise ValueError(f"{source}: article {r.article.article_index}: {r.error}")
        out.extend(results)
    return out


def predict_file(nlp, path: Path) -> list[dict]:
    """Gold-format records for every article of one raw file."""
    found, _ = RawSources([Path(path).parent]).documents([Path(path).name])
    return [_record(r) for r in annotated(nlp, found[Path(path).name], Path(path).name)]


def _record(res: ArticleResult, window: tuple[int, int] | None = None) -> dict:
    rows = res.rows
    return gold_record(rows["articles"][0], in_window(rows["facts"], window), in_window(rows["entities"], window))


def predict_sources(raw: str | Path | Sequence[str | Path], sources: Iterable[str], nlp=None,
                    ranges: str | Path | None = None) -> tuple[list[dict], list[str]]:
    """(records, messages about sources not found) for the named sources under ``raw``
    (a folder, a JSON Lines file, or several of them)."""
    paths = [raw] if isinstance(raw, (str, Path)) else list(raw)
    raw_sources = RawSources([Path(p) for p in paths], read_ranges(ranges))
    found, missing = raw_sources.documents(sources)
    nlp = nlp or load()
    records = [_record(r, raw_sources.window(src, r.article.text))
               for src, docs in found.items() for r in annotated(nlp, docs, src)]
    return records, missing


def score_raw(gold_files: Iterable[str | Path], raw: str | Path | Sequence[str | Path], nlp=None,
              ranges: str | Path | None = None) -> tuple[dict, list[dict], list[str]]:
    """(scores, predicted records, messages about missing sources): the pipeline run on
    the gold files' sources and scored as the guidelines define it (``evaluate --raw``)."""
    from policy_nlp.evaluate import read_gold_format, score_annotations, source_annotations

    gold = read_gold_format(gold_files)
    records, missing = predict_sources(raw, sorted(gold), nlp, ranges)
    return score_annotations(gold, source_annotations(records)), records, missing
