"""From overlapping candidates to flat mentions with canonical names.

- :func:`select_flat` keeps the outermost span: longest first, then rule priority, then
  score; a candidate overlapping an already kept span is dropped. An occupancy bytearray
  makes each check a C-level scan of the span.
- :func:`company_aliases` derives the short names an article may use for a company it
  names in full (安徽雪域燕果食品有限公司 -> 雪域燕果食品, 雪域燕果).
- :func:`resolve_canonicals` maps a short name to the full name the article gives
  (经信厅 -> 西藏自治区经济和信息化厅, 高驰公司 -> 西藏高驰科技信息产业集团有限责任公司).
"""
from __future__ import annotations

from policy_nlp.entities.base import Candidate

LEGAL_SUFFIXES = ("股份有限公司", "有限责任公司", "有限公司", "集团公司", "集团", "公司")


def select_flat(cands: list[Candidate], min_score: float = 0.0, length: int | None = None) -> list[Candidate]:
    if not cands:
        return []
    n = length if length is not None else max(c.end for c in cands)
    occ = bytearray(n + 1)
    keep: list[Candidate] = []
    for c in sorted(cands, key=lambda c: (-(c.end - c.start), -c.priority, -c.score, c.start)):
        if c.score < min_score or c.end <= c.start:
            continue
        if 1 in occ[c.start:c.end]:
            continue
        occ[c.start:c.end] = b"\x01" * (c.end - c.start)
        keep.append(c)
    keep.sort(key=lambda c: c.start)
    return keep


def _is_subsequence(short: str, full: str) -> bool:
    it = iter(full)
    return all(ch in it for ch in short)


def company_aliases(full: str, place_names: set[str], company_words: set[str]) -> list[str]:
    """Short forms of a full company name, longest first."""
    core = full
    for suf in LEGAL_SUFFIXES:
        if core.endswith(suf):
            core = core[: -len(suf)]
            break
    # drop a bracketed place (新奥动力科技（廊坊）) and a leading place name
    if "（" in core:
        core = core.split("（", 1)[0]
    if "(" in core:
        core = core.split("(", 1)[0]
    for k in range(min(len(core) - 2, 9), 1, -1):
        if core[:k] in place_names:
            core = core[k:]
            break
    out = []
    if len(core) >= 2 and core != full:
        out.append(core)
    changed = True
    while changed:
        changed = False
        for w in sorted(company_words, key=len, reverse=True):
            if core.endswith(w) and len(core) - len(w) >= 2:
                core = core[: -len(w)]
                out.append(core)
                changed = True
                break
    return out


def standard_forms(ents: list[Candidate], forms: list[tuple[str, str]]) -> None:
    """A body named by a standard short form takes the full form as canonical name (in place):
    ``forms`` pairs a short ending with its full one (省政府 -> 省人民政府)."""
    for c in ents:
        if c.label != "ORG":
            continue
        name = c.canonical or c.text
        for short, full in forms:
            if name.endswith(short) and len(name) > len(short):
                c.canonical = name[: -len(short)] + full
                break


def resolve_canonicals(ents: list[Candidate]) -> None:
    """Point short ORG names at the full name the same text gives (in place)."""
    fulls = [c for c in ents if c.label == "ORG" and len(c.canonical or c.text) >= 6]
    if not fulls:
        return
    for c in ents:
        if c.label != "ORG" or c.rule == "org.gazetteer" or c.features.get("deictic"):
            continue
        short = c.text
        if len(short) >= 10:
            continue
        best, best_key = None, None
        for f in fulls:
            fc = f.canonical or f.text
            if fc == short or len(fc) <= len(short):
                continue
            same_head = fc[-1] == short[-1]
            contiguous = short in fc and (same_head or f.text.endswith(LEGAL_SUFFIXES))
            if contiguous or (same_head and _is_subsequence(short, fc)):
                key = (contiguous, len(fc))
                if best_key is None or key > best_key:
                    best, best_key = fc, key
        if best:
            c.canonical = best
            c.features["alias_of"] = best
