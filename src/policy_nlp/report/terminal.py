"""``policy-nlp show FILE``: one file through the pipeline, its results as terminal tables.

Per article: a heading with title and metadata, then a table of facts and a table of
entities, each row with the sentence it came from, cut to a window around the span (the
span itself in bold). All article text goes into :class:`rich.text.Text` objects, so
square brackets in an article are shown, never read as rich markup.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any

from rich.console import Console
from rich.rule import Rule
from rich.table import Table
from rich.text import Text

from policy_nlp.report.render import ENTITY_COLOURS, FACT_COLOURS, format_number, format_value

#: Characters of the sentence kept either side of a span.
CONTEXT = 18
_ELLIPSIS = "…"


def sentence_context(text: str, sent_start: int, sent_end: int, start: int, end: int,
                     context: int = CONTEXT, style: str = "bold reverse") -> Text:
    """The sentence around ``[start, end)`` (article offsets), at most ``context``
    characters either side of the span, elided with … and the span styled."""
    sent_start, sent_end = max(0, sent_start), min(len(text), sent_end)
    start, end = max(sent_start, min(start, sent_end)), max(sent_start, min(end, sent_end))
    left_from = max(sent_start, start - context)
    right_to = min(sent_end, end + context)
    out = Text(no_wrap=False, overflow="fold")
    if left_from > sent_start:
        out.append(_ELLIPSIS, style="dim")
    out.append(_flat(text[left_from:start]))
    out.append(_flat(text[start:end]), style=style)
    out.append(_flat(text[end:right_to]))
    if right_to < sent_end:
        out.append(_ELLIPSIS, style="dim")
    return out


def _flat(s: str) -> str:
    """Line breaks inside a sentence shown as spaces (a table cell is no place for them)."""
    return " ".join(s.split("\n"))


def _txt(v: Any, style: str = "") -> Text:
    if v is None or (isinstance(v, float) and v != v):
        return Text("")
    return Text(str(v), style=style)


def _sentence_bounds(sentences: list[dict], sentence_id, start: int, end: int, n: int) -> tuple[int, int]:
    if sentence_id is not None and 0 <= int(sentence_id) < len(sentences):
        s = sentences[int(sentence_id)]
        if s["start"] <= start and end <= s["end"]:
            return s["start"], s["end"]
    return max(0, start - CONTEXT), min(n, end + CONTEXT)


def _sentence_width(width: int | None) -> int:
    """Cells kept for the sentence column: a third of the console, at least 16."""
    return max(16, (width or 120) // 3) if (width or 120) >= COMPACT_WIDTH else 16


def _period_region(f: dict) -> Text:
    out = Text(str(f.get("period") or ""))
    if f.get("region"):
        out.append(("\n" if out else "") + str(f["region"]), style="dim")
    return out


#: Below this console width the tables drop their less important columns.
COMPACT_WIDTH = 110


def facts_table(rows: dict[str, list[dict]], context: int = CONTEXT, width: int | None = None) -> Table:
    article, sentences = rows["articles"][0], rows["sentences"]
    text = article["text"]
    compact = (width or 120) < COMPACT_WIDTH
    t = Table(title=f"facts ({len(rows['facts'])})", title_justify="left", expand=True)
    t.add_column("#", justify="right", style="dim", no_wrap=True)
    t.add_column("fact", overflow="fold", max_width=16)
    if not compact:
        t.add_column("value", justify="right", overflow="fold", max_width=22)
    t.add_column("indicator", overflow="fold", max_width=12 if compact else 24)
    t.add_column("kind", overflow="fold")
    if not compact:
        t.add_column("period · region", overflow="fold", max_width=14)
    t.add_column("sentence", overflow="fold", ratio=1, min_width=_sentence_width(width))
    for i, f in enumerate(sorted(rows["facts"], key=lambda r: (r["start"], r["end"])), 1):
        s0, s1 = _sentence_bounds(sentences, f.get("sentence_id"), f["start"], f["end"], len(text))
        kind = Text(f.get("kind") or "", style=FACT_COLOURS.get(f.get("kind") or "", ""))
        if f.get("modality") == "target":
            kind.append(" target", style="bold yellow")
        value = Text(format_value(f))
        if f.get("unit"):
            value.append(" " + str(f["unit"]), style="cyan")
        cells = [str(i), _txt(f["text"], "bold")]
        cells += [] if compact else [value]
        cells += [_txt(f.get("indicator")), kind]
        cells += [] if compact else [_period_region(f)]
        cells.append(sentence_context(text, s0, s1, f["start"], f["end"], context))
        t.add_row(*cells)
    return t


def entities_table(rows: dict[str, list[dict]], context: int = CONTEXT, width: int | None = None) -> Table:
    article, sentences = rows["articles"][0], rows["sentences"]
    text = article["text"]
    compact = (width or 120) < COMPACT_WIDTH
    t = Table(title=f"entities ({len(rows['entities'])})", title_justify="left", expand=True)
    t.add_column("#", justify="right", style="dim", no_wrap=True)
    t.add_column("entity", overflow="fold", max_width=14 if compact else 24)
    t.add_column("label", overflow="fold")
    if not compact:
        t.add_column("subtype", overflow="fold")
        t.add_column("canonical", overflow="fold", max_width=24)
        t.add_column("score", justify="right")
    t.add_column("sentence", overflow="fold", ratio=1, min_width=_sentence_width(width))
    for i, e in enumerate(sorted(rows["entities"], key=lambda r: (r["start"], r["end"])), 1):
        s0, s1 = _sentence_bounds(sentences, e.get("sentence_id"), e["start"], e["end"], len(text))
        colour = ENTITY_COLOURS.get(e.get("label") or "")
        label = _txt(e.get("label"), f"black on {colour}" if colour else "")
        if compact and e.get("subtype"):
            label.append("\n" + str(e["subtype"]), style="dim")
        cells = [str(i), _txt(e["text"], "bold"), label]
        if not compact:
            cells += [_txt(e.get("subtype")), _txt(e.get("canonical") if e.get("canonical") != e["text"] else ""),
                      _txt(format_number(e.get("score")))]
        cells.append(sentence_context(text, s0, s1, e["start"], e["end"], context))
        t.add_row(*cells)
    return t


def print_article(rows: dict[str, list[dict]], console: Console, context: int = CONTEXT) -> None:
    """One article's heading and tables (``rows``: what :func:`doc_rows` returns)."""
    a = rows["articles"][0]
    console.print(Rule(Text(a.get("title") or "(untitled)", style="bold")))
    meta = Text(style="dim")
    bits = [f"{a['source_path']} #{a['article_index']}"]
    bits += [f"{k}: {a[k]}" for k in ("author_org", "region", "year") if a.get(k) is not None]
    bits.append(f"{a['n_chars']:,} chars, {len(rows['sentences'])} sentences, {len(rows['facts'])} facts, {len(rows['entities'])} entities")
    meta.append(" · ".join(bits))
    console.print(meta)
    if rows["facts"]:
        console.print(facts_table(rows, context, console.width))
    else:
        console.print(Text("no facts", style="dim"))
    if rows["entities"]:
        console.print(entities_table(rows, context, console.width))
    else:
        console.print(Text("no entities", style="dim"))


def file_rows(path: str | Path, nlp=None) -> list[dict[str, list[dict]]]:
    """Rows (as in the dataset tables) of every article of one file.

    Raises ValueError when the file cannot be read (the reason is the message).
    """
    from policy_nlp.pipeline import load
    from policy_nlp.pipeline.process import process_path
    from policy_nlp.records import Skipped

    path = Path(path)
    if not path.is_file():
        raise ValueError(f"{path}: no such file")
    nlp = nlp or load()
    out, skipped = [], []
    for res in process_path(nlp, path):
        if isinstance(res, Skipped):
            skipped.append(str(res))
        elif res.error is not None:
            skipped.append(f"{path}: article {res.article.article_index}: {res.error}")
        else:
            out.append(res.rows)
    if skipped and not out:
        raise ValueError("; ".join(skipped))
    return out


def show_file(path: str | Path, console: Console | None = None, nlp=None, context: int = CONTEXT) -> int:
    """Run the pipeline on one file and print each article's facts and entities.

    Returns the number of articles shown. ``nlp`` reuses a pipeline from
    :func:`policy_nlp.load` (one is built otherwise).
    """
    console = console or Console()
    articles = file_rows(path, nlp)
    if not articles:
        console.print(Text(f"{path}: no article found", style="yellow"))
        return 0
    for rows in articles:
        print_article(rows, console, context)
    n_f = sum(len(r["facts"]) for r in articles)
    n_e = sum(len(r["entities"]) for r in articles)
    console.print(Text(f"{path}: {len(articles)} article(s), {n_f} facts, {n_e} entities", style="bold"))
    return len(articles)
