"""An offline stand-in for ruGPT-3: a tiny GPT-2 that has read some passages and questions for a few seconds."""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

from augment.example import Example
from augment.ptune.template import ANSWER_WORDS, label_name, prompt_text
from augment.tiny_models import build_tiny_model, pretrain_causal_lm


def first_sentence(text: str) -> str:
    """The first sentence of ``text`` (razdel's segmentation)."""
    from razdel import sentenize

    return next(sentenize(text)).text if text.strip() else text


def build_tiny_question_lm(
    examples: Sequence[Example],
    path: str | os.PathLike[str],
    *,
    steps: int = 200,
    learning_rate: float = 1e-2,
    max_tokens: int = 64,
    seed: int = 0,
) -> Path:
    """Build a tiny GPT-2 (:func:`augment.tiny_models.build_tiny_model`) and pretrain it on the examples'
    passages and on each labeled example's question asked about the first sentence of its passage, in the
    template's words.

    A real ruGPT-3 knows Russian and has seen questions asked about texts; this gives the tiny model a
    little of that, so that a prompt trained on it has something to steer (a model that has never seen a
    question cannot be prompted into asking one). ``max_tokens`` bounds each pretraining text.
    """
    examples = list(examples)
    build_tiny_model("gpt2", [t for e in examples for t in (e.question, e.passage)], path, seed=seed)
    asked = [prompt_text(first_sentence(e.passage), ANSWER_WORDS[label_name(e.label)]) + " " + e.question
             for e in examples if e.label is not None]
    return pretrain_causal_lm(path, [*asked, *(e.passage for e in examples)], steps=steps,
                              learning_rate=learning_rate, max_tokens=max_tokens, seed=seed)
