"""A corpus of any size, streamed: files (plain or gzip/bzip2/xz/zstandard-compressed text, JSON lines,
Parquet), folders and globs of shards, or a Hugging Face data set by name or local path.

Records are read one at a time, so memory does not grow with the corpus. Wikipedia dumps as wikiextractor
writes them (``AA/wiki_00``: JSON lines with ``id``, ``title``, ``url`` and ``text``) read as they are: the
article's ``id`` becomes the passage's idx and its ``title`` and ``url`` go to ``meta``.
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from typing import Any

from augment.corpus.files import expand_input
from augment.corpus.readers import hf_identity, hf_rows, read_file
from augment.example import Example, Idx
from augment.jsonl import CheckedReader, DataError, ErrorMode, FieldError, Located, canonical_int, check_idx, example_at

SOURCE_META = ("title", "url")  # fields of a passage record kept in the meta of what is made from it

Make = Callable[[Any, str, int, Idx], Example]  # (record, file, line, default idx) -> example, or a DataError


class Corpus:
    """The records of ``inputs`` (files, folders, globs; read in the order given, each folder or glob sorted)
    or of the Hugging Face data set ``hf_dataset`` (its ``split``).

    A record's idx is its ``idx`` field (a passage's: else its ``id``); without one, its line (row) number,
    prefixed with the file's path under the inputs' common folder when there are several files. Lines are read
    as :class:`~augment.jsonl.JsonlReader` reads them (UTF-8, a byte order mark dropped, compressed or not);
    invalid records raise a :class:`~augment.jsonl.DataError` naming the file and line, or with
    ``errors="skip"`` are counted by reason in :attr:`skipped`, and so are duplicate idx values.
    """

    def __init__(self, inputs: Sequence[str | os.PathLike[str]] = (), *, hf_dataset: str | None = None,
                 split: str = "train", errors: ErrorMode = "raise"):
        if bool(inputs) == bool(hf_dataset):
            raise ValueError("give input files or --hf-dataset, not both and not neither")
        if errors not in ("raise", "skip"):
            raise ValueError(f"errors must be 'raise' or 'skip', got {errors!r}")
        self.files = [path for spec in inputs for path in expand_input(spec)]
        self.name = f"{hf_dataset}[{split}]" if hf_dataset else ", ".join(str(spec) for spec in inputs)
        self.hf_dataset, self.split, self.errors = hf_dataset, split, errors
        self.skipped: Counter[str] = Counter()
        root = os.path.commonpath([str(p.parent) for p in self.files]) if len(self.files) > 1 else None
        self._names = [str(p.relative_to(root)) if root else None for p in self.files]

    def identity(self) -> list[dict[str, Any]]:
        """What a resumed run checks has not changed: each file's path, size and modification time."""
        if self.hf_dataset:
            return [hf_identity(self.hf_dataset, self.split)]
        return [{"path": str(p.resolve()), "size": found.st_size, "mtime_ns": found.st_mtime_ns}
                for p in self.files for found in [p.stat()]]

    def rows(self) -> Iterator[tuple[str, int, Idx, Any]]:
        """(file, line, default idx, record or the DataError its line gave) of every record."""
        if self.hf_dataset:
            for number, record in hf_rows(self.hf_dataset, self.split):
                yield self.name, number, number, record
            return
        for path, name in zip(self.files, self._names):
            for number, record in read_file(path):
                yield str(path), number, number if name is None else f"{name}:{number}", record

    def passages(self, field: str | None = None) -> CorpusReader:
        """The passages (examples with an empty question): each record's ``field``, else ``passage``, else
        ``text``; its ``title`` and ``url`` in meta."""
        return CorpusReader(self, lambda record, path, number, default: _passage(record, path, number, default,
                                                                                 field))

    def examples(self) -> CorpusReader:
        """The records as DaNetQA examples (validated as :func:`~augment.jsonl.read_jsonl` validates them)."""
        return CorpusReader(self, lambda record, path, number, default: example_at(record, path, number, default))

    def report(self) -> str:
        """One line per skip reason, or an empty string when nothing was skipped."""
        return "\n".join(f"skipped {count} line(s) of {self.name}: {reason}"
                         for reason, count in self.skipped.most_common())


class CorpusReader(CheckedReader):
    """The examples ``make`` builds from the records of a corpus, checked as :class:`~augment.jsonl.CheckedReader`
    checks them; its skip counts are the corpus's :attr:`Corpus.skipped`."""

    def __init__(self, corpus: Corpus, make: Make):
        super().__init__(corpus.name, corpus.errors)
        self.skipped = corpus.skipped
        self.corpus, self.make = corpus, make

    def located(self) -> Iterator[Located]:
        for path, number, default, record in self.corpus.rows():
            try:
                yield path, number, record if isinstance(record, DataError) else self.make(record, path, number,
                                                                                             default)
            except DataError as error:
                yield path, number, error


def _passage(record: Any, path: str, number: int, default: Idx, field: str | None) -> Example:
    if not isinstance(record, dict):
        raise DataError(path, number, None, f"not a JSON object: got {type(record).__name__}")
    key = field or ("passage" if "passage" in record else "text")
    text = record.get(key)
    if not isinstance(text, str):
        raise DataError(path, number, key, "missing" if text is None else f"not a string: got {type(text).__name__}")
    meta = {name: record[name] for name in SOURCE_META if isinstance(record.get(name), str)}
    return Example("", text, None, _passage_idx(record, path, number, default), meta)


def _passage_idx(record: dict[str, Any], path: str, number: int, default: Idx) -> Idx:
    """The record's ``idx`` (which must be valid), else its ``id`` when usable (wikiextractor writes numbers as
    strings: read back as numbers), else ``default``."""
    if "idx" in record:
        try:
            return check_idx(record["idx"])
        except FieldError as error:
            raise DataError(path, number, error.field, error.problem) from None
    value = record.get("id")
    if isinstance(value, str) and (number := canonical_int(value)) is not None:
        return number
    return value if isinstance(value, int | str) and not isinstance(value, bool) and value != "" else default
