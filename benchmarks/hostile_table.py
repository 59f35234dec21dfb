"""The hostile-input suite as a table: file, size, outcome, message, seconds, peak RSS.

    python benchmarks/hostile_table.py [--markdown]

Each generated file (tests/hostile_inputs.py) goes through `run_extract` beside one good
article, in this process with a warm pipeline, exactly as the test does; the table shows
what a user sees for each. Run by hand: times depend on the machine.
"""
from __future__ import annotations

import argparse
import resource
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests"))

from hostile_inputs import CASES, GOOD  # noqa: E402
from policy_nlp.dataset import load_dataset  # noqa: E402
from policy_nlp.engine import run_extract  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--markdown", action="store_true", help="a Markdown table (default: aligned text)")
    args = ap.parse_args(argv)
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        (tmp / "w.txt").write_text(GOOD, encoding="utf-8")
        run_extract([tmp / "w.txt"], tmp / "warm", workers=1, progress=False)
        for n, name in enumerate(sorted(CASES)):
            make, _ = CASES[name]
            src = tmp / f"in{n}"
            src.mkdir()
            data = make()
            (src / name).write_bytes(data)
            (src / "zz_good.txt").write_text(GOOD, encoding="utf-8")
            t0 = time.perf_counter()
            summary = run_extract([src], tmp / f"ds{n}", workers=1, progress=False)
            secs = time.perf_counter() - t0
            skipped = [s for s in summary.skipped if name in s.source_path]
            ds = load_dataset(tmp / f"ds{n}")
            good_ok = "zz_good.txt" in set(ds.articles.source)
            if skipped:
                outcome, msg = "skipped", "; ".join(s.reason for s in skipped)
            else:
                arts = ds.articles[ds.articles.source == name]
                outcome = f"processed ({len(arts)} art., {int((ds.facts.article_id.isin(arts.article_id)).sum())} facts)"
                msg = ""
            rows.append((name, f"{len(data):,}", outcome, msg[:90], f"{secs:.2f}", "yes" if good_ok else "NO"))
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    head = ("file", "bytes", "outcome", "message", "seconds", "good file kept")
    if args.markdown:
        print("| " + " | ".join(head) + " |")
        print("|" + "---|" * len(head))
        for r in rows:
            print("| " + " | ".join(c.replace("|", "\\|") for c in r) + " |")
    else:
        widths = [max(len(r[i]) for r in [head, *rows]) for i in range(len(head))]
        for r in [head, *rows]:
            print("  ".join(c.ljust(w) for c, w in zip(r, widths)))
    print(f"\npeak RSS of this process: {rss:.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
