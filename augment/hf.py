"""Conversion between :class:`Example` streams and ``datasets.Dataset`` (needs the ``datasets`` extra).

In a Dataset, ``meta`` is a JSON string and ``idx`` is an int column when every idx is an int, else a string
column; reading back turns canonical integer strings ("17") into ints again.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any

from augment.example import Example
from augment.jsonl import idx_from_text, parse_label
from augment.optional import require


def _datasets() -> Any:
    return require("datasets", "datasets")


def features(idx_type: str = "string", **extra: str) -> Any:
    """The Arrow schema of example columns (plus ``extra`` name -> dtype columns)."""
    value = _datasets().Value
    columns = {"question": "string", "passage": "string", "label": "bool", "idx": idx_type, "meta": "string", **extra}
    return _datasets().Features({name: value(dtype) for name, dtype in columns.items()})


def _label(value: Any) -> bool | None:
    return None if value == -1 else parse_label(value)  # -1: the hub's "unknown" (test split)


def from_columns(batch: Mapping[str, Sequence[Any]]) -> list[Example]:
    """Examples from a column batch (what ``Dataset.map(batched=True)`` passes)."""
    size = len(batch["question"])
    labels = batch.get("label", [None] * size)
    metas = batch.get("meta", [None] * size)
    return [
        Example(
            question=batch["question"][i],
            passage=batch["passage"][i],
            label=_label(labels[i]),
            idx=idx_from_text(batch["idx"][i]),
            meta=json.loads(metas[i]) if isinstance(metas[i], str) and metas[i] else dict(metas[i] or {}),
        )
        for i in range(size)
    ]


def to_columns(examples: Sequence[Example], idx_as_text: bool = True) -> dict[str, list[Any]]:
    """A column batch of ``examples`` (idx as text unless ``idx_as_text`` is False)."""
    return {
        "question": [e.question for e in examples],
        "passage": [e.passage for e in examples],
        "label": [e.label for e in examples],
        "idx": [str(e.idx) if idx_as_text else e.idx for e in examples],
        "meta": [json.dumps(e.meta, ensure_ascii=False) for e in examples],
    }


def to_dataset(examples: Iterable[Example]) -> Any:
    """A ``datasets.Dataset`` with columns question, passage, label, idx, meta."""
    rows = list(examples)
    all_int = all(isinstance(e.idx, int) for e in rows)
    return _datasets().Dataset.from_dict(
        to_columns(rows, idx_as_text=not all_int), features=features("int64" if all_int else "string")
    )


def from_dataset(dataset: Any) -> Iterator[Example]:
    """Examples from a Dataset with at least question, passage and idx columns (label and meta optional)."""
    for start in range(0, len(dataset), 1000):
        yield from from_columns(dataset[start : start + 1000])
