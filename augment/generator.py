"""The generator protocol and the registry that lets composition and the CLI find generators by name."""

from __future__ import annotations

import importlib
import random
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import Any, ClassVar, TypeVar

from augment.example import Example, LabelEffect
from augment.seeding import derive_rng


class Generator(ABC):
    """Turns examples into new examples.

    Subclasses declare a ``name``, a ``version`` and, for each operation they perform, what it does to the
    label (``label_effects``). ``generate`` must be row-pure: what it yields for one input depends only on
    that input and the generator's configuration, never on its neighbours, so results do not change with
    batch boundaries, row order or process count. Outputs come in input order.
    """

    name: ClassVar[str]
    version: ClassVar[str]
    label_effects: ClassVar[Mapping[str, LabelEffect]]

    def __init__(self, seed: int = 0):
        self.seed = seed

    @abstractmethod
    def generate(self, examples: Iterable[Example]) -> Iterator[Example]:
        """Yield the new examples made from ``examples``, in input order."""

    def rng(self, example: Example, *parts: object) -> random.Random:
        """The private random stream of ``example`` under this generator (from seed, name and idx)."""
        return derive_rng(self.seed, self.name, example.idx, *parts)

    def derive(
        self,
        parent: Example,
        operation: str,
        *,
        question: str | None = None,
        passage: str | None = None,
        label: bool | None = None,
        tag: str | None = None,
        **meta: Any,
    ) -> Example:
        """A child of ``parent`` made by ``operation``, its label computed from the operation's effect.

        ``label`` is used only by operations that set the label. The child's idx is
        ``<parent idx>/<name>.<tag or operation>``; ``meta`` gets the provenance.
        """
        effect = self.label_effects[operation]
        return Example(
            question=parent.question if question is None else question,
            passage=parent.passage if passage is None else passage,
            label=effect.apply(parent.label, label),
            idx=f"{parent.idx}/{self.name}.{tag or operation}",
            meta={
                "generator": self.name,
                "version": self.version,
                "operation": operation,
                "label_effect": effect.value,
                "parent_idx": parent.idx,
                "source_idx": parent.source_idx,
                "seed": self.seed,
                **meta,
            },
        )


G = TypeVar("G", bound=type[Generator])

# name -> "module:attribute" (imported on first use, so heavy generators cost nothing until asked for)
_REGISTRY: dict[str, str | type[Generator]] = {
    "rule_based": "augment.rules.generator:RuleBasedGenerator",
    "prompt_tuned": "augment.ptune.generator:PromptTunedGenerator",
}


def register(name: str) -> Callable[[G], G]:
    """Class decorator that makes a generator available by ``name`` to :func:`create` and the CLI."""

    def decorate(cls: G) -> G:
        _REGISTRY[name] = cls
        return cls

    return decorate


def generator_class(name: str) -> type[Generator]:
    """The generator class registered under ``name``."""
    try:
        entry = _REGISTRY[name]
    except KeyError:
        raise KeyError(f"no generator named {name!r}; available: {', '.join(available())}") from None
    if isinstance(entry, str):
        module, attribute = entry.split(":")
        entry = getattr(importlib.import_module(module), attribute)
        _REGISTRY[name] = entry
    return entry


def create(name: str, **options: Any) -> Generator:
    """An instance of the generator registered under ``name``."""
    return generator_class(name)(**options)


def available() -> list[str]:
    """The registered generator names, sorted."""
    return sorted(_REGISTRY)
