"""The one record type that flows through the library."""

from __future__ import annotations

import enum
import json
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

Idx = int | str
_IDX = (int, str)


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
    parent and source idx, seed, scores. Field types are checked (a TypeError names the field); records with
    other spellings of the label go through :func:`as_example`.
    """

    question: str
    passage: str
    label: bool | None = None
    idx: Idx | None = None
    meta: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if (type(self.question) is str and type(self.passage) is str and type(self.meta) is dict  # the usual case
                and (self.label is None or type(self.label) is bool) and (self.idx is None or type(self.idx) in _IDX)):
            return
        for name in ("question", "passage"):
            if not isinstance(getattr(self, name), str):
                raise TypeError(f"Example.{name} must be a string, got {type(getattr(self, name)).__name__}")
        if self.label is not None and not isinstance(self.label, bool):
            raise TypeError(f"Example.label must be True, False or None, got {self.label!r} "
                            "(read records with as_example or read_jsonl to parse 'true'/'false'/0/1)")
        if self.idx is not None and (isinstance(self.idx, bool) or not isinstance(self.idx, int | str)):
            raise TypeError(f"Example.idx must be an integer, a string or None, got {self.idx!r}")
        if not isinstance(self.meta, dict):
            raise TypeError(f"Example.meta must be a dict, got {type(self.meta).__name__}")

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


def as_example(item: object) -> Example:
    """``item`` as an :class:`Example`: an Example as is, or a mapping with its fields (a JSONL record, a row
    of a ``datasets.Dataset``), validated as :func:`augment.jsonl.read_jsonl` validates a line.

    A mapping's label may be a boolean, "true"/"false", 0/1, or -1/None for unknown; ``meta`` may be a dict or
    its JSON text; a missing ``idx`` stays None. Raises ValueError for an invalid field, TypeError for anything
    that is neither an Example nor a mapping.
    """
    if isinstance(item, Example):
        return item
    if not isinstance(item, Mapping):
        raise TypeError(f"expected an Example or a mapping with 'question' and 'passage', got {type(item).__name__}")
    from augment.jsonl import FieldError, example_from_record

    record = dict(item)
    if record.get("label") == -1 and not isinstance(record.get("label"), bool):
        record["label"] = None  # the hub's "unknown" (test split)
    if isinstance(record.get("meta"), str):
        record["meta"] = json.loads(record["meta"]) if record["meta"] else {}
    elif record.get("meta") is None:
        record.pop("meta", None)
    idx = record.get("idx")
    if idx is None:
        record["idx"] = 0
    try:
        example = example_from_record(record)
    except FieldError as error:
        where = f"field '{error.field}': " if error.field else ""
        raise ValueError(f"invalid example {where}{error.problem}") from None
    if idx is None:
        example.idx = None
    return example


def as_examples(items: Iterable[object]) -> Iterator[Example]:
    """Each item through :func:`as_example` (lazily)."""
    return map(as_example, items)
