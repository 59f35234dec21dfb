"""Train and cross-validate the entity classifier on gold annotations: an application of
the pipeline (it runs the pipeline's own path, segmenter and rules on the gold files'
sources), above it in the layers.

- :func:`train` runs the rules over every gold article, labels each candidate by its
  normalised text (see :mod:`policy_nlp.training.examples`) and fits an
  :class:`~policy_nlp.entities.classifier.EntityClassifier`;
- :func:`cross_validate` keeps articles whole (GroupKFold by source file) and scores the
  held-out predictions of the full chain rules -> classifier -> resolve exactly as the
  guidelines score entities (:func:`policy_nlp.evaluate.score_records`);
- :func:`train_and_save` fits, cross-validates and saves the model with its card
  (:func:`policy_nlp.entities.persistence.save`).
"""
from __future__ import annotations

import time
from pathlib import Path
from typing import Iterable, Sequence

from policy_nlp.entities.classifier import EntityClassifier, EntityExtractor, items_for
from policy_nlp.entities.persistence import _sha256, save
from policy_nlp.evaluate_raw import RawSources, read_ranges
from policy_nlp.training.examples import ArticleExample, attach_candidates, load_articles, training_labels


def pipeline_rules(nlp):
    """The entity rules of the pipeline ``nlp`` (its ``policy_entities`` component)."""
    return nlp.get_pipe("policy_entities").rules


def _pipeline(config: str | Path | None = None):
    from policy_nlp.pipeline import load

    return load(config)


def default_raw_dirs(gold_files: Iterable[str | Path]) -> list[Path]:
    """The folders where gold files' sources usually are: ``raw`` and ``samples`` beside
    each gold folder (``corpus/gold`` -> ``corpus/samples``, ``shared/corpus/gold`` ->
    ``shared/corpus/raw``)."""
    out: list[Path] = []
    for p in gold_files:
        for name in ("raw", "samples"):
            d = Path(p).resolve().parent.parent / name
            if d.is_dir() and d not in out:
                out.append(d)
    return out


def examples_to_xy(examples: Sequence[ArticleExample], rules) -> tuple[list, list[str], list[int]]:
    """Items, labels (``INITIATIVE:sub`` form) and the article number of each item."""
    X, y, groups = [], [], []
    for n, ex in enumerate(examples):
        if not ex.candidates:
            continue
        ctx = ex.context()
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


def sources_of(raw: Sequence[str | Path], ranges: str | Path | None = None) -> RawSources:
    """Where the gold files' sources are: folders and JSON Lines files, with excerpt ranges."""
    return RawSources([Path(p) for p in raw], read_ranges(ranges))


def train(gold_files: Iterable[str | Path], raw: Sequence[str | Path], nlp=None, ranges: str | Path | None = None,
          **params) -> EntityClassifier:
    """An EntityClassifier fitted on every candidate of every gold article (run through
    ``nlp``, default: the default pipeline)."""
    nlp = nlp or _pipeline()
    rules = pipeline_rules(nlp)
    examples = load_articles(list(gold_files), sources_of(raw, ranges), nlp)
    attach_candidates(examples, rules)
    return fit_examples(examples, rules, **params)


# -- prediction and scoring --------------------------------------------------------------
def predict_records(examples: Sequence[ArticleExample], extractor) -> list[dict]:
    """Gold-format records (entities only) for the given articles."""
    from policy_nlp.entities import entities_to_gold

    recs = []
    for ex in examples:
        ents = extractor(ex.text, ex.tokens, ex.region)
        if ex.window is not None:
            ents = [m for m in ents if ex.window[0] <= m.start < ex.window[1]]
        recs.append({"source": ex.source, "article_index": ex.article_index, "facts": [],
                     "entities": entities_to_gold(ents), "_mentions": ents})
    return recs


def _score(gold_paths: Sequence[str | Path], records: list[dict]) -> dict:
    from policy_nlp.evaluate import score_records

    res = score_records(gold_paths, [{k: v for k, v in r.items() if not k.startswith("_")} for r in records])
    return {"entities": res["entities"], "entities_micro": res["entities_micro"]}


def cross_validate(gold_files: Iterable[str | Path], raw: Sequence[str | Path], folds: int = 5,
                   extra_train: Iterable[str | Path] = (), return_records: bool = False, nlp=None,
                   ranges: str | Path | None = None, **params) -> dict:
    """Held-out scores with articles kept whole (GroupKFold by source file).

    ``extra_train`` files (e.g. the project's own sample gold) are added to the training
    part of every fold and never scored. The report has ``entities`` (P/R/F1 per label),
    ``entities_micro``, the same for the rules alone (``rules``), and ``folds`` (the source
    files of each test fold).
    """
    gold_files = [Path(p) for p in gold_files]
    nlp = nlp or _pipeline()
    rules = pipeline_rules(nlp)
    sources = sources_of(raw, ranges)
    examples = load_articles(gold_files, sources, nlp)
    extra = load_articles(list(extra_train), sources, nlp) if extra_train else []
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


def train_and_save(gold_files: Sequence[str | Path], raw: Sequence[str | Path], out: str | Path,
                   cv_gold: Sequence[str | Path] | None = None, folds: int = 5, nlp=None,
                   ranges: str | Path | None = None, **params) -> tuple[Path, dict]:
    """Train on ``gold_files``, cross-validate on ``cv_gold`` (default: all of them; files
    not in ``cv_gold`` are extra training data in every fold) and save model + card."""
    gold_files = [Path(p) for p in gold_files]
    t0 = time.perf_counter()
    nlp = nlp or _pipeline()
    rules = pipeline_rules(nlp)
    cvg = ([Path(p) for p in cv_gold] if cv_gold is not None else list(gold_files)) if folds and folds > 1 else []
    # each gold file is read, split and run through the rules once, for training and for the folds
    sources = sources_of(raw, ranges)
    by_file = {p: load_articles([p], sources, nlp) for p in dict.fromkeys(gold_files + cvg)}
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
    """A training file's path as the card records it: relative to the working folder (a card
    must not carry one machine's absolute paths)."""
    import os

    try:
        return Path(os.path.relpath(Path(p).resolve(), Path.cwd().resolve())).as_posix()
    except ValueError:  # another drive
        return Path(p).name
