"""Local, order-independent randomness: every draw derives from (seed, name, idx), never global state."""

from __future__ import annotations

import hashlib
import random


def derive_seed(seed: int, *parts: object) -> int:
    """A 63-bit seed that depends only on ``seed`` and ``parts`` (stable across processes and runs)."""
    if isinstance(seed, bool) or not isinstance(seed, int):
        raise TypeError(f"seed must be an integer, got {seed!r}")
    digest = hashlib.blake2b(repr((seed, *parts)).encode("utf-8"), digest_size=8).digest()
    return int.from_bytes(digest, "big") >> 1


def derive_rng(seed: int, *parts: object) -> random.Random:
    """A private :class:`random.Random` for ``(seed, *parts)``; seed 0 is as valid as any other."""
    return random.Random(derive_seed(seed, *parts))
