"""``finetune.predict``: a trained model applied to examples, pairs encoded as in training; its plain metrics."""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Any

from augment.example import Idx
from finetune.metrics import Metrics
from finetune.results import saved_config
from finetune.training import Data, as_examples, method_module

Model = str | os.PathLike[str] | Any


@dataclass(frozen=True)
class Prediction:
    """The predicted answer for the example with ``idx``: ``label`` True = yes, with P(yes)."""

    idx: Idx | None
    label: bool
    probability: float


def load_model(model_dir: str | os.PathLike[str], **options: Any) -> Any:
    """The trained model in ``model_dir``, loaded by the method that trained it (see ``finetune.json``)."""
    return method_module(saved_config(model_dir).method).load(model_dir, **options)


def _scorer(model: Model, batch_size: int | None) -> Any:
    if isinstance(model, str | os.PathLike):
        return load_model(model, batch_size=batch_size)
    return model


def predict(model: Model, examples: Data, *, batch_size: int | None = None, threshold: float = 0.5) -> list[Prediction]:
    """Predictions for ``examples`` (a list or a JSONL path) in input order; ``model`` is a folder or a loaded model."""
    examples = as_examples(examples)
    probabilities = _scorer(model, batch_size).probabilities(examples)
    return [Prediction(e.idx, p >= threshold, p) for e, p in zip(examples, probabilities)]


def metrics_on(model: Model, examples: Data, *, batch_size: int | None = None) -> Metrics:
    """Metrics of ``model`` on labeled ``examples`` (``finetune.evaluate`` adds what form cues cannot fool)."""
    examples = as_examples(examples)
    if any(e.label is None for e in examples):
        raise ValueError("evaluate needs labeled examples (the official test split has none: use predict)")
    return Metrics.from_labels([e.label for e in examples], [p.label for p in predict(model, examples,
                                                                                     batch_size=batch_size)])
