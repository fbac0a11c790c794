"""Records of one file or data set, streamed: text lines, JSON lines, Parquet rows, Hugging Face rows.

Each reader yields ``(line, record)``: the 1-based line or row number and a dict (a text line becomes
``{"text": line}``). Broken JSON raises :class:`~augment.jsonl.DataError` naming the file and line.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from augment.corpus.files import base_suffix, open_binary, open_text
from augment.jsonl import DataError
from augment.optional import require

Row = tuple[int, dict[str, Any]]
PARQUET_BATCH = 1024


def read_file(path: Path) -> Iterator[Row]:
    """The records of ``path`` by its format: ``.parquet``; ``.jsonl``/``.json``; ``.txt``; any other name
    (wikiextractor writes ``AA/wiki_00``) is JSON lines when its first character is ``{``, else text."""
    suffix = base_suffix(path)
    if suffix == ".parquet":
        return _parquet_rows(path)
    if suffix in (".jsonl", ".json") or (suffix != ".txt" and _starts_with_brace(path)):
        return _json_rows(path)
    return _text_rows(path)


def _starts_with_brace(path: Path) -> bool:
    with open_text(path) as handle:
        return handle.read(64).lstrip().startswith("{")


def _text_rows(path: Path) -> Iterator[Row]:
    with open_text(path) as handle:
        for number, line in enumerate(handle, 1):
            if line.strip():
                yield number, {"text": line.rstrip("\n")}


def _json_rows(path: Path) -> Iterator[Row]:
    with open_text(path) as handle:
        for number, line in enumerate(handle, 1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as error:
                raise DataError(path, number, None, f"broken JSON: {error.msg} at column {error.colno}") from None
            yield number, record if isinstance(record, dict) else {"": record}


def _parquet_rows(path: Path) -> Iterator[Row]:
    parquet = require("pyarrow.parquet", "scale")
    with open_binary(path) as handle:
        number = 0
        for batch in parquet.ParquetFile(handle).iter_batches(batch_size=PARQUET_BATCH):
            for record in batch.to_pylist():
                number += 1
                yield number, record


def hf_rows(name: str, split: str) -> Iterator[Row]:
    """The rows of a Hugging Face data set: a folder saved with ``save_to_disk`` (memory-mapped), else a hub
    name streamed (``streaming=True``), so that memory does not grow with its size."""
    datasets = require("datasets", "datasets")
    if Path(name).exists():
        dataset = datasets.load_from_disk(name)
        if isinstance(dataset, datasets.DatasetDict):
            dataset = dataset[split]
    else:
        dataset = datasets.load_dataset(name, split=split, streaming=True)
    yield from enumerate(dataset, 1)


def hf_identity(name: str, split: str) -> dict[str, Any]:
    """What identifies a Hugging Face input in a run's manifest (a local copy's fingerprint, else its name)."""
    identity: dict[str, Any] = {"hf_dataset": name, "split": split}
    if Path(name).exists():
        datasets = require("datasets", "datasets")
        dataset = datasets.load_from_disk(name)
        if isinstance(dataset, datasets.DatasetDict):
            dataset = dataset[split]
        identity["fingerprint"] = dataset._fingerprint
    return identity
