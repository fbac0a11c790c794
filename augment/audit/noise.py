"""Likely label errors, ranked by cleanlab's confident learning from a classifier's probabilities."""

from __future__ import annotations

import json
import math
import os
from collections.abc import Sequence
from typing import Any

from augment.audit import probe
from augment.example import Example, Idx
from augment.jsonl import DataError

KEYS = ("probability", "p_yes")  # the field that holds P(yes) in a probabilities file


def read_probabilities(path: str | os.PathLike[str]) -> dict[Idx, float]:
    """P(yes) per idx from a JSONL file of ``{"idx": ..., "probability": p}`` lines (``p_yes`` also read)."""
    found: dict[Idx, float] = {}
    with open(path, encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
                key = next(k for k in KEYS if k in record)
                idx, value = record["idx"], float(record[key])
            except (ValueError, KeyError, StopIteration, TypeError) as error:
                raise DataError(path, number, None, f"needs idx and one of {', '.join(KEYS)} ({error!r})") from None
            if not 0.0 <= value <= 1.0 or math.isnan(value):
                raise DataError(path, number, key, f"a probability must lie in [0, 1], got {value}")
            if idx in found:
                raise DataError(path, number, "idx", f"idx {idx!r} appears twice")
            found[idx] = value
    return found


def aligned(examples: Sequence[Example], probabilities: dict[Idx, float]) -> list[float]:
    """P(yes) of each example, in order; every example needs its idx in ``probabilities``."""
    missing = [e.idx for e in examples if e.idx not in probabilities]
    if missing:
        raise ValueError(f"{len(missing)} example(s) have no probability, e.g. idx {missing[0]!r}")
    return [probabilities[e.idx] for e in examples]  # type: ignore[index]


def label_issues(examples: Sequence[Example], proba_yes: Sequence[float], *, top: int = 20) -> dict[str, Any]:
    """How many labels cleanlab's ``find_label_issues`` flags, and the ``top`` of them, most likely first."""
    np = probe.numpy()
    cleanlab_filter = probe.require("cleanlab.filter", probe.EXTRA)
    labels = np.asarray(probe.labels_of(examples), dtype=int)
    if len(set(labels.tolist())) < 2:
        raise ValueError("ranking label errors needs examples of both labels")
    p = np.asarray(proba_yes, dtype=float)
    ranked = cleanlab_filter.find_label_issues(labels, np.column_stack([1.0 - p, p]),
                                               return_indices_ranked_by="self_confidence", n_jobs=1)
    return {
        "flagged": len(ranked),
        "examples": [{"idx": examples[i].idx, "question": examples[i].question, "label": bool(labels[i]),
                      "p_label": round(float(p[i] if labels[i] else 1.0 - p[i]), 4)} for i in ranked[:top]],
    }
