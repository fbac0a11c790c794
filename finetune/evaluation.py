"""``finetune.evaluate``: what a model understands next to what it scores.

Plain accuracy on DaNetQA val rewards reading the question form (a question with «не» is "no" there). Next to
it this reports

- the **hard subset**: the examples whose own label a question-only probe gives below ``threshold`` (the rest
  is "easy": the form gives it away), with accuracy, macro F1 and size of both parts;
- **contrast sets**: each example the rewriter covers, its negation (label flipped) and its reframing (label
  kept) with the same passage; accuracy on each, *consistency* (original and every rewrite right) and
  *negation sensitivity* (the answer flips when the question is negated);
- **cue slices**: accuracy on the examples carrying each of the top form cues of the eval set (e.g. «не»).

Every figure is computed from predictions by :func:`evaluation_from`; :class:`Evaluator` prepares the probe's
scores, the contrast set and the cues of an eval set once, so several models are scored against the same ones.
A figure over no examples is None (``—`` in tables).
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from augment.example import Example
from augment.jsonl import atomic_open
from augment.report import format_table
from finetune import form
from finetune.contrast import DEFAULT_GENERATOR, ContrastSet, contrast_set
from finetune.form import CueCarriers
from finetune.metrics import Metrics
from finetune.prediction import nonempty_examples
from finetune.training import Data, as_examples

THRESHOLD = 0.7  # the probe's probability of an example's own label from which the example counts as easy
FOLDS = 5
TOP_CUES = 10
EVALUATION_FILE = "evaluation.json"
RECORD_KIND = "finetune.evaluation"
NO_FIGURE = "—"


def _share(hits: int, total: int) -> float | None:
    return hits / total if total else None


@dataclass(frozen=True)
class Part:
    """Accuracy, macro F1 and size of a part of the eval set (None when the part is empty)."""

    n: int
    accuracy: float | None
    macro_f1: float | None

    @classmethod
    def of(cls, labels: Sequence[bool], predicted: Sequence[bool]) -> Part:
        if not labels:
            return cls(0, None, None)
        metrics = Metrics.from_labels(labels, predicted)
        return cls(metrics.total, metrics.accuracy, metrics.macro_f1)


@dataclass(frozen=True)
class ContrastScores:
    """How a model fares on a contrast set (see the module doc); ``n`` is the number of covered examples."""

    generator: str
    n: int
    coverage: float | None
    originals: float | None
    negations: Part
    reframes: Part
    accuracy: float | None
    consistency: float | None
    negation_sensitivity: float | None


@dataclass(frozen=True)
class CueSlice:
    """The eval examples carrying a form cue: how many, how often their label is the cue's, the model's accuracy."""

    feature: str
    kind: str
    label: str
    n: int
    rate: float | None
    accuracy: float | None


@dataclass
class Evaluation:
    """The metrics of a model on a labeled set, with the hard subset, contrast set and cue slices asked for."""

    metrics: Metrics
    probe: dict[str, Any] | None = None
    hard: Part | None = None
    easy: Part | None = None
    contrast: ContrastScores | None = None
    cues: list[CueSlice] = field(default_factory=list)

    @property
    def accuracy(self) -> float:
        return self.metrics.accuracy

    @property
    def n(self) -> int:
        return self.metrics.total

    def as_dict(self) -> dict[str, Any]:
        """The record written to ``evaluation.json``."""
        return {
            "accuracy": self.accuracy, "n": self.n, "metrics": self.metrics.as_dict(), "probe": self.probe,
            "hard": _plain(self.hard), "easy": _plain(self.easy), "contrast": _plain(self.contrast),
            "cues": [asdict(cue) for cue in self.cues],
        }

    def write(self, path: str | os.PathLike[str]) -> Path:
        """Write :meth:`as_dict` as JSON to ``path`` atomically (see :func:`writable_record` first)."""
        with atomic_open(Path(path)) as handle:
            json.dump({"kind": RECORD_KIND, **self.as_dict()}, handle, ensure_ascii=False, indent=1)
        return Path(path)

    def table(self) -> str:
        """The figures as tables (see :func:`evaluation_table`)."""
        return evaluation_table(self.as_dict())


def evaluation_table(record: Mapping[str, Any]) -> str:
    """The parts of the set (all, hard, easy, contrast set) as a table, a line on the probe and the contrast set,
    and the cue slices, from a record of :meth:`Evaluation.as_dict`."""
    probe, hard, easy, contrast = record.get("probe"), record.get("hard"), record.get("easy"), record.get("contrast")
    rows = [("all", record["n"], _figure(record["accuracy"]), _figure(record["metrics"]["macro_f1"]))]
    if probe and hard and easy:
        rows += [(f"hard (probe < {probe['threshold']})", hard["n"], _figure(hard["accuracy"]),
                  _figure(hard["macro_f1"])),
                 (f"easy (probe ≥ {probe['threshold']})", easy["n"], _figure(easy["accuracy"]),
                  _figure(easy["macro_f1"]))]
    if contrast:
        negations, reframes = contrast["negations"], contrast["reframes"]
        rows += [("covered originals", contrast["n"], _figure(contrast["originals"]), NO_FIGURE),
                 ("negations (label flipped)", negations["n"], _figure(negations["accuracy"]), NO_FIGURE),
                 ("reframes (label kept)", reframes["n"], _figure(reframes["accuracy"]), NO_FIGURE),
                 ("all rewrites", negations["n"] + reframes["n"], _figure(contrast["accuracy"]), NO_FIGURE)]
    lines = [format_table(("examples", "n", "accuracy", "macro F1"), rows)]
    if probe:
        lines.append(f"hard/easy: the question-only probe fitted on {probe.get('description', probe['fitted_on'])}")
    if contrast:
        lines.append(f"contrast set by {contrast['generator']}: covers {contrast['n']} of {record['n']} "
                     f"({_figure(contrast['coverage'])}); consistency {_figure(contrast['consistency'])}, "
                     f"negation sensitivity {_figure(contrast['negation_sensitivity'])}")
    if record.get("cues"):
        lines.append(format_table(("cue", "kind", "leans to", "examples", "with that label", "accuracy"),
                                  [(cue["feature"], cue["kind"], cue["label"], cue["n"], _figure(cue["rate"]),
                                    _figure(cue["accuracy"])) for cue in record["cues"]]))
    return "\n\n".join(lines)


def writable_record(path: str | os.PathLike[str]) -> Path:
    """``path``, after checking that writing it replaces nothing but an earlier evaluation record."""
    path = Path(path)
    if path.exists():
        try:
            ours = json.loads(path.read_text(encoding="utf-8")).get("kind") == RECORD_KIND
        except (OSError, UnicodeDecodeError, ValueError, AttributeError):
            ours = False
        if not ours:
            raise ValueError(f"{path} exists and is not an evaluation record: refusing to overwrite it")
    return path


def _plain(value: Any) -> Any:
    return None if value is None else asdict(value)


def _figure(value: float | None) -> str:
    return NO_FIGURE if value is None else f"{value:.3f}"


def require_labels(examples: Sequence[Example]) -> list[bool]:
    """The labels of ``examples``; a clear error when any is missing."""
    missing = sum(e.label is None for e in examples)
    if missing:
        raise ValueError(f"evaluation needs labeled examples; {missing} of {len(examples)} have no label "
                         "(the official test split has none: use predict)")
    return [bool(e.label) for e in examples]


def hard_easy(labels: Sequence[bool], predicted: Sequence[bool], form_scores: Sequence[float],
              threshold: float = THRESHOLD) -> tuple[Part, Part]:
    """The hard part (probe's probability of the own label below ``threshold``) and the easy part (the rest)."""
    if not len(labels) == len(predicted) == len(form_scores):
        raise ValueError(f"{len(labels)} label(s), {len(predicted)} prediction(s), {len(form_scores)} form score(s)")
    parts: dict[bool, tuple[list[bool], list[bool]]] = {True: ([], []), False: ([], [])}
    for label, answer, score in zip(labels, predicted, form_scores):
        gold, answers = parts[score >= threshold]
        gold.append(label)
        answers.append(answer)
    return Part.of(*parts[False]), Part.of(*parts[True])


def contrast_scores(contrast: ContrastSet, labels: Sequence[bool], predicted: Sequence[bool],
                    rewritten: Sequence[bool]) -> ContrastScores:
    """Scores on ``contrast`` given the predictions for the eval examples and for each of its rewrites."""
    if len(rewritten) != len(contrast.rewrites) or len(predicted) != contrast.size:
        raise ValueError(f"{len(predicted)} and {len(rewritten)} prediction(s) for {contrast.size} example(s) "
                         f"and {len(contrast.rewrites)} rewrite(s)")
    right = {position: [predicted[position] == labels[position]] for position in contrast.covered}
    flips: dict[int, list[bool]] = {}
    parts: dict[bool, tuple[list[bool], list[bool]]] = {True: ([], []), False: ([], [])}
    for rewrite, answer in zip(contrast.rewrites, rewritten):
        label = bool(rewrite.example.label)
        right[rewrite.origin].append(answer == label)
        gold, answers = parts[rewrite.flips]
        gold.append(label)
        answers.append(answer)
        if rewrite.flips:
            flips.setdefault(rewrite.origin, []).append(answer != predicted[rewrite.origin])
    covered = len(right)
    all_rewrites = [ok for oks in right.values() for ok in oks[1:]]
    return ContrastScores(
        generator=contrast.generator,
        n=covered,
        coverage=_share(covered, contrast.size),
        originals=_share(sum(oks[0] for oks in right.values()), covered),
        negations=Part.of(*parts[True]),
        reframes=Part.of(*parts[False]),
        accuracy=_share(sum(all_rewrites), len(all_rewrites)),
        consistency=_share(sum(all(oks) for oks in right.values()), covered),
        negation_sensitivity=_share(sum(all(changed) for changed in flips.values()), len(flips)),
    )


def cue_slices(cues: Sequence[CueCarriers], labels: Sequence[bool], predicted: Sequence[bool]) -> list[CueSlice]:
    """Accuracy on the carriers of each cue, with their count and the share of them with the cue's label."""
    slices = []
    for cue in cues:
        cue_label = cue.label == "yes"
        slices.append(CueSlice(cue.feature, cue.kind, cue.label, len(cue.carriers),
                               _share(sum(labels[i] == cue_label for i in cue.carriers), len(cue.carriers)),
                               _share(sum(labels[i] == predicted[i] for i in cue.carriers), len(cue.carriers))))
    return slices


def evaluation_from(
    labels: Sequence[bool],
    predicted: Sequence[bool],
    *,
    form_scores: Sequence[float] | None = None,
    threshold: float = THRESHOLD,
    probe: Mapping[str, Any] | None = None,
    contrast: ContrastSet | None = None,
    rewritten: Sequence[bool] = (),
    cues: Sequence[CueCarriers] = (),
) -> Evaluation:
    """Every figure from the predictions for the eval examples (and for the rewrites of ``contrast``).

    ``form_scores``: the probe's probability of each example's own label (None: no hard subset); ``probe``
    describes the probe for the report (``fitted_on``: "eval" or "train", ``description``).
    """
    evaluation = Evaluation(Metrics.from_labels(labels, predicted))
    if form_scores is not None:
        evaluation.hard, evaluation.easy = hard_easy(labels, predicted, form_scores, threshold)
        evaluation.probe = {"fitted_on": "eval", **(probe or {}), "threshold": threshold}
    if contrast is not None:
        evaluation.contrast = contrast_scores(contrast, labels, predicted, rewritten)
    evaluation.cues = cue_slices(cues, labels, predicted)
    return evaluation


class Evaluator:
    """An eval set made ready once: labels, the probe's form scores, the contrast set and the top cues.

    ``hard``: split by a question-only probe, out-of-fold on the eval set itself (grouped folds), or, given
    ``probe_train``, fitted on those (training) examples instead. ``contrast``: rewrite with
    ``contrast_generator`` (a registered name or an instance). ``top_cues``: how many cues to slice by.
    """

    def __init__(self, data: Data, *, hard: bool = True, contrast: bool = True, threshold: float = THRESHOLD,
                 probe_train: Data | None = None, contrast_generator: str | Any = DEFAULT_GENERATOR,
                 top_cues: int = TOP_CUES, folds: int = FOLDS, seed: int = 0):
        self.examples = nonempty_examples(data, "evaluate")
        self.labels = require_labels(self.examples)
        self.threshold = threshold
        self.probe: dict[str, str] | None = None
        self.form_scores: list[float] | None = None
        self.cues: list[CueCarriers] = []
        if hard:
            train = None if probe_train is None else as_examples(probe_train)
            self.probe = ({"fitted_on": "eval", "description": f"the eval set itself, out-of-fold over {folds} "
                                                                 "folds grouped by origin"} if train is None else
                          {"fitted_on": "train", "description": f"the training set ({len(train)} examples)"})
            self.form_scores = form.form_scores(self.examples, train, folds=folds, seed=seed)
            self.cues = form.top_cues(self.examples, top_cues)
        self.contrast = contrast_set(self.examples, contrast_generator, seed=seed) if contrast else None

    @property
    def hard_size(self) -> int | None:
        """How many examples are hard (None without the probe)."""
        return None if self.form_scores is None else sum(score < self.threshold for score in self.form_scores)

    @property
    def rewrites(self) -> list[Example]:
        return [] if self.contrast is None else [rewrite.example for rewrite in self.contrast.rewrites]

    def from_predictions(self, predicted: Sequence[bool], rewritten: Sequence[bool] = ()) -> Evaluation:
        """The evaluation of the answers ``predicted`` for the eval examples and ``rewritten`` for the rewrites."""
        return evaluation_from(self.labels, predicted, form_scores=self.form_scores, threshold=self.threshold,
                               probe=self.probe, contrast=self.contrast, rewritten=rewritten, cues=self.cues)

    def score(self, model: Any, *, batch_size: int | None = None, progress: bool | None = None) -> Evaluation:
        """The evaluation of ``model`` (a folder or a loaded model): one pass over the examples and rewrites
        (``progress``: transformers' bars while loading a folder)."""
        from finetune.prediction import predict

        answers = [p.label for p in predict(model, [*self.examples, *self.rewrites], batch_size=batch_size,
                                            progress=progress)]
        return self.from_predictions(answers[: len(self.examples)], answers[len(self.examples):])


def val_evaluator(examples: Sequence[Example], *, seed: int = 0) -> Evaluator | None:
    """The :class:`Evaluator` of a val split, or None when val is empty or unlabeled; without the hard subset
    when all of val shares one origin (the probe's folds need two)."""
    if not examples or any(e.label is None for e in examples):
        return None
    from augment.audit import origin_groups

    return Evaluator(examples, hard=len(set(origin_groups(examples))) > 1, seed=seed)


def evaluation_note(evaluator: Evaluator) -> list[str]:
    """What the evaluation columns of the experiment's table mean, with their denominators (Markdown lines)."""
    n, lines = len(evaluator.examples), []
    if evaluator.probe is not None:
        lines.append(f"- **hard accuracy**: accuracy on the {evaluator.hard_size} of {n} val examples whose own "
                     f"label a question-only probe (fitted on {evaluator.probe['description']}) gives less than "
                     f"{evaluator.threshold}. Val accuracy alone rewards reading the question form: on DaNetQA "
                     "val such a probe scores 0.83 against a 0.50 majority, and its 106 questions with «не» are "
                     "all \"no\".")
    if evaluator.contrast is not None:
        contrast = evaluator.contrast
        flipped = sum(rewrite.flips for rewrite in contrast.rewrites)
        lines += [f"- **contrast accuracy**: accuracy on {len(contrast.rewrites)} rewrites ({flipped} negations, "
                  f"label flipped; {len(contrast.rewrites) - flipped} reframings, label kept; same passage) of the "
                  f"{len(contrast.covered)} of {n} val questions the {contrast.generator} rewriter covers.",
                  "- **consistency**: the share of those covered examples whose original and every rewrite are "
                  "answered right. A model that ignores negation scores near 0, and so does one that gives every "
                  "question the same answer."]
    return lines


def evaluate(model: str | os.PathLike[str] | Any, data: Data, *, hard: bool = True, contrast: bool = True,
             batch_size: int | None = None, progress: bool | None = None, **options: Any) -> Evaluation:
    """The evaluation of ``model`` (a folder or a loaded model) on labeled ``data`` (a list or a JSONL path).

    ``hard``/``contrast``: add the hard subset / the contrast set; ``options`` go to :class:`Evaluator`
    (``threshold``, ``probe_train``, ``contrast_generator``, ``top_cues``, ``folds``, ``seed``).
    """
    return Evaluator(data, hard=hard, contrast=contrast, **options).score(model, batch_size=batch_size,
                                                                           progress=progress)
