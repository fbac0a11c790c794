"""Adding up the counters of work done in pieces (summary statistics of shards)."""

from __future__ import annotations

import copy
from collections import Counter
from typing import Any, TypeVar

T = TypeVar("T")


def merge_stats(total: T, part: T) -> T:
    """The counts of ``total`` and ``part`` added up, neither changed: Counters and numbers add, dicts
    merge key by key, sets unite, objects (dataclasses, plain classes) merge attribute by attribute."""
    if isinstance(total, Counter):
        merged: Counter = Counter(total)
        merged.update(part)
        return merged  # type: ignore[return-value]
    if isinstance(total, bool) or total is None:
        if total != part:
            raise ValueError(f"cannot merge differing flags {total!r} and {part!r}")
        return total
    if isinstance(total, int | float):
        return total + part  # type: ignore[operator, return-value]
    if isinstance(total, set):
        return total | part  # type: ignore[operator, return-value]
    if isinstance(total, dict):
        keys = list(total) + [key for key in part if key not in total]  # type: ignore[attr-defined]
        return type(total)((key, merge_stats(total[key], part[key]) if key in total and key in part  # type: ignore
                            else copy.deepcopy(total.get(key, part.get(key)))) for key in keys)  # type: ignore
    if hasattr(total, "__dict__") and type(total) is type(part):
        merged_object = copy.copy(total)
        for name, value in vars(total).items():
            setattr(merged_object, name, merge_stats(value, getattr(part, name)))
        return merged_object
    raise TypeError(f"cannot merge statistics of type {type(total).__name__}")


def merge_all(parts: list[Any]) -> Any:
    """All ``parts`` merged (see :func:`merge_stats`), in order; None for none."""
    if not parts:
        return None
    merged = parts[0]
    for part in parts[1:]:
        merged = merge_stats(merged, part)
    return merged
