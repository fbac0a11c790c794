"""The one encoding of a (question, passage) pair, shared by training, evaluation and prediction.

The question comes first and is kept whole; only the passage is truncated to fit ``max_length``. (The study
predicted with ``pipeline(question, passage)``, which drops the passage: prediction here goes through the
same function as training, so the model always sees both.)
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from augment.example import Example

Features = dict[str, Any]  # token ids and what else the model takes, per example


def encode_pairs(tokenizer: Any, examples: Sequence[Example], max_length: int) -> list[Features]:
    """Token ids (no padding) of each (question, passage) pair, passage truncated.

    A question too long to leave room for the passage (over half of ``max_length``) is cut too, rather than
    failing the batch.
    """
    questions = [e.question for e in examples]
    passages = [e.passage for e in examples]
    lengths = [len(ids) for ids in tokenizer(questions, add_special_tokens=False)["input_ids"]]
    features: list[Features | None] = [None] * len(examples)
    for strategy, keep in (("only_second", True), ("longest_first", False)):
        chosen = [i for i, n in enumerate(lengths) if (n <= max_length // 2) == keep]
        if not chosen:
            continue
        encoded = tokenizer([questions[i] for i in chosen], [passages[i] for i in chosen],
                            truncation=strategy, max_length=max_length)
        for row, i in enumerate(chosen):
            features[i] = {name: values[row] for name, values in encoded.items()}
    return features  # type: ignore[return-value]


Encode = Callable[[Sequence[Example]], list[Features]]


def labeled_features(examples: Sequence[Example], encode: Encode) -> list[Features]:
    """``encode(examples)`` (e.g. :func:`encode_pairs`) plus ``labels`` (1 = yes, 0 = no); every example must have
    a label."""
    unlabeled = [e.idx for e in examples if e.label is None]
    if unlabeled:
        raise ValueError(f"{len(unlabeled)} training/evaluation example(s) have no label, e.g. idx {unlabeled[0]!r}")
    features = encode(examples)
    for feature, example in zip(features, examples):
        feature["labels"] = int(example.label)  # type: ignore[assignment, arg-type]
    return features


def collator(tokenizer: Any) -> Any:
    """Dynamic padding: each batch padded to its own longest pair."""
    from transformers import DataCollatorWithPadding

    return DataCollatorWithPadding(tokenizer)
