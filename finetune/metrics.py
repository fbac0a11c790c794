"""Binary classification metrics with "yes" as the positive class, as the study reported them."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

# metrics that can choose the best epoch
SELECTABLE = ("accuracy", "macro_f1", "f1_yes", "f1_no")
COUNTS = ("tn", "fp", "fn", "tp")


def _ratio(numerator: int, denominator: int) -> float:
    return numerator / denominator if denominator else 0.0


def _f1(precision: float, recall: float) -> float:
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


@dataclass(frozen=True)
class Metrics:
    """The confusion counts (yes = positive) and everything derived from them; 0.0 where undefined."""

    tn: int
    fp: int
    fn: int
    tp: int

    @classmethod
    def from_labels(cls, labels: Iterable[bool], predictions: Iterable[bool]) -> Metrics:
        labels, predictions = list(labels), list(predictions)
        if len(labels) != len(predictions):
            raise ValueError(f"{len(labels)} label(s) but {len(predictions)} prediction(s)")
        counts = dict.fromkeys(COUNTS, 0)
        for label, predicted in zip(labels, predictions):
            counts[("t" if label == predicted else "f") + ("p" if predicted else "n")] += 1
        return cls(**counts)

    @classmethod
    def from_dict(cls, record: Mapping[str, Any]) -> Metrics:
        """Back from :meth:`as_dict` (or any mapping with the four counts or a ``confusion`` matrix)."""
        if "confusion" in record:
            (tn, fp), (fn, tp) = record["confusion"]
            return cls(tn=tn, fp=fp, fn=fn, tp=tp)
        return cls(**{name: int(record[name]) for name in COUNTS})

    @property
    def total(self) -> int:
        return self.tn + self.fp + self.fn + self.tp

    @property
    def accuracy(self) -> float:
        return _ratio(self.tp + self.tn, self.total)

    @property
    def precision_yes(self) -> float:
        return _ratio(self.tp, self.tp + self.fp)

    @property
    def precision_no(self) -> float:
        return _ratio(self.tn, self.tn + self.fn)

    @property
    def recall_yes(self) -> float:
        return _ratio(self.tp, self.tp + self.fn)

    @property
    def recall_no(self) -> float:
        return _ratio(self.tn, self.tn + self.fp)

    @property
    def f1_yes(self) -> float:
        return _f1(self.precision_yes, self.recall_yes)

    @property
    def f1_no(self) -> float:
        return _f1(self.precision_no, self.recall_no)

    @property
    def macro_f1(self) -> float:
        return (self.f1_yes + self.f1_no) / 2

    @property
    def confusion(self) -> list[list[int]]:
        """Rows are the true label (no, yes), columns the predicted one (no, yes)."""
        return [[self.tn, self.fp], [self.fn, self.tp]]

    def scores(self) -> dict[str, float]:
        """Every derived score by name (what the Trainer logs each epoch)."""
        names = ("accuracy", "precision_yes", "precision_no", "recall_yes", "recall_no", "f1_yes", "f1_no",
                 "macro_f1")
        return {name: getattr(self, name) for name in names}

    def as_dict(self) -> dict[str, Any]:
        return {**self.scores(), "confusion": self.confusion, "total": self.total}
