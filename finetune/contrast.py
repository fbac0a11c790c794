"""Contrast sets: each eval example next to its rewrites with the same passage, labels following the rewrite.

A rewrite whose operation flips the label (``LabelEffect.FLIP``: the negation of the question) must flip a
model's answer; one that keeps it (``KEEP``: the same question reframed) must not. Any registered generator
with such operations can rewrite; by default the rule-based one (negate → label flipped, reframe → kept).
"""

from __future__ import annotations

import dataclasses
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import augment
from augment.example import Example, LabelEffect

DEFAULT_GENERATOR = "rule_based"
# a contrast set wants every rewrite the rules can make: no outputs dropped to balance the labels
DEFAULT_OPTIONS: Mapping[str, Mapping[str, Any]] = {"rule_based": {"balance": False}}
REWRITES = (LabelEffect.FLIP, LabelEffect.KEEP)


@dataclass(frozen=True)
class Rewrite:
    """``example``, rewritten from the eval example at position ``origin``; ``flips``: its label was flipped."""

    origin: int
    example: Example
    flips: bool


@dataclass
class ContrastSet:
    """The rewrites of an eval set of ``size`` examples made by ``generator``, in input order, and the
    generator's outputs left out (by reason)."""

    generator: str
    size: int
    rewrites: list[Rewrite]
    skipped: Counter[str] = field(default_factory=Counter)

    @property
    def covered(self) -> list[int]:
        """Positions of the eval examples with at least one rewrite, ascending."""
        return sorted({rewrite.origin for rewrite in self.rewrites})


def rewriter(generator: str | augment.Generator = DEFAULT_GENERATOR, *, seed: int = 0,
             **options: Any) -> augment.Generator:
    """The generator that makes contrast sets: an instance as is, or the registered one named ``generator``
    (created with ``seed`` and ``options``); it must have an operation that flips or keeps the label."""
    if isinstance(generator, str):
        generator = augment.create(generator, seed=seed, **{**DEFAULT_OPTIONS.get(generator, {}), **options})
    if not any(effect in REWRITES for effect in generator.label_effects.values()):
        raise ValueError(f"generator {generator.name!r} cannot make contrast sets: none of its operations "
                         f"({', '.join(generator.label_effects)}) flips or keeps the label")
    return generator


def contrast_set(examples: Sequence[Example], generator: str | augment.Generator = DEFAULT_GENERATOR, *,
                 seed: int = 0, **options: Any) -> ContrastSet:
    """The rewrites of ``examples`` by ``generator`` (see :func:`rewriter`) that keep the passage and come from
    an operation that flips or keeps the label; other outputs are counted in ``skipped``."""
    generator = rewriter(generator, seed=seed, **options)
    ids = [e.idx for e in examples]
    if None in ids or len(set(ids)) < len(ids):  # outputs are matched to inputs by idx: make it unique
        examples = [dataclasses.replace(e, idx=position) for position, e in enumerate(examples)]
    position = {e.idx: i for i, e in enumerate(examples)}
    rewrites, skipped = [], Counter()
    for output in generator.generate(examples):
        origin = position[output.meta["parent_idx"]]
        effect = generator.label_effects[output.meta["operation"]]
        if effect not in REWRITES:
            skipped[f"{output.meta['operation']}: sets the label"] += 1
        elif output.passage != examples[origin].passage:
            skipped[f"{output.meta['operation']}: changes the passage"] += 1
        else:
            rewrites.append(Rewrite(origin, output, effect is LabelEffect.FLIP))
    return ContrastSet(generator.name, len(examples), rewrites, skipped)
