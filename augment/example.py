"""The one record type that flows through the library."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from typing import Any

Idx = int | str


class LabelEffect(enum.Enum):
    """What an operation does to the label of the example it starts from."""

    KEEP = "keep"
    FLIP = "flip"
    SET = "set"

    def apply(self, label: bool | None, new: bool | None = None) -> bool | None:
        """The label of a derived example: kept, flipped (None stays None) or set to ``new``."""
        if self is LabelEffect.KEEP:
            return label
        if self is LabelEffect.FLIP:
            return None if label is None else not label
        return new


@dataclass(slots=True)
class Example:
    """A (question, passage, label) triple with its id and provenance.

    ``label`` is True for "yes", False for "no" and None when unknown (the official test split).
    ``meta`` records where a generated example came from: generator name and version, operation,
    parent and source idx, seed, scores.
    """

    question: str
    passage: str
    label: bool | None = None
    idx: Idx | None = None
    meta: dict[str, Any] = field(default_factory=dict)

    @property
    def source_idx(self) -> Idx | None:
        """The idx of the input example this one descends from (itself for an original)."""
        return self.meta.get("source_idx", self.idx)

    def to_record(self) -> dict[str, Any]:
        """The DaNetQA JSON record; ``label`` is omitted when unknown, ``meta`` when empty."""
        record: dict[str, Any] = {"question": self.question, "passage": self.passage}
        if self.label is not None:
            record["label"] = self.label
        record["idx"] = self.idx
        if self.meta:
            record["meta"] = self.meta
        return record
