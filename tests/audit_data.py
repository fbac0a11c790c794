"""Data sets for the audit tests, built from the embedded sample (no DaNetQA needed)."""

from __future__ import annotations

import random

from razdel import sentenize

from augment import Example


def naive_negation(sample: list[Example]) -> list[Example]:
    """The study's rule-based recipe over the sample's passages: each sentence becomes «Правда ли, что
    <sentence>?» (yes) and the same with «не» inserted mid-sentence (no), the passage being the sentence."""
    out = []
    for example in sample:
        for i, sentence in enumerate(sentenize(example.passage)):
            words = sentence.text.rstrip(".").split()
            if len(words) < 4:
                continue
            negated = [*words[: len(words) // 2], "не", *words[len(words) // 2:]]
            for label, tokens in ((True, words), (False, negated)):
                text = " ".join(tokens)
                out.append(Example(f"Правда ли, что {text[0].lower()}{text[1:]}?", sentence.text, label,
                                   f"{example.idx}.{i}.{'yes' if label else 'no'}", {"source_idx": example.idx}))
    return out


def random_labels(examples: list[Example], seed: int = 0) -> list[Example]:
    """The same questions with labels drawn independently of them."""
    rng = random.Random(seed)
    return [Example(e.question, e.passage, rng.random() < 0.5, e.idx, dict(e.meta)) for e in examples]


def twice(examples: list[Example]) -> list[Example]:
    """Every example present twice with the same label (the copy has its own idx, same passage)."""
    return [Example(e.question, e.passage, e.label, f"{e.idx}#{copy}", dict(e.meta))
            for e in examples for copy in (1, 2)]
