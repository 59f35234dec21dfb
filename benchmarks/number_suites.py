"""Run the external number suites (../shared/bench/numbers) through policy_nlp.quantities.

usage: python benchmarks/number_suites.py [--shared PATH] [--suite NAME[,NAME]] [--max-failures N]

Prints the pass rate per file, then the failures grouped by a category derived from the
case (percent, fraction, range, chinese-numeral, mixed, idiom-trap, unit, ...), each with
input, expected and predicted values. Case data is read at run time, never copied.
A case passes when the predicted values equal the expected ones one-to-one (relative 1e-6),
as in ../shared/tools/eval_quantities.py; for suites in other formats see ``score_*`` below.
"""
from __future__ import annotations

import argparse
import json
import re
import sys
from collections import defaultdict
from decimal import Decimal, InvalidOperation
from pathlib import Path

from policy_nlp.quantities import quantities

DEVELOPMENT = ["rt_number", "rt_percent", "rt_number_range", "rt_number_range_experimental", "cn2an"]
ACCEPTANCE = [
    "rt_currency",
    "rt_dimension",
    "rt_age",
    "rt_temperature",
    "chinese2digits",
    "jionlp_money",
    "rt_ordinal",
]
_RANGE = re.compile(r"^[\[\(]\s*([^,]*)\s*,\s*([^\]\)]*)\s*[\]\)]$")
_CN = re.compile(r"[零〇一二三四五六七八九十百千万亿两壹贰叁肆伍陆柒捌玖拾佰仟萬億兆兩陸貳]")
_AR = re.compile(r"[0-9０-９]")


def dec(s) -> Decimal | None:
    if s is None:
        return None
    s = str(s).strip().replace(",", "").rstrip("%")
    try:
        if "/" in s:
            a, b = s.split("/", 1)
            return Decimal(a) / Decimal(b)
        return Decimal(s)
    except (InvalidOperation, ZeroDivisionError):
        return None


def close(a: Decimal, b: Decimal) -> bool:
    return abs(a - b) <= Decimal("1e-6") * max(Decimal(1), abs(a), abs(b))


def same_values(expected: list[Decimal], predicted: list[Decimal]) -> bool:
    if len(expected) != len(predicted):
        return False
    left = list(predicted)
    for e in expected:
        hit = next((i for i, p in enumerate(left) if close(e, p)), None)
        if hit is None:
            return False
        left.pop(hit)
    return True


def predicted_values(records) -> list[Decimal]:
    out = []
    for r in records:
        for v in (r.value, r.value_high):
            if v is not None:
                out.append(Decimal(repr(float(v))))
    return out


def show(records) -> list:
    return [(r.text, r.value, r.value_high, r.unit, r.qualifier) for r in records]


# ---------------------------------------------------------------- categories
def category(text: str, expected_texts: list[str]) -> str:
    """A coarse label of what the case exercises, to group failures."""
    if not expected_texts:
        return "idiom-trap / no-number"
    t = text
    if re.search(r"年|月|日|号|點|点：", t) and re.search(r"\d{4}|年", t) and "年龄" not in t:
        if re.search(r"[0-9０-９]{4}\s*年|[一二三四五六七八九十][年月]", t):
            return "date/period"
    if re.search(r"大于|小于|至少|最多|超过|低于|不小于|不大于|以上|以下|之间|≥|<|>|等于|或者|比.*[大小低高]", t):
        return "comparative-range"
    if re.search(r"[-–—~～至到]", t) and re.search(r"\d|[一二三四五六七八九十]", t) and "http" not in t:
        return "range"
    if "分之" in t or "/" in t or "／" in t or "又" in t:
        return "fraction"
    if re.search(r"[%％]|百分点|百分點|[成折]", t):
        return "percent"
    if re.search(r"[eE^][-+]?\d", t):
        return "scientific"
    if re.search(r"[多余几幾]", t):
        return "approximate"
    has_cn, has_ar = bool(_CN.search(t)), bool(_AR.search(t))
    if has_cn and has_ar:
        return "mixed"
    if has_cn:
        return "chinese-numeral"
    return "arabic"


# ---------------------------------------------------------------- suites
def run_rt(cases: list[dict]) -> tuple[int, list[tuple]]:
    ok, fails = 0, []
    for c in cases:
        exp = []
        for e in c["expected"]:
            v = e.get("value")
            m = _RANGE.match(str(v or ""))
            parts = m.groups() if m else (v,)
            exp += [d for d in (dec(p) for p in parts) if d is not None]
        try:
            got = quantities(c["input"])
        except Exception as err:  # noqa: BLE001 - a crash is a failure to report
            fails.append((category(c["input"], []), c["input"], exp, f"raised {err!r}"))
            continue
        if same_values(exp, predicted_values(got)):
            ok += 1
        else:
            cat = category(c["input"], [e.get("text") for e in c["expected"]])
            fails.append((cat, c["input"], [str(e) for e in exp], show(got)))
    return ok, fails


def run_ordinal(cases: list[dict]) -> tuple[int, list[tuple]]:
    """Ordinals are not quantities: nothing may be found inside an expected span."""
    ok, fails = 0, []
    for c in cases:
        got = quantities(c["input"])
        spans = [(e["start"], e["end"]) for e in c["expected"]]
        bad = [q for q in got if any(q.start < e and s < q.end for s, e in spans)]
        if bad:
            fails.append(("ordinal", c["input"], [], show(bad)))
        else:
            ok += 1
    return ok, fails


def run_cn2an(cases: list[dict]) -> tuple[int, list[tuple]]:
    """Task cn2an rows only: the input is one number in words; error rows expect nothing."""
    ok, fails = 0, []
    rows = [c for c in cases if c.get("task") == "cn2an"]
    for c in rows:
        exp = c["expected"]
        got = quantities(c["input"])
        if isinstance(exp, dict):  # {"error": ...}: not a valid number
            good = not got
            want = []
        else:
            want = [dec(exp)]
            good = len(got) == 1 and got[0].value_high is None and close(want[0], Decimal(repr(float(got[0].value))))
            if c.get("mode") == "direct" and isinstance(exp, str):
                good = len(got) == 1 and str(got[0].value) == exp.lstrip("0") or (good and not exp.startswith("0"))
        if good:
            ok += 1
        else:
            fails.append((f"cn2an-{c.get('mode')}", c["input"], [str(w) for w in want] or ["(error)"], show(got)))
    return ok, len(rows), fails


def run_c2d(cases: list[dict]) -> tuple[int, list[tuple]]:
    """chinese2digits: the numbers it lists (a percent as the number before %)."""
    ok, fails = 0, []
    for c in cases:
        exp = []
        for s in c["expected"]["digitsStringList"]:
            if s.endswith("%"):
                exp.append(dec(s))
            elif c.get("percentConvert") and any(k in c["input"] for k in ("百分之", "千分之", "万分之")):
                exp.append(dec(s))
            else:
                exp.append(dec(s))
        got = quantities(c["input"])
        pred = predicted_values(got)
        # chinese2digits converts 百分之5 to 0.05 when percentConvert is set; accept both scales
        scaled = [p / 100 if q.unit == "%" else p for q, p in zip(got, pred)] if len(pred) == len(got) else pred
        if same_values([e for e in exp if e is not None], pred) or same_values([e for e in exp if e is not None], scaled):
            ok += 1
        else:
            fails.append(("chinese2digits", c["input"], c["expected"]["digitsStringList"], show(got)))
    return ok, fails


def run_jionlp(cases: list[dict]) -> tuple[int, list[tuple]]:
    ok, fails = 0, []
    for c in cases:
        got = quantities(c["input"])
        if c["task"] == "parse_money":
            num = c["expected"]["num"]
            exp = [dec(x) for x in (num if isinstance(num, list) else [num])]
            exp = [e for e in exp if e is not None]
            pred = predicted_values(got)
            good = same_values(exp, pred)
        else:
            want = [(e["offset"][0], e["offset"][1]) for e in c["expected"]]
            spans = [(q.start, q.end) for q in got if q.unit and q.unit not in ("%", "个百分点")]
            good = spans == want
            exp = [e["text"] for e in c["expected"]]
        if good:
            ok += 1
        else:
            fails.append((f"money-{c['task']}", c["input"], [str(e) for e in exp], show(got)))
    return ok, fails


def run_suite(root: Path, name: str):
    cases = [json.loads(line) for line in (root / f"{name}.jsonl").open(encoding="utf-8") if line.strip()]
    if name == "cn2an":
        return run_cn2an(cases)
    if name == "chinese2digits":
        ok, fails = run_c2d(cases)
    elif name == "jionlp_money":
        ok, fails = run_jionlp(cases)
    elif name == "rt_ordinal":
        ok, fails = run_ordinal(cases)
    else:
        ok, fails = run_rt(cases)
    return ok, len(cases), fails


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=Path(__file__).resolve().parents[1].parent / "shared")
    ap.add_argument("--suite", default=",".join(DEVELOPMENT + ACCEPTANCE))
    ap.add_argument("--max-failures", type=int, default=40, help="per category; 0 = only the scores")
    args = ap.parse_args(argv)
    root = args.shared / "bench" / "numbers"
    if not root.is_dir():
        print(f"no suites at {root} (pass --shared)", file=sys.stderr)
        return 2
    grouped: dict[str, list[tuple]] = defaultdict(list)
    print(f"{'suite':32s} {'pass':>9s}  rate")
    for name in args.suite.split(","):
        ok, total, fails = run_suite(root, name)
        tag = "dev" if name in DEVELOPMENT else "acceptance"
        print(f"{name:32s} {ok:4d}/{total:<4d}  {ok / max(total, 1):.3f}  ({tag})")
        for f in fails:
            grouped[f"{name}: {f[0]}"].append(f[1:])
    if args.max_failures:
        for cat in sorted(grouped, key=lambda k: (-len(grouped[k]), k)):
            items = grouped[cat]
            print(f"\n== {cat} ({len(items)})")
            for inp, exp, got in items[: args.max_failures]:
                print(f"  input:     {inp[:120]!r}")
                print(f"  expected:  {exp}")
                print(f"  predicted: {got}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
