"""The probes an audit runs (question only, length only, question–passage overlap) and its verdict.

Each probe's out-of-fold accuracy comes with a 95% interval from a bootstrap over origin groups and the
majority rate beside it. A probe *reads* the labels when the interval's lower bound is above majority +
:data:`MARGIN`; the verdict is ``readable`` when the question-only probe does, ``clean`` otherwise.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import asdict, dataclass

from augment.audit import probe
from augment.example import Example
from augment.seeding import derive_seed
from augment.text import normalize_text

MARGIN = 0.05
RESAMPLES = 1000
STEM = 5  # words compared by their first letters: Russian inflects, «кита» and «киты» are one word here


@dataclass(frozen=True)
class ProbeResult:
    """Out-of-fold accuracy of one probe, its bootstrap 95% interval, and the majority rate."""

    accuracy: float
    majority: float
    ci: tuple[float, float]

    @property
    def readable(self) -> bool:
        """Whether the probe reads the labels: the interval's lower bound above majority + MARGIN."""
        return self.ci[0] > self.majority + MARGIN

    def to_dict(self) -> dict[str, object]:
        return {**asdict(self), "ci": list(self.ci), "readable": self.readable}


def bootstrap_ci(correct: Sequence[bool], groups: Sequence[str], *, seed: int = 0,
                 resamples: int = RESAMPLES) -> tuple[float, float]:
    """The 95% interval of the accuracy, resampling whole origin groups (rows of a group are not independent)."""
    np = probe.numpy()
    keys = sorted(set(groups))
    position = {key: i for i, key in enumerate(keys)}
    index = np.asarray([position[g] for g in groups])
    right = np.bincount(index, weights=np.asarray(correct, dtype=float), minlength=len(keys))
    size = np.bincount(index, minlength=len(keys)).astype(float)
    rng = np.random.default_rng(derive_seed(seed, "bootstrap"))
    chunk = max(1, 2_000_000 // len(keys))
    scores = []
    for start in range(0, resamples, chunk):
        draw = rng.integers(0, len(keys), size=(min(chunk, resamples - start), len(keys)))
        scores.append(right[draw].sum(axis=1) / size[draw].sum(axis=1))
    low, high = np.quantile(np.concatenate(scores), [0.025, 0.975])
    return round(float(low), 4), round(float(high), 4)


def probe_result(proba_yes: Sequence[float], labels: Sequence[bool], groups: Sequence[str], *,
                 seed: int = 0) -> ProbeResult:
    """Accuracy of out-of-fold P(yes) against ``labels`` with its interval and the majority rate."""
    correct = [(p > 0.5) == label for p, label in zip(proba_yes, labels)]
    yes = sum(labels)
    return ProbeResult(round(sum(correct) / len(correct), 4), round(max(yes, len(labels) - yes) / len(labels), 4),
                       bootstrap_ci(correct, groups, seed=seed))


def length_features(examples: Sequence[Example]) -> list[list[float]]:
    """Question length in characters and words, and its logarithm."""
    return [[len(e.question), len(e.question.split()), math.log1p(len(e.question))] for e in examples]


def stems(text: str) -> set[str]:
    return {word[:STEM] for word in normalize_text(text).split()}


def overlap_features(examples: Sequence[Example]) -> list[list[float]]:
    """How much of the question the passage contains: the share and the number of question words (by their
    first letters) found in it, and the number not found."""
    rows = []
    for example in examples:
        question, passage = stems(example.question), stems(example.passage)
        found = len(question & passage)
        rows.append([found / max(len(question), 1), found, len(question) - found])
    return rows


@dataclass
class Probes:
    """The three probes of one data set and the question-only probe's per-example scores."""

    question_only: ProbeResult
    length_only: ProbeResult
    overlap: ProbeResult
    proba_yes: list[float]

    @property
    def verdict(self) -> str:
        return "readable" if self.question_only.readable else "clean"

    def form_scores(self, labels: Sequence[bool]) -> list[float]:
        return probe.own_label(self.proba_yes, labels)


def run_probes(examples: Sequence[Example], *, folds: int = 5, seed: int = 0) -> Probes:
    """Run the question-only, length-only and overlap probes with the same folds grouped by origin."""
    np = probe.numpy()
    labels = probe.labels_of(examples)
    questions = [e.question for e in examples]
    groups = probe.origin_groups(examples)
    order = probe.canonical_order(questions, labels, groups)

    def dense(features: list[list[float]]) -> ProbeResult:
        proba = probe.out_of_fold(np.asarray(features), labels, groups, order, lambda: probe.dense_model(seed),
                                  folds=folds, seed=seed)
        return probe_result(proba, labels, groups, seed=seed)

    proba_yes = probe.question_only(questions, labels, groups, order, folds=folds, seed=seed)
    return Probes(probe_result(proba_yes, labels, groups, seed=seed), dense(length_features(examples)),
                  dense(overlap_features(examples)), proba_yes)
