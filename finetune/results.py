"""What a training run leaves behind: the files in its folder, and the result types of ``finetune.train``."""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from finetune.presets import TrainConfig

CONFIG_FILE = "finetune.json"
METRICS_FILE = "metrics.jsonl"
MODEL_DIR = "model"


@dataclass
class Fit:
    """What a method's ``fit`` reports: per-epoch rows (as in metrics.jsonl), the best epoch, the step count."""

    history: list[dict[str, Any]]
    best_epoch: int
    total_steps: int


@dataclass
class TrainResult:
    """A finished training run: the best checkpoint in ``model_dir`` and what happened on the way."""

    output_dir: Path
    config: TrainConfig
    history: list[dict[str, Any]]
    best_epoch: int
    total_steps: int
    train_size: int
    dev_size: int
    removed: dict[str, int] = field(default_factory=dict)

    @property
    def model_dir(self) -> Path:
        return self.output_dir / MODEL_DIR

    @property
    def best(self) -> dict[str, Any]:
        """The metrics row of the chosen epoch."""
        return next(row for row in self.history if row["epoch"] == self.best_epoch)


def saved_config(model_dir: str | os.PathLike[str]) -> TrainConfig:
    """The settings a model in ``model_dir`` was trained with."""
    path = Path(model_dir) / CONFIG_FILE
    if not path.is_file():
        raise FileNotFoundError(f"{model_dir} is not a model trained by finetune (no {CONFIG_FILE})")
    return TrainConfig(**json.loads(path.read_text(encoding="utf-8")))
