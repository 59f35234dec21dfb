"""Tests of the entity classifier (policy_nlp.entities.classifier, .persistence and
policy_nlp.training): scikit-learn's estimator conventions, skops round trip, refusal of
untrusted types, the version warning, cross-validation folds that keep articles whole, and
the shipped model."""
from __future__ import annotations

import json
import warnings
from pathlib import Path

import numpy as np
import pytest

from entity_runs import tags
from policy_nlp.entities import EntityRules
from policy_nlp.entities.base import Context
from policy_nlp.entities.classifier import EntityClassifier, EntityExtractor, items_for
from policy_nlp.entities.persistence import (SHIPPED_MODEL, ModelVersionWarning, UntrustedModelError, card_path, load,
                                             save)
from policy_nlp.training import cross_validate

REPO = Path(__file__).resolve().parents[1]

TEXTS = [
    ("西藏自治区经济和信息化厅深入实施“宽带西藏”战略，华为在拉萨建设数据中心。", "西藏自治区"),
    ("省政府印发《数字甘肃建设行动方案》，兰州新区推进“东数西算”工程。", "甘肃省"),
    ("厅长王方红说，要用好“活水”，打好“组合拳”，支持基础电信企业加快5G基站建设。", "西藏自治区"),
    ("国务院办公厅印发通知，推动“互联网+政务服务”，合肥和安徽省各地积极落实。", None),
]
NONE_TEXTS = {"活水", "组合拳", "基础电信企业"}


class Evil:
    """A type outside the allow-list (stands for any object that could run code)."""

    def __init__(self):
        self.payload = "os.system"


@pytest.fixture(scope="module")
def rules():
    return EntityRules()


@pytest.fixture(scope="module")
def data(rules):
    X, y = [], []
    for text, region in TEXTS:
        ctx = Context(text, tags(text), region)
        cands = rules.candidates(text, ctx.tokens, region)
        for it in items_for(ctx, cands, rules.place_names):
            c = it.cand
            if c.text in NONE_TEXTS or c.score < 0.5:
                y.append("NONE")
            elif c.label == "INITIATIVE":
                y.append(f"INITIATIVE:{c.subtype or 'programme'}")
            else:
                y.append(c.label)
            X.append(it)
    assert len(set(y)) >= 4
    return X, y


@pytest.fixture(scope="module")
def model(data):
    X, y = data
    return EntityClassifier(C=10.0, n_features=2 ** 10).fit(X, y)


def test_predict_returns_only_classes_and_proba_matches_them(model, data):
    X, y = data
    pred = model.predict(X)
    proba = model.predict_proba(X)
    assert set(pred) <= set(model.classes_)
    assert set(y) <= set(model.classes_), "every training label can be predicted"
    assert proba.shape == (len(X), len(model.classes_))
    assert np.allclose(proba.sum(axis=1), 1.0)
    # an INITIATIVE's subtype probabilities add up to the main model's P(INITIATIVE)
    main, _ = model.decide(X)
    ini = [k for k, c in enumerate(model.classes_) if c.startswith("INITIATIVE:")]
    assert np.allclose(proba[:, ini].sum(axis=1), main[:, list(model.labels_).index("INITIATIVE")])


def test_unfitted_classifier_says_so(data):
    from sklearn.exceptions import NotFittedError

    with pytest.raises(NotFittedError):
        EntityClassifier().predict(data[0][:3])


def test_clone_round_trip_keeps_parameters_and_drops_fitted_state(model):
    from sklearn.base import clone

    twin = clone(model)
    assert twin.get_params() == model.get_params()
    assert not hasattr(twin, "classes_")
    assert clone(EntityClassifier(C=3.0, n_features=2 ** 9)).get_params()["C"] == 3.0


def test_extractor_uses_model_and_falls_back_to_rules(rules, model):
    text, region = TEXTS[0]
    tokens = tags(text)
    ents = EntityExtractor(rules, model)(text, tokens, region)
    assert any(e.source == "model" and 0.0 < e.score <= 1.0 for e in ents)
    spans = sorted((e.start, e.end) for e in ents)
    assert all(a[1] <= b[0] for a, b in zip(spans, spans[1:]))
    plain = EntityExtractor(rules, None)(text, tokens, region)
    assert [(e.text, e.label) for e in plain] == [(e.text, e.label) for e in rules(text, tokens, region)]


def test_save_load_round_trip(tmp_path, model, data):
    X, _ = data
    path = save(model, tmp_path / "m", card={"training_files": []})
    assert path.suffix == ".skops" and card_path(path).exists() and card_path(path, ".md").exists()
    card = json.loads(card_path(path).read_text(encoding="utf-8"))
    assert card["versions"]["scikit-learn"] and "NONE" in card["labels"]
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        loaded = load(path)
    assert np.allclose(loaded.predict_proba(X), model.predict_proba(X))
    assert list(loaded.predict(X)) == list(model.predict(X))
    assert not path.read_bytes().startswith(b"\x80"), "never pickle"


def test_untrusted_type_is_refused(tmp_path, model):
    import copy

    import skops.io as sio

    evil = copy.copy(model)
    evil.hook_ = Evil()
    path = tmp_path / "evil.skops"
    sio.dump(evil, path)
    assert any(t.endswith("Evil") for t in sio.get_untrusted_types(file=path))
    with pytest.raises(UntrustedModelError, match="Evil"):
        load(path)


def test_library_function_inside_a_model_is_refused(tmp_path, model):
    """Any scikit-learn callable is not trusted just for living under ``sklearn.``."""
    import copy

    import skops.io as sio
    from sklearn.utils import shuffle

    odd = copy.copy(model)
    odd.hook_ = shuffle
    path = tmp_path / "odd.skops"
    sio.dump(odd, path)
    with pytest.raises(UntrustedModelError, match="shuffle"):
        load(path)
    with pytest.warns(ModelVersionWarning, match="no model card"):
        assert isinstance(load(path, trusted=sio.get_untrusted_types(file=path)), type(model))


def test_version_mismatch_warns(tmp_path, model):
    path = save(model, tmp_path / "old.skops")
    cp = card_path(path)
    card = json.loads(cp.read_text(encoding="utf-8"))
    card["versions"]["scikit-learn"] = "0.24.2"
    cp.write_text(json.dumps(card), encoding="utf-8")
    with pytest.warns(ModelVersionWarning, match="0.24.2"):
        load(path)


def test_cv_folds_keep_articles_whole():
    gold = sorted((REPO / "corpus" / "gold").glob("*.jsonl"))
    if len(gold) < 2:
        pytest.skip("needs the bundled sample gold")
    rep = cross_validate(gold, [REPO / "corpus" / "samples"], folds=2, C=1.0, n_features=2 ** 10)
    seen = [s for fold in rep["folds"] for s in fold]
    assert len(seen) == len(set(seen)), "a source file is in two test folds"
    sources = {json.loads(l)["source"] for g in gold for l in g.read_text(encoding="utf-8").splitlines() if l.strip()}
    assert set(seen) == sources
    # the two articles of sample_03 are scored together (one source -> one fold)
    assert sum("sample_03_two_articles.txt" in f for f in rep["folds"]) == 1


def test_shipped_model_loads_and_runs(rules):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ModelVersionWarning)
        model = load(SHIPPED_MODEL)
    card = json.loads(card_path(SHIPPED_MODEL).read_text(encoding="utf-8"))
    cv = card["cross_validation"]
    # held out, the shipped model decides better than the rules it decides for
    assert card["training_files"] and cv["entities_micro"]["f1"] > cv["rules"]["entities_micro"]["f1"]
    text = "国务院办公厅印发《关于推进5G网络发展的实施意见》，西藏自治区经济和信息化厅实施“宽带西藏”战略，打好“组合拳”。"
    ents = EntityExtractor(rules, model)(text, tags(text), "西藏自治区")
    got = {(e.text, e.label) for e in ents}
    assert ("关于推进5G网络发展的实施意见", "POLICY_DOC") in got
    assert ("宽带西藏", "INITIATIVE") in got
    assert not any(e.text == "组合拳" for e in ents)
