"""The one encoding of a (question, passage) pair, shared by training, evaluation and prediction.

The question comes first and is kept whole whenever it fits with some passage: the passage is truncated to fit
``max_length``. Only a question that alone leaves no room for the passage is cut (to leave one passage token),
with a warning that counts such examples. (The study predicted with ``pipeline(question, passage)``, which drops
the passage: prediction here goes through the same function as training, so the model always sees both.)
"""

from __future__ import annotations

import warnings
from collections.abc import Callable, Sequence
from typing import Any

from augment.example import Example

Features = dict[str, Any]  # token ids and what else the model takes, per example


def warn_cut_questions(count: int, max_length: int) -> None:
    """The warning for ``count`` questions cut because alone they leave no room for the passage."""
    if count:
        warnings.warn(f"{count} question(s) alone leave no room for the passage in max_length {max_length} tokens: "
                      "cut to leave one passage token", stacklevel=3)


def encode_pairs(tokenizer: Any, examples: Sequence[Example], max_length: int) -> list[Features]:
    """Token ids (no padding) of each (question, passage) pair: the passage truncated first, the question only
    when it alone leaves no room for a passage token (counted in a warning)."""
    questions = [e.question for e in examples]
    passages = [e.passage for e in examples]
    question_ids = tokenizer(questions, add_special_tokens=False)["input_ids"]
    room = max_length - tokenizer.num_special_tokens_to_add(pair=True)
    if room < 2:
        raise ValueError(f"max_length {max_length} leaves no room for a question and a passage")
    overlong = [i for i, ids in enumerate(question_ids) if len(ids) >= room]
    if overlong:  # the passage shrinks to its first token, and the question is cut to fit beside it
        firsts = tokenizer([passages[i] for i in overlong], add_special_tokens=False)["input_ids"]
        passages = list(passages)
        for i, ids in zip(overlong, firsts):
            passages[i] = tokenizer.decode(ids[:1]).strip()
        warn_cut_questions(len(overlong), max_length)
    features: list[Features | None] = [None] * len(examples)
    for strategy, chosen in (("only_second", [i for i in range(len(examples)) if i not in set(overlong)]),
                             ("only_first", overlong)):
        if chosen:
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
