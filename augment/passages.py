"""Passages of raw text: read from .txt or .jsonl files, and capped in length around a sentence.

A paragraph can be as long as a book chapter; copying it into every question made from it grows the output
with the square of its length. :func:`capped_span` keeps the passage to ``max_chars`` characters.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Protocol

from augment.example import Example
from augment.jsonl import DataError, ErrorMode, FieldError, LineReader, check_idx, load_json_line

DEFAULT_MAX_PASSAGE_CHARS = 1500  # about DaNetQA's 99th percentile (1534); its median passage has 654


class PassageReader(LineReader):
    """The passages of a .txt file (one per non-empty line, idx = line number) or a .jsonl file (one per
    record: ``field``, else ``passage``, else ``text``; idx = the record's ``idx`` or its line number), as
    examples with an empty question; bad lines raise or are skipped as in :class:`augment.jsonl.LineReader`."""

    def __init__(self, path: str | Path, field: str | None = None, errors: ErrorMode = "raise"):
        super().__init__(path, errors)
        self.field = field
        self.jsonl = self.path.suffix.lower() in (".jsonl", ".json")

    def parse(self, line: str, number: int) -> Example:
        if not self.jsonl:
            return Example("", line.rstrip("\r\n"), None, number)
        record = load_json_line(line, self.path, number)
        if not isinstance(record, dict):
            raise DataError(self.path, number, None, f"not a JSON object: got {type(record).__name__}")
        key = self.field or ("passage" if "passage" in record else "text")
        text = record.get(key)
        if not isinstance(text, str):
            raise DataError(self.path, number, key, "missing" if text is None else
                            f"not a string: got {type(text).__name__}")
        try:
            return Example("", text, None, check_idx(record.get("idx", number)))
        except FieldError as error:
            raise DataError(self.path, number, error.field, error.problem) from None


def read_passages(path: str | Path, field: str | None = None, errors: ErrorMode = "raise") -> PassageReader:
    """The passages of ``path`` (see :class:`PassageReader`)."""
    path = Path(path)
    if not path.exists():
        raise FileNotFoundError(f"{path}: no such file")
    return PassageReader(path, field, errors)


class Span(Protocol):
    """A piece of the source text by character offsets (a sentence)."""

    start: int
    stop: int


def capped_span(sentences: Sequence[Span], index: int, start: int, stop: int, max_chars: int) -> tuple[int, int]:
    """``(start, stop)`` when it spans at most ``max_chars`` characters; else the widest run of whole
    ``sentences`` inside it around ``sentences[index]`` that fits, grown one sentence before (a pronoun's
    referent comes first), then one after, and so on; the sentence alone when even it is longer."""
    if stop - start <= max_chars:
        return start, stop
    first = last = index
    grown = True
    while grown:
        grown = False
        for lo, hi in ((first - 1, last), (first, last + 1)):
            if (lo >= 0 and hi < len(sentences) and sentences[lo].start >= start and sentences[hi].stop <= stop
                    and sentences[hi].stop - sentences[lo].start <= max_chars):
                first, last, grown = lo, hi, True
    return sentences[first].start, sentences[last].stop
