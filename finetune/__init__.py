"""Fine-tuning ruBERT / ruRoBERTa on DaNetQA and augmented sets (needs the ``finetune`` extra).

Importing this package is light (no torch, no transformers); training and prediction load them on first use.
"""

from __future__ import annotations

import importlib
from typing import Any

from finetune.metrics import Metrics
from finetune.presets import PRESETS, TrainConfig, make_config

__version__ = "0.1.0"

# public name -> module that defines it, imported on first access
_LAZY = {
    "train": "finetune.training",
    "TrainResult": "finetune.results",
    "evaluate": "finetune.evaluation",
    "Evaluation": "finetune.evaluation",
    "Evaluator": "finetune.evaluation",
    "contrast_set": "finetune.contrast",
    "predict": "finetune.prediction",
    "load_model": "finetune.prediction",
    "Prediction": "finetune.prediction",
    "write_submission": "finetune.submission",
    "run_protocol": "finetune.protocol",
    "run_experiment": "finetune.experiment",
    "load_splits": "finetune.experiment",
    "hold_out": "finetune.split",
    "remove_leaks": "finetune.split",
}

__all__ = ["PRESETS", "Metrics", "TrainConfig", "make_config", *_LAZY]


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'finetune' has no attribute {name!r}")
