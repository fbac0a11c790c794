"""Data and settings shared by the finetune tests."""

from __future__ import annotations

import contextlib
import random
from collections.abc import Iterator

from augment import Example

# fast settings for tiny models: no warmup, a high rate, small batches
FAST = {"epochs": 2, "warmup_steps": 0, "learning_rate": 1e-3, "batch_size": 8}

_QUESTIONS = ["Верно ли это?", "Так ли это на самом деле?", "Правда ли это?", "Это так?"]
_WORDS = {True: ["солнце", "светит", "ярко", "тепло", "лето", "свет", "день", "радость"],
          False: ["луна", "скрыта", "тучами", "холод", "зима", "тьма", "ночь", "дождь"]}


def passage_task(count: int, seed: int, start: int = 0) -> list[Example]:
    """Yes/no examples whose label only the passage tells (its words come from one of two vocabularies);
    each question appears with both labels, so the question alone carries no signal."""
    rng = random.Random(seed)
    examples = []
    for i in range(count):
        label = i % 2 == 0
        passage = " ".join(rng.choice(_WORDS[label]) for _ in range(rng.randint(4, 12))).capitalize() + "."
        examples.append(Example(_QUESTIONS[i // 2 % len(_QUESTIONS)], passage, label, idx=start + i))
    return examples


@contextlib.contextmanager
def one_torch_thread() -> Iterator[None]:
    """Tiny models on a shared 2-core machine: one thread avoids OpenMP spinning against other jobs."""
    import torch

    before = torch.get_num_threads()
    torch.set_num_threads(1)
    try:
        yield
    finally:
        torch.set_num_threads(before)
