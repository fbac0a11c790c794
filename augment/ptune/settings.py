"""Settings of p-tuning and of generation, as plain dataclasses (stored in a saved prompt's JSON config)."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any, Literal

from augment.ptune.template import label_name

Scheduler = Literal["linear", "cosine", "constant_with_warmup"]


@dataclass(frozen=True)
class TrainingSettings:
    """How the prompt is trained (HF ``Trainer``; the backbone stays frozen).

    The defaults follow peft's p-tuning guides (MLP encoder, lr 1e-3) with a cosine schedule, an eval each
    epoch and early stopping. :meth:`study` gives the settings of the 2023 study instead.
    """

    learning_rate: float = 1e-3
    num_epochs: float = 10
    max_steps: int = -1  # > 0 overrides num_epochs
    batch_size: int = 8
    gradient_accumulation_steps: int = 1
    warmup_steps: int = 100
    scheduler: Scheduler = "cosine"
    weight_decay: float = 0.0
    early_stopping_patience: int | None = 3  # evals without improvement; None: never stop early
    save_total_limit: int = 2
    seed: int = 0

    @classmethod
    def study(cls) -> TrainingSettings:
        """The study's settings: AdamW, lr 0.1 (meant for an LSTM encoder), cosine schedule with 500 warmup
        steps, 2,500 steps, batch 4 x gradient accumulation 4, best checkpoint by eval loss."""
        return cls(learning_rate=0.1, max_steps=2500, batch_size=4, gradient_accumulation_steps=4,
                   warmup_steps=500, scheduler="cosine")

    def replace(self, **changes: Any) -> TrainingSettings:
        """A copy with the given settings changed."""
        unknown = set(changes) - {f.name for f in dataclasses.fields(self)}
        if unknown:
            raise TypeError(f"unknown training setting(s): {', '.join(sorted(unknown))}")
        return dataclasses.replace(self, **changes)


@dataclass(frozen=True)
class GenerationSettings:
    """How questions are decoded. ``n`` questions per (passage, label); greedy decoding gives one.

    ``do_sample`` draws from the top-``top_p`` mass at ``temperature``; ``num_beams > 1`` runs beam search
    (then ``n <= num_beams``). Generation stops at the end-of-text token or after ``max_new_tokens``.
    """

    labels: tuple[str, ...] = ("yes", "no")
    n: int = 1
    do_sample: bool = True
    temperature: float = 1.0
    top_p: float = 0.9
    num_beams: int = 1
    max_new_tokens: int = 40
    batch_size: int = 16

    def __post_init__(self) -> None:
        object.__setattr__(self, "labels", tuple(label_name(label) for label in self.labels))
        if not self.labels:
            raise ValueError("labels must name at least one of 'yes', 'no'")
        for name in ("n", "num_beams", "max_new_tokens", "batch_size"):
            if not isinstance(getattr(self, name), int) or getattr(self, name) < 1:
                raise ValueError(f"{name} must be a positive integer, got {getattr(self, name)!r}")
        if not self.temperature > 0:
            raise ValueError(f"temperature must be > 0, got {self.temperature}")
        if not 0 < self.top_p <= 1:
            raise ValueError(f"top_p must be in (0, 1], got {self.top_p}")
        if self.do_sample and self.num_beams > 1:
            raise ValueError("choose sampling (do_sample) or beam search (num_beams > 1), not both")
        if not self.do_sample and self.n > self.num_beams:
            raise ValueError(f"n={self.n} distinct questions need do_sample=True or num_beams >= n "
                             f"(greedy decoding gives one question)")

    def replace(self, **changes: Any) -> GenerationSettings:
        """A copy with the given settings changed (``None`` leaves a setting as it is); asking for beams
        without saying ``do_sample`` turns sampling off."""
        changes = {k: v for k, v in changes.items() if v is not None}
        if changes.get("num_beams", 1) > 1:
            changes.setdefault("do_sample", False)
        return dataclasses.replace(self, **changes)

    def decoding(self) -> dict[str, Any]:
        """The parameters that decide the decoded text (recorded in each generated example's meta)."""
        keys = ("do_sample", "temperature", "top_p", "num_beams", "max_new_tokens") if self.do_sample else (
            "do_sample", "num_beams", "max_new_tokens")
        return {key: getattr(self, key) for key in keys}

    def to_dict(self) -> dict[str, Any]:
        return {**dataclasses.asdict(self), "labels": list(self.labels)}
