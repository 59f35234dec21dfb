"""A scikit-learn classifier that decides each rule candidate's label (or NONE).

The rules (:class:`~policy_nlp.entities.EntityRules`) propose overlapping candidate spans;
this module turns every candidate and its context into features and lets a linear model
choose ``ORG``, ``GPE``, ``PERSON``, ``INITIATIVE``, ``POLICY_DOC`` or ``NONE``; a second
linear model picks the INITIATIVE subtype. :class:`EntityExtractor` runs the whole chain
rules -> classifier -> flat mentions, one feature transform and one ``predict_proba`` per
article.

Input items are :class:`CandidateItem` objects (a candidate plus its article context),
built per article by :func:`items_for`; the estimator itself only stores scikit-learn
objects and the small transformer classes of this module, so it can be saved with skops.
"""
from __future__ import annotations

import math
from collections import defaultdict
from typing import Sequence

import numpy as np
from sklearn.base import BaseEstimator, ClassifierMixin, TransformerMixin
from sklearn.feature_extraction import FeatureHasher
from sklearn.feature_extraction.text import HashingVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import FeatureUnion, Pipeline
from sklearn.utils.validation import check_is_fitted

from policy_nlp.entities.base import Candidate, Context

NONE = "NONE"
MAIN_LABELS = ("ORG", "GPE", "PERSON", "INITIATIVE", "POLICY_DOC", NONE)
SUBTYPES = ("slogan", "programme", "project", "infrastructure")
CONTEXT_CHARS = 4
_DEICTIC = ("自治区", "省", "市", "区", "县", "州")
_QUOTES_OPEN = "“\"‘「『"
_QUOTES_CLOSE = "”\"’」』"


class ArticleInfo:
    """What every candidate of one article shares: text, tokens, per-text statistics."""

    __slots__ = ("ctx", "text_rules", "text_count", "place_names", "rule_kept")

    def __init__(self, ctx: Context, cands: Sequence[Candidate], place_names=None, min_score: float = 0.5):
        from policy_nlp.entities.resolve import select_flat

        self.ctx = ctx
        # what the rules alone would output (the classifier learns corrections to it)
        self.rule_kept = {id(c) for c in select_flat(list(cands), min_score, len(ctx.text))}
        self.place_names = place_names or ()
        tr: dict[str, set[str]] = defaultdict(set)
        for c in cands:
            tr[c.text].add(c.rule)
        self.text_rules = tr
        self.text_count: dict[str, int] = {}


class CandidateItem:
    """One candidate with its article (the unit the classifier labels)."""

    __slots__ = ("cand", "info")

    def __init__(self, cand: Candidate, info: ArticleInfo):
        self.cand = cand
        self.info = info

    @property
    def text(self) -> str:
        return self.cand.text

    def left(self, n: int = CONTEXT_CHARS) -> str:
        return self.info.ctx.text[max(0, self.cand.start - n):self.cand.start]

    def right(self, n: int = CONTEXT_CHARS) -> str:
        return self.info.ctx.text[self.cand.end:self.cand.end + n]


def items_for(ctx: Context, cands: Sequence[Candidate], place_names=None, min_score: float = 0.5) -> list[CandidateItem]:
    """``min_score``: the rules' own threshold (``EntityRules.min_score``), for the
    "the rules alone would keep it" feature."""
    info = ArticleInfo(ctx, cands, place_names, min_score)
    return [CandidateItem(c, info) for c in cands]


def _bucket(n: int) -> str:
    return str(n) if n <= 6 else ("7-9" if n <= 9 else ("10-14" if n <= 14 else "15+"))


class CandidateFeaturizer(BaseEstimator, TransformerMixin):
    """Candidate + context -> feature dict (rule, tags, head word, neighbours, quotes …).

    Stateless; ``transform`` returns a list of dicts for a :class:`DictVectorizer`.
    """

    def __init__(self, context_tokens: int = 1):
        self.context_tokens = context_tokens

    def fit(self, X, y=None):
        return self

    def _one(self, it: CandidateItem) -> dict:
        c = it.cand
        info = it.info
        ctx = info.ctx
        text = ctx.text
        s, e = c.start, c.end
        w = c.text
        f: dict[str, float | str] = {
            "rule": c.rule,
            "rule_label": c.label,
            "rule_sub": f"{c.label}:{c.subtype}",
            "score": float(c.score),
            "prio": str(c.priority),
            "len": _bucket(len(w)),
            "len_num": min(len(w), 30) / 30.0,
            "last1": w[-1:],
            "last2": w[-2:],
            "first1": w[:1],
            "first2": w[:2],
        }
        f[f"rule*len={c.rule}*{_bucket(len(w))}"] = 1.0
        kept = id(c) in info.rule_kept
        f["rule_kept"] = 1.0 if kept else 0.0
        f[f"rule_kept*rule={kept}*{c.rule}"] = 1.0
        # quotes and title marks around the span
        before = text[s - 1] if s > 0 else "^"
        after = text[e] if e < len(text) else "$"
        f["prev_ch"] = before
        f["next_ch"] = after
        # left/right context characters (uni- and bigrams), cheaper here than a second vectorizer
        lft = text[max(0, s - CONTEXT_CHARS):s]
        rgt = text[e:e + CONTEXT_CHARS]
        for k in range(len(lft)):
            f["L:" + lft[k:]] = 1.0 if len(lft) - k <= 2 else 0.5
        f["R:" + rgt[:1]] = 1.0
        f["R:" + rgt[:2]] = 1.0
        f["R:" + rgt] = 0.5
        f["E:" + before + w[:1]] = 1.0
        f["E:" + w[-1:] + after] = 1.0
        quoted = before in _QUOTES_OPEN and after in _QUOTES_CLOSE
        f["quoted"] = 1.0 if quoted else 0.0
        f["in_title"] = 1.0 if before == "《" and after == "》" else 0.0
        if quoted and e + 1 < len(text):
            f["after_quote"] = text[e + 1:e + 3]
        # tokens: tags inside, head word, neighbours
        i = ctx.token_index(s)
        j = ctx.token_index(e - 1) if e > s else i
        f["aligned_start"] = 1.0 if s in ctx.tok_start_at else 0.0
        f["aligned_end"] = 1.0 if e in ctx.tok_end_at else 0.0
        if i >= 0 and j >= i:
            tags = [ctx.tokens[k][2] for k in range(i, j + 1)]
            f["n_tok"] = _bucket(j - i + 1)
            f["tag_first"] = tags[0]
            f["tag_last"] = tags[-1]
            f["tags"] = "-".join(tags) if len(tags) <= 4 else "-".join(tags[:2] + ["…"] + tags[-2:])
            for t in set(tags):
                f["has_tag=" + t] = 1.0
            f["head"] = ctx.word(j)
            f["first_word"] = ctx.word(i)
            if j == i:
                f["single_tok_tag"] = tags[0]
            for d in range(1, self.context_tokens + 1):
                if i - d >= 0:
                    f[f"prev{d}"] = ctx.word(i - d)
                    f[f"prev{d}_tag"] = ctx.tag(i - d)
                else:
                    f[f"prev{d}"] = "^"
                if j + d < len(ctx.tokens):
                    f[f"next{d}"] = ctx.word(j + d)
                    f[f"next{d}_tag"] = ctx.tag(j + d)
                else:
                    f[f"next{d}"] = "$"
        # region prefix (a place name or a deictic region word heading the name)
        if w.startswith(_DEICTIC) and len(w) > 2:
            f["deictic_prefix"] = 1.0
        pn = info.place_names
        if pn:
            for k in range(min(len(w) - 1, 8), 1, -1):
                if w[:k] in pn:
                    f["place_prefix"] = 1.0
                    f["place_prefix_all"] = 1.0 if k == len(w) else 0.0
                    break
        if ctx.region and w.startswith(ctx.region[:2]):
            f["own_region_prefix"] = 1.0
        # agreement between rules and repetition in the article
        rules = info.text_rules.get(w, ())
        f["n_rules"] = float(len(rules))
        for r in rules:
            if r != c.rule:
                f["also=" + r] = 1.0
        cnt = info.text_count.get(w)
        if cnt is None:
            cnt = info.text_count[w] = text.count(w)
        f["count"] = _bucket(cnt)
        f["log_count"] = math.log1p(cnt)
        if any(ch.isdigit() for ch in w):
            f["has_digit"] = 1.0
        if any("a" <= ch.lower() <= "z" for ch in w):
            f["has_latin"] = 1.0
        if "、" in w or "，" in w:
            f["has_list_punct"] = 1.0
        # the rule's own features
        for k, v in c.features.items():
            if isinstance(v, bool):
                f["f:" + k] = 1.0 if v else 0.0
            elif isinstance(v, (int, float)):
                f["f:" + k] = min(float(v), 30.0) / 30.0
            elif isinstance(v, str) and len(v) <= 12:
                f[f"f:{k}={v}"] = 1.0
        return f

    def transform(self, X):
        return [self._one(it) for it in X]


class FieldText(BaseEstimator, TransformerMixin):
    """One text field of each item: ``span``, ``left``, ``right`` (for the char n-grams)."""

    def __init__(self, field: str = "span", width: int = CONTEXT_CHARS):
        self.field = field
        self.width = width

    def fit(self, X, y=None):
        return self

    def transform(self, X):
        if self.field == "span":
            return [it.cand.text for it in X]
        if self.field == "left":
            return [it.left(self.width) for it in X]
        if self.field == "right":
            return [it.right(self.width) for it in X]
        if self.field == "edges":  # the span's first and last characters with their neighbours
            return [it.left(1) + "[" + it.cand.text[:2] + "|" + it.cand.text[-2:] + "]" + it.right(1) for it in X]
        raise ValueError(f"unknown field {self.field!r}")


def _hashing(ngram_range, n_features):
    return HashingVectorizer(analyzer="char", ngram_range=ngram_range, n_features=n_features,
                             alternate_sign=False, norm="l2", lowercase=False)


def build_features(n_features: int = 2 ** 15) -> FeatureUnion:
    return FeatureUnion([
        ("dict", Pipeline([("featurize", CandidateFeaturizer()),
                           ("vectorize", FeatureHasher(n_features=4 * n_features, alternate_sign=False))])),
        ("span", Pipeline([("field", FieldText("span")), ("ngrams", _hashing((1, 3), n_features))])),
    ])


def split_label(y: str) -> tuple[str, str | None]:
    if ":" in y:
        a, b = y.split(":", 1)
        return a, b
    return y, None


class EntityClassifier(ClassifierMixin, BaseEstimator):
    """Label (or NONE) for each candidate; INITIATIVE subtypes from a second model.

    ``fit(items, labels)`` takes :class:`CandidateItem` objects and labels such as ``ORG``,
    ``NONE`` or ``INITIATIVE:programme``. The decision is hierarchical: a first model picks
    the main label (over ``labels_``), a second the subtype of an INITIATIVE. ``classes_``
    lists every label ``predict`` can return (the main labels, INITIATIVE split into
    ``INITIATIVE:<subtype>``); ``predict_proba`` is over ``classes_``, an INITIATIVE
    subtype's probability being P(INITIATIVE) × P(subtype | INITIATIVE).
    """

    def __init__(self, C: float = 1.0, n_features: int = 2 ** 13, class_weight=None, max_iter: int = 3000):
        self.C = C
        self.n_features = n_features
        self.class_weight = class_weight
        self.max_iter = max_iter

    def fit(self, X, y):
        y = list(y)
        main = np.array([split_label(v)[0] for v in y])
        self.pipeline_ = Pipeline([
            ("features", build_features(self.n_features)),
            ("clf", LogisticRegression(C=self.C, max_iter=self.max_iter, class_weight=self.class_weight)),
        ])
        self.pipeline_.fit(X, main)
        self.labels_ = self.pipeline_.classes_
        subs = [(k, split_label(v)[1]) for k, v in enumerate(y) if split_label(v)[0] == "INITIATIVE"]
        subs = [(k, s) for k, s in subs if s]
        self.subtype_ = None
        self.default_subtype_ = "programme"
        if subs:
            labs = [s for _, s in subs]
            self.default_subtype_ = max(set(labs), key=labs.count)
            if len(set(labs)) > 1:
                Xs = self.transform_items([X[k] for k, _ in subs])
                self.subtype_ = LogisticRegression(C=self.C, max_iter=self.max_iter).fit(Xs, labs)
        self.classes_ = np.array([c for lab in self.labels_ for c in self._expand(str(lab))], dtype=object)
        return self

    def _subtypes(self) -> list[str]:
        if self.subtype_ is not None:
            return [str(s) for s in self.subtype_.classes_]
        return [self.default_subtype_]

    def _expand(self, label: str) -> list[str]:
        return [f"{label}:{s}" for s in self._subtypes()] if label == "INITIATIVE" else [label]

    # -- batched prediction (one transform per call) -------------------------------------
    def transform_items(self, X):
        return self.pipeline_[:-1].transform(X)

    def decide(self, X) -> tuple[np.ndarray, list[str | None]]:
        """(probabilities over the main labels ``labels_``, INITIATIVE subtype per item whose
        most probable main label is INITIATIVE) from one feature transform."""
        check_is_fitted(self, "pipeline_")
        if len(X) == 0:
            return np.zeros((0, len(self.labels_))), []
        F = self.transform_items(X)
        proba = self.pipeline_[-1].predict_proba(F)
        subs: list[str | None] = [None] * len(X)
        ini = list(self.labels_).index("INITIATIVE") if "INITIATIVE" in self.labels_ else -1
        if ini >= 0:
            rows = np.flatnonzero(proba.argmax(axis=1) == ini)
            if len(rows):
                pred = self.subtype_.predict(F[rows]) if self.subtype_ is not None else [self.default_subtype_] * len(rows)
                for r, sub in zip(rows, pred):
                    rule_sub = X[r].cand.subtype if X[r].cand.label == "INITIATIVE" else None
                    subs[r] = str(sub) if sub else (rule_sub or self.default_subtype_)
        return proba, subs

    def predict_proba(self, X) -> np.ndarray:
        check_is_fitted(self, "pipeline_")
        if len(X) == 0:
            return np.zeros((0, len(self.classes_)))
        F = self.transform_items(X)
        main = self.pipeline_[-1].predict_proba(F)
        if self.subtype_ is not None:
            sub = self.subtype_.predict_proba(F)
        else:
            sub = np.ones((len(X), 1))
        cols = []
        for k, lab in enumerate(self.labels_):
            if str(lab) == "INITIATIVE":
                cols.append(main[:, [k]] * sub)
            else:
                cols.append(main[:, [k]])
        return np.hstack(cols)

    def predict(self, X) -> np.ndarray:
        """The main label, and for an INITIATIVE its subtype (``INITIATIVE:programme``):
        always one of ``classes_``."""
        proba, subs = self.decide(X)
        out = []
        for k, row in enumerate(proba):
            lab = str(self.labels_[int(row.argmax())])
            out.append(f"{lab}:{subs[k]}" if lab == "INITIATIVE" else lab)
        return np.array(out, dtype=object)


class EntityExtractor:
    """Rules propose, the classifier decides, the resolver flattens.

    ``EntityExtractor(rules, model)``; ``model`` may be an :class:`EntityClassifier`, a path
    to a ``.skops`` file, or ``None`` (rules only). Call it like the rules:
    ``extractor(text, tokens, region) -> list[Entity]``; classifier-decided entities have
    ``source='model'`` and ``score`` = the label's probability.
    """

    #: a candidate the rules alone would keep is dropped when P(NONE) >= threshold; any other
    #: candidate is added when P(NONE) < add_threshold (the pipeline's config sets both)
    THRESHOLD, ADD_THRESHOLD = 0.9, 0.2

    def __init__(self, rules=None, model=None, threshold: float = THRESHOLD, add_threshold: float = ADD_THRESHOLD):
        from policy_nlp.entities import EntityRules

        self.rules = rules if rules is not None else EntityRules()
        if isinstance(model, (str,)) or hasattr(model, "__fspath__"):
            from policy_nlp.entities.persistence import load, resolve_model_path

            model = load(resolve_model_path(model))
        self.model = model
        self.threshold = threshold
        self.add_threshold = add_threshold

    def decide(self, ctx: Context, cands: list[Candidate]) -> list[Candidate]:
        """The candidates the classifier accepts, relabelled and rescored (source 'model')."""
        if not cands:
            return []
        items = items_for(ctx, cands, self.rules.place_names, self.rules.min_score)
        proba, subs = self.model.decide(items)
        classes = [str(c) for c in self.model.labels_]
        none_i = classes.index(NONE) if NONE in classes else -1
        out = []
        for k, c in enumerate(cands):
            row = proba[k]
            if none_i >= 0:
                t = self.threshold if id(c) in items[k].info.rule_kept else self.add_threshold
                if row[none_i] >= t:
                    continue
                row = row.copy()
                row[none_i] = -1.0
            b = int(row.argmax())
            p = float(row[b])
            lab = classes[b]
            canon = c.canonical if lab == c.label else c.text
            nc = Candidate(c.start, c.end, c.text, lab, subs[k] if lab == "INITIATIVE" else None, canon,
                           "model", p, rule=c.rule, priority=c.priority, features=c.features)
            out.append(nc)
        return pick_variants(out)

    def __call__(self, text: str, tokens, region: str | None = None):
        rules = self.rules
        if self.model is None:
            return rules(text, tokens, region)
        from policy_nlp.entities.resolve import resolve_canonicals, select_flat

        ctx = Context(text, tokens, region)
        cands = rules.candidates_in(ctx)
        kept = select_flat(self.decide(ctx, cands), 0.0, len(text))
        extra = rules.alias_mentions(text, kept, ctx)
        if extra:
            kept = select_flat(kept + extra, 0.0, len(text))
        resolve_canonicals(kept)
        return kept


def pick_variants(cands: list[Candidate]) -> list[Candidate]:
    """Of accepted candidates that end at the same offset with the same label (boundary
    variants of one name: 新一轮技术改造专项行动 / 技术改造专项行动), keep the most probable."""
    best: dict[tuple[int, str], Candidate] = {}
    for c in cands:
        key = (c.end, c.label)
        b = best.get(key)
        if b is None or c.score > b.score + 1e-9 or (abs(c.score - b.score) <= 1e-9 and len(c.text) > len(b.text)):
            best[key] = c
    return sorted(best.values(), key=lambda c: c.start)
