"""The ``finetune`` method: a sequence-classification head on the (question, passage) pair, all weights trained."""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from augment.example import Example
from augment.optional import require
from finetune.encoding import collator, encode_pairs, labeled_features
from finetune.presets import TrainConfig
from finetune.training import Fit, run_trainer, saved_config

ID2LABEL = {0: "no", 1: "yes"}
LABEL2ID = {name: i for i, name in ID2LABEL.items()}


def _tokenizer_and_model(path: str | os.PathLike[str]) -> tuple[Any, Any]:
    transformers = require("transformers", "finetune")
    tokenizer = transformers.AutoTokenizer.from_pretrained(path)
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
    transformers = require("transformers", "finetune")
    transformers.set_seed(config.seed)  # the caller isolates the global random state
    tokenizer, model = _tokenizer_and_model(model_path)
    return run_trainer(
        config, model, tokenizer,
        labeled_features(tokenizer, train, config.max_length),
        labeled_features(tokenizer, dev, config.max_length),
        output_dir, data_collator=collator(tokenizer), progress=progress,
    )


class Classifier:
    """A fine-tuned classifier loaded from its folder: P(yes) for (question, passage) pairs."""

    def __init__(self, model_dir: str | os.PathLike[str], batch_size: int | None = None, device: str | None = None):
        torch = require("torch", "finetune")
        self.config = saved_config(model_dir)
        self.batch_size = batch_size or self.config.eval_batch_size or self.config.batch_size
        self.device = device or ("cuda" if torch.cuda.is_available() else "cpu")
        self.tokenizer, self.model = _tokenizer_and_model(model_dir)
        self.model.to(self.device).eval()
        self.collate = collator(self.tokenizer)

    def probabilities(self, examples: Sequence[Example]) -> list[float]:
        """P(yes) for each example, in input order (batched by length: little padding)."""
        torch = require("torch", "finetune")
        features = encode_pairs(self.tokenizer, examples, self.config.max_length)
        order = sorted(range(len(features)), key=lambda i: len(features[i]["input_ids"]))
        scores = [0.0] * len(features)
        with torch.inference_mode():
            for start in range(0, len(order), self.batch_size):
                chunk = order[start : start + self.batch_size]
                batch = self.collate([features[i] for i in chunk]).to(self.device)
                probabilities = self.model(**batch).logits.float().softmax(-1)[:, LABEL2ID["yes"]]
                for i, p in zip(chunk, probabilities.tolist()):
                    scores[i] = p
        return scores


def load(model_dir: str | os.PathLike[str], **options: Any) -> Classifier:
    return Classifier(model_dir, **options)
