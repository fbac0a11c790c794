"""Label balancing shared by question negation and generation from text.

Outputs fall into cells (what a question-only classifier can see: rule, form, «не» ...). Within each cell the
commoner label is kept with probability rarer/commoner, so that no cell tells the label.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable, Mapping
from dataclasses import dataclass, field
from typing import TypeVar

from augment.summary import label_name
from augment.text import has_negation

Cell = TypeVar("Cell", bound=Hashable)
NEGATION_MARKS = "«не/нет/ни»"  # how the tables name the words :func:`has_negation` looks for


def keep_rates(counts: Mapping[Cell, Counter[bool]]) -> dict[Cell, dict[bool, float]]:
    """Per cell, the probability of keeping an output of each label: 1 for the rarer, rarer/commoner else."""
    rates = {}
    for cell, counter in counts.items():
        rarer = min(counter[True], counter[False])
        rates[cell] = {label: rarer / counter[label] if counter[label] else 0.0 for label in (True, False)}
    return rates


def merge_label_counts(*parts: Mapping[Cell, Counter[bool]]) -> dict[Cell, Counter[bool]]:
    """Label counts per cell summed over ``parts`` (partial counts of shards of one input merge exactly)."""
    merged: dict[Cell, Counter[bool]] = {}
    for part in parts:
        for cell, counter in part.items():
            merged.setdefault(cell, Counter()).update(counter)
    return merged


def kept(rates: Mapping[Cell, Mapping[bool, float]], cell: Cell, label: bool, draw: float) -> bool:
    """Whether an output of ``label`` in ``cell`` survives balancing, given its uniform ``draw`` in [0, 1)."""
    return draw < rates.get(cell, {}).get(label, 0.0)


def share(part: int, whole: int) -> str:
    """``part`` as a percentage of ``whole`` («-» when there is none)."""
    return f"{part / whole:.1%}" if whole else "-"


@dataclass
class LabelBalance:
    """Labels of the outputs, overall and among questions with «не/нет/ни»: the shortcut a classifier can learn."""

    labels: Counter[str] = field(default_factory=Counter)
    negated: Counter[str] = field(default_factory=Counter)

    def add(self, label: bool | None, question: str) -> None:
        name = label_name(label)
        self.labels[name] += 1
        if has_negation(question):
            self.negated[name] += 1

    def rows(self, noun: str) -> list[tuple[str, str]]:
        """Table rows: each label's share, the share of ``noun`` with «не», and P(yes) with and without it."""
        total, negated = sum(self.labels.values()), sum(self.negated.values())
        return [
            *((f"label {name}", f"{n} ({share(n, total)})") for name, n in sorted(self.labels.items())),
            (f"{noun} with {NEGATION_MARKS}", f"{negated} ({share(negated, total)})"),
            (f"P(yes | {NEGATION_MARKS})", share(self.negated["yes"], negated)),
            (f"P(yes | no {NEGATION_MARKS})", share(self.labels["yes"] - self.negated["yes"], total - negated)),
        ]
