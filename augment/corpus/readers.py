"""Records of one file or data set, streamed: text lines, JSON lines, Parquet rows, Hugging Face rows.

Each reader yields ``(line, record)``: the 1-based line or row number and the record (a text line becomes
``{"text": line}``), or the :class:`~augment.jsonl.DataError` naming the line when it cannot be read (not UTF-8,
broken JSON), so that a caller can raise it or skip it. Text is read as :func:`augment.jsonl.read_lines` reads
it, compressed or not. A compressed file that cannot be decompressed raises a DataError naming the line reached.
"""

from __future__ import annotations

import json
import lzma
import zlib
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from augment.corpus.files import base_suffix, open_binary
from augment.jsonl import UTF8_BOM, DataError, load_json_line, read_lines
from augment.optional import require

Row = tuple[int, Any]
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
    try:
        with open_binary(path) as handle:
            return handle.read(64).removeprefix(UTF8_BOM).lstrip().startswith(b"{")
    except Exception as error:
        raise _decompress_error(path, 1, error) from None


def _decompress_error(path: Path, line: int, error: Exception) -> Exception:
    """Corrupt or truncated compressed data as a DataError naming the line reached (the rest of the file cannot be
    read, so it is raised whatever the error mode); any other error as it is."""
    if isinstance(error, DataError | FileNotFoundError | PermissionError | IsADirectoryError):
        return error
    if not isinstance(error, EOFError | OSError | zlib.error | lzma.LZMAError) and type(error).__name__ != "ZstdError":
        return error
    return DataError(path, line, None, f"cannot decompress: {error}")


def _lines(path: Path, parse: Callable[[str, int], Any]) -> Iterator[Row]:
    reached = 0
    try:
        for _, reached, item in read_lines(str(path), parse, lambda name: open_binary(Path(name))):
            yield reached, item
    except Exception as error:
        raise _decompress_error(path, reached + 1, error) from None


def _text_rows(path: Path) -> Iterator[Row]:
    return _lines(path, lambda line, number: {"text": line.rstrip("\r\n")})


def _json_rows(path: Path) -> Iterator[Row]:
    return _lines(path, lambda line, number: load_json_line(line, path, number))


def table_record(record: dict[str, Any]) -> dict[str, Any]:
    """A row of a table (Parquet, a Hugging Face data set) as a JSON record: ``meta`` held as JSON text decoded,
    the hub's ``-1`` label (unknown, the test split) as null."""
    if isinstance(record.get("meta"), str):
        record = {**record, "meta": json.loads(record["meta"]) if record["meta"] else {}}
    if record.get("label") == -1 and not isinstance(record.get("label"), bool):
        record = {**record, "label": None}
    return record


def _parquet_rows(path: Path) -> Iterator[Row]:
    parquet = require("pyarrow.parquet", "scale")
    with open_binary(path) as handle:
        number = 0
        for batch in parquet.ParquetFile(handle).iter_batches(batch_size=PARQUET_BATCH):
            for record in batch.to_pylist():
                number += 1
                yield number, table_record(record)


def hf_rows(name: str, split: str) -> Iterator[Row]:
    """The rows of a Hugging Face data set: a folder saved with ``save_to_disk`` (memory-mapped), else a hub
    name streamed (``streaming=True``), so that memory does not grow with its size."""
    if Path(name).exists():
        dataset = _load_local(name, split)
    else:
        dataset = require("datasets", "datasets").load_dataset(name, split=split, streaming=True)
    for number, record in enumerate(dataset, 1):
        yield number, table_record(record)


def hf_identity(name: str, split: str) -> dict[str, Any]:
    """What identifies a Hugging Face input in a run's manifest (a local copy's fingerprint, else its name)."""
    identity: dict[str, Any] = {"hf_dataset": name, "split": split}
    if Path(name).exists():
        identity["fingerprint"] = _load_local(name, split)._fingerprint
    return identity


def _load_local(name: str, split: str) -> Any:
    """The ``split`` of a data set saved with ``save_to_disk`` in the folder ``name`` (memory-mapped)."""
    datasets = require("datasets", "datasets")
    dataset = datasets.load_from_disk(name)
    return dataset[split] if isinstance(dataset, datasets.DatasetDict) else dataset
