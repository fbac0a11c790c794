"""The figures the 2023 study reported (docs: SEED.md), to print next to reproduced ones."""

from __future__ import annotations

from typing import Any

from finetune.presets import PRESETS

# (method, preset, train set) -> reported figures; P/R/F1 as (yes, no). Test = leaderboard accuracy.
REPORTED: dict[tuple[str, str, str], dict[str, Any]] = {
    ("finetune", "rubert", "danetqa"): {"val": 0.52, "test": 0.503, "P": (0.51, 0.67), "R": (0.96, 0.08),
                                        "F1": (0.67, 0.14)},
    ("finetune", "rubert", "danetqa+rb"): {"val": 0.60, "test": 0.522, "P": (0.57, 0.71), "R": (0.85, 0.35),
                                           "F1": (0.68, 0.47)},
    ("finetune", "rubert", "danetqa+pt"): {"val": 0.63, "test": 0.523, "P": (0.59, 0.73), "R": (0.90, 0.50),
                                           "F1": (0.75, 0.62)},
    ("finetune", "ruroberta", "danetqa"): {"val": 0.75, "test": 0.645, "P": (0.68, 0.91), "R": (0.94, 0.56),
                                           "F1": (0.79, 0.69)},
    ("finetune", "ruroberta", "danetqa+rb"): {"val": 0.70, "test": 0.57, "P": (0.63, 0.95), "R": (0.98, 0.43),
                                              "F1": (0.77, 0.59)},
    ("finetune", "ruroberta", "danetqa+pt"): {"val": 0.79, "test": 0.67, "P": (0.80, 0.79), "R": (0.78, 0.80),
                                              "F1": (0.79, 0.79)},
    ("ptuning", "rubert", "danetqa"): {"val": 0.673, "test": 0.643},
    ("ptuning", "rubert", "danetqa+rb"): {"val": 0.705, "test": 0.671},
    ("ptuning", "rubert", "danetqa+pt"): {"val": 0.73, "test": 0.714},
    ("ptuning", "ruroberta", "danetqa"): {"val": 0.79, "test": 0.78},
    ("ptuning", "ruroberta", "danetqa+rb"): {"val": 0.80, "test": 0.783},
    ("ptuning", "ruroberta", "danetqa+pt"): {"val": 0.82, "test": 0.817},
}


def reported(method: str, model: str, train_set: str) -> dict[str, Any] | None:
    """The study's figures for this cell of the grid, if it had one (``model``: preset name or its hub id)."""
    preset = next((name for name, config in PRESETS.items() if model in (name, config.model)), model)
    return REPORTED.get((method, preset, train_set))
