"""``build_report``: one self-contained static HTML page to review a dataset.

The page has no external resources (inline CSS and JS, system fonts) and a
Content-Security-Policy that allows only its own script (by hash): even if article text
somehow became markup, it could neither run nor fetch anything.

Data is embedded as JSON in ``<script type="application/json">`` blocks, one for the
index and one per article, with ``<``, ``>`` and ``&`` escaped; an article's block is
parsed and its DOM built (``textContent`` only) when the article is selected, so a batch
of ~50 articles × 50 KB opens instantly.
"""
from __future__ import annotations

import base64
import datetime as _dt
import hashlib
import html
import json
import os
import tempfile
from pathlib import Path

import pandas as pd

from policy_nlp.report._js import JS
from policy_nlp.report.render import (
    CSS, ENTITY_COLOURS, ENTITY_FIELDS, FACT_COLOURS, FACT_FIELDS, article_payload,
    article_summary, css_token, json_for_script,
)




def payloads(ds) -> list[dict]:
    """One :func:`article_payload` per article of a dataset, in source order."""
    arts = ds.articles.sort_values(["source_path", "article_index"], kind="stable")
    facts = {k: g for k, g in ds.facts.groupby("article_id", sort=False)}
    ents = {k: g for k, g in ds.entities.groupby("article_id", sort=False)}
    out = []
    for row in arts.to_dict("records"):
        aid = row["article_id"]
        out.append(article_payload(row, facts.get(aid), ents.get(aid)))
    return out


def render_page(items: list[dict], title: str = "policy_nlp review", subtitle: str = "") -> str:
    """The whole page for a list of article payloads."""
    labels = sorted({e.get("label") or "?" for p in items for e in p["entities"]},
                    key=lambda x: (x not in ENTITY_COLOURS, x))
    kinds = sorted({f.get("kind") or "?" for p in items for f in p["facts"]},
                   key=lambda x: (x not in FACT_COLOURS, x))
    index = {
        "title": title,
        "subtitle": subtitle,
        "labels": labels,
        "labelClass": {l: css_token(l) for l in labels},
        "kinds": kinds,
        "kindClass": {k: css_token(k) for k in kinds},
        "factFields": FACT_FIELDS,
        "entityFields": ENTITY_FIELDS,
        "articles": [article_summary(p) for p in items],
    }
    js = JS
    digest = base64.b64encode(hashlib.sha256(js.encode("utf-8")).digest()).decode("ascii")
    csp = f"default-src 'none'; style-src 'unsafe-inline'; img-src data:; script-src 'sha256-{digest}'"
    blocks = [f'<script type="application/json" id="pn-index">{json_for_script(index)}</script>']
    for i, p in enumerate(items):
        data = {k: p[k] for k in ("id", "title", "meta", "facts", "entities", "body", "placed")}
        blocks.append(f'<script type="application/json" id="pn-a{i}">{json_for_script(data)}</script>')
    return PAGE.format(
        csp=html.escape(csp, quote=True),
        title=html.escape(title),
        subtitle=html.escape(subtitle),
        css=CSS + PAGE_CSS,
        data="\n".join(blocks),
        js=js,
    )


def build_report(dataset_dir, out_html, title: str | None = None) -> Path:
    """Write the review page for the dataset at ``dataset_dir`` to ``out_html``; returns its path."""
    from policy_nlp.dataset import load_dataset

    ds = load_dataset(dataset_dir)
    items = payloads(ds)
    n_f = sum(len(p["facts"]) for p in items)
    n_e = sum(len(p["entities"]) for p in items)
    stamp = _dt.datetime.now().strftime("%Y-%m-%d %H:%M")
    subtitle = f"{Path(dataset_dir).resolve().name} · {len(items)} articles · {n_f} facts · {n_e} entities · built {stamp}"
    page = render_page(items, title=title or f"policy_nlp review — {Path(dataset_dir).resolve().name}", subtitle=subtitle)
    out = Path(out_html)
    out.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=out.parent, prefix=f".{out.name}.", suffix=".tmp")
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        fh.write(page)
    os.replace(tmp, out)
    return out


PAGE_CSS = """
html,body{margin:0;padding:0;background:#f7f7f5}
body.pnlp{display:flex;flex-direction:column;height:100vh}
header{padding:.5em 1em;background:#23324a;color:#fff;display:flex;gap:1em;align-items:baseline;flex-wrap:wrap}
header h1{font-size:1.1em;margin:0}
header .sub{color:#c9d3e3;font-size:.85em}
header input{margin-left:auto;padding:3px 6px;min-width:16em}
#wrap{flex:1;display:flex;min-height:0}
#index{width:36%;min-width:20em;overflow:auto;border-right:1px solid #ddd;background:#fff}
#index table{margin:0}
#index tbody tr{cursor:pointer}
#index tbody tr:hover td{background:#eef4ff}
#index th{cursor:pointer;user-select:none}
#index td{white-space:nowrap}
#index td.t{max-width:15em;overflow:hidden;text-overflow:ellipsis;white-space:nowrap}
#index td.n,#index th.n{text-align:right}
#main{flex:1;overflow:auto;padding:.6em 1em 3em}
#art-head .muted span+span:before{content:" · "}
#cols{display:flex;gap:1em;align-items:flex-start}
#cols .body{flex:1;min-width:0}
#detail{width:19em;position:sticky;top:0;font-size:.85em;background:#fff;border:1px solid #e3e3e3;border-radius:6px;padding:.5em .7em}
#detail h4{margin:.1em 0 .4em}
#detail table{border-collapse:collapse;width:100%}
#detail td{padding:1px 4px;vertical-align:top;border-bottom:1px solid #f0f0f0;overflow-wrap:anywhere}
#detail td.k{color:#777;white-space:nowrap}
#detail .chip{display:inline-block;margin:2px 4px 0 0;padding:0 5px;cursor:pointer}
#main .grid tbody tr{cursor:pointer}
.kbd{font-size:.8em;color:#999}
"""

PAGE = """<!DOCTYPE html>
<html lang="zh">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{csp}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="icon" href="data:,">
<title>{title}</title>
<style>{css}</style>
</head>
<body class="pnlp">
<header><h1>{title}</h1><span class="sub">{subtitle}</span>
<input id="filter" type="search" placeholder="filter: title, source, region…" aria-label="filter articles"></header>
<div id="wrap">
<nav id="index"><table class="grid" id="index-table"><thead></thead><tbody></tbody></table></nav>
<main id="main">
<div id="art-head"><p class="muted">Select an article in the index (<span class="kbd">j / k</span>: next / previous).</p></div>
<div id="legend" class="legend"></div>
<div id="cols"><div id="body" class="body" hidden></div>
<aside id="detail" hidden><h4>Click a highlight</h4><p class="muted">Hover for its fields; click to pin them here.</p></aside></div>
<div id="tables"></div>
</main>
</div>
{data}
<script>{js}</script>
</body>
</html>
"""
