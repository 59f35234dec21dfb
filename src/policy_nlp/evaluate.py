"""Scoring as the annotation guidelines define it ("How an extraction is scored").

Predictions and gold are both in the gold format; articles are pooled per source file,
so a different article split loses nothing but the metadata score. The figures must
agree with the reference scorer (``shared/tools/score.py``); a test checks that.
"""
from __future__ import annotations

import json
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

_STRIP = re.compile(r"[\s《》〈〉“”\"'‘’「」『』]")
UNIT_ALIASES = {"百分点": "个百分点", "pp": "个百分点", "％": "%", "percent": "%", "km": "公里", "千米": "公里"}
FACT_LEVELS = ("facts_value", "facts_full", "facts_indicator", "facts_all")
MATCH_FIELDS = ("kind", "modality", "qualifier")


def norm_text(s: str | None) -> str:
    """Width unified, white space, 《》 and quotation marks dropped."""
    return _STRIP.sub("", unicodedata.normalize("NFKC", s or ""))


def norm_unit(u: str | None) -> str:
    u = norm_text(u)
    return UNIT_ALIASES.get(u, u)


def values_agree(a, b) -> bool:
    """Relative agreement to 1e-6."""
    try:
        a, b = float(a), float(b)
    except (TypeError, ValueError):
        return False
    return abs(a - b) <= max(1e-6 * max(abs(a), abs(b)), 1e-9)


def char_f1(a: str | None, b: str | None) -> float:
    """Character-bag F1 of two texts, 1.0 when one contains the other."""
    a, b = norm_text(a), norm_text(b)
    if not a or not b:
        return 0.0
    if a in b or b in a:
        return 1.0
    common = sum((Counter(a) & Counter(b)).values())
    if not common:
        return 0.0
    p, r = common / len(b), common / len(a)
    return 2 * p * r / (p + r)


@dataclass
class SourceAnnotations:
    facts: list[dict] = field(default_factory=list)
    entities: set[tuple[str, str]] = field(default_factory=set)
    articles: list[dict] = field(default_factory=list)


def read_gold_format(paths: Iterable[str | Path]) -> dict[str, SourceAnnotations]:
    """Gold-format JSON Lines files, pooled by source file name."""
    out: dict[str, SourceAnnotations] = defaultdict(SourceAnnotations)
    for path in paths:
        with open(path, encoding="utf-8") as fh:
            for line_no, line in enumerate(fh, 1):
                if not line.strip():
                    continue
                try:
                    art = json.loads(line)
                except json.JSONDecodeError as exc:
                    raise ValueError(f"{path}: line {line_no} is not JSON ({exc.msg})") from None
                add_article(out, art)
    return out


def add_article(out: dict[str, SourceAnnotations], art: dict) -> None:
    src = (art.get("source") or "").replace("\\", "/").split("/")[-1]
    d = out[src]
    d.articles.append(art)
    d.facts.extend(art.get("facts") or [])
    for e in art.get("entities") or []:
        d.entities.add((e.get("label"), norm_text(e.get("text"))))


def prf(tp: int, n_pred: int, n_gold: int) -> dict:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"p": round(p, 4), "r": round(r, 4), "f1": round(f, 4), "tp": tp, "pred": n_pred, "gold": n_gold}


def match_facts(gold: list[dict], pred: list[dict]) -> list[tuple[dict, dict]]:
    """One-to-one greedy matching on value and unit, in gold order, preferring the
    prediction whose text and indicator overlap the gold fact most."""
    used: set[int] = set()
    pairs = []
    for g in gold:
        g_unit = norm_unit(g.get("unit"))
        best, best_score = None, -1.0
        for i, p in enumerate(pred):
            if i in used or norm_unit(p.get("unit")) != g_unit:
                continue
            if g.get("value") is None or p.get("value") is None or not values_agree(g["value"], p["value"]):
                continue
            s = char_f1(g.get("text"), p.get("text")) + char_f1(g.get("indicator"), p.get("indicator"))
            if s > best_score:
                best, best_score = i, s
        if best is not None:
            used.add(best)
            pairs.append((g, pred[best]))
    return pairs


def _same(a, b) -> bool:
    return (a or None) == (b or None)


def score_annotations(gold: dict[str, SourceAnnotations], pred: dict[str, SourceAnnotations]) -> dict:
    n = Counter()
    hits = Counter()
    per_label: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    for src, g in gold.items():
        p = pred.get(src, SourceAnnotations())
        pairs = match_facts(g.facts, p.facts)
        n["gold"] += len(g.facts)
        n["pred"] += len(p.facts)
        n["value"] += len(pairs)
        for gf, pf in pairs:
            full = all(_same(gf.get(k), pf.get(k)) for k in MATCH_FIELDS)
            ind = char_f1(gf.get("indicator"), pf.get("indicator")) >= 0.5
            n["full"] += full
            n["indicator"] += ind
            n["all"] += full and ind
            for k in MATCH_FIELDS:
                hits[k] += _same(gf.get(k), pf.get(k))
            hits["period"] += norm_text(gf.get("period")) == norm_text(pf.get("period"))
            hits["region"] += norm_text(gf.get("region")) == norm_text(pf.get("region"))
        for label in {l for l, _ in g.entities} | {l for l, _ in p.entities}:
            gl = {t for l, t in g.entities if l == label}
            pl = {t for l, t in p.entities if l == label}
            per_label[label][0] += len(gl & pl)
            per_label[label][1] += len(pl)
            per_label[label][2] += len(gl)
    result = {"sources": len(gold)}
    for level in FACT_LEVELS:
        result[level] = prf(n[level.split("_", 1)[1]], n["pred"], n["gold"])
    result["field_accuracy_on_matched"] = {k: round(v / n["value"], 4) if n["value"] else 0.0 for k, v in hits.items()}
    result["entities"] = {lab: prf(*v) for lab, v in sorted(per_label.items(), key=lambda kv: str(kv[0]))}
    result["entities_micro"] = prf(*(sum(v[i] for v in per_label.values()) for i in range(3)))
    return result


def score_files(gold_paths: Iterable[str | Path], pred_path: str | Path) -> dict:
    return score_annotations(read_gold_format(gold_paths), read_gold_format([pred_path]))


def source_annotations(records: Iterable[dict]) -> dict[str, SourceAnnotations]:
    """Gold-format records (one per article) pooled by source, as gold files are read."""
    pred: dict[str, SourceAnnotations] = defaultdict(SourceAnnotations)
    for rec in records:
        add_article(pred, rec)
    return pred


def score_records(gold_paths: Iterable[str | Path], pred_records: Iterable[dict]) -> dict:
    return score_annotations(read_gold_format(gold_paths), source_annotations(pred_records))


def format_report(res: dict) -> str:
    """The human-readable report, line for line like the reference scorer's."""
    lines = [f"sources: {res['sources']}"]
    for k in FACT_LEVELS:
        v = res[k]
        lines.append(f"{k:16s} P={v['p']:.3f} R={v['r']:.3f} F1={v['f1']:.3f}  (tp={v['tp']} pred={v['pred']} gold={v['gold']})")
    lines.append(f"field accuracy on matched facts: {res['field_accuracy_on_matched']}")
    for lab, v in res["entities"].items():
        lines.append(f"entity {str(lab):12s} P={v['p']:.3f} R={v['r']:.3f} F1={v['f1']:.3f}  (tp={v['tp']} pred={v['pred']} gold={v['gold']})")
    v = res["entities_micro"]
    lines.append(f"entity micro       P={v['p']:.3f} R={v['r']:.3f} F1={v['f1']:.3f}")
    return "\n".join(lines)
