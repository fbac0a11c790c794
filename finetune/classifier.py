"""The ``finetune`` method: a sequence-classification head on the (question, passage) pair, all weights trained."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from augment.example import Example
from augment.optional import require
from finetune.encoding import Features, encode_pairs
from finetune.presets import TrainConfig
from finetune.results import Fit
from finetune.scoring import Scorer
from finetune.trainer import run_trainer

ID2LABEL = {0: "no", 1: "yes"}
LABEL2ID = {name: i for i, name in ID2LABEL.items()}


@contextlib.contextmanager
def _errors_only(transformers: Any) -> Iterator[None]:
    """transformers logs only errors inside the block (its verbosity is restored after)."""
    verbosity = transformers.logging.get_verbosity()
    transformers.logging.set_verbosity_error()
    try:
        yield
    finally:
        transformers.logging.set_verbosity(verbosity)


def _tokenizer_and_model(path: str | os.PathLike[str]) -> tuple[Any, Any]:
    transformers = require("transformers", "finetune")
    tokenizer = transformers.AutoTokenizer.from_pretrained(path)
    # a new classification head on a pretrained encoder is the point here, not a problem to report
    # (transformers would print a "LOAD REPORT" table of missing and unexpected keys for every run)
    with _errors_only(transformers):
        model = transformers.AutoModelForSequenceClassification.from_pretrained(
            path, num_labels=2, id2label=ID2LABEL, label2id=LABEL2ID
        )
    if tokenizer.pad_token is None:  # GPT-style tokenizers
        tokenizer.pad_token = tokenizer.eos_token
        model.config.pad_token_id = tokenizer.pad_token_id
    return tokenizer, model


def fit(
    config: TrainConfig,
    model_path: str,
    train: Sequence[Example],
    dev: Sequence[Example],
    output_dir: Path,
    progress: bool | None = None,
) -> Fit:
    """Fine-tune the model at ``model_path`` (its classification head initialised from ``config.seed``)."""
    tokenizer, model = _tokenizer_and_model(model_path)

    def encode(examples: Sequence[Example]) -> list[Features]:
        return encode_pairs(tokenizer, examples, config.max_length)

    return run_trainer(config, model, tokenizer, encode, train, dev, output_dir, progress=progress)


class Classifier(Scorer):
    """A fine-tuned classifier loaded from its folder: P(yes) for (question, passage) pairs."""

    def load(self, folder: Path) -> tuple[Any, Any]:
        return _tokenizer_and_model(folder)

    def features(self, examples: Sequence[Example]) -> list[Features]:
        return encode_pairs(self.tokenizer, examples, self.config.max_length)


def load(model_dir: str | os.PathLike[str], **options: Any) -> Classifier:
    return Classifier(model_dir, **options)
