"""One audit of a yes/no data set: what every check found, as the ``audit.json`` record."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from augment.audit import checks, noise, probe
from augment.audit.cues import Cue, cue_table, rank
from augment.audit.verdict import Probes, run_probes
from augment.example import Example

TOP_CUES = 20
SIGNIFICANT = 3.0  # |z| from which a cue counts as one the data added over the reference
QUANTILES = (0.1, 0.25, 0.5, 0.75, 0.9)


@dataclass
class SetAudit:
    """Labels, probes and cues of one labeled set."""

    n: int
    labels: dict[str, int]
    probes: Probes
    table: list[Cue]

    def cues(self, top: int = TOP_CUES) -> list[Cue]:
        return rank(self.table, top=top, min_count=3)

    def to_dict(self) -> dict[str, Any]:
        return {
            "n": self.n, "labels": self.labels, "verdict": self.probes.verdict,
            "question_only": self.probes.question_only.to_dict(),
            "length_only": self.probes.length_only.to_dict(),
            "overlap": self.probes.overlap.to_dict(),
            "cues": [c.to_dict() for c in self.cues()],
        }


def audit_set(examples: Sequence[Example], *, folds: int = 5, seed: int = 0) -> SetAudit:
    """Labels, the three probes and the cue table of ``examples`` (all labeled yes or no)."""
    labels = probe.labels_of(examples)
    return SetAudit(len(examples), checks.label_counts(examples), run_probes(examples, folds=folds, seed=seed),
                    cue_table((e.question for e in examples), labels))


def added_cues(combined: SetAudit, reference: SetAudit) -> list[Cue]:
    """Cues significant (|z| >= SIGNIFICANT) in data + reference that the reference alone does not have:
    absent there, not significant there, or leaning to the other label."""
    before = {(c.kind, c.feature): c for c in reference.table}
    added = []
    for cue in combined.table:
        if cue.count < 3 or abs(cue.z) < SIGNIFICANT:
            continue
        old = before.get((cue.kind, cue.feature))
        if old is None or abs(old.z) < SIGNIFICANT or old.label != cue.label:
            added.append(cue)
    return sorted(added, key=lambda c: (-abs(c.z), c.kind, c.feature))[:TOP_CUES]


@dataclass
class Audit:
    """Everything an audit found; :meth:`to_dict` is ``audit.json``."""

    data: SetAudit
    examples: Sequence[Example]
    folds: int
    seed: int
    cells: list[checks.Cell]
    duplicates: checks.Duplicates
    leaks: list[checks.Leak] = field(default_factory=list)
    reference: SetAudit | None = None
    combined: SetAudit | None = None
    near_duplicates: list[dict[str, Any]] = field(default_factory=list)
    label_issues: dict[str, Any] | None = None

    @property
    def verdict(self) -> str:
        return self.data.probes.verdict

    @property
    def form_scores(self) -> list[float]:
        return self.data.probes.form_scores(probe.labels_of(self.examples))

    def sets(self) -> list[tuple[str, SetAudit]]:
        """The audited sets by name: the data, and with a reference also the reference and both together."""
        if self.reference is None or self.combined is None:
            return [("data", self.data)]
        return [("data", self.data), ("reference", self.reference), ("data + reference", self.combined)]

    def form_score_quantiles(self) -> dict[str, float]:
        values = probe.numpy().quantile(self.form_scores, QUANTILES)
        return {f"q{round(q * 100)}": round(float(v), 4) for q, v in zip(QUANTILES, values)}

    def added_cues(self) -> list[Cue]:
        return added_cues(self.combined, self.reference) if self.combined and self.reference else []

    def to_dict(self) -> dict[str, Any]:
        record: dict[str, Any] = {
            "tool": "augment audit", "folds": self.folds, "seed": self.seed,
            **self.data.to_dict(),
            "form_scores": self.form_score_quantiles(),
            "cells": [vars(c) for c in self.cells],
            "duplicates": self.duplicates.to_dict(),
            "leaks": [leak.to_dict() for leak in self.leaks],
        }
        if self.reference is not None and self.combined is not None:
            record["reference"] = {
                **self.reference.to_dict(),
                "combined": self.combined.to_dict(),
                "added_cues": [c.to_dict() for c in self.added_cues()],
                "near_duplicates": {"count": len(self.near_duplicates),
                                    "examples": self.near_duplicates[:checks.SHOWN]},
            }
        if self.label_issues is not None:
            record["label_issues"] = self.label_issues
        return record


def audit(examples: Sequence[Example], *, reference: Sequence[Example] | None = None,
          evaluations: Mapping[str, Sequence[Example]] | None = None,
          probabilities: Mapping[Any, float] | None = None, folds: int = 5, seed: int = 0) -> Audit:
    """Audit ``examples`` (labels yes/no): labels per provenance cell, probes and verdict, cues, duplicates,
    leaks into each of ``evaluations`` (name -> examples), side by side with ``reference``, and likely label
    errors when ``probabilities`` (idx -> P(yes) from a classifier) are given."""
    examples = list(examples)
    result = Audit(audit_set(examples, folds=folds, seed=seed), examples, folds, seed,
                   checks.label_cells(examples), checks.duplicates(examples))
    for name, evaluation in (evaluations or {}).items():
        result.leaks.append(checks.leaks(examples, evaluation, name))
    if reference is not None:
        reference = list(reference)
        result.reference = audit_set(reference, folds=folds, seed=seed)
        result.combined = audit_set([*examples, *reference], folds=folds, seed=seed)
        result.near_duplicates = checks.near_duplicates(examples, reference)
    if probabilities is not None:
        result.label_issues = noise.label_issues(examples, noise.aligned(examples, probabilities))
    return result
