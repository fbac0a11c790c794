"""What every training method's loaded model shares: P(yes) for examples, batched by length."""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from augment.example import Example
from augment.optional import require
from augment.progress import transformers_bars
from finetune.encoding import Features, collator
from finetune.results import saved_config


class Scorer:
    """A trained model loaded from its folder, in evaluation mode. Subclasses say how the tokenizer and the
    model (whose output has ``logits`` over [no, yes]) load, and how examples are encoded (as in training)."""

    def __init__(self, model_dir: str | os.PathLike[str], batch_size: int | None = None, device: str | None = None,
                 progress: bool | None = None):
        torch = require("torch", "finetune")
        self.config = saved_config(model_dir)
        self.batch_size = batch_size or self.config.eval_batch_size or self.config.batch_size
        self.device = device or ("cuda" if torch.cuda.is_available() else "cpu")
        with transformers_bars(progress):
            self.tokenizer, self.model = self.load(Path(model_dir))
        self.model.to(self.device).eval()

    def load(self, folder: Path) -> tuple[Any, Any]:
        """The tokenizer and the model saved in ``folder``."""
        raise NotImplementedError

    def features(self, examples: Sequence[Example]) -> list[Features]:
        raise NotImplementedError

    def probabilities(self, examples: Sequence[Example]) -> list[float]:
        """P(yes) for each example, in input order (batched by length: little padding)."""
        torch = require("torch", "finetune")
        collate = collator(self.tokenizer)
        features = self.features(examples)
        order = sorted(range(len(features)), key=lambda i: len(features[i]["input_ids"]))
        scores = [0.0] * len(features)
        with torch.inference_mode():
            for start in range(0, len(order), self.batch_size):
                chunk = order[start : start + self.batch_size]
                batch = collate([features[i] for i in chunk]).to(self.device)
                probabilities = self.model(**batch).logits.float().softmax(-1)[:, 1]
                for i, p in zip(chunk, probabilities.tolist()):
                    scores[i] = p
        return scores
