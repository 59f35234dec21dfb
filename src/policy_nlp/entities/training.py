"""Train, cross-validate, save and load the entity classifier.

    python -m policy_nlp.entities.training train --gold FILES... -o models/entity-classifier
    python -m policy_nlp.entities.training cv [--gold FILES...] [--folds 5]

- :func:`train` runs the rules over every gold article, labels each candidate by its
  normalised text (see :mod:`policy_nlp.entities.data`) and fits an
  :class:`~policy_nlp.entities.classifier.EntityClassifier`;
- :func:`cross_validate` keeps articles whole (GroupKFold by source file) and scores the
  held-out predictions of the full chain rules -> classifier -> resolve exactly as the
  guidelines score entities (:func:`policy_nlp.evaluate.score_records`);
- :func:`save` writes the model with skops (never pickle) plus a model card (JSON and
  Markdown); :func:`load` refuses files with types outside an allow-list and warns when the
  model was saved by another scikit-learn version.
"""
from __future__ import annotations

import argparse
import datetime as _dt
import hashlib
import json
import platform
import sys
import time
import warnings
from collections import defaultdict
from pathlib import Path
from typing import Iterable, Sequence

from policy_nlp.entities.base import Context
from policy_nlp.entities.classifier import NONE, EntityClassifier, EntityExtractor, items_for
from policy_nlp.entities.data import ArticleExample, attach_candidates, load_articles, training_labels

REPO = Path(__file__).resolve().parents[3]
SHARED = REPO.parent / "shared"
DEFAULT_MODEL = REPO / "models" / "entity-classifier.skops"


class UntrustedModelError(ValueError):
    """The model file contains types outside the allow-list."""


class ModelVersionWarning(UserWarning):
    """The model was saved by another scikit-learn version."""


# -- data --------------------------------------------------------------------------------
def default_gold_files(include_samples: bool = True) -> list[Path]:
    files = sorted((SHARED / "corpus" / "gold").glob("*.jsonl"))
    if include_samples:
        files += sorted((REPO / "corpus" / "gold").glob("*.jsonl"))
    return files


def default_raw_dirs() -> list[Path]:
    return [SHARED / "corpus" / "raw", REPO / "corpus" / "samples"]


def _rules():
    from policy_nlp.entities import EntityRules

    return EntityRules()


def examples_to_xy(examples: Sequence[ArticleExample], rules) -> tuple[list, list[str], list[int]]:
    """Items, labels (``INITIATIVE:sub`` form) and the article number of each item."""
    X, y, groups = [], [], []
    for n, ex in enumerate(examples):
        if not ex.candidates:
            continue
        ctx = Context(ex.text, ex.tokens, ex.region)
        items = items_for(ctx, ex.candidates, rules.place_names, rules.min_score)
        for it, lab in zip(items, training_labels(ex)):
            if lab is None:
                continue
            X.append(it)
            y.append(f"{lab[0]}:{lab[1]}" if lab[0] == "INITIATIVE" and lab[1] else lab[0])
            groups.append(n)
    return X, y, groups


def fit_examples(examples: Sequence[ArticleExample], rules, **params) -> EntityClassifier:
    X, y, _ = examples_to_xy(examples, rules)
    return EntityClassifier(**params).fit(X, y)


def train(gold_files: Iterable[str | Path], raw_dirs: Sequence[str | Path], **params) -> EntityClassifier:
    """An EntityClassifier fitted on every candidate of every gold article."""
    rules = _rules()
    examples = load_articles(list(gold_files), raw_dirs)
    attach_candidates(examples, rules)
    return fit_examples(examples, rules, **params)


# -- prediction and scoring --------------------------------------------------------------
def predict_records(examples: Sequence[ArticleExample], extractor) -> list[dict]:
    """Gold-format records (entities only) for the given articles."""
    from policy_nlp.entities import entities_to_gold

    recs = []
    for ex in examples:
        ents = extractor(ex.text, ex.tokens, ex.region)
        recs.append({"source": ex.source, "article_index": ex.article_index, "facts": [],
                     "entities": entities_to_gold(ents), "_mentions": ents})
    return recs


def _score(gold_paths: Sequence[str | Path], records: list[dict]) -> dict:
    from policy_nlp.evaluate import score_records

    res = score_records(gold_paths, [{k: v for k, v in r.items() if not k.startswith("_")} for r in records])
    return {"entities": res["entities"], "entities_micro": res["entities_micro"]}


def cross_validate(gold_files: Iterable[str | Path], raw_dirs: Sequence[str | Path], folds: int = 5,
                   extra_train: Iterable[str | Path] = (), return_records: bool = False, **params) -> dict:
    """Held-out scores with articles kept whole (GroupKFold by source file).

    ``extra_train`` files (e.g. the project's own sample gold) are added to the training
    part of every fold and never scored. The report has ``entities`` (P/R/F1 per label),
    ``entities_micro``, the same for the rules alone (``rules``), and ``folds`` (the source
    files of each test fold).
    """
    gold_files = [Path(p) for p in gold_files]
    rules = _rules()
    examples = load_articles(gold_files, raw_dirs)
    extra = load_articles(list(extra_train), raw_dirs) if extra_train else []
    attach_candidates(examples + extra, rules)
    return cross_validate_examples(examples, gold_files, rules, extra, folds, return_records, **params)


def cross_validate_examples(examples: list[ArticleExample], gold_files: Sequence[Path], rules,
                            extra: Sequence[ArticleExample] = (), folds: int = 5, return_records: bool = False,
                            **params) -> dict:
    """:func:`cross_validate` on articles already loaded with their candidates."""
    from sklearn.model_selection import GroupKFold

    extra = list(extra)
    groups = [ex.source for ex in examples]
    k = min(folds, len(set(groups)))
    records: list[dict] = []
    fold_sources = []
    t0 = time.perf_counter()
    for train_idx, test_idx in GroupKFold(n_splits=k).split(examples, groups=groups):
        train_ex = [examples[i] for i in train_idx] + extra
        test_ex = [examples[i] for i in test_idx]
        assert not ({e.source for e in train_ex} & {e.source for e in test_ex})
        model = fit_examples(train_ex, rules, **params)
        records.extend(predict_records(test_ex, EntityExtractor(rules, model)))
        fold_sources.append(sorted({e.source for e in test_ex}))
    elapsed = time.perf_counter() - t0
    report = _score(gold_files, records)
    rules_only = _score(gold_files, predict_records(examples, EntityExtractor(rules, None)))
    report.update({"rules": rules_only, "folds": fold_sources, "n_folds": k, "seconds": round(elapsed, 2)})
    if return_records:
        report["records"] = records
        report["examples"] = examples
    return report


def format_cv(report: dict) -> str:
    lines = [f"{'label':11s} {'model P/R/F1':>22s}   {'rules P/R/F1':>22s}"]
    labels = sorted(set(report["entities"]) | set(report["rules"]["entities"]), key=str)
    for lab in labels + ["micro"]:
        m = report["entities_micro"] if lab == "micro" else report["entities"].get(lab)
        r = report["rules"]["entities_micro"] if lab == "micro" else report["rules"]["entities"].get(lab)
        fm = f"{m['p']:.3f}/{m['r']:.3f}/{m['f1']:.3f}" if m else "-"
        fr = f"{r['p']:.3f}/{r['r']:.3f}/{r['f1']:.3f}" if r else "-"
        lines.append(f"{str(lab):11s} {fm:>22s}   {fr:>22s}")
    return "\n".join(lines)


# -- persistence ---------------------------------------------------------------------------
# skops itself trusts the scikit-learn estimators and numpy/scipy containers it knows;
# beyond those, a model file may hold only these exact types (no prefix: "sklearn." would
# also admit any function of scikit-learn as a callable inside a transformer).
TRUSTED_EXACT = frozenset({
    "policy_nlp.entities.classifier.EntityClassifier",
    "policy_nlp.entities.classifier.CandidateFeaturizer",
    "policy_nlp.entities.classifier.FieldText",
    "builtins.dict", "builtins.list", "builtins.tuple", "builtins.str", "builtins.int", "builtins.float",
    "builtins.bool", "builtins.NoneType", "builtins.slice", "builtins.set", "builtins.frozenset",
    "builtins.bytes", "builtins.complex",
})


def is_trusted_type(name: str) -> bool:
    return name in TRUSTED_EXACT


def card_path(model_path: str | Path, ext: str = ".card.json") -> Path:
    p = Path(model_path)
    stem = p.name[: -len(".skops")] if p.name.endswith(".skops") else p.name
    return p.with_name(stem + ext)


def _sha256(path: str | Path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def versions() -> dict:
    import numpy
    import sklearn
    import skops

    v = {"python": platform.python_version(), "scikit-learn": sklearn.__version__, "numpy": numpy.__version__,
         "skops": skops.__version__}
    try:
        import rjieba  # noqa: F401
        from importlib.metadata import version

        v["rjieba"] = version("rjieba")
    except Exception:  # pragma: no cover - optional
        pass
    return v


def save(model: EntityClassifier, path: str | Path, card: dict | None = None) -> Path:
    """Write ``model`` with skops; a model card (``.card.json`` + ``.md``) goes next to it."""
    import skops.io as sio

    path = Path(path)
    if path.suffix != ".skops":
        path = path.with_name(path.name + ".skops")
    path.parent.mkdir(parents=True, exist_ok=True)
    import zipfile

    sio.dump(model, path, compression=zipfile.ZIP_DEFLATED, compresslevel=6)
    card = dict(card or {})
    card.setdefault("model", path.name)
    card.setdefault("format", "skops")
    card["versions"] = {**versions(), **card.get("versions", {})}
    card.setdefault("labels", [str(c) for c in getattr(model, "classes_", [])])
    card.setdefault("subtypes", [str(c) for c in getattr(getattr(model, "subtype_", None), "classes_", [])])
    card.setdefault("params", model.get_params())
    card.setdefault("date", _dt.datetime.now(_dt.timezone.utc).isoformat(timespec="seconds"))
    card["sha256"] = _sha256(path)
    card_path(path).write_text(json.dumps(card, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    card_path(path, ".md").write_text(card_markdown(card), encoding="utf-8")
    return path


def card_markdown(card: dict) -> str:
    lines = [f"# Entity classifier `{card.get('model')}`", "",
             "Rules (`policy_nlp.entities.EntityRules`) propose candidate spans; this scikit-learn model "
             "(feature dict + character n-grams -> logistic regression) decides each candidate's label "
             "or NONE, and a second logistic regression the INITIATIVE subtype.", "",
             f"- date: {card.get('date')}",
             f"- labels: {', '.join(card.get('labels', []))}",
             f"- INITIATIVE subtypes: {', '.join(card.get('subtypes', []))}",
             f"- library versions: {', '.join(f'{k} {v}' for k, v in card.get('versions', {}).items())}",
             f"- training time: {card.get('training_seconds')} s on {card.get('training_examples')} candidates "
             f"from {card.get('training_articles')} articles",
             f"- sha256 of the model file: `{card.get('sha256')}`", "", "## Training files", ""]
    for f in card.get("training_files", []):
        lines.append(f"- `{f['path']}` sha256 `{f['sha256'][:16]}…`")
    cv = card.get("cross_validation")
    if cv:
        lines += ["", f"## Cross-validated entity scores ({cv.get('n_folds')} folds, articles kept whole, "
                      "scored like the guidelines)", "", "| label | P | R | F1 | rules-only F1 |", "|---|---|---|---|---|"]
        for lab, v in cv["entities"].items():
            r = cv.get("rules", {}).get("entities", {}).get(lab, {})
            lines.append(f"| {lab} | {v['p']:.3f} | {v['r']:.3f} | {v['f1']:.3f} | {r.get('f1', 0):.3f} |")
        v = cv["entities_micro"]
        r = cv.get("rules", {}).get("entities_micro", {})
        lines.append(f"| micro | {v['p']:.3f} | {v['r']:.3f} | {v['f1']:.3f} | {r.get('f1', 0):.3f} |")
    lines += ["", "Load with `policy_nlp.entities.training.load` (skops with an explicit type allow-list).", ""]
    return "\n".join(lines)


def load(path: str | Path, trusted: Iterable[str] = ()) -> EntityClassifier:
    """Load a model saved by :func:`save`.

    Refuses (:class:`UntrustedModelError`) a file that contains any type outside the
    allow-list (what skops trusts by default, this package's classifier classes, plain
    builtins: :data:`TRUSTED_EXACT`) plus ``trusted``; warns (:class:`ModelVersionWarning`) when the model card
    says it was saved by another scikit-learn version.
    """
    import sklearn
    import skops.io as sio

    path = Path(path)
    if not path.exists():
        raise FileNotFoundError(f"entity model not found: {path}")
    extra = set(trusted)
    untrusted = sio.get_untrusted_types(file=path)
    bad = sorted(t for t in untrusted if not (is_trusted_type(t) or t in extra))
    if bad:
        raise UntrustedModelError(
            f"refusing to load {path}: it contains types outside the allow-list: {', '.join(bad)}")
    cp = card_path(path)
    if cp.exists():
        try:
            card = json.loads(cp.read_text(encoding="utf-8"))
        except (OSError, json.JSONDecodeError):
            card = {}
        saved = (card.get("versions") or {}).get("scikit-learn")
        if saved and saved != sklearn.__version__:
            warnings.warn(f"{path.name} was saved with scikit-learn {saved}, this is {sklearn.__version__}: "
                          "predictions may differ; retrain with `policy-nlp train`", ModelVersionWarning,
                          stacklevel=2)
    else:
        warnings.warn(f"no model card next to {path.name}: cannot check the scikit-learn version",
                      ModelVersionWarning, stacklevel=2)
    trusted_list = [t for t in untrusted]
    with warnings.catch_warnings():
        # sklearn's own InconsistentVersionWarning is replaced by ours (from the card)
        warnings.simplefilter("ignore", getattr(__import__("sklearn.exceptions").exceptions,
                                                "InconsistentVersionWarning", UserWarning))
        model = sio.load(path, trusted=trusted_list)
    if not isinstance(model, EntityClassifier):
        raise UntrustedModelError(f"{path} does not hold an EntityClassifier (got {type(model).__name__})")
    return model


def train_and_save(gold_files: Sequence[str | Path], raw_dirs: Sequence[str | Path], out: str | Path,
                   cv_gold: Sequence[str | Path] | None = None, folds: int = 5, **params) -> tuple[Path, dict]:
    """Train on ``gold_files``, cross-validate on ``cv_gold`` (default: the shared gold
    among them, the rest as extra training data) and save model + card."""
    gold_files = [Path(p) for p in gold_files]
    t0 = time.perf_counter()
    rules = _rules()
    cvg = ([Path(p) for p in cv_gold] if cv_gold is not None else [p for p in gold_files if SHARED in p.resolve().parents]) \
        if folds and folds > 1 else []
    # each gold file is read, split and run through the rules once, for training and for the folds
    by_file = {p: load_articles([p], raw_dirs) for p in dict.fromkeys(gold_files + cvg)}
    attach_candidates([ex for exs in by_file.values() for ex in exs], rules)
    examples = [ex for p in gold_files for ex in by_file[p]]
    X, y, _ = examples_to_xy(examples, rules)
    model = EntityClassifier(**params).fit(X, y)
    secs = time.perf_counter() - t0
    card = {"training_seconds": round(secs, 2), "training_examples": len(X), "training_articles": len(examples),
            "training_files": [{"path": _display(p), "sha256": _sha256(p)} for p in gold_files],
            "label_counts": {lab: y.count(lab) for lab in sorted(set(y))}}
    if cvg:
        rest = [ex for p in gold_files if p not in cvg for ex in by_file[p]]
        rep = cross_validate_examples([ex for p in cvg for ex in by_file[p]], cvg, rules, rest, folds, **params)
        card["cross_validation"] = {k: rep[k] for k in ("entities", "entities_micro", "rules", "folds", "n_folds")}
        card["cross_validation"]["files"] = [_display(p) for p in cvg]
    path = save(model, out, card)
    return path, card


def _display(p: Path) -> str:
    p = Path(p).resolve()
    for base in (REPO, REPO.parent):
        try:
            return str(p.relative_to(base))
        except ValueError:
            continue
    return str(p)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="cmd", required=True)
    t = sub.add_parser("train", help="train and save the classifier (with a cross-validated model card)")
    t.add_argument("--gold", nargs="+", type=Path, default=None, help="gold files (default: shared + sample gold)")
    t.add_argument("--raw", nargs="+", type=Path, default=None, help="folders holding the raw files")
    t.add_argument("-o", "--output", type=Path, default=DEFAULT_MODEL)
    t.add_argument("--folds", type=int, default=5, help="cross-validation folds for the card (0: none)")
    c = sub.add_parser("cv", help="cross-validate on gold files")
    c.add_argument("--gold", nargs="+", type=Path, default=None, help="scored gold files (default: shared gold)")
    c.add_argument("--extra", nargs="*", type=Path, default=None, help="extra training files (default: sample gold)")
    c.add_argument("--raw", nargs="+", type=Path, default=None)
    c.add_argument("--folds", type=int, default=5)
    c.add_argument("--json", action="store_true")
    args = ap.parse_args(argv)
    raw = args.raw or default_raw_dirs()
    if args.cmd == "train":
        gold = args.gold or default_gold_files()
        path, card = train_and_save(gold, raw, args.output, folds=args.folds)
        print(f"saved {path} ({card['training_seconds']} s, {card['training_examples']} candidates)")
        if "cross_validation" in card:
            print(format_cv(card["cross_validation"]))
        return 0
    gold = args.gold or default_gold_files(include_samples=False)
    extra = args.extra if args.extra is not None else sorted((REPO / "corpus" / "gold").glob("*.jsonl"))
    rep = cross_validate(gold, raw, folds=args.folds, extra_train=extra)
    print(json.dumps({k: rep[k] for k in ("entities", "entities_micro", "rules", "folds")}, ensure_ascii=False, indent=1)
          if args.json else format_cv(rep))
    return 0


if __name__ == "__main__":
    sys.exit(main())
