"""``finetune.predict``: a trained model applied to examples, pairs encoded as in training; its plain metrics."""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Any

from augment.example import Example, Idx
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


def _scorer(model: Model, batch_size: int | None, progress: bool | None) -> Any:
    if isinstance(model, str | os.PathLike):
        return load_model(model, batch_size=batch_size, progress=progress)
    return model


def nonempty_examples(data: Data, task: str) -> list[Example]:
    """The examples of ``data``; a one-line error naming ``task`` when there are none."""
    examples = as_examples(data)
    if not examples:
        source = f"{data} has no records" if isinstance(data, str | os.PathLike) else "no examples given"
        raise ValueError(f"nothing to {task}: {source}")
    return examples


def predict(model: Model, examples: Data, *, batch_size: int | None = None, threshold: float = 0.5,
            progress: bool | None = None) -> list[Prediction]:
    """Predictions for ``examples`` (a list or a JSONL path) in input order; ``model`` is a folder or a loaded model
    (``progress``: transformers' bars while loading it; default: when stderr is a terminal)."""
    examples = nonempty_examples(examples, "predict")
    probabilities = _scorer(model, batch_size, progress).probabilities(examples)
    return [Prediction(e.idx, p >= threshold, p) for e, p in zip(examples, probabilities)]


def metrics_on(model: Model, examples: Data, *, batch_size: int | None = None,
               progress: bool | None = None) -> Metrics:
    """Metrics of ``model`` on labeled ``examples`` (``finetune.evaluate`` adds what form cues cannot fool;
    ``progress`` as in :func:`predict`)."""
    examples = nonempty_examples(examples, "evaluate")
    if any(e.label is None for e in examples):
        raise ValueError("evaluate needs labeled examples (the official test split has none: use predict)")
    predictions = predict(model, examples, batch_size=batch_size, progress=progress)
    return Metrics.from_labels([e.label for e in examples], [p.label for p in predictions])
