"""Saving and loading the entity classifier: skops with a type allow-list, and a model card.

This is what extraction needs of a model file (:func:`load`, the allow-list, the shipped
model's place); training (:mod:`policy_nlp.training`) also writes with :func:`save`. A model
file can hold only the scikit-learn and numpy types skops trusts plus this package's
classifier classes and plain builtins: loading it cannot run code.
"""
from __future__ import annotations

import datetime as _dt
import hashlib
import json
import platform
import warnings
from pathlib import Path
from typing import Iterable

from policy_nlp.entities.classifier import EntityClassifier
from policy_nlp.resources import resource_path

#: The model shipped with the package (package data, found wherever it is installed).
SHIPPED_MODEL = resource_path("models", "entity-classifier.skops")


def resolve_model_path(path: str | Path) -> Path:
    """``default`` (or ``shipped``) names the shipped model; anything else is a path."""
    return SHIPPED_MODEL if str(path) in ("default", "shipped") else Path(path)


class UntrustedModelError(ValueError):
    """The model file contains types outside the allow-list."""


class ModelVersionWarning(UserWarning):
    """The model was saved by another scikit-learn version."""


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
    lines += ["", "Load with `policy_nlp.entities.persistence.load` (skops with an explicit type allow-list).", ""]
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
