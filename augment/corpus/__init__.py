"""A corpus of any size, streamed: files (plain or gzip/bzip2/xz/zstandard-compressed text, JSON lines,
Parquet), folders and globs of shards, or a Hugging Face data set by name or local path.

Records are read one at a time, so memory does not grow with the corpus. Wikipedia dumps as wikiextractor
writes them (``AA/wiki_00``: JSON lines with ``id``, ``title``, ``url`` and ``text``) read as they are: the
article's ``id`` becomes the passage's idx and its ``title`` and ``url`` go to ``meta``.
"""

from __future__ import annotations

import json
import os
from collections import Counter
from collections.abc import Iterator, Sequence
from typing import Any

from augment.corpus.files import expand_input
from augment.corpus.readers import hf_identity, hf_rows, read_file
from augment.example import Example, Idx
from augment.jsonl import DataError, ErrorMode, _FieldError, _SeenIdx, example_from_record

SOURCE_META = ("title", "url")  # fields of a passage record kept in the meta of what is made from it


class Corpus:
    """The records of ``inputs`` (files, folders, globs; read in the order given, each folder or glob sorted)
    or of the Hugging Face data set ``hf_dataset`` (its ``split``).

    A record's idx is its ``idx`` (or ``id``) field; without one, its line (row) number, prefixed with the
    file's path under the inputs' common folder when there are several files. With ``errors="skip"``,
    invalid examples are counted by reason in :attr:`skipped` (see :meth:`examples`).
    """

    def __init__(self, inputs: Sequence[str | os.PathLike[str]] = (), *, hf_dataset: str | None = None,
                 split: str = "train", errors: ErrorMode = "raise"):
        if bool(inputs) == bool(hf_dataset):
            raise ValueError("give input files or --hf-dataset, not both and not neither")
        self.files = [path for spec in inputs for path in expand_input(spec)]
        self.hf_dataset, self.split, self.errors = hf_dataset, split, errors
        self.skipped: Counter[str] = Counter()
        root = os.path.commonpath([str(p.parent) for p in self.files]) if len(self.files) > 1 else None
        self._names = [str(p.relative_to(root)) if root else None for p in self.files]

    def identity(self) -> list[dict[str, Any]]:
        """What a resumed run checks has not changed: each file's path, size and modification time."""
        if self.hf_dataset:
            return [hf_identity(self.hf_dataset, self.split)]
        return [{"path": str(p.resolve()), "size": p.stat().st_size, "mtime_ns": p.stat().st_mtime_ns}
                for p in self.files]

    def rows(self) -> Iterator[tuple[str, Idx, dict[str, Any]]]:
        """(where, default idx, record) of every record: ``where`` is ``file:line`` for error messages."""
        if self.hf_dataset:
            for number, record in hf_rows(self.hf_dataset, self.split):
                yield f"{self.hf_dataset}[{self.split}]:{number}", number, record
            return
        for path, name in zip(self.files, self._names):
            for number, record in read_file(path):
                yield f"{path}:{number}", number if name is None else f"{name}:{number}", record

    def passages(self, field: str | None = None) -> Iterator[Example]:
        """The passages: each record's ``field``, else ``passage``, else ``text``; ``title`` and ``url`` in meta."""
        for where, default, record in self.rows():
            key = field or ("passage" if "passage" in record else "text")
            text = record.get(key)
            if not isinstance(text, str):
                raise _error(where, key, "missing" if text is None else "not a string")
            meta = {name: record[name] for name in SOURCE_META if isinstance(record.get(name), str)}
            yield Example("", text, None, _record_idx(record, default), meta)

    def examples(self) -> Iterator[Example]:
        """The records as DaNetQA examples (validated, idx unique; invalid ones raise or are counted, see the
        class)."""
        self.skipped.clear()
        seen = _SeenIdx()
        for where, default, record in self.rows():
            if isinstance(record.get("meta"), str):  # a Dataset column holds meta as JSON
                record = {**record, "meta": json.loads(record["meta"])}
            if record.get("label") == -1:  # the hub's "unknown" (test split)
                record = {**record, "label": None}
            try:
                example = example_from_record(record, default_idx=default)
                if not seen.add(example.idx):
                    raise _FieldError("idx", f"duplicate: {example.idx!r}")
                yield example
            except ValueError as error:
                problem = _error(where, getattr(error, "field", None), getattr(error, "problem", str(error)))
                if self.errors == "raise":
                    raise problem from None
                self.skipped[problem.reason] += 1

    def report(self) -> str:
        """One line per skip reason, or an empty string when nothing was skipped."""
        return "\n".join(f"skipped {count} record(s): {reason}" for reason, count in self.skipped.most_common())


def _record_idx(record: dict[str, Any], default: Idx) -> Idx:
    value = record.get("idx", record.get("id"))
    if isinstance(value, str) and value.isdigit() and str(int(value)) == value:
        return int(value)  # wikiextractor writes ids as strings
    return value if isinstance(value, int | str) and not isinstance(value, bool) and value != "" else default


def _error(where: str, field: str | None, problem: str) -> DataError:
    path, _, line = where.rpartition(":")
    return DataError(path, int(line), field, problem)
