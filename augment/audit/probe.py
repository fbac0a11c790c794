"""Can the label be read off the question alone? Out-of-fold probes with folds grouped by origin.

The question-only probe is character 1–4-gram TF-IDF and logistic regression. Folds are grouped by origin
(:func:`origin_groups`), so a question and its rewrites never straddle folds. Everything is row-order
independent: folds come from hashed group keys and each fold trains on its rows in a canonical order.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from augment.example import Example
from augment.optional import require
from augment.seeding import derive_seed
from augment.text import normalize_text

EXTRA = "audit"
HASH_FEATURES = 2**20
# lbfgs works on the float32 sparse rows as they are (liblinear would copy them twice, as float64 and in its own
# format): the memory of a 100,000-example audit stays well under 1 GB; C=10 lets small sets show their cues
LR_OPTIONS = {"solver": "lbfgs", "C": 10.0, "max_iter": 1000}


def numpy():
    return require("numpy", EXTRA)


def labels_of(examples: Sequence[Example]) -> list[bool]:
    """The labels of ``examples``, which must all be bool (ValueError otherwise)."""
    labels = [e.label for e in examples]
    for example, label in zip(examples, labels):
        if not isinstance(label, bool):
            raise ValueError(f"example {example.idx!r} has label {label!r}; the probes need yes/no labels")
    return labels  # type: ignore[return-value]


def origin_groups(examples: Sequence[Example]) -> list[str]:
    """Group key per example: meta source_idx, else parent_idx, else the passage (normalized).

    Keys that one example ties together are merged: an original (grouped by its passage) and its rewrites
    (grouped by ``source_idx``, which is the original's idx) share a key, and so do questions on one
    passage. A key is the smallest member of its merged set, so it does not depend on row order.
    """
    parent: dict[str, str] = {}

    def find(node: str) -> str:
        parent.setdefault(node, node)
        while parent[node] != node:
            parent[node] = parent[parent[node]]
            node = parent[node]
        return node

    def union(a: str, b: str) -> None:
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)

    primary = []
    for position, example in enumerate(examples):
        origin = example.meta.get("source_idx", example.meta.get("parent_idx"))
        passage = normalize_text(example.passage)
        nodes = []
        if origin is not None:
            nodes.append(f"idx:{origin}")
        if passage:
            nodes.append(f"passage:{passage}")
        if example.idx is not None:
            nodes.append(f"idx:{example.idx}")
        if not nodes:
            nodes.append(f"row:{position}")
        for node in nodes[1:]:
            union(nodes[0], node)
        primary.append(nodes[0])
    return [find(node) for node in primary]


def fold_of(groups: Sequence[str], folds: int, seed: int) -> list[int]:
    """Fold number per row: distinct groups ranked by a seeded hash, dealt round-robin into ``folds``."""
    distinct = sorted(set(groups), key=lambda g: (derive_seed(seed, "fold", g), g))
    if len(distinct) < 2:
        raise ValueError(f"the probes need at least 2 origin groups, got {len(distinct)}")
    folds = min(folds, len(distinct))
    rank = {g: i % folds for i, g in enumerate(distinct)}
    return [rank[g] for g in groups]


def question_features(questions: Sequence[str]):
    """Hashed character 1–4-gram counts of the lowercased questions (a sparse matrix, one row each)."""
    text = require("sklearn.feature_extraction.text", EXTRA)
    vectorizer = text.HashingVectorizer(analyzer="char", ngram_range=(1, 4), lowercase=True,
                                        n_features=HASH_FEATURES, alternate_sign=False, norm=None,
                                        dtype=numpy().float32)
    return vectorizer.transform(questions)


def used_columns(features):
    """The columns of a hashed feature matrix that any row uses (the solver then skips the empty ones)."""
    return numpy().flatnonzero(features.getnnz(axis=0))


def text_model(seed: int):
    pipeline = require("sklearn.pipeline", EXTRA)
    feature_extraction = require("sklearn.feature_extraction.text", EXTRA)
    linear = require("sklearn.linear_model", EXTRA)
    return pipeline.make_pipeline(feature_extraction.TfidfTransformer(sublinear_tf=True),
                                  linear.LogisticRegression(random_state=seed, **LR_OPTIONS))


def dense_model(seed: int):
    pipeline = require("sklearn.pipeline", EXTRA)
    preprocessing = require("sklearn.preprocessing", EXTRA)
    linear = require("sklearn.linear_model", EXTRA)
    return pipeline.make_pipeline(preprocessing.StandardScaler(),
                                  linear.LogisticRegression(random_state=seed, **LR_OPTIONS))


def canonical_order(questions: Sequence[str], labels: Sequence[bool], groups: Sequence[str]) -> list[int]:
    return sorted(range(len(questions)), key=lambda i: (groups[i], questions[i], labels[i]))


def out_of_fold(features, labels: Sequence[bool], groups: Sequence[str], order: Sequence[int],
                model: Callable[[], Any], *, folds: int, seed: int) -> list[float]:
    """P(yes) for each row from a model trained on the other folds (rows in ``order`` when training)."""
    np = numpy()
    y = np.asarray(labels, dtype=bool)
    fold = np.asarray(fold_of(groups, folds, seed))
    ordered = np.asarray(order)
    proba = np.full(len(y), float(y.mean()))
    for k in sorted(set(fold.tolist())):
        train = ordered[fold[ordered] != k]
        test = np.flatnonzero(fold == k)
        if len(set(y[train].tolist())) < 2:  # one label only: the model is the constant
            proba[test] = float(y[train].mean())
            continue
        fitted = model().fit(features[train], y[train])
        proba[test] = fitted.predict_proba(features[test])[:, list(fitted.classes_).index(True)]
    return proba.tolist()


def own_label(proba_yes: Sequence[float], labels: Sequence[bool]) -> list[float]:
    """The probability each row's own label gets."""
    return [p if label else 1.0 - p for p, label in zip(proba_yes, labels)]


def form_scores(examples: Sequence[Example], *, folds: int = 5, seed: int = 0,
                groups: Sequence[str] | None = None) -> list[float]:
    """Out-of-fold probability of each example's own label under the question-only probe
    (char 1-4-gram TF-IDF + logistic regression), folds grouped by origin_groups. Labels must be bool
    (ValueError otherwise).

    ``groups`` replaces the origin groups (one key per example; distinct keys give ungrouped folds).
    """
    labels = labels_of(examples)
    questions = [e.question for e in examples]
    groups = origin_groups(examples) if groups is None else list(groups)
    if len(groups) != len(examples):
        raise ValueError(f"groups has {len(groups)} key(s) for {len(examples)} example(s)")
    order = canonical_order(questions, labels, groups)
    return own_label(question_only(questions, labels, groups, order, folds=folds, seed=seed), labels)


def question_only(questions: Sequence[str], labels: Sequence[bool], groups: Sequence[str], order: Sequence[int],
                  *, folds: int, seed: int) -> list[float]:
    """Out-of-fold P(yes) of the question-only probe (see :func:`out_of_fold`)."""
    features = question_features(questions)
    return out_of_fold(features[:, used_columns(features)], labels, groups, order, lambda: text_model(seed),
                       folds=folds, seed=seed)


class QuestionProbe:
    """The question-only probe trained on a whole set, to score the form of other questions."""

    def __init__(self, model: Any, columns: Any):
        self.model = model
        self.columns = columns

    @classmethod
    def fit(cls, examples: Sequence[Example], *, seed: int = 0) -> QuestionProbe:
        """Train on ``examples`` (bool labels, both present), in a row-order independent way."""
        labels = labels_of(examples)
        if len(set(labels)) < 2:
            raise ValueError("QuestionProbe.fit needs examples of both labels")
        questions = [e.question for e in examples]
        order = sorted(range(len(questions)), key=lambda i: (questions[i], labels[i]))
        np = numpy()
        features = question_features([questions[i] for i in order])
        columns = used_columns(features)
        return cls(text_model(seed).fit(features[:, columns], np.asarray([labels[i] for i in order])), columns)

    def proba_yes(self, examples: Sequence[Example]) -> list[float]:
        """P(yes) the probe reads off each question (labels are not needed)."""
        if not examples:
            return []
        proba = self.model.predict_proba(question_features([e.question for e in examples])[:, self.columns])
        return proba[:, list(self.model.classes_).index(True)].tolist()

    def own_label_proba(self, examples: Sequence[Example]) -> list[float]:
        """The probability the probe gives each example's own label (labels required)."""
        return own_label(self.proba_yes(examples), labels_of(examples))
