"""One renderer for every view of an annotated article (HTML report, notebook display).

An article's facts and entities are turned into a *segment tree*: the article text split
at every span boundary, with each fact or entity a node whose children are the text (and
nested highlights) it covers. Spans that nest become nested nodes; spans that cross are
split: the part after the crossing point is a *continuation* node (``"p": 1``) of the same
annotation, so the text is always intact and every annotation has exactly one first node.

The tree is plain JSON data (``str`` for text, ``{"a": index, "c": [...]}`` for a
highlight), so the report page can build the DOM from it with ``textContent`` on demand,
and :func:`article_html` can render it server-side with :func:`html.escape`. Nothing in
an article ever becomes markup.
"""
from __future__ import annotations

import html
import json
import math
import re
from collections import Counter
from collections.abc import Iterable, Mapping
from typing import Any

from policy_nlp import tables

#: Fact fields shown for a highlight, in order (``text`` first): the tables' ``shown`` columns.
FACT_FIELDS = tables.FACTS.shown_fields
#: Entity fields shown for a highlight.
ENTITY_FIELDS = tables.ENTITIES.shown_fields
#: Article fields shown beside the title.
ARTICLE_FIELDS = tables.ARTICLES.shown_fields

#: Entity label -> background colour.
ENTITY_COLOURS = {
    "INITIATIVE": "#ffe08a",
    "ORG": "#b9dcff",
    "GPE": "#c6efbf",
    "POLICY_DOC": "#f4c7ef",
    "PERSON": "#ffcfa8",
}
#: Fact kind -> frame colour.
FACT_COLOURS = {
    "level": "#1f77b4",
    "share": "#8e44ad",
    "growth": "#2a9d3a",
    "difference": "#d62728",
    "index": "#8c564b",
}
OTHER_ENTITY = "#dddddd"
OTHER_FACT = "#666666"

_CLASS_SAFE = re.compile(r"[^A-Za-z0-9_-]+")


def css_token(value: Any) -> str:
    """A label or kind as a CSS class fragment (never markup)."""
    return _CLASS_SAFE.sub("_", str(value or "none"))


# --------------------------------------------------------------------------- values

def _missing(v: Any) -> bool:
    if v is None:
        return True
    try:
        return isinstance(v, float) and math.isnan(v)
    except TypeError:
        return False


def clean(v: Any) -> Any:
    """A cell as JSON-friendly Python: NaN/NA -> None, numpy scalars -> Python."""
    if _missing(v):
        return None
    if hasattr(v, "item") and not isinstance(v, (str, bytes)):
        try:
            v = v.item()
        except (ValueError, AttributeError):
            pass
    if isinstance(v, float) and v.is_integer() and abs(v) < 1e15:
        return int(v)
    try:
        import pandas as pd

        if v is pd.NA or v is pd.NaT:
            return None
    except ImportError:  # pragma: no cover
        pass
    return v


def format_number(v: Any) -> str:
    """Numbers as a reader wants them: no float noise, thousands separators."""
    v = clean(v)
    if v is None:
        return ""
    if isinstance(v, bool):
        return str(v)
    if isinstance(v, int):
        return f"{v:,}"
    if isinstance(v, float):
        return f"{v:,.6g}" if abs(v) >= 1e6 else f"{v:.6g}"
    return str(v)


def format_value(fact: Mapping[str, Any]) -> str:
    """``value`` (``value–value_high`` for a range)."""
    lo, hi = format_number(fact.get("value")), format_number(fact.get("value_high"))
    return f"{lo}–{hi}" if hi else lo


def _as_records(rows: Any) -> list[dict]:
    """A DataFrame, list of dicts or None as a list of clean dicts."""
    if rows is None:
        return []
    if hasattr(rows, "to_dict"):
        rows = rows.to_dict("records")
    return [{k: clean(v) for k, v in r.items()} for r in rows]


# --------------------------------------------------------------------------- payload

def article_payload(article: Mapping[str, Any], facts: Any, entities: Any) -> dict:
    """Everything a view needs about one article, as JSON-ready data.

    ``article`` is an ``articles`` row; ``facts`` and ``entities`` are that article's
    rows (DataFrame or list of dicts). Facts come first in the annotation index:
    annotation ``i`` is fact ``i`` when ``i < len(facts)``, else entity ``i - len(facts)``.
    """
    art = {k: clean(v) for k, v in dict(article).items()}
    text = art.get("text") or ""
    frows = sorted(_as_records(facts), key=lambda r: (r.get("start") or 0, r.get("end") or 0))
    erows = sorted(_as_records(entities), key=lambda r: (r.get("start") or 0, r.get("end") or 0))
    facts_out = []
    for r in frows:
        d = {k: r.get(k) for k in FACT_FIELDS}
        d["value"] = format_value(r)
        d["start"], d["end"], d["sentence_id"] = r.get("start"), r.get("end"), r.get("sentence_id")
        facts_out.append(d)
    ents_out = []
    for r in erows:
        d = {k: r.get(k) for k in ENTITY_FIELDS}
        d["start"], d["end"], d["sentence_id"] = r.get("start"), r.get("end"), r.get("sentence_id")
        ents_out.append(d)
    spans = [(f["start"], f["end"], i, 0) for i, f in enumerate(facts_out)]
    spans += [(e["start"], e["end"], len(facts_out) + i, 1) for i, e in enumerate(ents_out)]
    body, placed = segment_tree(text, spans)
    meta = {}
    for key in ARTICLE_FIELDS:
        if art.get(key) is not None:
            meta[key] = art[key]
    return {
        "id": art.get("article_id"),
        "title": art.get("title") or "(untitled)",
        "meta": meta,
        "facts": facts_out,
        "entities": ents_out,
        "body": body,
        "placed": placed,
    }


def article_summary(payload: Mapping[str, Any]) -> dict:
    """The index row of an article: identity and counts."""
    facts, ents = payload["facts"], payload["entities"]
    meta = payload["meta"]
    return {
        "id": payload["id"],
        "title": payload["title"],
        "source": meta.get("source_path"),
        "file": str(meta.get("source_path") or "").replace("\\", "/").rsplit("/", 1)[-1],
        "index": meta.get("article_index"),
        "region": meta.get("region"),
        "year": meta.get("year"),
        "chars": meta.get("n_chars"),
        "facts": len(facts),
        "targets": sum(1 for f in facts if f.get("modality") == "target"),
        "entities": len(ents),
        "labels": dict(Counter(e.get("label") or "?" for e in ents)),
        "kinds": dict(Counter(f.get("kind") or "?" for f in facts)),
    }


# --------------------------------------------------------------------------- segments

def segment_tree(text: str, spans: Iterable[tuple]) -> tuple[list, int]:
    """(tree, number of spans placed) for ``(start, end, annotation_index, rank)`` spans.

    Spans outside the text or empty are left out of the tree (they still show in the
    tables). At equal starts the longer span is the outer one; at equal extents the
    lower ``rank`` is outer (facts frame the entities inside them).
    """
    n = len(text)
    valid = []
    for s in spans:
        start, end = s[0], s[1]
        if start is None or end is None:
            continue
        start, end = int(start), int(end)
        if 0 <= start < end <= n:
            valid.append((start, end, s[2], s[3] if len(s) > 3 else 0))
    starts: dict[int, list] = {}
    for sp in valid:
        starts.setdefault(sp[0], []).append(sp)
    for group in starts.values():
        group.sort(key=lambda sp: (-sp[1], sp[3], sp[2]))
    bounds = sorted({0, n, *(sp[0] for sp in valid), *(sp[1] for sp in valid)})

    root: dict = {"c": []}
    stack: list[tuple[dict, tuple | None]] = [(root, None)]
    pos = 0
    for p in bounds:
        if p > pos:
            stack[-1][0]["c"].append(text[pos:p])
            pos = p
        if any(sp is not None and sp[1] == p for _, sp in stack):
            reopen = []
            while any(sp is not None and sp[1] == p for _, sp in stack):
                _, sp = stack.pop()
                if sp[1] != p:
                    reopen.append(sp)
            for sp in reversed(reopen):  # outermost first
                node = {"a": sp[2], "p": 1, "c": []}
                stack[-1][0]["c"].append(node)
                stack.append((node, sp))
        for sp in starts.get(p, ()):
            node = {"a": sp[2], "c": []}
            stack[-1][0]["c"].append(node)
            stack.append((node, sp))
    return root["c"], len(valid)


def tree_text(tree: list) -> str:
    """The text a tree covers (equals the article text: nothing is lost or doubled)."""
    out = []
    for node in tree:
        out.append(node if isinstance(node, str) else tree_text(node["c"]))
    return "".join(out)


# --------------------------------------------------------------------------- server-side HTML

def annotation(payload: Mapping[str, Any], index: int) -> tuple[str, dict]:
    """("fact" | "entity", row) of annotation ``index``."""
    nf = len(payload["facts"])
    return ("fact", payload["facts"][index]) if index < nf else ("entity", payload["entities"][index - nf])


def mark_classes(kind: str, row: Mapping[str, Any]) -> str:
    if kind == "fact":
        cls = f"hl f k-{css_token(row.get('kind'))}"
        if row.get("modality") == "target":
            cls += " tgt"
        return cls
    return f"hl e l-{css_token(row.get('label'))}"


def tooltip(kind: str, row: Mapping[str, Any]) -> str:
    """The fields of an annotation as plain text lines (hover text)."""
    fields = FACT_FIELDS if kind == "fact" else ENTITY_FIELDS
    lines = []
    for k in fields:
        v = row.get(k)
        if v is None or v == "":
            continue
        lines.append(f"{k}: {format_number(v) if k in ('confidence', 'score') else v}")
    return "\n".join(lines)


def _render_nodes(payload: Mapping[str, Any], nodes: list, out: list[str]) -> None:
    for node in nodes:
        if isinstance(node, str):
            out.append(html.escape(node))
            continue
        kind, row = annotation(payload, node["a"])
        cls = mark_classes(kind, row) + (" cont" if node.get("p") else "")
        out.append(f'<mark class="{cls}" data-a="{int(node["a"])}" title="{html.escape(tooltip(kind, row), quote=True)}">')
        _render_nodes(payload, node["c"], out)
        out.append("</mark>")


def body_html(payload: Mapping[str, Any]) -> str:
    out: list[str] = []
    _render_nodes(payload, payload["body"], out)
    return "".join(out)


def legend_html(payload: Mapping[str, Any]) -> str:
    kinds = Counter(f.get("kind") or "?" for f in payload["facts"])
    labels = Counter(e.get("label") or "?" for e in payload["entities"])
    parts = ['<div class="legend">']
    for label, n in sorted(labels.items()):
        parts.append(f'<span class="hl e l-{css_token(label)}">{html.escape(str(label))} {n}</span>')
    for kind, n in sorted(kinds.items()):
        parts.append(f'<span class="hl f k-{css_token(kind)}">{html.escape(str(kind))} {n}</span>')
    parts.append('<span class="hl f k-level tgt">target (dashed)</span></div>')
    return "".join(parts)


def _table_html(rows: list[dict], fields: list[str], caption: str) -> str:
    if not rows:
        return f'<p class="muted">no {html.escape(caption)}</p>'
    head = "".join(f"<th>{html.escape(f)}</th>" for f in fields)
    body = []
    for r in rows:
        cells = "".join(f"<td>{html.escape(format_number(r.get(f)) if f in ('confidence', 'score') else str(r.get(f) if r.get(f) is not None else ''))}</td>" for f in fields)
        body.append(f"<tr>{cells}</tr>")
    return f'<table class="grid"><caption>{html.escape(caption)} ({len(rows)})</caption><thead><tr>{head}</tr></thead><tbody>{"".join(body)}</tbody></table>'


def article_html(payload: Mapping[str, Any], tables: bool = True) -> str:
    """A self-contained HTML fragment (scoped style included) for one article.

    Highlights show their fields on hover (``title``); the facts and entities tables
    follow the text. Everything from the article is escaped.
    """
    meta = payload["meta"]
    bits = [f"{k}: {v}" for k, v in meta.items() if k in ("region", "year", "author_org", "source_path", "n_chars")]
    parts = [
        f"<style>{CSS}</style>",
        '<div class="pnlp">',
        f'<h3 class="title">{html.escape(str(payload["title"]))}</h3>',
        f'<div class="muted">{html.escape(" · ".join(str(b) for b in bits))} · {len(payload["facts"])} facts · {len(payload["entities"])} entities</div>',
        legend_html(payload),
        f'<div class="body">{body_html(payload)}</div>',
    ]
    if tables:
        parts.append(_table_html(payload["facts"], FACT_FIELDS, "facts"))
        parts.append(_table_html(payload["entities"], ENTITY_FIELDS, "entities"))
    parts.append("</div>")
    return "".join(parts)


# --------------------------------------------------------------------------- style

def _colour_rules() -> str:
    rules = []
    for label, c in ENTITY_COLOURS.items():
        rules.append(f".pnlp .hl.e.l-{label}{{background:{c}}}")
    for kind, c in FACT_COLOURS.items():
        rules.append(f".pnlp .hl.f.k-{kind}{{border-color:{c};background:{c}1f}}")
    return "\n".join(rules)


CSS = """
.pnlp{font-family:"Noto Sans CJK SC","Source Han Sans SC","PingFang SC","Microsoft YaHei","WenQuanYi Micro Hei",sans-serif;color:#222;line-height:1.5}
.pnlp .muted{color:#777;font-size:.85em}
.pnlp .title{margin:.2em 0}
.pnlp .body{white-space:pre-wrap;line-height:2.1;font-size:15px;padding:.6em .8em;border:1px solid #e3e3e3;border-radius:6px;background:#fff;overflow-wrap:anywhere}
.pnlp mark.hl{color:inherit;cursor:pointer;border-radius:3px;padding:1px 0}
.pnlp .hl.e{background:%(oe)s}
.pnlp .hl.f{border:2px solid %(of)s;background:transparent;padding:0 1px}
.pnlp .hl.f.tgt{border-style:dashed}
.pnlp .hl.cont{border-left-width:0;border-top-left-radius:0;border-bottom-left-radius:0}
.pnlp mark.hl.sel{outline:2px solid #111;outline-offset:1px}
.pnlp mark.hl.off{background:transparent!important;border-color:transparent!important}
.pnlp .legend{margin:.4em 0;display:flex;flex-wrap:wrap;gap:.35em;font-size:.85em}
.pnlp .legend .hl{padding:1px 6px;border-radius:3px;user-select:none}
.pnlp .legend .hl.f{border-width:2px;border-style:solid}
.pnlp .legend .hl.f.tgt{border-style:dashed}
.pnlp .legend label{cursor:pointer}
.pnlp table.grid{border-collapse:collapse;font-size:.82em;margin:.8em 0;width:100%%}
.pnlp table.grid caption{text-align:left;font-weight:600;padding:.2em 0}
.pnlp table.grid th,.pnlp table.grid td{border:1px solid #e2e2e2;padding:2px 6px;text-align:left;vertical-align:top}
.pnlp table.grid th{background:#f4f4f4;position:sticky;top:0}
.pnlp table.grid tr.sel td{background:#fff3c4}
""" % {"oe": OTHER_ENTITY, "of": OTHER_FACT} + _colour_rules()


def json_for_script(data: Any) -> str:
    """JSON safe inside ``<script type="application/json">``: no ``<``, ``>``, ``&`` at all."""
    s = json.dumps(data, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return s.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026").replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
