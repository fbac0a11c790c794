"""Filters over generated examples, and the duplicate keys composition uses."""

from __future__ import annotations

import hashlib
from abc import ABC, abstractmethod
from collections.abc import Sequence
from typing import Literal

from augment.example import Example
from augment.text import normalize_text

DedupeMode = Literal["exact", "normalized"]


def duplicate_key(example: Example, mode: DedupeMode = "normalized") -> bytes:
    """A compact key under which two examples with the same question and passage collide."""
    fold = normalize_text if mode == "normalized" else str.strip
    text = fold(example.question) + "\x00" + fold(example.passage)
    return hashlib.blake2b(text.encode("utf-8"), digest_size=16).digest()


class Filter(ABC):
    """A predicate over generated examples; ``select`` sees a batch so model-based filters can batch."""

    name: str = "filter"

    def select(self, examples: Sequence[Example]) -> list[bool]:
        """For each example, whether it is kept."""
        return [self.accepts(example) for example in examples]

    @abstractmethod
    def accepts(self, example: Example) -> bool:
        """Whether ``example`` is kept."""


class LengthFilter(Filter):
    """Keeps examples whose question length in characters lies in ``[min_chars, max_chars]``."""

    name = "length"

    def __init__(self, min_chars: int = 8, max_chars: int = 200):
        if not 0 <= min_chars <= max_chars:
            raise ValueError(f"need 0 <= min_chars <= max_chars, got {min_chars} and {max_chars}")
        self.min_chars, self.max_chars = min_chars, max_chars

    def accepts(self, example: Example) -> bool:
        return self.min_chars <= len(example.question) <= self.max_chars
